"""Everyone you met: gaps on each card, who may be missing, vCard and CSV that import cleanly."""

from __future__ import annotations

import csv
import io

import pytest
import vobject

from closing_kit.workbook.contacts import (
    card_gaps,
    card_problems,
    email_problem,
    left_out,
    missing_people,
    phone_problem,
    phone_region,
    to_csv,
    to_vcard,
)
from closing_kit.workbook.letters import letters
from closing_kit.workbook.model import example_workbook, new_person, new_workbook


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


def _cards(text: str) -> list:
    return list(vobject.readComponents(text))


def test_vcard_parses_back_with_every_field():
    """The vCard is read back by vobject with names, titles, emails and the note intact."""
    wb = example_workbook()
    text = to_vcard(wb)
    assert text.endswith("\r\n")
    cards = _cards(text)
    assert [c.fn.value for c in cards] == ["Anna Brandt", "Sam Ito", "Bea Fox"]
    first = cards[0]
    assert first.email.value == "anna.brandt@quillmoor.example"
    assert first.email.type_param == "INTERNET"
    assert first.n.value.given == "Anna Brandt" and first.n.value.family == ""
    assert first.org.value == ["Quillmoor Software"]
    assert "Met at my interview for account manager on 2026-03-03" in first.note.value
    assert "Hiring manager" in first.note.value and "hiring-manager" not in text


def test_vcard_escapes_and_folds_hostile_text():
    """Commas, semicolons, newlines and long lines cannot break the card's structure."""
    wb = new_workbook('Acme; Ltd, "Inc"')
    name = "Zoë Ångström, " + "ü" * 100
    new_person(wb, name=name, title="Head; Sales\nEMEA", talked_about="END:VCARD\nBEGIN:VCARD")
    text = to_vcard(wb)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    (card,) = _cards(text)
    assert card.fn.value == name
    assert card.title.value == "Head; Sales\nEMEA"
    assert card.org.value == ['Acme; Ltd, "Inc"']
    assert card.note.value.endswith("END:VCARD\nBEGIN:VCARD")


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


@pytest.mark.parametrize(
    "typed",
    ["tom.reyes at harlow", "tom@harlow", "@harlow.example", "tom reyes@harlow.example"],
)
def test_a_malformed_email_is_named(typed):
    """An address without an @, or with a broken domain, gets a one-line reason."""
    assert repr(typed.strip()) in email_problem(typed)


@pytest.mark.parametrize("typed", ["", "  ", "tom.reyes@harlow.example", "ANNA@Quillmoor.example"])
def test_a_well_formed_or_empty_email_passes(typed):
    assert email_problem(typed) is None


@pytest.mark.parametrize(
    ("typed", "region", "ok"),
    [
        ("call me maybe", "US", False),
        ("12", "US", False),
        ("(415) 555-2671", "US", True),
        ("020 7946 0958", "GB", True),
        ("020 7946 0958", "US", False),  # a London number read as American
        ("+44 20 7946 0958", "US", True),  # international numbers pass anywhere
        ("+1 415 555 2671", "GB", True),
        ("", "US", True),
    ],
)
def test_phone_numbers_are_read_for_the_region_or_as_international(typed, region, ok):
    assert (phone_problem(typed, region) is None) is ok


@pytest.mark.parametrize(
    ("env", "region"),
    [
        ({"CLOSING_KIT_PHONE_REGION": "de"}, "DE"),
        ({"LANG": "en_GB.UTF-8"}, "GB"),
        ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_GB.UTF-8"}, "FR"),
        ({"LANG": "C.UTF-8"}, "US"),  # no region in the locale: the documented default
        ({}, "US"),
    ],
)
def test_the_phone_region_comes_from_the_setting_the_locale_or_a_default(monkeypatch, env, region):
    for name in ("CLOSING_KIT_PHONE_REGION", "LC_ALL", "LC_TELEPHONE", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert phone_region() == region


def _bad_contact_workbook():
    wb = example_workbook()
    tom = new_person(wb, name="Tom Reyes", kind="recruiter", title="Recruiter")
    tom.update(email="tom.reyes at harlow", phone="call me maybe")
    return wb, tom


def test_bad_email_and_phone_are_kept_but_left_out_of_every_export():
    """What was typed stays on the card; the vCard, CSV and letter leave it out, and say so."""
    wb, tom = _bad_contact_workbook()
    assert set(card_problems(tom, "US")) == {"email", "phone"}
    assert tom["email"] == "tom.reyes at harlow"
    assert left_out(wb, "US") == ["Tom Reyes's email", "Tom Reyes's phone number"]
    card = _cards(to_vcard(wb, "US"))[-1]
    assert card.fn.value == "Tom Reyes"
    assert "email" not in card.contents and "tel" not in card.contents
    rows = list(csv.reader(io.StringIO(to_csv(wb, "US"))))
    assert rows[-1][0] == "Tom Reyes" and rows[-1][3:5] == ["", ""]
    letter = next(x for x in letters(wb) if x.name == "Tom Reyes")
    assert letter.email == ""


def test_good_email_and_phone_go_into_the_exports():
    wb = new_workbook("Acme")
    new_person(wb, name="Tom Reyes", email=" tom@acme.example ", phone="+44 20 7946 0958")
    (card,) = _cards(to_vcard(wb, "US"))
    assert card.email.value == "tom@acme.example" and card.tel.value == "+44 20 7946 0958"
    assert card.tel.type_param == "WORK"
    assert left_out(wb, "US") == []
