"""The feedback agrees with a coach on answers written apart from the rules.

``tests/data/feedback_corpus_test.jsonl`` holds 299 answers (closing,
reservation, vague) written by three persona writers who never saw the
rules, labelled by them and checked by a second reviewer. It was never used
to tune the engine (``feedback_corpus_tune.jsonl`` was: seven writers, w8 to w10
among them once their fresh-part figures were reported). The floors below
are the figures measured on it when the engine last changed
(``scripts/benchmark_feedback.py`` prints them); the test fails if the
engine drops below them. They are not yet the issue's targets (0.95
pairwise, at most 5 % of strong answers told "Needs work", no weak answer
told "Strong"): see the issue note.
"""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "feedback_agreement", ROOT / "scripts" / "feedback_agreement.py"
)
agreement = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(agreement)

TEST_PART = ROOT / "tests" / "data" / "feedback_corpus_test.jsonl"
TUNE_PART = ROOT / "tests" / "data" / "feedback_corpus_tune.jsonl"

#: kind -> (pairwise at least, strong told "Needs work" at most, weak told "Strong" at most)
FLOORS = {
    "closing": (0.957, 1, 2),  # 0.946, 1, 3 before issue 21's relevance by who did what
    "reservation": (0.933, 4, 1),  # 0.920, 4, 2 before the doubt was told from what is granted
    "vague": (1.000, 0, 0),
}


@pytest.fixture(scope="module")
def figures():
    return agreement.figures(agreement.judged(agreement.load(TEST_PART)))


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_agreement_on_the_untouched_test_part_holds(figures, kind):
    pairwise, most_missed, most_praised = FLOORS[kind]
    f = figures[kind]
    assert f["pairwise"] >= pairwise, f
    assert f["strong_needs_work"] <= most_missed, f["confusion"]
    assert f["weak_strong"] <= most_praised, f["confusion"]


def test_the_corpus_is_whole_and_its_parts_apart():
    """At least 600 labelled answers, every kind and label in both parts, no answer in both."""
    tune, test = agreement.load(TUNE_PART), agreement.load(TEST_PART)
    assert len(tune) + len(test) >= 600
    for part in (tune, test):
        for kind in agreement.KINDS:
            labels = {a["label"] for a in part if a["kind"] == kind}
            assert labels == set(agreement.LABELS), (kind, labels)
    assert not {a["text"] for a in tune} & {a["text"] for a in test}
    assert not {a["writer"] for a in tune} & {a["writer"] for a in test}


def test_the_caps_are_the_ones_calibrated_on_the_tuning_part():
    """rubrics.json's caps for the core checks are what scripts/feedback_calibration.py picks
    on the tuning part: a hand edit to a cap, or a change to a check, shows here first."""
    spec = importlib.util.spec_from_file_location(
        "feedback_calibration", ROOT / "scripts" / "feedback_calibration.py"
    )
    calibration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(calibration)
    rows = calibration.checks_of(agreement.load(TUNE_PART))
    for kind, name in calibration.RUBRIC_OF.items():
        now, (caps, best) = calibration.best_caps(rows, kind)
        rub = calibration.rubric(name)
        assert {i: rub.rules[i].cap for i in caps} == caps or now == best, (kind, now, best, caps)
