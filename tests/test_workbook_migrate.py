"""Workbooks from format version 1 are brought up to date, keeping every word."""

from __future__ import annotations

import json

import pytest

from closing_kit.workbook import (
    SCHEMA_VERSION,
    WorkbookError,
    load_workbook,
    problems,
    read_workbook,
)
from closing_kit.workbook.migrate import migrate

VERSION_1 = {
    "format": "closing-kit workbook",
    "schema_version": 1,
    "id": "old-one",
    "interview": {"company": "Fernhill", "role": "lead", "date": "2026-03-06", "format": "panel"},
    "people": [
        {"name": "Tom Reyes", "title": "Head of support", "contact": "tom@fernhill.example",
         "notes": "the new ticket system"},
        {"name": "Marcus", "title": "", "contact": "+44 20 7946 0000", "notes": "reception"},
    ],
    "next_steps": {"heard": "shortlist by Friday", "stated_date": "2026-03-13"},
    "memory": {"went_well": "the billing story", "mood": "relieved <b>a lot</b>"},
}  # fmt: skip


def test_version_1_is_migrated_to_the_current_format():
    """Contacts split into email or phone, notes kept, unknown headings kept under details."""
    new = migrate(VERSION_1)
    assert new["schema_version"] == SCHEMA_VERSION
    assert problems(new) == []
    tom, marcus = new["people"]
    assert (tom["email"], tom["phone"]) == ("tom@fernhill.example", "")
    assert (marcus["email"], marcus["phone"]) == ("", "+44 20 7946 0000")
    assert tom["talked_about"] == "the new ticket system"
    assert new["next_steps"]["what"] == "shortlist by Friday"
    assert new["next_steps"]["stated_date"] == "2026-03-13"
    assert new["memory"]["went_well"] == "the billing story"
    assert "mood: relieved <b>a lot</b>" in new["memory"]["details"]
    assert new["id"] == "old-one" and new["interview"]["format"] == "panel"


def test_migration_leaves_the_input_alone():
    before = json.dumps(VERSION_1, sort_keys=True)
    migrate(VERSION_1)
    assert json.dumps(VERSION_1, sort_keys=True) == before


def test_an_old_file_opens_and_stays_untouched_until_saved(tmp_path):
    """Opening a version 1 file migrates it in memory; the file changes only on a save."""
    path = tmp_path / "old.json"
    path.write_text(json.dumps(VERSION_1), encoding="utf-8")
    before = path.read_bytes()
    wb = load_workbook(path)
    assert wb["schema_version"] == SCHEMA_VERSION
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path], "no backup for a file that opened fine"


def test_an_old_file_of_the_wrong_shape_is_refused(tmp_path):
    """A version 1 file is checked against version 1's schema before it is migrated."""
    path = tmp_path / "old.json"
    path.write_text(json.dumps(dict(VERSION_1, people=[{"name": 1}])), encoding="utf-8")
    with pytest.raises(WorkbookError, match="does not match the workbook format"):
        read_workbook(path)


@pytest.mark.parametrize("old_id", ["my interview #1", "x" * 65, "", "café-1"])
def test_a_version_1_id_the_current_format_refuses_is_replaced(tmp_path, old_id):
    """Version 1 took any text as an id; the file must open and then save, so an id
    the current format would refuse gets a new one, and every word is still kept."""
    from closing_kit.workbook.store import save_workbook

    path = tmp_path / "old.json"
    path.write_text(json.dumps(dict(VERSION_1, id=old_id)), encoding="utf-8")
    wb = load_workbook(path)
    assert wb["id"] != old_id and problems(wb) == []
    save_workbook(path, wb)
    assert read_workbook(path)["people"][0]["talked_about"] == "the new ticket system"
