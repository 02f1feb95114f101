"""Feedback on answering a noncommittal reply (chapter 7)."""

from __future__ import annotations

import re

from closing_kit.analysis.feedback import Feedback
from closing_kit.analysis.rubric import rubric
from closing_kit.analysis.text import input_problem, normalise, question_spans

__all__ = ["analyze_noncommittal"]


def analyze_noncommittal(reply: str, response: str) -> Feedback:
    """Check a response to a vague ``reply``: gracious, asks about process, door open."""
    r = rubric("noncommittal")
    problem = input_problem(response, "your answer")
    low = normalise(response) if not problem else ""
    results = {
        "gracious": r.rules["gracious"].matches(low),
        "asks_process": any(r.rules["asks_process"].matches(q) for q in question_spans(low)),
        "is_question": "?" in low,
        "door_open": r.rules["door_open"].matches(low),
        "no_pushing": not problem
        and not r.rules["no_pushing"].matches(low)
        and _question_words(low) <= r.rules["no_pushing"].max_question_words,
    }
    return r.feedback(results, empty_message=problem or "")


def _question_words(low: str) -> int:
    """How many question words are asked: a barrage of questions reads as pushing."""
    return len(
        re.findall(
            r"\b(how|when|who|what|which|where|why)\b",
            " ".join(part for part in re.split(r"(?<=[.!])\s+", low) if "?" in part),
        )
    )
