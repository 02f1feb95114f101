"""The workbook exercises, driven headless: set .value, call .click(), read what shows."""

from __future__ import annotations

import datetime as dt
import json

import ipywidgets as w
import pytest

from closing_kit import safe_files
from closing_kit.widgets.workbook_contacts import ContactsView, show_contacts
from closing_kit.widgets.workbook_export import show_workbook_export
from closing_kit.widgets.workbook_followup import show_follow_up
from closing_kit.widgets.workbook_letters import show_letters
from closing_kit.widgets.workbook_memory import show_memory_dump
from closing_kit.widgets.workbook_next_steps import show_next_steps
from closing_kit.workbook import save_workbook
from closing_kit.workbook.model import example_workbook

ALL = [show_contacts, show_next_steps, show_follow_up, show_memory_dump, show_letters]
ALL.append(show_workbook_export)


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("CLOSING_KIT_HOME", str(tmp_path))
    return tmp_path


def saved(home, name="my-interview.json") -> dict:
    return json.loads((home / name).read_text(encoding="utf-8"))


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


@pytest.mark.parametrize("show", ALL, ids=lambda f: f.__name__)
def test_every_control_is_labelled_and_no_button_is_icon_only(show):
    """Each input has a description and each button says what it does in words."""
    view = show()
    for widget in walk(view.widget):
        if isinstance(widget, w.Button):
            assert widget.description.strip() and not widget.icon
        elif isinstance(widget, w.ValueWidget) and not isinstance(widget, (w.HTML, w.Label)):
            assert widget.description.strip(), widget


@pytest.mark.parametrize("show", ALL, ids=lambda f: f.__name__)
def test_what_is_shown_has_no_path_time_or_random_value(home, show):
    """The widget's text form (what nbval compares) names files only, never folders."""
    text = repr(show().widget)
    assert str(home) not in text and "my-interview.json" in text


@pytest.mark.parametrize("show", ALL, ids=lambda f: f.__name__)
def test_opening_writes_nothing(home, show):
    show()
    assert list(home.iterdir()) == []


def test_each_change_is_saved_at_once(home):
    view = show_contacts()
    view.company.value = "Fernhill Software"
    assert saved(home)["interview"]["company"] == "Fernhill Software"
    card = view._on_add()
    card.name.value = "Tom Reyes"
    card.talked_about.value = "the new ticket system"
    assert saved(home)["people"][0]["talked_about"] == "the new ticket system"
    assert "Saved to my-interview.json." in view.status.value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Name is empty"),
        ("   \t ", "Name holds only spaces"),
        ("🙂🙏✨", "only symbols or emoji"),
        ("word " * 10_000, "about 10,000 words long"),
    ],
    ids=["empty", "whitespace", "emoji", "10000-words"],
)
def test_odd_input_gets_one_line_and_is_still_kept(home, typed, message):
    """Empty, blank, emoji-only and huge input each get a note under the box; the text is saved."""
    view = show_contacts()
    card = view._on_add()
    card.name.value = "x"
    card.name.value = typed
    note = view.note_for(card.name).value
    assert message in note and "<br" not in note
    assert "Saved to my-interview.json." in view.status.value and message not in view.status.value
    assert saved(home)["people"][0]["name"] == typed
    card.name.value = "Tom Reyes"
    assert view.note_for(card.name).value == ""


def test_a_huge_memory_dump_is_kept(home):
    view = show_memory_dump()
    text = "detail " * 10_000
    view.boxes["details"].value = text
    assert "10,000 words" in view.note_for(view.boxes["details"]).value
    assert "10,000 words" not in view.status.value and "Saved" in view.status.value
    assert saved(home)["memory"]["details"] == text


def test_markup_typed_in_shows_as_text(home):
    view = show_contacts()
    view.company.value = "<img src=x onerror=alert(1)>"
    card = view._on_add()
    card.name.value = "<b>Bold</b>"
    card.remove.click()
    assert "<b>Bold</b>" not in view.status.value and "&lt;b&gt;Bold" in view.status.value


def test_a_corrupt_file_is_kept_and_the_notes_go_elsewhere(home):
    """The broken file stays byte for byte, a copy is made, new typing goes to a new file."""
    (home / "my-interview.json").write_bytes(b'{"format": "closing-kit workbook", "peo')
    view = show_memory_dump()
    message = view.status.value
    assert "Could not open my-interview.json" in message and "my-interview-new.json" in message
    assert "unreadable-" in message
    view.boxes["went_well"].value = "the billing story"
    assert (home / "my-interview.json").read_bytes() == b'{"format": "closing-kit workbook", "peo'
    assert saved(home, "my-interview-new.json")["memory"]["went_well"] == "the billing story"
    assert len(list(home.glob("my-interview.unreadable-*.json"))) == 1


def test_a_file_from_a_newer_version_is_not_overwritten(home):
    newer = example_workbook()
    newer["schema_version"] = 99
    (home / "my-interview.json").write_text(json.dumps(newer), encoding="utf-8")
    before = (home / "my-interview.json").read_bytes()
    view = show_next_steps()
    assert "newer closing-kit" in view.status.value
    view.answers["what"].value = "second round"
    assert (home / "my-interview.json").read_bytes() == before


def test_a_failed_save_keeps_the_text_on_screen(home, monkeypatch):
    view = show_memory_dump()

    def full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safe_files, "save_json", full)
    view.boxes["promises"].value = "send the deck"
    assert "Could not save to my-interview.json: No space left on device" in view.status.value
    assert view.boxes["promises"].value == "send the deck"


def test_a_read_only_workbook_is_said_in_one_line_and_the_text_stays(home):
    view = show_memory_dump()
    view.boxes["details"].value = "first note"
    (home / "my-interview.json").chmod(0o444)
    before = (home / "my-interview.json").read_bytes()
    view.boxes["details"].value = "Tom: the new ticket system"
    assert "read-only" in view.status.value and "\n" not in view.status.value
    assert view.boxes["details"].value == "Tom: the new ticket system"
    assert (home / "my-interview.json").read_bytes() == before


def test_two_exercises_editing_the_same_section_keep_both_versions(home):
    one, two = show_memory_dump(), show_memory_dump()
    one.boxes["details"].value = "Priya asked about the rota"
    two.boxes["details"].value = "Tom: the new ticket system"
    assert "another notebook" in two.status.value
    assert saved(home)["memory"]["details"] == "Tom: the new ticket system"
    (aside,) = home.glob("my-interview.conflict-*.json")
    assert "Priya asked about the rota" in aside.read_text(encoding="utf-8")


def test_the_file_picker_opens_another_interview(home):
    view = show_contacts()
    view.company.value = "First"
    view.file_box.value = "second interview"
    view.open_button.click()
    assert view.path.name == "second interview.json" and view.company.value == ""
    view.company.value = "Second"
    view.file_box.value = "my-interview.json"
    view.open_button.click()
    assert view.company.value == "First"
    assert view.file_box.options == ("my-interview.json", "second interview.json")


@pytest.mark.parametrize("name", ["", "   ", "../elsewhere.json", ".hidden"])
def test_the_file_picker_refuses_odd_names(name):
    view = show_contacts()
    view.file_box.value = name
    view.open_button.click()
    assert view.path.name == "my-interview.json"
    assert "acme-march.json" in view.status.value


def test_two_exercises_on_one_interview_keep_each_others_work(home):
    contacts, memory = show_contacts(), show_memory_dump()
    contacts._on_add().name.value = "Tom Reyes"
    memory.boxes["details"].value = "Tom: the new ticket system"
    contacts.company.value = "Fernhill"
    data = saved(home)
    assert data["people"][0]["name"] == "Tom Reyes"
    assert data["memory"]["details"] == "Tom: the new ticket system"
    assert data["interview"]["company"] == "Fernhill"


# -- Everyone you met ------------------------------------------------------------


def test_cards_flag_gaps_and_the_easily_forgotten(home):
    view = show_contacts()
    card = view._on_add()
    card.name.value = "Tom Reyes"
    card.kind.value = "hiring-manager"
    assert "Still to find: job title, work email" in card.gaps.value
    assert "receptionist" in view.missing.value
    view.not_met["receptionist"].value = True
    assert "receptionist" not in view.missing.value
    assert saved(home)["not_met"] == ["receptionist"]


def test_a_removed_card_can_be_put_back(home):
    view = show_contacts()
    card = view._on_add()
    card.name.value = "Marcus"
    card.remove.click()
    assert saved(home)["people"] == [] and "Removed the card for Marcus" in view.status.value
    view.undo_button.click()
    assert saved(home)["people"][0]["name"] == "Marcus"
    assert view.cards[0].name.value == "Marcus"


def test_a_bad_email_or_phone_is_flagged_on_the_card_and_left_out_of_the_files(home):
    """'tom.reyes at harlow' and 'call me maybe' are kept, marked, and kept out of the exports."""
    view = show_contacts()
    card = view._on_add()
    card.name.value = "Tom Reyes"
    card.kind.value = "recruiter"
    card.email.value = "tom.reyes at harlow"
    card.phone.value = "call me maybe"
    assert "does not look right" in view.note_for(card.email).value
    assert "does not look right" in view.note_for(card.phone).value
    assert "Complete." not in card.gaps.value and "Check the email and the phone" in card.gaps.value
    assert view.result["cards"][0]["problems"].keys() == {"email", "phone"}
    person = saved(home)["people"][0]
    assert (person["email"], person["phone"]) == ("tom.reyes at harlow", "call me maybe")
    view.vcard_button.click()
    view.csv_button.click()
    vcf = (home / "my-interview-contacts.vcf").read_text(encoding="utf-8")
    assert "harlow" not in vcf and "maybe" not in vcf and "Tom Reyes" in vcf
    csv_text = (home / "my-interview-contacts.csv").read_text(encoding="utf-8-sig")
    assert "harlow" not in csv_text and "maybe" not in csv_text
    assert "Left out, as they do not look right: Tom Reyes&#x27;s email" in view.status.value
    assert view.result["left_out"] == ["Tom Reyes's email", "Tom Reyes's phone number"]
    card.email.value = "tom.reyes@harlow.example"
    card.phone.value = "+44 20 7946 0958"
    assert view.note_for(card.email).value == "" and card.gaps.value == "Complete."


def test_a_kind_already_met_is_not_offered_as_not_met(home):
    """Once a recruiter has a card, "I did not meet the recruiter..." is no longer offered."""
    view = show_contacts()
    view.interview_format.value = "in-person"
    assert view.not_met["recruiter"].layout.display is None
    card = view._on_add()
    card.kind.value = "recruiter"
    card.name.value = "Tom Reyes"
    assert view.not_met["recruiter"].layout.display == "none"
    assert view.not_met["receptionist"].layout.display is None
    card.remove.click()
    assert view.not_met["recruiter"].layout.display is None


def test_contacts_export_as_vcard_and_csv(home):
    view = show_contacts()
    view.csv_button.click()
    assert "Add at least one person" in view.status.value
    view._on_add().name.value = "Tom Reyes"
    view.vcard_button.click()
    view.csv_button.click()
    assert "FN:Tom Reyes" in (home / "my-interview-contacts.vcf").read_text(encoding="utf-8")
    assert (home / "my-interview-contacts.csv").read_bytes().startswith(b"\xef\xbb\xbfname,")
    assert "my-interview-contacts.csv" in view.status.value


def test_cards_come_back_next_time(home):
    view = show_contacts()
    view._on_add().name.value = "Tom Reyes"
    again = ContactsView()
    assert [c.name.value for c in again.cards] == ["Tom Reyes"]


# -- Next steps and the follow-up plan ---------------------------------------------


def test_next_steps_ticks_and_answers_are_saved(home):
    view = show_next_steps()
    view.questions["process"].value = True
    view.questions["permission"].value = True
    view.answers["when"].value = "by Friday"
    view.stated_date.value = dt.date(2026, 3, 13)
    steps = saved(home)["next_steps"]
    assert steps["asked"] == ["process", "permission"]
    assert steps["when"] == "by Friday" and steps["stated_date"] == "2026-03-13"
    view.stated_date.value = None
    assert saved(home)["next_steps"]["stated_date"] == ""


def test_follow_up_plan_follows_the_dates_and_holidays(home):
    view = show_follow_up()
    view.ics_button.click()
    assert "Add the interview date first" in view.status.value
    view.date.value = dt.date(2026, 3, 12)
    view.stated_date.value = dt.date(2026, 3, 13)
    assert "Tuesday 17 March 2026" in view.plan_box.value
    view.holiday.value = dt.date(2026, 3, 16)
    view.add_holiday.click()
    assert "Wednesday 18 March 2026" in view.plan_box.value
    assert saved(home)["follow_up"]["holidays"] == ["2026-03-16"]
    assert view.holidays.options == (("Monday 16 March 2026", "2026-03-16"),)
    view.holidays.value = "2026-03-16"
    view.remove_holiday.click()
    assert "Tuesday 17 March 2026" in view.plan_box.value
    view.permission.value = "no-contact"
    assert "Respect it" in view.plan_box.value
    view.ics_button.click()
    assert (home / "my-interview-follow-up.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_a_mistyped_year_gets_a_note_under_its_box(home):
    """02312026 arrives as 2312-12-04: a note under the box; the plan shows what the file holds."""
    view = show_follow_up()
    view.date.value = dt.date(2026, 3, 3)
    view.stated_date.value = dt.date(2312, 12, 4)
    note = view.note_for(view.stated_date).value
    assert "Wednesday 4 December 2312 is more than a year after the interview" in note
    assert "more than a year after the interview" in view.plan_box.value
    assert view.result["date_notes"].keys() == {"stated_date"}
    assert [e["start"] for e in view.result["events"]] == ["2026-03-03", "2312-12-06"]
    assert "The calendar file will hold 2 events" in view.plan_box.value
    view.stated_date.value = dt.date(2026, 3, 13)
    assert view.note_for(view.stated_date).value == ""
    assert "Tuesday 17 March 2026" in view.plan_box.value
    view.date.value = dt.date(3026, 3, 3)
    assert "more than a year after today" in view.note_for(view.date).value


def test_next_steps_flags_a_mistyped_date_too(home):
    view = show_next_steps()
    view.date.value = dt.date(2026, 3, 3)
    view.stated_date.value = dt.date(2312, 12, 4)
    assert "more than a year after the interview" in view.note_for(view.stated_date).value


def test_the_plan_lists_the_calendar_events_before_the_file_is_written(home):
    view = show_follow_up()
    view.date.value = dt.date(2026, 3, 6)
    assert "Send thank-you notes" in view.plan_box.value
    assert "Follow up if you have not heard" in view.plan_box.value
    assert "Friday 13 March 2026" in view.plan_box.value
    assert not (home / "my-interview-follow-up.ics").exists()


def test_adding_a_holiday_needs_a_date():
    view = show_follow_up()
    view.add_holiday.click()
    assert "Pick a date" in view.status.value
    view.remove_holiday.click()
    assert "Select a holiday" in view.status.value


# -- Memory dump, letters, export ----------------------------------------------------


def test_the_countdown_runs_on_the_clock():
    view = show_memory_dump()
    now = [1000.0]
    view.clock = lambda: now[0]
    assert view.timer_label.value == "10:00 left"
    assert view.reset_button.layout.display == "none"
    view.timer_button.click()
    assert view.timer_button.description == "Pause the timer"
    now[0] += 187
    view.tick()
    assert view.timer_label.value == "6:53 left"
    now[0] += 600
    view.tick()
    assert view.timer_label.value.startswith("Time is up")


def test_the_timer_pauses_and_resumes_where_it_was():
    """Pause keeps the time left (it used to reset to 10:00); Reset is a button of its own."""
    view = show_memory_dump()
    now = [1000.0]
    view.clock = lambda: now[0]
    view.timer_button.click()
    now[0] += 187
    view.timer_button.click()
    assert view.timer_button.description == "Resume the timer"
    assert view.timer_label.value == "6:53 left (paused)"
    now[0] += 300  # time passing while paused does not count
    view.tick()
    assert view.timer_label.value == "6:53 left (paused)"
    view.timer_button.click()
    now[0] += 53
    view.tick()
    assert view.timer_label.value == "6:00 left"
    assert view.reset_button.layout.display is None
    view.reset_button.click()
    assert view.timer_label.value == "10:00 left"
    assert view.timer_button.description == "Start the 10-minute timer"
    assert view.reset_button.layout.display == "none"


def test_letters_use_the_notes_and_keep_the_learners_edits(home):
    save_workbook(home / "my-interview.json", example_workbook())
    view = show_letters()
    anna = view.boxes["p1"]
    assert "quarterly business reviews in spring" in anna.draft.value
    assert "clients look small" in anna.concern.value
    assert "Keep your promise to Anna Brandt" in view.warnings_box.value
    anna.draft.value = "Subject: Thanks\n\nDear Anna, my own words about spring reviews."
    assert saved(home)["letters"]["per_person"]["p1"]["text"].startswith("Subject: Thanks")
    assert show_letters().boxes["p1"].draft.value.startswith("Subject: Thanks")
    anna.reset.click()
    assert anna.draft.value.startswith("Subject: Thank you: account manager")
    assert saved(home)["letters"]["per_person"]["p1"]["text"] == ""


def test_letters_follow_the_fit_sentence_and_evidence(home):
    save_workbook(home / "my-interview.json", example_workbook())
    view = show_letters()
    view.fit.value = "I have looked after accounts of that size."
    assert "I have looked after accounts of that size." in view.boxes["p2"].draft.value
    view.boxes["p1"].evidence.value = ""
    assert "clients look small" not in view.boxes["p1"].draft.value
    assert "what one piece of evidence answers it" in view.warnings_box.value


def test_letters_pick_up_notes_saved_elsewhere(home):
    save_workbook(home / "my-interview.json", example_workbook())
    view = show_letters()
    show_memory_dump().boxes["details"].value = "Sam: the onboarding checklist pilot"
    view.refresh_button.click()
    assert "the onboarding checklist pilot" in view.boxes["p2"].draft.value


def test_letters_save_as_files(home):
    view = show_letters()
    view.files_button.click()
    assert "No letters yet" in view.status.value
    save_workbook(home / "my-interview.json", example_workbook())
    view = show_letters()
    view.file_format.value = "docx"
    view.files_button.click()
    assert (home / "my-interview-letters" / "01-anna-brandt.docx").exists()
    assert "Saved 3 letters in the folder my-interview-letters." in view.files_note.value
    assert "Saved 3 letters" not in view.status.value, "said once, under the button"
    assert view.result["files"] == ["01-anna-brandt.docx", "02-sam-ito.docx", "03-bea-fox.docx"]


def _unsigned_example(home):
    workbook = example_workbook()
    workbook["letters"]["your_name"] = ""
    save_workbook(home / "my-interview.json", workbook)
    return show_letters()


def test_the_name_and_concern_boxes_show_and_nothing_is_hidden_with_them(home):
    """Your name, and the answer to Anna's concern, are on screen (a shared layout hid them)."""
    view = _unsigned_example(home)
    assert view.your_name.layout.display != "none"
    assert view.your_name.layout is not view.boxes["p1"].evidence.layout
    anna, sam = view.boxes["p1"], view.boxes["p2"]
    assert anna.evidence_row.layout.display is None  # Anna raised a concern
    assert sam.evidence_row.layout.display == "none"  # Sam did not
    assert view.your_name.layout.display != "none" and anna.draft.layout.display != "none"
    assert view.date.layout.display != "none" and view.company.layout.display != "none"


def test_letters_are_not_saved_as_files_unsigned(home):
    """Without your name, the files are refused, with the reason under the button and the box."""
    view = _unsigned_example(home)
    assert "Add your name, so the letters are signed." in view.warnings_box.value
    assert view.files_button.click() is None and view._on_files() == []
    assert not (home / "my-interview-letters").exists()
    assert "Add your name first" in view.files_note.value
    assert "Add your name first" in view.note_for(view.your_name).value
    view.your_name.value = "Daniel Okafor"
    assert view.note_for(view.your_name).value == ""
    assert "Add your name" not in view.warnings_box.value
    assert all(x["signed"] for x in view.result["letters"])
    assert view.boxes["p2"].draft.value.endswith("Best wishes,\nDaniel Okafor")
    view.file_format.value = "txt"
    view.files_button.click()
    text = (home / "my-interview-letters" / "02-sam-ito.txt").read_text(encoding="utf-8")
    assert text.rstrip().endswith("Daniel Okafor")


def test_an_edited_letter_without_the_name_is_not_saved_as_a_file(home):
    view = _unsigned_example(home)
    view.boxes["p2"].draft.value = "Subject: Thanks\n\nDear Sam, the 90 days.\n\nBest wishes,"
    view.your_name.value = "Daniel Okafor"
    assert "The letter to Sam Ito does not end with your name" in view.warnings_box.value
    view.files_button.click()
    assert not (home / "my-interview-letters").exists()
    assert "Sam Ito" in view.files_note.value
    view.boxes["p2"].reset.click()
    view.files_button.click()
    assert "Saved 3 letters" in view.files_note.value


def test_a_letter_never_quotes_the_who_i_met_line(home):
    """The receptionist's letter quoted the list of people; now it asks for a real detail."""
    workbook = example_workbook()
    workbook["people"][2]["kind"] = ""
    workbook["people"][2]["talked_about"] = ""
    workbook["memory"]["who"] = "Anna Brandt (FD), Tom Reyes (recruiter), receptionist Bea Fox."
    save_workbook(home / "my-interview.json", workbook)
    view = show_letters()
    bea = view.boxes["p3"].draft.value
    assert "Tom Reyes" not in bea and "stays with me" not in bea
    assert ("no-detail", "p3") in [(x["kind"], x["person_id"]) for x in view.result["warnings"]]


def test_a_note_about_a_letter_box_shows_under_it(home):
    save_workbook(home / "my-interview.json", example_workbook())
    view = show_letters()
    box = view.boxes["p1"]
    box.evidence.value = "🙂🙂"
    assert "only symbols or emoji" in view.note_for(box.evidence).value
    assert "Saved to my-interview.json." in view.status.value


def test_the_whole_workbook_exports(home):
    save_workbook(home / "my-interview.json", example_workbook())
    view = show_workbook_export()
    view.markdown_button.click()
    view.html_button.click()
    assert (home / "my-interview.md").read_text(encoding="utf-8").startswith("# Interview notes")
    assert "<!DOCTYPE html>" in (home / "my-interview.html").read_text(encoding="utf-8")
    assert "my-interview.html" in view.status.value


def test_each_memory_dump_heading_is_shown_once(home):
    """The heading is the box's label and nothing else repeats it (it was shown twice:
    a bold line above the box, then the box's own label)."""
    from closing_kit.workbook.memory import prompts

    view = show_memory_dump()
    shown = []
    stack = [view.widget if hasattr(view, "widget") else view]
    while stack:
        item = stack.pop()
        shown += [getattr(item, "description", "") or "", getattr(item, "value", "") or ""]
        stack += list(getattr(item, "children", ()))
    text = "\n".join(x for x in shown if isinstance(x, str))
    for prompt in prompts():
        assert text.count(prompt.heading) == 1, prompt.heading
        assert prompt.prompt in text
