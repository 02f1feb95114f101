"""Reservation feedback sees through polite evasions and credits short, honest answers.

Cases written for the classes of problem (not taken from the held-out set,
which measures the rules on answers nobody fitted them to).
"""

from __future__ import annotations

import pytest

from closing_kit.analysis import analyze_reservation
from closing_kit.analysis.reservation import is_vague_reply

SHORT_AND_HONEST = [
    ("You haven't run a warehouse shift before.",
     "Right, not as shift lead yet. But I covered for my supervisor on nights for six weeks "
     "last winter, twenty pickers, and we hit every dispatch cut-off. Would more detail help?"),
    ("You've not used Salesforce.",
     "True. I used HubSpot daily for three years at Lenton, logging about 60 calls a week, and "
     "the ideas carry over. Anything else you'd like to know about how I worked there?"),
]  # fmt: skip
IN_OTHER_WORDS = [
    ("There's an eighteen-month gap on your CV.",
     "Yes. I was caring for my father after his stroke. I kept my nursing registration current, "
     "did two refresher modules online, and I'm ready to be back on a ward. Does that ease the "
     "concern?"),
    ("We need someone who has led a team.",
     "Fair point. I coordinated the eight weekend volunteers at the shelter for two years: I drew "
     "up the rota and trained every new starter. Is that the kind of thing you had in mind?"),
]  # fmt: skip
MORE_IN_OTHER_WORDS = [
    ("You've only worked in small shops.",
     "I can see why it looks that way. At Marlow's I handled the Christmas rush, about 300 "
     "customers a day, and I trained the seasonal staff each year. Would it help to hear how we "
     "managed the queues?"),
    ("We need someone comfortable with big accounts.",
     "Sure. My biggest client at Fenwick was worth a third of our revenue, and I ran their monthly "
     "reviews for two years. Happy to go into more detail if that's useful?"),
    ("The shifts here include weekends.",
     "Of course. I worked every other weekend at the care home for three years and never missed "
     "a shift. Does that fit what you need?"),
    ("You haven't taught a Year 6 class.",
     "You're right to ask. I've covered Year 6 for a term while their teacher was on leave, and "
     "all but two of them met their reading targets. Should I say more about how I prepared "
     "them for the tests?"),
    ("This role is remote, and you've always worked in an office.",
     "I get why that stands out. During the office move last year I worked from home for four "
     "months, kept my weekly reports on time and ran our team stand-ups on video. Does that "
     "answer the question?"),
    ("You seem quite junior for this.",
     "It's a fair thing to wonder. I've been in post for eighteen months, but in that time I've "
     "taken over the supplier accounts, about forty of them, when my manager left. Would an "
     "example of a tricky supplier help?"),
]  # fmt: skip
EVASIVE = [
    ("You haven't managed people.",
     "Thank you for raising that, I understand completely. Honestly the job market has been so "
     "tough that no company would give me the chance. Does that help?", "no_blaming"),
    ("Your Excel skills look basic.",
     "Great question, I understand. To be honest Excel is a bit outdated now, so I'd rather "
     "focus on other things. Is that OK?", "no_dismissing"),
    ("You've never led a team.",
     "Thanks, I understand completely. I'm a natural leader, everyone says so, and I'd pick it "
     "up straight away in this role. Does that answer it?", "no_empty_claims"),
    ("You've moved jobs a lot.",
     "I appreciate you asking. My last two managers were awful and held me back, so I had to "
     "leave. I'd be committed here. Have I answered your question?", "no_blaming"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("concern", "answer"), SHORT_AND_HONEST + IN_OTHER_WORDS + MORE_IN_OTHER_WORDS
)
def test_short_honest_answers_and_answers_in_other_words_score_strong(concern, answer):
    fb = analyze_reservation(concern, answer)
    assert fb.level == "strong", (fb.score, fb.failed)
    assert "addresses_concern" not in fb.failed and "check_back" not in fb.failed


@pytest.mark.parametrize(("concern", "answer", "check"), EVASIVE)
def test_polite_evasions_score_weak_and_say_why(concern, answer, check):
    fb = analyze_reservation(concern, answer)
    assert fb.level == "weak" and check in fb.failed, (fb.score, fb.failed)


def test_a_claim_with_an_example_is_not_an_empty_claim():
    fb = analyze_reservation(
        "You've never led a team.",
        "I'm a natural organiser: last year I led the six-person stock-take team and we finished "
        "two days early. Does that help?",
    )
    assert "no_empty_claims" not in fb.failed


@pytest.mark.parametrize(
    ("concern", "vague"),
    [
        ("We have more candidates to see.", True),
        ("We'll be in touch once we've finished interviewing.", True),
        ("We have more candidates with budget experience, and you haven't held one.", False),
        ("You haven't managed a budget.", False),
    ],
)
def test_a_vague_reply_given_as_a_concern_is_judged_as_one(concern, vague):
    assert is_vague_reply(concern) is vague
    if vague:
        asks = (
            "That makes sense, thank you. When do you expect to decide, and may I email you then?"
        )
        pushes = "I really am the best fit: I ran a team of ten for three years."
        assert analyze_reservation(concern, asks).level == "strong"
        pushed = analyze_reservation(concern, pushes)
        assert pushed.level == "weak" and "asks_process" in pushed.failed
