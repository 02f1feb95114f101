"""The feedback engine's behaviour on hand-made and adversarial answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closing_kit.analysis import (
    analyze_closing,
    analyze_noncommittal,
    analyze_reservation,
    input_problem,
    letter_version,
    speaking_seconds,
)

GOOD_CLOSE = (
    "Thank you for your time today. You need someone who can run scheduling for three sites, "
    "and I have done exactly that for two years, cutting overtime by a fifth. "
    "Based on our conversation, do you see me succeeding in this role, and will you move me "
    "forward?"
)


def test_a_good_close_passes_every_check():
    fb = analyze_closing(GOOD_CLOSE)
    assert fb.score == 100 and fb.level == "strong" and fb.failed == ()
    assert fb.notes == ("About 21 seconds to say at a calm pace.",)


@pytest.mark.parametrize(
    ("text", "fails"),
    [
        ("Thank you. I have led three teams and cut costs by 10%. I look forward to hearing.",
         "closing_question"),
        ("Sorry, I know I'm probably not what you want, but I guess I have led three teams and "
         "cut costs by 10%. Do you see me succeeding here?", "no_hedging"),
        ("Thanks. I have led three teams and cut costs by 10%. So, when can I start?",
         "no_pressure"),
        ("Thanks. Before anything, what is the salary and the bonus? I have led three teams. "
         "Do you see me succeeding?", "no_perks"),
        ("Thanks! I'm a passionate, hard-working team player who thinks outside the box. "
         "Do you see me succeeding?", "no_cliches"),
    ],
)  # fmt: skip
def test_each_mistake_is_named(text, fails):
    fb = analyze_closing(text)
    assert fails in fb.failed
    assert fb.level != "strong"


def test_keyword_stuffing_in_a_rude_close_does_not_score_high():
    """Thanks, fit, evidence and the question, wrapped in an ultimatum, stays low."""
    rude = (
        "Thanks, I guess. I'm obviously the best fit: I grew sales 40% and led a team of ten. "
        "You won't find anyone better, so I need an answer by Friday. "
        "Do you see me succeeding and moving forward, yes or no?"
    )
    fb = analyze_closing(rude)
    assert fb.score <= 35 and "no_pressure" in fb.failed


def test_a_rambling_close_does_not_score_high():
    ramble = (GOOD_CLOSE + " ") * 8
    fb = analyze_closing(ramble)
    assert "length" in fb.failed and fb.score <= 45


def test_job_ad_words_count_as_evidence():
    """Naming the ad's requirements counts, even without numbers."""
    text = (
        "Thank you. My background is in payroll reconciliation, supplier onboarding and "
        "month-end reporting. Do you see me succeeding in this role?"
    )
    ad = "Payroll reconciliation, supplier onboarding, month-end reporting, Excel."
    assert "evidence" in analyze_closing(text).failed
    assert "evidence" not in analyze_closing(text, job_ad=ad).failed


def test_reservation_answer_must_speak_to_the_concern():
    concern = "I'm worried you haven't managed a budget before."
    off_topic = (
        "That's a fair question. I led a team of 12 volunteers at the food bank last year, "
        "which is what this role needs. Does that address your concern?"
    )
    on_topic = off_topic.replace("led a team of 12 volunteers", "managed a 40,000 budget")
    assert "addresses_concern" in analyze_reservation(concern, off_topic).failed
    assert analyze_reservation(concern, on_topic).level == "strong"


def test_defensive_reservation_answer_is_capped():
    concern = "You haven't used our booking software."
    text = (
        "With respect, you're wrong. I used booking software for 5 years, as I already said. "
        "It's the same in this role. Does that address your concern?"
    )
    fb = analyze_reservation(concern, text)
    assert "not_defensive" in fb.failed and fb.score <= 35


def test_letter_version_keeps_the_evidence_and_drops_the_question():
    concern = "You haven't managed a budget."
    spoken = (
        "That's fair. At my last job I tracked a 40,000 pound budget every month. "
        "That carries straight over to this role. Does that address your concern?"
    )
    letter = letter_version(concern, spoken)
    assert "40,000 pound budget" in letter and "?" not in letter
    assert letter_version(concern, "") == ""


def test_noncommittal_answer_that_pushes_is_capped():
    reply = "We still have other candidates to see."
    push = "Thanks, but how do I compare with the others? Just tell me, yes or no?"
    fb = analyze_noncommittal(reply, push)
    assert "no_pushing" in fb.failed and fb.score <= 35


def test_speaking_time_and_input_problems():
    assert speaking_seconds("word " * 140) == 60
    assert input_problem("   \n\t") and "nothing to check" in input_problem("  ")
    assert "only symbols or emoji" in input_problem("\U0001f600\U0001f44d\U0001f525")
    assert "10,000 words" in input_problem("word " * 10_000)
    assert input_problem("Thank you.") is None


@pytest.mark.parametrize("analyze", [analyze_closing])
def test_empty_and_absurd_input_gets_zero_and_a_message(analyze):
    for text in ["", "   ", "\U0001f600" * 50, "word " * 10_000]:
        fb = analyze(text)
        assert fb.score == 0 and fb.level == "weak"
        assert fb.suggestion and "\n" not in fb.suggestion


TEXT = st.text(max_size=2000)


@settings(max_examples=150, deadline=None)
@given(TEXT, TEXT)
def test_any_unicode_gives_valid_feedback(a, b):
    """Any text in: valid feedback out, no exception, score in bounds, same text same result."""
    for fb in (
        analyze_closing(a, job_ad=b),
        analyze_reservation(b, a),
        analyze_noncommittal(b, a),
    ):
        assert 0 <= fb.score <= 100
        assert fb.level in {"strong", "developing", "weak"}
        assert all(c.message for c in fb.checks) and fb.suggestion
        data = fb.to_dict()
        assert {"score", "checks", "suggestion"} <= set(data)
    assert analyze_closing(a, job_ad=b) == analyze_closing(a, job_ad=b)
