"""Notebooks 03 and 04 in sequence, in real JupyterLab: one workbook, read by both.

The reported defect: a learner ticked "would it be all right if I gave you a
call?" in notebook 03, and notebook 04's plan still said "next time, ask before
you leave". Here the learner ticks it and notes how to follow up in 03; then 04,
opened afterwards in its own kernel, must build its plan on that. Every wait is
for a state (the workbook file, a text on the page), never for a moment.
"""

from __future__ import annotations

import pytest
from lab_support import lab_page, run_all, running_lab
from tests_support import wait_for_file

from closing_kit.workbook import save_workbook
from closing_kit.workbook.model import new_workbook

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with running_lab(tmp_path_factory.mktemp("lab")) as (base, home):
        home.mkdir(parents=True, exist_ok=True)
        save_workbook(
            home / "my-interview.json", new_workbook("Brightline", "supervisor", "2026-03-06")
        )
        yield base, home


def test_what_notebook_03_records_reaches_the_plan_in_notebook_04(lab):
    base, home = lab
    from playwright.sync_api import expect, sync_playwright

    workbook = home / "my-interview.json"
    with sync_playwright() as p, lab_page(p) as steps, lab_page(p) as plan:
        run_all(steps, base, "03-next-steps.ipynb", ".ck-exercise input[type=checkbox]",
                home.parent, "steps")  # fmt: skip
        steps.get_by_role("checkbox", name="would it be all right if I gave you a call?").check()
        steps.get_by_role("textbox", name="How to follow up").fill("an email to Hannah is fine")
        wait_for_file(
            workbook,
            lambda wb: (
                "permission" in wb["next_steps"]["asked"]
                and wb["next_steps"]["how"] == "an email to Hannah is fine"
            ),
        )
        run_all(plan, base, "04-follow-up-plan.ipynb", ".ck-exercise", home.parent, "plan")
        expect(plan.get_by_text("You asked whether you could get in touch").first).to_be_visible(
            timeout=60_000
        )
        assert plan.get_by_text("next time, ask before you leave").count() == 0
