"""Feedback on answering a noncommittal reply (chapter 7)."""

from __future__ import annotations

from closing_kit.analysis.feedback import Feedback
from closing_kit.analysis.rubric import rubric
from closing_kit.analysis.text import input_problem, normalise

__all__ = ["analyze_noncommittal"]


def analyze_noncommittal(reply: str, response: str) -> Feedback:
    """Check a response to a vague ``reply``: gracious, asks about process, door open."""
    r = rubric("noncommittal")
    problem = input_problem(response, "your answer")
    low = normalise(response) if not problem else ""
    results = {
        "gracious": r.rules["gracious"].matches(low),
        "asks_process": "?" in low and r.rules["asks_process"].matches(low),
        "is_question": "?" in low,
        "door_open": r.rules["door_open"].matches(low),
        "no_pushing": not problem and not r.rules["no_pushing"].matches(low),
    }
    return r.feedback(results, empty_message=problem or "")
