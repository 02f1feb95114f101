"""Two notebooks open on one workbook in real JupyterLab, each saving as the learner types.

The reported defect: a learner with the contacts notebook and the memory dump
open at once lost one side's edits, because each kernel saved the whole file
as it had last read it. Here both notebooks run in their own kernels, and the
learner types into each in turn, several times. At the end the workbook on
disk holds the last words typed in both. Every wait is for a state (a value in
the workbook file), never for a moment.
"""

from __future__ import annotations

import pytest
from lab_support import lab_page, run_all, running_lab
from tests_support import wait_for_file

from closing_kit.workbook import save_workbook
from closing_kit.workbook.model import example_workbook

pytestmark = pytest.mark.browser

ROUNDS = 4


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    with running_lab(tmp_path_factory.mktemp("lab")) as (base, home):
        home.mkdir(parents=True, exist_ok=True)
        save_workbook(home / "my-interview.json", example_workbook())
        yield base, home


def test_contacts_and_memory_dump_saving_one_workbook_keep_each_others_edits(lab):
    base, home = lab
    from playwright.sync_api import sync_playwright

    workbook = home / "my-interview.json"
    with sync_playwright() as p, lab_page(p) as contacts, lab_page(p) as memory:
        area = ".ck-exercise textarea"
        run_all(contacts, base, "02-everyone-you-met.ipynb", area, home.parent, "contacts")
        run_all(memory, base, "08-memory-dump.ipynb", area, home.parent, "memory")
        talked = contacts.get_by_role("textbox", name="What you talked about").first
        went_well = memory.get_by_role("textbox", name="What went well")
        for k in range(ROUNDS):
            # Each notebook still holds the file as it read it before the other's save.
            talked.fill(f"the ticket system, round {k}")
            went_well.fill(f"the billing story, round {k}")
            wait_for_file(
                workbook,
                lambda wb, k=k: (
                    wb["people"][0]["talked_about"] == f"the ticket system, round {k}"
                    and wb["memory"]["went_well"] == f"the billing story, round {k}"
                ),
            )
        final = wait_for_file(workbook, lambda wb: wb["memory"]["went_well"].endswith(str(k)))
        assert final["people"][1]["name"] == example_workbook()["people"][1]["name"]
        assert not list(home.glob("*.conflict-*")), "different sections are no conflict"
