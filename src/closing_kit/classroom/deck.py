"""The role-play deck and a deal for a class: every learner meets all four endings.

The deck is made from the practice banks, so the printed cards and the
exercises never disagree: a yes card carries one of the role-play's yes lines
(``roleplay.json``), a reservation card one concern (``reservations.json``), a
vague-answer card one reply (``noncommittal.json``), a no card one of the
role-play's no lines (``roleplay.json`` ``no_replies``), and a next-steps card
what the interviewer says when asked about next steps, permission to follow
up and contact details (``roleplay.json``).

:func:`deal` seats a class for four rounds, one per ending. Everyone is the
candidate exactly once a round, so the ending each learner meets can be
chosen: learner by learner, the four rounds give a yes, a reservation, a vague
answer and a no, in a seeded order. Learners pair up, with new partners each
round when the class allows; an odd class has one trio (interviewer,
candidate, observer), kept together for the four rounds so it never waits for
a partner. No card is dealt twice in one round for classes of up to 30.
Standard library only.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from closing_kit.banks import noncommittal_cards, reservation_cards, roleplay_lines

__all__ = ["ENDINGS", "ROUNDS", "Card", "Deal", "Group", "Turn", "deal", "deck_cards"]

#: The four endings a closing question can meet (chapters 5, 6 and 7; a no in chapter 6).
ENDINGS = ("yes", "reservation", "noncommittal", "no")
#: One round per ending.
ROUNDS = len(ENDINGS)
#: Code letter of each kind of card.
PREFIX = {"yes": "Y", "reservation": "R", "noncommittal": "V", "no": "X", "next_steps": "N"}
#: What each ending is called on a card and in a deal.
ENDING_NAMES = {
    "yes": "a yes",
    "reservation": "a reservation",
    "noncommittal": "a vague answer",
    "no": "a no",
}
#: Cards of a kind needed so that a class of 30 never shares one in a round:
#: at most 8 candidates meet the same ending in a round (30 over four
#: endings, rounded up), and 15 groups need 15 next-steps cards. The yes and
#: no cards repeat their few lines under different codes; 10 of each, not 8,
#: leave room for a candidate never to be dealt a code they held or overheard.
LARGEST_CLASS = 30
YES_CARDS = NO_CARDS = 10
NEXT_STEPS_CARDS = LARGEST_CLASS // 2


@dataclass(frozen=True)
class Card:
    """One printed card: ``code`` (``R07``), ``kind``, the interviewer's ``line``.

    ``source`` is the bank entry's id (or the yes line's place); a next-steps
    card also has ``permission`` (``{"email", "call", "any"}`` replies) and a
    ``goodbye``; a reservation card has its ``topic``; a no card has what the
    interviewer says if asked what would help (``answer``, when the line
    allows one) and to end (``goodbye``).
    """

    code: str
    kind: str
    line: str
    source: str
    topic: str = ""
    permission: tuple[tuple[str, str], ...] = ()
    goodbye: str = ""
    answer: str = ""


def deck_cards() -> tuple[Card, ...]:
    """The whole deck, in print order: yes, reservation, vague answer, no, next steps."""
    lines = roleplay_lines()
    cards: list[Card] = []
    yes = lines["yes_replies"]
    for i in range(YES_CARDS):
        cards.append(
            Card(f"Y{i + 1:02d}", "yes", yes[i % len(yes)], f"yes_replies[{i % len(yes)}]")
        )
    for i, c in enumerate(reservation_cards()):
        cards.append(
            Card(f"R{i + 1:02d}", "reservation", c["concern"], c["id"], topic=c.get("topic", ""))
        )
    for i, c in enumerate(noncommittal_cards()):
        cards.append(Card(f"V{i + 1:02d}", "noncommittal", c["reply"], c["id"]))
    no = lines["no_replies"]
    for i in range(NO_CARDS):
        c = no[i % len(no)]
        cards.append(
            Card(
                f"X{i + 1:02d}",
                "no",
                c["line"],
                c["id"],
                goodbye=c["after"],
                answer=c.get("feedback_answer", ""),
            )
        )
    steps, goodbyes = lines["next_steps_replies"], lines["goodbyes"]
    replies = lines["permission_replies"]
    for i in range(NEXT_STEPS_CARDS):
        permission = tuple(
            (channel, replies[channel][(i // len(steps)) % len(replies[channel])])
            for channel in ("email", "call", "any")
            if replies.get(channel)
        )
        cards.append(
            Card(
                f"N{i + 1:02d}",
                "next_steps",
                steps[i % len(steps)],
                f"next_steps_replies[{i % len(steps)}]",
                permission=permission,
                goodbye=goodbyes[i % len(goodbyes)],
            )
        )
    return tuple(cards)


@dataclass(frozen=True)
class Turn:
    """One close: who plays which part, the ending the candidate meets, and its card."""

    interviewer: int
    candidate: int
    ending: str
    card: str
    observer: int | None = None


@dataclass(frozen=True)
class Group:
    """A pair or a trio for one round, with its next-steps card and its turns in order."""

    learners: tuple[int, ...]
    next_steps_card: str
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class Deal:
    """Four rounds of groups (one per ending) for learners numbered 1 to ``n_learners``."""

    n_learners: int
    seed: int
    rounds: tuple[tuple[Group, ...], ...]

    def endings_met(self) -> dict[int, list[str]]:
        """Each learner's endings as candidate, round by round."""
        met: dict[int, list[str]] = {i: [] for i in range(1, self.n_learners + 1)}
        for groups in self.rounds:
            for group in groups:
                for turn in group.turns:
                    met[turn.candidate].append(turn.ending)
        return met

    def as_text(self) -> str:
        """The deal as a coach reads it out or pins it up, round by round."""
        out = [f"A deal for {self.n_learners} learners (seed {self.seed})"]
        for r, groups in enumerate(self.rounds, 1):
            out.append("")
            out.append(f"Round {r}")
            for g, group in enumerate(groups, 1):
                kind = "Trio" if len(group.learners) == 3 else "Pair"
                who = ", ".join(str(n) for n in group.learners)
                out.append(f"  {kind} {g}: learners {who}; next-steps card {group.next_steps_card}")
                for turn in group.turns:
                    line = (
                        f"    {turn.interviewer} interviews {turn.candidate} with card "
                        f"{turn.card} ({ENDING_NAMES[turn.ending]})"
                    )
                    if turn.observer is not None:
                        line += f"; {turn.observer} observes"
                    out.append(line)
        return "\n".join(out)


def _pairings(people: list[int], rounds: int) -> list[list[tuple[int, int]]]:
    """Pairs for each round by the circle method: new partners every round when possible."""
    if not people:
        return [[] for _ in range(rounds)]
    fixed, rest = people[0], people[1:]
    out = []
    for r in range(rounds):
        ring = rest[r % len(rest) :] + rest[: r % len(rest)]
        line = [fixed, *ring]
        half = len(line) // 2
        out.append([(line[i], line[-1 - i]) for i in range(half)])
    return out


def deal(n_learners: int, seed: int = 1) -> Deal:
    """Seat ``n_learners`` (at least 2) for four rounds; the same seed gives the same deal.

    Every learner is the candidate once a round and meets a yes, a reservation,
    a vague answer and a no over the four rounds. Learners are numbered from 1.
    """
    if isinstance(n_learners, bool) or not isinstance(n_learners, int) or n_learners < 2:
        raise ValueError("a deal needs at least 2 learners; a one-to-one is the coach's own")
    rng = random.Random(f"closing-kit-deal:{seed}")
    order = list(range(1, n_learners + 1))
    rng.shuffle(order)
    # Each learner starts the ending cycle at a different place, so every
    # round holds about as many of each ending.
    start = {learner: i % len(ENDINGS) for i, learner in enumerate(order)}
    cycle = list(ENDINGS)
    rng.shuffle(cycle)
    trio = tuple(order[-3:]) if n_learners % 2 else ()
    pairings = _pairings(order[: n_learners - len(trio)], ROUNDS)

    cards = deck_cards()
    by_kind = {kind: [c.code for c in cards if c.kind == kind] for kind in PREFIX}

    # What each learner has already heard or read: a candidate never meets a
    # card they held as interviewer, or heard as observer, in an earlier round.
    seen: dict[int, set[str]] = {learner: set() for learner in order}
    rounds = []
    for r in range(ROUNDS):
        shuffled = {kind: rng.sample(codes, len(codes)) for kind, codes in by_kind.items()}
        taken: set[str] = set()

        def draw(kind: str, avoid: set[str], shuffled=shuffled, taken=taken) -> str:
            codes = shuffled[kind]
            fresh = [c for c in codes if c not in taken]
            # Only a class over 30 runs out of fresh cards and repeats one.
            code = next((c for c in fresh if c not in avoid), fresh[0] if fresh else codes[0])
            taken.add(code)
            return code

        def ending(learner: int, r=r) -> str:
            return cycle[(start[learner] + r) % len(cycle)]

        seats = [((a, b, None), (b, a, None)) for a, b in pairings[r]]
        if trio:
            a, b, c = trio
            seats.append(((a, b, c), (b, c, a), (c, a, b)))
        dealt = []
        for group in seats:
            learners = tuple(sorted({p for seat in group for p in seat if p is not None}))
            next_card = draw("next_steps", set().union(*(seen[p] for p in learners)))
            turns = []
            for interviewer, candidate, observer in group:
                kind = ending(candidate)
                turns.append(
                    Turn(interviewer, candidate, kind, draw(kind, seen[candidate]), observer)
                )
            for turn in turns:
                for p in learners:
                    seen[p].add(turn.card)
            for p in learners:
                seen[p].add(next_card)
            dealt.append(Group(learners, next_card, tuple(turns)))
        rounds.append(tuple(dealt))
    return Deal(n_learners, seed, tuple(rounds))
