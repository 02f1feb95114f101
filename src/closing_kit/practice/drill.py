"""A drill session (chapters 6 and 7): cards in a seeded order, attempts, a summary.

State is the workbook's ``practice["reservation"]`` or ``practice["noncommittal"]``:
``{"seed", "attempts"}``, each attempt ``{"card", "answer", "score", "level",
"failed", "seconds"}``. The same seed deals the same cards, so a coach who
demonstrates with a seed gets the cards the class gets.
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
from closing_kit.banks import noncommittal_cards, reservation_cards

__all__ = [
    "DRILLS",
    "TIME_LIMIT",
    "DrillKind",
    "DrillSession",
    "drill_for",
    "time_limit",
    "timing_note",
]

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


def drill_for(kind: str, data: dict, seed: int | None = None) -> DrillSession:
    """A session of the ``kind`` drill over the saved ``data`` (changed in place)."""
    return DrillSession(DRILLS[kind], data, seed)


class DrillSession:
    """Deal cards, judge answers, keep every attempt, sum them up."""

    def __init__(self, kind: DrillKind, data: dict, seed: int | None = None):
        self.kind, self.data = kind, data
        if seed is not None or not isinstance(data.get("seed"), int):
            data["seed"] = 1 if seed is None else seed
        data["attempts"] = [a for a in data.get("attempts", []) if _is_attempt(a)]
        self.cards = list(kind.cards())
        self.order = list(range(len(self.cards)))
        Random(data["seed"]).shuffle(self.order)  # CPython's order, in every Python
        self.position = 0
        self.checked = False

    @property
    def attempts(self) -> list[dict]:
        return self.data["attempts"]

    @property
    def card(self) -> dict:
        return self.cards[self.order[self.position % len(self.order)]]

    @property
    def prompt(self) -> str:
        """What the interviewer says on the current card."""
        return self.card[self.kind.prompt_key]

    @property
    def card_number(self) -> tuple[int, int]:
        return self.position % len(self.order) + 1, len(self.order)

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
        self.checked = True
        return fb, ""

    def letter_paragraph(self, answer: str) -> str:
        """For reservations: the same answer as a paragraph for the follow-up letter."""
        return letter_version(self.prompt, answer) if self.kind.letter else ""

    def next_card(self) -> None:
        self.position += 1
        self.checked = False

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
