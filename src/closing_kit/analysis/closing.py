"""Feedback on a closing statement: thanks, fit, evidence, the question, and tone."""

from __future__ import annotations

from closing_kit.analysis.feedback import Feedback
from closing_kit.analysis.rubric import rubric
from closing_kit.analysis.text import (
    has_evidence,
    input_problem,
    normalise,
    question_spans,
    speaking_seconds,
    words,
)

__all__ = ["analyze_closing"]

#: Spoken length that fits a close, in seconds (the course's own guide, chapter 5).
MIN_SECONDS, MAX_SECONDS = 8, 70
#: Two or more clichés read as a list of buzzwords.
MAX_CLICHES = 1


def analyze_closing(text: str, job_ad: str = "") -> Feedback:
    """Check a closing statement; ``job_ad`` (optional) lets evidence match the role's words."""
    r = rubric("closing")
    problem = input_problem(text, "your closing")
    low = normalise(text) if not problem else ""
    seconds = speaking_seconds(text) if not problem else 0
    questions = question_spans(low)
    results = {
        "thanks": r.rules["thanks"].matches(low),
        "fit_summary": r.rules["fit_summary"].matches(low),
        "evidence": has_evidence(low, r.rules["evidence"], r.rules["no_cliches"].patterns)
        or _ad_overlap(low, job_ad) >= 3,
        # The question must be a question: a '?' sentence that asks about prospects.
        "closing_question": any(r.rules["closing_question"].matches(q) for q in questions),
        "no_hedging": not problem and not r.rules["no_hedging"].matches(low),
        "no_pressure": not problem and not r.rules["no_pressure"].matches(low),
        "no_perks": not problem and not r.rules["no_perks"].matches(low),
        "length": MIN_SECONDS <= seconds <= MAX_SECONDS,
        "no_cliches": not problem and _count(r.rules["no_cliches"], low) <= MAX_CLICHES,
    }
    notes = [] if problem else [f"About {seconds} seconds to say at a calm pace."]
    return r.feedback(results, notes, empty_message=problem or "")


def _count(rule, low: str) -> int:
    return sum(len(p.findall(low)) for p in rule.patterns)


def _ad_overlap(low: str, job_ad: str) -> int:
    """How many distinct content words of the job ad the closing reuses."""
    if not job_ad:
        return 0
    ad = {w for w in words(job_ad) if len(w) > 4}
    return len(ad & set(words(low)))
