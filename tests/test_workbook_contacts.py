"""Everyone you met: gaps on each card, who may be missing, vCard and CSV that import cleanly."""

from __future__ import annotations

import csv
import io
import re

import icalendar

from closing_kit.workbook import (
    card_gaps,
    missing_people,
    new_person,
    new_workbook,
    to_csv,
    to_vcard,
)
from closing_kit.workbook.model import example_workbook


def _unescape(value: str) -> str:
    table = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: table.get(m.group(1), m.group(0)), value)


def test_each_kind_of_person_needs_its_own_fields():
    """An interviewer needs name, title and email; a receptionist only a name (chapter 2)."""
    wb = new_workbook()
    boss = new_person(wb, name="Tom", kind="hiring-manager")
    desk = new_person(wb, name="Marcus", kind="receptionist")
    assert card_gaps(boss) == ["job title", "work email"]
    assert card_gaps(desk) == []
    assert card_gaps(new_person(wb, kind="")) == [
        "name, spelled as they spell it",
        "job title",
        "work email",
    ]


def test_blank_text_counts_as_missing():
    wb = new_workbook()
    assert "job title" in card_gaps(new_person(wb, name="Tom", title="   ", kind="interviewer"))


def test_people_who_are_easy_to_forget_are_asked_about():
    """The receptionist and the person who walked you in are asked about until ticked off."""
    wb = new_workbook()
    new_person(wb, name="Tom Reyes", kind="hiring-manager")
    questions = " ".join(missing_people(wb))
    assert "receptionist" in questions and "walk you to the room" in questions
    assert "Who interviewed you" not in questions
    wb["not_met"] = ["receptionist", "walked-in", "recruiter", "joined"]
    assert missing_people(wb) == []


def test_a_phone_interview_has_no_receptionist():
    wb = new_workbook()
    wb["interview"]["format"] = "phone"
    questions = " ".join(missing_people(wb))
    assert "receptionist" not in questions and "interviewer" in questions


def test_a_card_without_a_name_does_not_count():
    wb = new_workbook()
    new_person(wb, name="  ", kind="receptionist")
    assert any("receptionist" in q for q in missing_people(wb))


def test_vcard_parses_back_with_every_field():
    """The vCard is read back by a standard parser with names, titles and emails intact."""
    wb = example_workbook()
    text = to_vcard(wb)
    assert text.count("BEGIN:VCARD") == 3 and text.endswith("\r\n")
    first = icalendar.Component.from_ical(text, multiple=True)[0]
    assert str(first["FN"]) == "Anna Brandt"
    assert str(first["EMAIL"]) == "anna.brandt@quillmoor.example"
    assert "Met at my interview for customer success manager on 2026-03-03" in str(first["NOTE"])


def test_vcard_escapes_and_folds_hostile_text():
    """Commas, semicolons, newlines and long lines cannot break the card's structure."""
    wb = new_workbook("Acme; Ltd")
    name = "Zoë Ångström, " + "x" * 100
    new_person(wb, name=name, title="Head; Sales\nEMEA", talked_about="END:VCARD\nBEGIN:VCARD")
    text = to_vcard(wb)
    assert text.split("\r\n").count("BEGIN:VCARD") == 1
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    card = icalendar.Component.from_ical(text)
    assert _unescape(card["FN"].to_ical().decode()) == name
    assert _unescape(card["TITLE"].to_ical().decode()) == "Head; Sales\nEMEA"


def test_csv_round_trips_and_defuses_formulas():
    """The CSV reads back row for row; a cell that would start a formula is kept as text."""
    wb = new_workbook("Acme")
    new_person(wb, name='Ann "Nan" Lee, PhD', title='=HYPERLINK("http://x")', talked_about="a\nb")
    new_person(wb, name="No name shown")
    new_person(wb, name="")
    rows = list(csv.reader(io.StringIO(to_csv(wb))))
    assert rows[0] == ["name", "title", "role", "email", "phone", "talked_about", "company"]
    assert len(rows) == 3
    assert rows[1][0] == 'Ann "Nan" Lee, PhD'
    assert rows[1][1] == '\'=HYPERLINK("http://x")'
    assert rows[1][5] == "a\nb" and rows[1][6] == "Acme"
