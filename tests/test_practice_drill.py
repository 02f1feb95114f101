"""Drill sessions (closing_kit.practice.drill): seeded cards, attempts, summaries."""

from __future__ import annotations

import pytest

from closing_kit.practice.drill import drill_for, time_limit, timing_note


def test_the_same_seed_deals_the_same_cards():
    a, b, c = (
        drill_for("reservation", {}, 7),
        drill_for("reservation", {}, 7),
        drill_for("reservation", {}, 8),
    )
    assert a.order == b.order and a.order != c.order


def test_the_saved_seed_is_kept_when_none_is_given():
    data = {}
    drill_for("noncommittal", data, 5)
    assert drill_for("noncommittal", data).data["seed"] == 5


def test_a_refused_answer_is_not_an_attempt():
    session = drill_for("reservation", {}, 1)
    fb, problem = session.check("   ")
    assert fb is None and "nothing to check" in problem and session.attempts == []


def test_checking_again_replaces_the_cards_attempt():
    session = drill_for("reservation", {}, 1)
    session.check(session.card["weak_response"])
    session.check(session.card["model_response"])
    assert len(session.attempts) == 1 and session.attempts[0]["level"] == "strong"
    session.next_card()
    session.check(session.card["weak_response"])
    assert len(session.attempts) == 2


def test_the_summary_names_checks_as_a_learner_reads_them():
    session = drill_for("reservation", {}, 2)
    for _ in range(3):
        session.check(session.card["weak_response"])
        session.next_card()
    summary = session.summary()
    assert summary["attempts"] == 3
    labels = [label for label, _n in summary["missed"]]
    assert labels and all("_" not in label for label in labels)
    assert drill_for("noncommittal", {}).summary() is None


def test_only_reservations_get_a_letter_paragraph():
    r = drill_for("reservation", {}, 1)
    n = drill_for("noncommittal", {}, 1)
    assert r.letter_paragraph(r.card["model_response"])
    assert n.letter_paragraph(n.card["model_response"]) == ""


def test_timed_mode_says_how_long_against_the_limit():
    assert timing_note(45, 60) == "Answered in 45 s, inside your 60 s."
    assert timing_note(60, 60).startswith("Answered in 60 s")
    assert timing_note(75, 60) == "You took 75 s; in the room, aim for under 60 s. Shorter is fine."


@pytest.mark.parametrize(
    ("typed", "limit"),
    [("90", 90), (45, 45), ("44.6", 45), ("", 60), ("abc", 60), (None, 60), ("5", 10),
     ("100000", 600), ("1e400", 60), ("-30", 10)],
)  # fmt: skip
def test_a_typed_limit_becomes_whole_seconds_in_range(typed, limit):
    assert time_limit(typed) == limit
