"""The learner's path in real JupyterLab: open the drafter, run it, type, find the work saved.

Starts JupyterLab on 127.0.0.1 with the notebooks copied to a temporary
folder, drives it with Debian's headless Chromium, and waits for each state it
asserts (a text on the page, a value in the workbook file), never for a moment.
"""

from __future__ import annotations

import pytest
from lab_support import CLOSE, lab_page, run_all, running_lab
from tests_support import wait_for_file

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with running_lab(tmp_path_factory.mktemp("lab")) as running:
        yield running


def test_learner_drafts_a_close_in_jupyterlab_and_it_is_saved(lab):
    base, home = lab
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, lab_page(p) as page:
        run_all(
            page, base, "05-closing-question-drafter.ipynb", ".ck-exercise textarea", home.parent
        )
        close = page.get_by_role("textbox", name="Your close")
        close.fill(CLOSE)
        page.wait_for_selector("text=100/100, Strong", timeout=30_000)
        workbook = home / "my-interview.json"
        wait_for_file(workbook, lambda wb: wb["practice"]["closing"]["draft"] == CLOSE)
        page.get_by_role("button", name="Save this version").click()
        page.wait_for_selector("text=Kept as version 1", timeout=30_000)
        saved = wait_for_file(workbook, lambda wb: len(wb["practice"]["closing"]["versions"]) == 1)
        assert saved["practice"]["closing"]["versions"][0]["text"] == CLOSE
