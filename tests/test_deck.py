"""The role-play deck and the deal: every learner meets all four endings, a no among them."""

from __future__ import annotations

from collections import Counter

import pytest

from closing_kit.banks import noncommittal_cards, reservation_cards, roleplay_lines
from closing_kit.classroom import deal, deck_cards
from closing_kit.classroom.deck import ENDINGS, ROUNDS

SIZES = range(2, 31)
SEEDS = (1, 2, 7)


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("seed", SEEDS)
def test_every_learner_meets_every_ending_as_candidate(n, seed):
    """Over the four rounds each learner, as candidate, meets each ending exactly once."""
    assert set(ENDINGS) == {"yes", "reservation", "noncommittal", "no"} and ROUNDS == 4
    met = deal(n, seed).endings_met()
    assert sorted(met) == list(range(1, n + 1))
    assert all(sorted(endings) == sorted(ENDINGS) for endings in met.values())


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("seed", SEEDS)
def test_everyone_is_seated_once_a_round_in_pairs_or_one_trio(n, seed):
    """Each round seats everyone once: pairs, plus one trio when the class is odd."""
    for groups in deal(n, seed).rounds:
        seated = [p for g in groups for p in g.learners]
        assert sorted(seated) == list(range(1, n + 1))
        sizes = Counter(len(g.learners) for g in groups)
        assert sizes[3] == n % 2 and set(sizes) <= {2, 3}
        for g in groups:
            assert len(g.turns) == len(g.learners)
            assert sorted(t.candidate for t in g.turns) == sorted(g.learners)
            assert sorted(t.interviewer for t in g.turns) == sorted(g.learners)
            for t in g.turns:
                assert t.interviewer != t.candidate
                roles = {t.interviewer, t.candidate} | ({t.observer} - {None})
                assert roles == set(g.learners), "in a trio the third learner observes"


@pytest.mark.parametrize("n", SIZES)
def test_no_card_is_needed_twice_at_once(n):
    """Within a round every ending card and next-steps card is dealt once, so one deck is enough."""
    codes = {c.code: c for c in deck_cards()}
    for groups in deal(n, 3).rounds:
        dealt = [t.card for g in groups for t in g.turns] + [g.next_steps_card for g in groups]
        assert len(dealt) == len(set(dealt))
        for g in groups:
            assert codes[g.next_steps_card].kind == "next_steps"
            assert all(codes[t.card].kind == t.ending for t in g.turns)


@pytest.mark.parametrize("n", SIZES)
def test_a_candidate_never_meets_a_line_they_already_know(n):
    """A card a learner held, heard or met in one round is not dealt to them as candidate later."""
    d = deal(n, 4)
    known: dict[int, set[str]] = {p: set() for p in range(1, n + 1)}
    for groups in d.rounds:
        for g in groups:
            for t in g.turns:
                assert t.card not in known[t.candidate]
        for g in groups:
            for p in g.learners:
                known[p] |= {t.card for t in g.turns}


def test_partners_change_each_round_when_the_class_allows():
    """With six or more learners in pairs, nobody has the same partner twice; four in pairs
    have only three ways to pair up, so the fourth round meets round 1's partner again."""
    for n in (6, 8, 9, 12, 30):
        rounds = deal(n, 1).rounds
        pairs = [g.learners for groups in rounds for g in groups if len(g.learners) == 2]
        assert len(pairs) == len(set(pairs))
    for n in (4, 7):
        rounds = deal(n, 1).rounds
        pairs = [{g.learners for g in groups if len(g.learners) == 2} for groups in rounds]
        assert len(set().union(*pairs[:3])) == 6 and pairs[3] == pairs[0]


def test_the_same_seed_gives_the_same_deal():
    """A coach who prints a deal with a seed gets it again with that seed."""
    assert deal(11, 5) == deal(11, 5)
    assert deal(11, 5) != deal(11, 6)


def test_rounds_hold_each_ending_about_equally():
    """No round is all reservations: the endings are spread evenly within each round."""
    for n in SIZES:
        for groups in deal(n, 2).rounds:
            counts = Counter(t.ending for g in groups for t in g.turns)
            assert max(counts.values()) - min(counts.get(e, 0) for e in ENDINGS) <= 1


@pytest.mark.parametrize("bad", [0, 1, -3, 2.5, "4", True])
def test_too_few_learners_is_refused(bad):
    """A class of one is a one-to-one: the deal says so rather than inventing a partner."""
    with pytest.raises(ValueError, match="at least 2"):
        deal(bad)


def test_the_deck_is_made_from_the_banks():
    """Every bank line is on a card, so the printed deck and the exercises agree."""
    cards = deck_cards()
    lines = {kind: {c.line for c in cards if c.kind == kind} for kind in {c.kind for c in cards}}
    assert lines["reservation"] == {c["concern"] for c in reservation_cards()}
    assert lines["noncommittal"] == {c["reply"] for c in noncommittal_cards()}
    roleplay = roleplay_lines()
    assert lines["yes"] == set(roleplay["yes_replies"])
    assert lines["no"] == {n["line"] for n in roleplay["no_replies"]}
    assert lines["next_steps"] == set(roleplay["next_steps_replies"])
    assert len({c.code for c in cards}) == len(cards)
    for card in cards:
        if card.kind == "next_steps":
            assert {channel for channel, _ in card.permission} == {"email", "call", "any"}
            assert card.goodbye in roleplay["goodbyes"]
        if card.kind == "no":
            entry = next(n for n in roleplay["no_replies"] if n["id"] == card.source)
            assert card.goodbye == entry["after"]
            assert card.answer == entry.get("feedback_answer", "")


def test_the_text_names_every_turn():
    """The printed deal lists each round, group and turn with its card."""
    d = deal(5, 1)
    text = d.as_text()
    assert text.count("Round ") == ROUNDS
    assert "Trio" in text and "observes" in text
    for groups in d.rounds:
        for g in groups:
            for t in g.turns:
                assert f"{t.interviewer} interviews {t.candidate} with card {t.card}" in text
