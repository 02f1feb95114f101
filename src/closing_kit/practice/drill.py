"""A drill session (chapters 6 and 7): a deal that picks up where the learner left off.

State is the workbook's ``practice["reservation"]`` or ``practice["noncommittal"]``:
``{"seed", "attempts"}``, each attempt ``{"card", "answer", "score", "level",
"failed", "seconds"}``. The next card is the one practised least, then the one
that scored worst last time; ties fall in a shuffled order made from the seed
and the learner's workbook, so each learner meets their own order, and the same
workbook always deals the same way. The card the notebook works through above
the drill (``banks.worked_card``) is never dealt.
"""

from __future__ import annotations

from closing_kit.analysis import (
    Feedback,
    analyze_noncommittal,
    analyze_reservation,
    check_label,
    input_problem,
    letter_version,
)
from closing_kit.analysis.compat import Random, most_common
from closing_kit.banks import noncommittal_cards, reservation_cards, worked_card

__all__ = [
    "CHECKED_FIRST",
    "DRILLS",
    "TIME_LIMIT",
    "DrillKind",
    "DrillSession",
    "drill_for",
    "time_limit",
    "timing_note",
]

#: What Next card says when it checked an answer instead of moving on.
CHECKED_FIRST = (
    "Your answer is checked and kept: read its feedback below, then press Next card again "
    "(or clear the box to skip this card)."
)
#: Timed mode: the seconds a learner aims for by default, and the range they may choose.
TIME_LIMIT = (60, 10, 600)


class DrillKind:
    """What differs between the drills: the bank, the prompt's key, the analysis, a title.

    A plain class, not a dataclass: the website runs this on MicroPython, which has none.
    """

    def __init__(self, id: str, title: str, prompt_key: str, letter: bool):
        self.id, self.title, self.prompt_key, self.letter = id, title, prompt_key, letter

    def __repr__(self) -> str:
        return f"DrillKind({self.id!r})"

    def cards(self) -> tuple[dict, ...]:
        return reservation_cards() if self.id == "reservation" else noncommittal_cards()

    def analyze(self, prompt: str, answer: str) -> Feedback:
        fn = analyze_reservation if self.id == "reservation" else analyze_noncommittal
        return fn(prompt, answer)


DRILLS = {
    "reservation": DrillKind("reservation", "Reservation drill", "concern", letter=True),
    "noncommittal": DrillKind("noncommittal", "Vague-answer drill", "reply", letter=False),
}


def drill_for(kind: str, data: dict, seed: int | None = None, learner: str = "") -> DrillSession:
    """A session of the ``kind`` drill over the saved ``data`` (changed in place)."""
    return DrillSession(DRILLS[kind], data, seed, learner)


class DrillSession:
    """Deal cards, judge answers, keep every attempt, sum them up."""

    def __init__(self, kind: DrillKind, data: dict, seed: int | None = None, learner: str = ""):
        self.kind, self.data = kind, data
        if seed is not None or not isinstance(data.get("seed"), int):
            data["seed"] = 1 if seed is None else seed
        data["attempts"] = [a for a in data.get("attempts", []) if _is_attempt(a)]
        worked = worked_card(kind.id)["id"]
        self.cards = [c for c in kind.cards() if c["id"] != worked]
        self.order = list(range(len(self.cards)))
        # CPython's order, in every Python; the workbook's id makes it this learner's.
        Random(f"{data['seed']}:{learner}" if learner else data["seed"]).shuffle(self.order)
        self.position = 0  # cards dealt in this session
        self.current = self._deal(None)
        self.checked = False
        self.checked_answer = None

    @property
    def attempts(self) -> list[dict]:
        return self.data["attempts"]

    @property
    def card(self) -> dict:
        return self.cards[self.current]

    @property
    def prompt(self) -> str:
        """What the interviewer says on the current card."""
        return self.card[self.kind.prompt_key]

    @property
    def progress(self) -> tuple[int, int]:
        """How many of the cards have been practised at least once, and how many there are."""
        ids = {c["id"] for c in self.cards}
        return len({a["card"] for a in self.attempts if a["card"] in ids}), len(self.cards)

    def heading(self) -> str:
        """The line above the card: where the learner is in the whole deck, not this session."""
        done, total = self.progress
        if done >= total:
            return f"{self.kind.title}: every card practiced; here is one to improve."
        return f"{self.kind.title}: {done} of {total} cards practiced so far."

    def _deal(self, leaving: int | None) -> int:
        """The least practised card, then the worst scored last time; never the one just left."""
        times, last = {}, {}
        for a in self.attempts:
            times[a["card"]] = times.get(a["card"], 0) + 1
            last[a["card"]] = a["score"]
        rank = {n: k for k, n in enumerate(self.order)}
        choices = [n for n in self.order if n != leaving] or self.order
        return min(
            choices,
            key=lambda n: (
                times.get(self.cards[n]["id"], 0),
                last.get(self.cards[n]["id"], -1),
                rank[n],
            ),
        )

    def check(self, answer: str, seconds: int | None = None) -> tuple[Feedback | None, str]:
        """Judge ``answer`` to the current card and keep it; a refused answer is not kept.

        Checking again before moving on replaces this card's attempt, so one
        card gives one attempt however often the learner re-checks.
        """
        problem = input_problem(answer, "your answer")
        if problem:
            return None, problem
        fb = self.kind.analyze(self.prompt, answer)
        record = {
            "card": self.card["id"],
            "answer": answer,
            "score": fb.score,
            "level": fb.level,
            "failed": list(fb.failed),
            "seconds": seconds,
        }
        if self.checked and self.attempts:
            self.attempts[-1] = record
        else:
            self.attempts.append(record)
        self.checked, self.checked_answer = True, answer
        return fb, ""

    def unchecked(self, answer: str) -> bool:
        """Whether ``answer`` holds words whose feedback the learner has not seen yet."""
        return bool(answer.strip()) and answer != self.checked_answer

    def letter_paragraph(self, answer: str) -> str:
        """For reservations: the same answer as a paragraph for the follow-up letter."""
        return letter_version(self.prompt, answer) if self.kind.letter else ""

    def next_card(self) -> None:
        self.position += 1
        self.current = self._deal(self.current)
        self.checked, self.checked_answer = False, None

    def go_to(self, card_id: str) -> None:
        """Show ``card_id`` (another tab's card), if it is still in the deck."""
        for n, card in enumerate(self.cards):
            if card["id"] == card_id:
                self.current = n

    def model_answer(self) -> str:
        return self.card["model_response"]

    def summary(self) -> dict | None:
        """Count, average, best, and the checks most often missed by their short names."""
        scores = [a["score"] for a in self.attempts]
        if not scores:
            return None
        misses = most_common([c for a in self.attempts for c in a["failed"]])
        return {
            "attempts": len(scores),
            "average": round(sum(scores) / len(scores)),
            "best": max(scores),
            "scores": scores,
            "missed": [(check_label(c, self.kind.id), n) for c, n in misses],
        }


def _is_attempt(value) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("card"), str)
        and isinstance(value.get("answer"), str)
        and isinstance(value.get("score"), int)
        and isinstance(value.get("failed"), list)
    )


def time_limit(value) -> int:
    """A chosen limit in seconds, as a whole number within ``TIME_LIMIT``'s range.

    Typed text that is not a number gives the default; a number out of range
    is brought to the nearest end, as Jupyter's bounded box does.
    """
    default, low, high = TIME_LIMIT
    try:
        seconds = round(float(value))
    except (TypeError, ValueError, OverflowError):
        return default
    return min(max(seconds, low), high)


def timing_note(seconds: int, limit: int) -> str:
    """One sentence on how long an answer took against the learner's limit."""
    if seconds <= limit:
        return f"Answered in {seconds} s, inside your {limit} s."
    return f"You took {seconds} s; in the room, aim for under {limit} s. Shorter is fine."
