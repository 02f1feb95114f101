"""Widgets of normal size in real JupyterLab: every dropdown one line high.

The stacked layout (label above the control) once turned the dropdowns' width
basis into a height, about 150 px with the text floating in the middle. The
follow-up plan has two dropdowns; the contacts notebook has one per card.
"""

from __future__ import annotations

import pytest
from lab_support import lab_page, run_all, running_lab

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with running_lab(tmp_path_factory.mktemp("lab")) as running:
        yield running


@pytest.mark.parametrize("notebook", ["04-follow-up-plan.ipynb", "02-everyone-you-met.ipynb"])
def test_every_dropdown_is_one_line_high(lab, notebook):
    base, home = lab
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p, lab_page(p) as page:
        # Each notebook in its own workspace, so the lab does not restore the other's tab.
        run_all(page, base, notebook, ".ck-exercise .widget-dropdown select", home.parent,
                workspace=notebook[:2])  # fmt: skip
        dropdowns = page.locator(".ck-exercise .widget-dropdown select")
        # One line of text: the height of the same notebook's one-line text boxes.
        line = page.locator(".ck-exercise input[type='text']").first
        line.wait_for()
        one_line = line.bounding_box()["height"]
        heights = [dropdowns.nth(i).bounding_box()["height"] for i in range(dropdowns.count())]
        assert heights, "no dropdown drawn"
        assert all(h <= 1.5 * one_line for h in heights), (heights, one_line)
