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


def _deck(session) -> list[str]:
    """The ids of one whole round of the deck, practising each card as it comes."""
    ids = []
    for _ in session.cards:
        ids.append(session.card["id"])
        session.check(session.card["model_response"])
        session.next_card()
    return ids


@pytest.mark.parametrize("kind", ["reservation", "noncommittal"])
def test_no_card_is_the_worked_example_above_the_drill(kind):
    """The notebook works one card through; the drill deals every other card, never that one."""
    from closing_kit.banks import worked_card
    from closing_kit.worked import worked_examples

    session = drill_for(kind, {}, 1)
    key = session.kind.prompt_key
    worked = worked_card(kind)
    shown = " ".join(worked_examples(kind).split())  # the page's text, unwrapped
    assert " ".join(worked[key].split()) in shown
    dealt = _deck(session) + _deck(session)
    assert worked["id"] not in dealt
    assert all(" ".join(c[key].split()) not in shown for c in session.cards)
    assert len(set(dealt)) == len(session.cards) == len(session.kind.cards()) - 1


def test_each_learner_gets_their_own_deal_and_keeps_it():
    """The seed and the workbook's id make the order: reproducible, and not everyone's."""
    firsts = {drill_for("reservation", {}, 1, f"learner-{n}").card["id"] for n in range(12)}
    assert len(firsts) > 3
    a, b = drill_for("reservation", {}, 1, "abc"), drill_for("reservation", {}, 1, "abc")
    assert a.order == b.order and _deck(a) == _deck(b)


def test_a_new_session_resumes_with_the_cards_least_practised():
    data = {}
    first = drill_for("noncommittal", data, 3, "me")
    seen = [first.card["id"]]
    first.check(first.card["model_response"])
    first.next_card()
    seen.append(first.card["id"])
    first.check(first.card["model_response"])
    later = drill_for("noncommittal", data, None, "me")
    assert later.card["id"] not in seen
    assert later.progress == (2, len(later.cards))
    assert "2 of 14 cards practiced so far" in later.heading()


def test_once_every_card_is_practised_the_worst_scored_comes_first():
    data = {}
    session = drill_for("reservation", data, 5, "me")
    for n in range(len(session.cards)):
        answer = session.card["weak_response"] if n == 4 else session.card["model_response"]
        session.check(answer)
        session.next_card()
    worst = data["attempts"][4]["card"]
    again = drill_for("reservation", data, None, "me")
    assert again.card["id"] == worst
    assert "every card practiced" in again.heading()


def test_an_answer_is_unchecked_until_those_words_are_checked():
    session = drill_for("reservation", {}, 1)
    assert not session.unchecked("   ")
    assert session.unchecked("I ran a budget.")
    session.check("I ran a budget.")
    assert not session.unchecked("I ran a budget.")
    assert session.unchecked("I ran a budget of 40k.")
