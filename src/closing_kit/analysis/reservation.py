"""Feedback on answering an interviewer's reservation (chapter 6)."""

from __future__ import annotations

from closing_kit.analysis.feedback import Feedback
from closing_kit.analysis.noncommittal import analyze_noncommittal
from closing_kit.analysis.rubric import rubric
from closing_kit.analysis.text import has_evidence, input_problem, normalise, sentences, words

__all__ = ["analyze_reservation", "concern_terms", "is_vague_reply", "letter_version"]

#: Words too common to show that an answer speaks to *this* concern.
STOPWORDS = frozenset(
    """
    a about above after again all also am an and any are as at be because been before being
    bit but by can could did do does doing don't down during each few for from further had has
    have having he her here hers him his how i i'm i've if in into is it it's its itself just
    let's me might more most much my no nor not now of off on once only or other our ours out
    over own quite really same she should so some such than that that's the their theirs them
    then there these they this those through to too under until up very was we we're were what
    when where which while who whom why will with would you you're your yours yourself
    think feel sure worry worried concern concerned seems seem bit little lot one role job
    candidate though yet still whether maybe perhaps see looks look know say said
    year years month months week weeks day days time times two three four five six seven eight
    nine ten olds old new
    """.split()
)


def concern_terms(concern: str) -> set[str]:
    """Content words of the concern, reduced to a crude stem so 'managed' meets 'managing'."""
    # Numbers count however short ("Year 6", "level 3"): they name the thing asked about.
    return {_stem(w) for w in words(concern) if w.isdigit() or (w not in STOPWORDS and len(w) > 2)}


def is_vague_reply(concern: str) -> bool:
    """Whether ``concern`` is really a vague answer about the process, with no doubt in it."""
    r = rubric("reservation")
    low = normalise(concern)
    vague = any(p.search(low) for p in r.extra["vague_reply.patterns"])
    return vague and not any(p.search(low) for p in r.extra["vague_reply.doubt_patterns"])


def analyze_reservation(concern: str, response: str) -> Feedback:
    """Check a response to ``concern``: acknowledge, answer it, evidence, bridge, check back.

    Three checks count against an answer that sounds polite but evades:
    blaming others, dismissing the concern, and claims about oneself with no
    example. A "concern" that is really a vague answer about the process
    ("we have more candidates to see") is judged as one (chapter 7's checks).
    """
    if is_vague_reply(concern or ""):
        fb = analyze_noncommittal(concern, response)
        note = "That was a vague answer about the process, not a doubt: judged as one (chapter 7)."
        return Feedback(fb.kind, fb.score, fb.level, fb.checks, fb.suggestion, (note, *fb.notes))
    r = rubric("reservation")
    problem = input_problem(response, "your answer")
    low = normalise(response) if not problem else ""
    concern_low = normalise(concern)
    overlap = concern_terms(concern) & {_stem(w) for w in words(low)}
    topics = [
        topic
        for topic, asked, answered in r.rules["addresses_concern"].topics
        if any(p.search(concern_low) for p in asked) and any(p.search(low) for p in answered)
    ]
    evidence = has_evidence(low, r.rules["evidence"])
    results = {
        "acknowledge": r.rules["acknowledge"].matches(low),
        "not_defensive": not problem and not r.rules["not_defensive"].matches(low),
        "addresses_concern": bool(overlap or topics) or not concern_terms(concern) and not problem,
        "evidence": evidence,
        "bridge": r.rules["bridge"].matches(low),
        "check_back": "?" in low and r.rules["check_back"].matches(low),
        "no_overpromise": not problem and not r.rules["no_overpromise"].matches(low),
        "no_blaming": not problem and not r.rules["no_blaming"].matches(low),
        "no_dismissing": not problem
        and not r.rules["no_dismissing"].matches(low)
        and not (r.rules["no_dismissing"].matches_soft(low) and not evidence),
        "no_empty_claims": not problem
        and not (r.rules["no_empty_claims"].matches(low) and not evidence),
    }
    notes = []
    if overlap:
        notes.append("You answer their words: " + ", ".join(sorted(overlap)[:5]) + ".")
    return r.feedback(results, notes, empty_message=problem or "")


def letter_version(concern: str, response: str) -> str:
    """The same clarification as a short paragraph for the follow-up letter.

    Keeps the sentences of the spoken answer that carry evidence or answer the
    concern, drops the spoken check-back, and frames them for a letter.
    """
    r = rubric("reservation")
    if input_problem(response):
        return ""
    terms = concern_terms(concern)
    keep = []
    for sentence in sentences(response):
        low = normalise(sentence)
        if "?" in sentence:
            continue
        useful = has_evidence(low, r.rules["evidence"]) or r.rules["bridge"].matches(low)
        if useful or terms & {_stem(w) for w in words(low)}:
            keep.append(sentence)
    if not keep:
        return ""
    return "Thank you again for being open about your concern when we spoke. " + " ".join(keep)


def _stem(word: str) -> str:
    for suffix in ("ing", "ment", "ers", "er", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
