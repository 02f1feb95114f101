"""The letters in real JupyterLab: sign them, answer the concern, save them as .docx and .txt.

The reported defect: in ``08-thank-you-letters`` there was no "Your name" box
and no box for answering the interviewer's concern, and the letters went out
unsigned. This test opens the notebook as a learner would, on a workbook
whose name is still empty, and finds the typed name in both files.
Every wait is for a state (a text on the page, a value or a file on disk).
"""

from __future__ import annotations

import io
import time
import urllib.error
import urllib.request
from pathlib import Path

import docx
import pytest
from lab_support import lab_page, run_all, running_lab
from tests_support import wait_for_file

from closing_kit.workbook import save_workbook
from closing_kit.workbook.model import example_workbook

pytestmark = pytest.mark.browser

NAME = "Priya Natarajan"
ANSWER = "I ran the quarterly reviews for a hospital group with 40 sites for two years."
NOTEBOOK = "08-thank-you-letters.ipynb"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with running_lab(tmp_path_factory.mktemp("lab")) as (base, home):
        workbook = example_workbook()
        workbook["letters"]["your_name"] = ""
        workbook["letters"]["per_person"] = {}
        home.mkdir(parents=True, exist_ok=True)
        save_workbook(home / "my-interview.json", workbook)
        yield base, home


def _wait_for_bytes(path: Path, timeout: float = 90.0) -> bytes:
    """The file's bytes once it exists and is not empty (it is written while we wait).

    The deadline is generous: with two test suites sharing two cores, the kernel
    once took over 30 s to write the .txt letters after the click.
    """
    deadline = time.monotonic() + timeout
    while True:
        if path.exists() and path.stat().st_size:
            return path.read_bytes()
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} was not written within {timeout:g} s")
        time.sleep(0.1)


def _forget_open_tabs(base: str) -> None:
    """Start the next page with only its own notebook open (JupyterLab restores the last tabs)."""
    request = urllib.request.Request(f"{base}/lab/api/workspaces/default", method="DELETE")
    try:
        urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as err:
        if err.code != 404:  # no workspace saved yet
            raise


def _cut_labels(page) -> list[str]:
    """Labels, buttons and dropdowns in the exercise whose text does not fit their box."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
            '.ck-exercise .widget-label, .ck-exercise button, .ck-exercise select,'
            + ' .ck-exercise .widget-checkbox label')]
          .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
          .map(e => (e.innerText || e.value || '').trim())"""
    )


def test_learner_signs_the_letters_and_saves_them_as_docx_and_txt(lab):
    base, home = lab
    from playwright.sync_api import sync_playwright

    _forget_open_tabs(base)
    with sync_playwright() as p, lab_page(p) as page:
        run_all(page, base, NOTEBOOK, ".ck-exercise textarea", home.parent)
        page.wait_for_selector("text=Add your name, so the letters are signed.", timeout=30_000)
        files = page.get_by_role("button", name="Save the letters as files")
        files.click()
        page.wait_for_selector("text=Add your name first", timeout=30_000)
        assert not (home / "my-interview-letters").exists()

        page.get_by_role("textbox", name="Your name").fill(NAME)
        page.get_by_role("textbox", name="Your answer to their concern").fill(ANSWER)
        wait_for_file(
            home / "my-interview.json",
            lambda wb: (
                wb["letters"]["your_name"] == NAME
                and wb["letters"]["per_person"].get("p1", {}).get("evidence") == ANSWER
            ),
        )
        assert _cut_labels(page) == []

        save_as = page.get_by_role("combobox", name="Save as")
        save_as.select_option(label="Word (.docx)")
        files.click()
        folder = home / "my-interview-letters"
        word = docx.Document(io.BytesIO(_wait_for_bytes(folder / "01-anna-brandt.docx")))
        text = "\n".join(paragraph.text for paragraph in word.paragraphs)
        assert NAME in text and ANSWER in text

        save_as.select_option(label="Plain-text email (.txt)")
        files.click()
        plain = _wait_for_bytes(folder / "01-anna-brandt.txt").decode("utf-8")
        assert plain.rstrip().endswith(NAME) and ANSWER in plain
        sam = _wait_for_bytes(folder / "02-sam-ito.txt").decode("utf-8")
        assert sam.rstrip().endswith(NAME)


@pytest.mark.parametrize(
    "notebook",
    [
        "02-everyone-you-met.ipynb",
        "03-next-steps.ipynb",
        "04-follow-up-plan.ipynb",
        "08-memory-dump.ipynb",
        NOTEBOOK,
        "05-closing-question-drafter.ipynb",
        "06-reservation-drill.ipynb",
        "07-noncommittal-drill.ipynb",
        "09-final-five-minutes-checklist.ipynb",
        "09-final-five-minutes-role-play.ipynb",
    ],
)
def test_no_label_is_cut_at_the_default_width_or_on_a_phone_sized_screen(lab, notebook):
    """Every label, button and choice of every exercise shows whole, wide or at 390 px.

    The notebook is run at the default size (JupyterLab hides its toolbar on a
    phone-sized window), then the file browser is closed and the window narrowed.
    """
    base, home = lab
    from playwright.sync_api import sync_playwright

    _forget_open_tabs(base)
    with sync_playwright() as p, lab_page(p) as page:
        run_all(page, base, notebook, ".ck-exercise .widget-button", home.parent)
        page.locator(".ck-exercise").first.wait_for(timeout=30_000)
        assert _cut_labels(page) == []
        # Close the file browser, as anyone on a small screen would, then narrow the window.
        tab = ".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current"
        page.locator(tab).click()
        page.wait_for_selector(tab, state="detached")
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_function(
            """() => {
                const width = document.querySelector('.ck-exercise').getBoundingClientRect().width;
                return width > 200 && width <= 390;
            }""",
            timeout=30_000,
        )
        assert _cut_labels(page) == []
