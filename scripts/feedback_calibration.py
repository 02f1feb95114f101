"""Choose the caps in ``data/rubrics.json`` on the tuning part of the corpus, never the test part.

    python scripts/feedback_calibration.py            # print the best caps per kind
    python scripts/feedback_calibration.py --write    # and write them into rubrics.json

The checks decide what an answer has; the caps decide what a missing part
costs. A cap is the highest score an answer can get while that check fails,
This script reads each tuning answer's checks once, then tries every
combination of caps on a coarse grid for the checks a coach looks for first
(``CORE``) and keeps the one a coach would pick, in this order:

1. the fewest answers in the wrong band that matters (strong told "Needs work",
   weak told "Strong");
2. then the best pairwise accuracy (strong scored above weak);
3. then the most strong answers told "Strong".

The grid is coarse on purpose (seven values, whole bands apart), so the
choice cannot fit single answers. ``tests/test_feedback_corpus.py`` then holds
the figures on the test part, which this script never opens.
"""

import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from feedback_agreement import _ANALYZE, load, pairwise  # noqa: E402

from closing_kit.analysis.feedback import level_for  # noqa: E402
from closing_kit.analysis.rubric import rubric  # noqa: E402

TUNE_PART = ROOT / "tests" / "data" / "feedback_corpus_tune.jsonl"
RUBRICS = ROOT / "src" / "closing_kit" / "data" / "rubrics.json"
#: The corpus's kind names and the rubric's.
RUBRIC_OF = {"closing": "closing", "reservation": "reservation", "vague": "noncommittal"}
#: The checks a coach looks for first, whose caps are chosen here.
CORE = {
    "closing": ("fit_summary", "evidence", "closing_question"),
    "reservation": ("acknowledge", "addresses_concern", "evidence"),
    "vague": ("asks_process", "door_open"),
}
#: Caps tried for each (100: a missing part costs only its weight).
GRID = (40, 45, 50, 55, 60, 70, 100)


def checks_of(answers):
    """Each answer's label and which checks it passed (the engine's own checks)."""
    out = []
    for a in answers:
        fb = _ANALYZE[a["kind"]](a)
        out.append((a["kind"], a["label"], {c.id: c.passed for c in fb.checks}))
    return out


def score(rub, passed, caps):
    """The rubric's score for these check results with other caps (see ``Rubric.feedback``)."""
    total = sum(rub.rules[i].weight for i in rub.ids if passed[i])
    for i in rub.ids:
        if not passed[i]:
            total = min(total, caps.get(i, rub.rules[i].cap))
    return total


def judge(rows, rub, caps):
    """(wrong bands that matter, pairwise, strong told Strong) for one kind's rows."""
    scored = [{"label": label, "score": score(rub, p, caps)} for _, label, p in rows]
    wrong = sum(
        (r["label"] == "strong" and level_for(r["score"]) == "weak")
        or (r["label"] == "weak" and level_for(r["score"]) == "strong")
        for r in scored
    )
    told_strong = sum(r["label"] == "strong" and level_for(r["score"]) == "strong" for r in scored)
    return wrong, pairwise(scored), told_strong


def best_caps(rows, kind):
    """This kind's figures with today's caps, and the best caps on the grid with theirs."""
    rub = rubric(RUBRIC_OF[kind])
    mine = [r for r in rows if r[0] == kind]
    best = None
    for values in itertools.product(GRID, repeat=len(CORE[kind])):
        caps = dict(zip(CORE[kind], values, strict=True))
        wrong, pw, told_strong = judge(mine, rub, caps)
        key = (wrong, -round(pw, 4), -told_strong)
        if best is None or key < best[0]:
            best = (key, caps, (wrong, pw, told_strong))
    return judge(mine, rub, {}), best[1:]


def main(write=False):
    rows = checks_of(load(TUNE_PART))
    data = json.loads(RUBRICS.read_text("utf-8"))
    for kind, name in RUBRIC_OF.items():
        now, (caps, (wrong, pw, told)) = best_caps(rows, kind)
        print(f"{kind}: now {now[0]} in the wrong band, pairwise {now[1]:.3f}, {now[2]} strong")
        print(f"  best {wrong} in the wrong band, pairwise {pw:.3f}, {told} strong: {caps}")
        for check_id, cap in caps.items():
            data[name]["checks"][check_id]["cap"] = cap
    if write:
        RUBRICS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {RUBRICS.relative_to(ROOT)}")


if __name__ == "__main__":
    main(write="--write" in sys.argv[1:])
