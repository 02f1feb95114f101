"""Feedback on what a learner writes or would say: text in, feedback as data out.

Standard library only (it also runs in a browser's Python).
No widgets, no network, no model: every point of a score comes from a named
check the learner can read, and the rules' wording lives in
``data/rubrics.json``.
"""

from closing_kit.analysis.closing import analyze_closing
from closing_kit.analysis.feedback import Check, Feedback, level_for, level_info, levels
from closing_kit.analysis.noncommittal import analyze_noncommittal
from closing_kit.analysis.reservation import analyze_reservation, letter_version
from closing_kit.analysis.rubric import KINDS, check_label, rubric
from closing_kit.analysis.text import input_problem, speaking_seconds

__all__ = [
    "KINDS",
    "Check",
    "Feedback",
    "analyze_closing",
    "analyze_noncommittal",
    "analyze_reservation",
    "check_label",
    "input_problem",
    "letter_version",
    "level_for",
    "level_info",
    "levels",
    "rubric",
    "speaking_seconds",
]
