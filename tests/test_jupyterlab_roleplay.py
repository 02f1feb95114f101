"""The role-play in real JupyterLab: a close, a reload that resumes it, an ending, its debrief.

The reported defects: a half-finished role-play was lost when the notebook
was run again, although the notebook says that what was saved comes back,
and a finished one was not shown again. Here a learner types a close into
``09-final-five-minutes-role-play``, reloads the page and runs the notebook
again, finds the conversation where it stopped, plays it to an ending, and
after another reload finds that conversation with its debrief and nothing
left to type into. Every wait is for a state (a text on the page, the
workbook file's content), never for a moment.
"""

from __future__ import annotations

import pytest
from lab_support import CLOSE, lab_page, run_all, running_lab
from tests_support import wait_for_file

from closing_kit.workbook import save_workbook
from closing_kit.workbook.model import example_workbook

pytestmark = pytest.mark.browser

NOTEBOOK = "09-final-five-minutes-role-play.ipynb"


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with running_lab(tmp_path_factory.mktemp("lab")) as (base, home):
        workbook = example_workbook()
        workbook["practice"]["roleplay"] = {"seed": 1, "runs": []}
        home.mkdir(parents=True, exist_ok=True)
        save_workbook(home / "my-interview.json", workbook)
        yield base, home


def _roleplay(wb: dict) -> dict:
    return wb["practice"]["roleplay"]


def _open(page, base: str, shots) -> None:
    run_all(page, base, NOTEBOOK, ".ck-exercise .widget-button", shots, "roleplay")


def test_a_role_play_resumes_after_a_reload_and_shows_its_debrief_once_finished(lab):
    base, home = lab
    from playwright.sync_api import sync_playwright

    workbook = home / "my-interview.json"
    with sync_playwright() as p, lab_page(p) as page:
        _open(page, base, home.parent)
        page.get_by_role("textbox", name="Your words").fill(CLOSE)
        page.get_by_role("button", name="Say it").click()
        saved = wait_for_file(
            workbook, lambda wb: [line["who"] for line in _roleplay(wb)["current"]["lines"]]
            == ["Interviewer", "You", "Interviewer"],
        )  # fmt: skip
        reaction = saved["practice"]["roleplay"]["current"]["lines"][2]["text"]
        page.get_by_text(reaction).wait_for(timeout=30_000)

        # The learner comes back later: the page reloads and the notebook runs again.
        page.reload()
        _open(page, base, home.parent)
        page.get_by_text(CLOSE).wait_for(timeout=30_000)
        page.get_by_text(reaction).wait_for(timeout=30_000)
        page.get_by_text("Step 2.").wait_for(timeout=30_000)

        # On to an ending: a suggested move each step, until the interviewer says goodbye.
        for _turn in range(4):
            done = wait_for_file(workbook, lambda wb: wb)
            if _roleplay(done)["runs"]:
                break
            said = len(_roleplay(done)["current"]["lines"])
            page.get_by_role("radio").first.check()
            page.get_by_role("button", name="Say it").click()
            wait_for_file(
                workbook,
                lambda wb, said=said: (
                    _roleplay(wb)["runs"] or len(_roleplay(wb)["current"]["lines"]) > said
                ),
            )
        finished = wait_for_file(workbook, lambda wb: len(_roleplay(wb)["runs"]) == 1)
        assert "current" not in _roleplay(finished), "a finished role-play is not left open"
        run = _roleplay(finished)["runs"][0]
        assert run["lines"][1]["text"] == CLOSE and len(run["steps"]) >= 2
        page.get_by_role("button", name="Practice again").wait_for(timeout=30_000)

        # Reopened after the end: the same conversation, its debrief, no box to type into.
        page.reload()
        _open(page, base, home.parent)
        page.get_by_role("button", name="Practice again").wait_for(timeout=30_000)
        page.get_by_text(run["lines"][-1]["text"]).wait_for(timeout=30_000)
        for step in run["steps"]:
            page.locator(".ck-exercise").get_by_text(step["label"]).first.wait_for(timeout=30_000)
        assert not page.get_by_role("textbox", name="Your words").is_visible()
        assert not page.get_by_role("button", name="Say it").is_visible()
