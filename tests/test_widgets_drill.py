"""The drill view driven headless."""

from __future__ import annotations

from closing_kit.banks import noncommittal_cards
from closing_kit.widgets import Drill, show_noncommittal_drill, show_reservation_drill
from closing_kit.workbook import read_workbook


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_a_reservation_round(tmp_path):
    clock = Clock()
    drill = Drill("reservation", seed=3, store=tmp_path / "w.json", clock=clock)
    card = drill.card
    assert card["concern"] in drill.card_html.value.replace("&#x27;", "'").replace("&quot;", '"')
    drill.check_button.click()
    assert "nothing to check yet" in drill.answer_note.value and drill.attempts == []
    drill.timed.value = True
    drill.limit.value = 30
    clock.now = 45
    drill.answer.value = card["model_response"]
    drill.check_button.click()
    assert drill.result["level"] == "strong" and drill.answer_note.value == ""
    assert "You took 45 s" in drill.feedback.value
    assert "In a follow-up letter" in drill.feedback.value
    drill.next_button.click()
    drill.answer.value = drill.card["weak_response"]
    before = drill.card["id"]
    drill.next_button.click()  # typed but not checked: checked, kept and shown first
    assert len(drill.attempts) == 2 and drill.card["id"] == before
    assert (
        "Your answer" in drill.feedback.value and "press Next card again" in drill.answer_note.value
    )
    drill.next_button.click()
    assert drill.card["id"] != before and drill.feedback.value == ""
    drill.end_button.click()
    assert drill.result["attempts"] == 2 and "<svg" in drill.summary.value
    saved = read_workbook(tmp_path / "w.json")["practice"]["reservation"]
    assert [a["card"] for a in saved["attempts"]] == [a["card"] for a in drill.attempts]
    assert saved["attempts"][0]["seconds"] == 45


def test_the_model_answer_shows_once_however_often_it_is_asked_for(tmp_path):
    drill = show_reservation_drill(seed=1, store=tmp_path / "w.json")
    for _ in range(3):
        drill.model_button.click()
    assert drill.model.value.count("A model answer") == 1


def test_the_summary_shows_checks_names_not_ids(tmp_path):
    drill = show_reservation_drill(seed=2, store=tmp_path / "w.json")
    for _ in range(3):
        drill.answer.value = drill.card["weak_response"]
        drill.next_button.click()  # checks it and shows the feedback
        drill.next_button.click()  # then moves on
    drill.end_button.click()
    assert drill.result["attempts"] == 3
    assert "Most often missed" in drill.summary.value
    assert "addresses_concern" not in drill.summary.value
    assert all("_" not in label for label, _n in drill.result["missed"])


def test_the_vague_answer_drill(tmp_path):
    drill = show_noncommittal_drill(store=tmp_path / "w.json")
    drill.answer.value = drill.card["model_response"]
    drill.check_button.click()
    assert drill.result["level"] == "strong"
    assert len(noncommittal_cards()) >= 10
    assert read_workbook(tmp_path / "w.json")["practice"]["noncommittal"]["attempts"]


def test_attempts_come_back_after_a_restart(tmp_path):
    first = show_reservation_drill(seed=4, store=tmp_path / "w.json")
    first.answer.value = first.card["model_response"]
    first.check_button.click()
    again = show_reservation_drill(store=tmp_path / "w.json")
    assert len(again.attempts) == 1 and again.session.data["seed"] == 4


def test_next_card_never_scores_an_edited_answer_unseen(tmp_path):
    """Checked, then changed: Next card checks the new words and shows them first."""
    drill = show_noncommittal_drill(store=tmp_path / "w.json")
    drill.answer.value = drill.card["weak_response"]
    drill.check_button.click()
    weak = drill.result["score"]
    drill.answer.value = drill.card["model_response"]
    drill.next_button.click()
    assert drill.result["score"] > weak and "press Next card again" in drill.answer_note.value
    assert [a["answer"] for a in drill.attempts] == [drill.card["model_response"]]


def test_a_new_session_picks_up_where_the_last_one_left_off(tmp_path):
    """Run the notebook again: a card not yet practised, and the count so far."""
    first = show_reservation_drill(seed=1, store=tmp_path / "w.json")
    seen = []
    for _ in range(3):
        seen.append(first.card["id"])
        first.answer.value = first.card["model_response"]
        first.check_button.click()
        first.next_button.click()
    again = show_reservation_drill(seed=1, store=tmp_path / "w.json")
    assert again.card["id"] not in seen
    assert "3 of" in again.card_html.value and "cards practiced so far" in again.card_html.value
