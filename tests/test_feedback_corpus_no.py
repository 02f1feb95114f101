"""The role-play's judge of a reply to a no agrees with a coach on replies written apart from it.

Two persona writers who never saw the rules each wrote 60 replies to the
role-play's three no lines (``roleplay.json`` ``no_replies``: "not the right
fit", "no feedback on the day", "we don't discuss candidates"), labelled strong,
nearly or weak, with traps (a polite reply that still pushes, a short plain
reply that is strong). ``judge_no`` was tuned on one writer's
(``feedback_corpus_no_tune.jsonl``, w16) and never on the other's
(``feedback_corpus_no_test.jsonl``, w17), measured once before the tuning and
once after. The floors are the after figures on the test part:
``python scripts/feedback_agreement.py tests/data/feedback_corpus_no_test.jsonl``
prints them.
"""

import importlib.util
from pathlib import Path

import pytest

from closing_kit.banks import roleplay_lines
from closing_kit.practice.roleplay import judge_no

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "feedback_agreement", ROOT / "scripts" / "feedback_agreement.py"
)
agreement = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(agreement)

DATA = ROOT / "tests" / "data"
TUNE_PART = DATA / "feedback_corpus_no_tune.jsonl"
TEST_PART = DATA / "feedback_corpus_no_test.jsonl"

#: (pairwise at least, strong told "Needs work" at most, weak told "Strong" at most)
#: on the test part: 0.971, 0 of 24 and 1 of 21 after the tuning; 0.894, 1 of 24 and
#: 1 of 21 before it. (The tuning part went from 0.763, 4 of 24, 1 of 21 to 1.000, 0, 0.)
FLOOR = (0.971, 0, 1)


def _figures(path):
    rows = agreement.judged(agreement.load(path))
    return agreement.figures(rows, (agreement.NO_KIND,))[agreement.NO_KIND]


def test_agreement_on_the_untouched_part_holds():
    pairwise, most_missed, most_praised = FLOOR
    f = _figures(TEST_PART)
    assert f["pairwise"] >= pairwise, f
    assert f["strong_needs_work"] <= most_missed, f["confusion"]
    assert f["weak_strong"] <= most_praised, f["confusion"]


def test_the_parts_are_whole_and_apart():
    """60 replies each, every no line and label in both, no reply or writer in both."""
    tune, test = agreement.load(TUNE_PART), agreement.load(TEST_PART)
    lines = range(len(roleplay_lines()["no_replies"]))
    for part in (tune, test):
        assert len(part) == 60
        assert {a["kind"] for a in part} == {agreement.NO_KIND}
        for line in lines:
            labels = {a["label"] for a in part if a["line"] == line}
            assert labels == set(agreement.LABELS), (line, labels)
    assert not {a["text"] for a in tune} & {a["text"] for a in test}
    assert not {a["writer"] for a in tune} & {a["writer"] for a in test}


@pytest.mark.parametrize(
    ("line", "reply", "level"),
    [
        # A plain, warm acceptance is strong: a no needs no question to end well.
        (0, "Fair enough. Thank you for being straight with me, and good luck.", "strong"),
        # Polite words that still ask for the verdict they declined to give.
        (1, "I understand, but could you just say whether I'm through?", "weak"),
        (2, "Of course. Just between us, though, do you think I have a shot?", "weak"),
        # A "but" that goes on to ask about the process is not a push.
        (2, "That's fair, but could I ask when the panel meets?", "strong"),
        # "Give me a" pushes in a vague answer's rubric, not in a question about timing.
        (1, "Thank you for your time. Could you give me a rough idea of when I'll hear?", "strong"),
        # Good words that dispute the answer need work, however polite.
        (0, "Thank you, I appreciate it, but I think you're wrong about my experience.", "weak"),
        (0, "Okay, thanks.", "developing"),
    ],
)
def test_the_judge_reads_a_no_as_a_coach_would(line, reply, level):
    """The traps the writers were asked for, in the course's own words."""
    card = roleplay_lines()["no_replies"][line]
    assert judge_no(card, reply).level == level


def test_an_argued_reply_is_capped_whatever_else_it_does():
    """All the right words and one argument: the no_arguing cap keeps it at Needs work."""
    card = next(c for c in roleplay_lines()["no_replies"] if c["id"] == "not-fit")
    good = card["model_response"]
    argued = good + " I'd like to add, for the record, that I think that's not a fair read."
    assert judge_no(card, good).level == "strong"
    fb = judge_no(card, argued)
    assert "no_arguing" in fb.failed and fb.level == "weak"
    assert fb.score == roleplay_lines()["own_checks"]["no_arguing"]["cap"]


def test_micropython_judges_a_no_as_cpython_does(tmp_path):
    """The website's role-play runs on MicroPython: every corpus reply gets the same feedback."""
    import json
    import shutil

    import live_practice
    from test_engine_micropython import run_in_both

    if not shutil.which("node"):
        pytest.fail("node is needed to run MicroPython's WebAssembly port (Debian package nodejs)")
    replies = agreement.load(TUNE_PART) + agreement.load(TEST_PART)
    cases = [[a["line"], a["text"]] for a in replies]
    program = (
        "CASES = " + repr(json.dumps(cases, ensure_ascii=False)) + "\n"
        "import json\n"
        "from closing_kit.banks import roleplay_lines\n"
        "from closing_kit.practice.roleplay import judge_no\n"
        "cards = roleplay_lines()['no_replies']\n"
        "for line, text in json.loads(CASES):\n"
        "    print(json.dumps(judge_no(cards[line], text).to_dict()))\n"
    )
    # The website's own bundle: exactly what a page writes into its MicroPython.
    bundle = tmp_path / "engine.json"
    bundle.write_text(json.dumps(live_practice.engine_sources()), encoding="utf-8")
    mp_lines, cp_lines = run_in_both(program, bundle, tmp_path, 600)
    assert len(mp_lines) == len(cp_lines) == len(cases)
    for case, m, c in zip(cases, mp_lines, cp_lines, strict=True):
        assert json.loads(m) == json.loads(c), case
