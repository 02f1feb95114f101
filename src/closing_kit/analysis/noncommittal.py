"""Feedback on answering a noncommittal reply (chapter 7)."""

from __future__ import annotations

import re

from closing_kit.analysis.feedback import Feedback
from closing_kit.analysis.rubric import rubric
from closing_kit.analysis.text import input_problem, normalise, question_spans

__all__ = ["analyze_noncommittal", "timing_given"]


#: Words that show the interviewer already gave a time frame ("within ten days").
_TIMING = re.compile(
    r"\b(today|tomorrow|monday|tuesday|wednesday|thursday|friday|weekend|next week|this week"
    r"|weeks?|days?|months?|january|february|march|april|may|june|july|august|september"
    r"|october|november|december|\d+)\b"
)


def timing_given(reply: str) -> list[str]:
    """The time words in the interviewer's ``reply`` ("friday", "ten days"...), if any."""
    return sorted(set(_TIMING.findall(normalise(reply))))


def analyze_noncommittal(reply: str, response: str) -> Feedback:
    """Check a response to a vague ``reply``: gracious, asks about process, door open.

    When the ``reply`` already named a time ("we'll decide by Friday"), a
    question that confirms that time counts as asking about the process.
    """
    r = rubric("noncommittal")
    problem = input_problem(response, "your answer")
    low = normalise(response) if not problem else ""
    questions = question_spans(low)
    given = timing_given(reply or "")
    confirms = [t for t in given if any(re.search(rf"\b{re.escape(t)}\b", q) for q in questions)]
    notes = []
    if confirms:
        notes.append(f"You check the time they gave ({', '.join(confirms)}): good.")
    results = {
        "gracious": r.rules["gracious"].matches(low),
        "asks_process": any(r.rules["asks_process"].matches(q) for q in questions)
        or bool(confirms),
        "is_question": "?" in low,
        "door_open": r.rules["door_open"].matches(low),
        "no_pushing": not problem
        and not r.rules["no_pushing"].matches(low)
        and _question_words(low) <= r.rules["no_pushing"].max_question_words,
    }
    return r.feedback(results, notes, empty_message=problem or "")


def _question_words(low: str) -> int:
    """How many question words are asked: a barrage of questions reads as pushing."""
    return len(
        re.findall(
            r"\b(how|when|who|what|which|where|why)\b",
            " ".join(part for part in re.split(r"(?<=[.!])\s+", low) if "?" in part),
        )
    )
