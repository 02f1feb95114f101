"""How far the feedback engine agrees with a coach's labels on a corpus of answers.

    python scripts/feedback_agreement.py tests/data/feedback_corpus_test.jsonl

A corpus is JSON Lines: ``kind`` (closing, reservation or vague), the
interviewer's side (``job_ad``, ``concern`` or ``reply``), the answer in
``text`` and a coach's ``label`` (strong, nearly or weak). A reply to the
role-play's no is kind ``no``, with ``line`` the place of the interviewer's
line in ``roleplay.json``'s ``no_replies`` (``feedback_corpus_no_*.jsonl``). Used by
``benchmark_feedback.py`` for its figures and by
``tests/test_feedback_corpus.py`` to hold them.
"""

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from closing_kit.analysis import analyze_closing, analyze_noncommittal, analyze_reservation
from closing_kit.banks import roleplay_lines
from closing_kit.practice.roleplay import judge_no

KINDS = ("closing", "reservation", "vague")
#: The role-play's fourth ending: reported when a corpus holds it.
NO_KIND = "no"
LABELS = ("strong", "nearly", "weak")
LEVELS = ("strong", "developing", "weak")  # the engine's ids: Strong, Nearly there, Needs work

_ANALYZE = {
    "closing": lambda a: analyze_closing(a["text"], a.get("job_ad", "")),
    "reservation": lambda a: analyze_reservation(a["concern"], a["text"]),
    "vague": lambda a: analyze_noncommittal(a["reply"], a["text"]),
    NO_KIND: lambda a: judge_no(roleplay_lines()["no_replies"][a["line"]], a["text"]),
}


def load(path):
    return [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line.strip()]


def judged(answers):
    """Each answer with the engine's ``score`` and ``level`` added."""
    out = []
    for a in answers:
        fb = _ANALYZE[a["kind"]](a)
        out.append({**a, "score": fb.score, "level": fb.level, "failed": list(fb.failed)})
    return out


def pairwise(rows):
    """How often a strong answer scores above a weak one of the same kind (ties count half)."""
    strong = [r["score"] for r in rows if r["label"] == "strong"]
    weak = [r["score"] for r in rows if r["label"] == "weak"]
    pairs = len(strong) * len(weak)
    if not pairs:
        return float("nan")
    return sum(1.0 if s > w else 0.5 if s == w else 0.0 for s in strong for w in weak) / pairs


def figures(rows, kinds=KINDS):
    """Per kind: pairwise accuracy, the confusion of labels and levels, and the two errors
    that matter."""
    out = {}
    for kind in kinds:
        mine = [r for r in rows if r["kind"] == kind]
        confusion = Counter((r["label"], r["level"]) for r in mine)
        strong = [r for r in mine if r["label"] == "strong"]
        weak = [r for r in mine if r["label"] == "weak"]
        out[kind] = {
            "answers": len(mine),
            "pairwise": pairwise(mine),
            "confusion": {lab: {lev: confusion[(lab, lev)] for lev in LEVELS} for lab in LABELS},
            "strong_needs_work": sum(r["level"] == "weak" for r in strong),
            "strong": len(strong),
            "weak_strong": sum(r["level"] == "strong" for r in weak),
            "weak": len(weak),
        }
    return out


def errors_by(rows, field):
    """Strong answers told "Needs work" and weak ones told "Strong", counted by ``field``."""
    counts = defaultdict(lambda: [0, 0, 0])  # answers, strong->Needs work, weak->Strong
    for r in rows:
        value = r.get(field) or "(none)"
        if field == "l1":
            value = "English" if value.lower().startswith("english") else "other first language"
        c = counts[value]
        c[0] += 1
        c[1] += r["label"] == "strong" and r["level"] == "weak"
        c[2] += r["label"] == "weak" and r["level"] == "strong"
    return dict(sorted(counts.items()))


def report(rows, out=sys.stdout, kinds=KINDS):
    fig = figures(rows, kinds)
    print("| kind | answers | pairwise | strong told Needs work | weak told Strong |", file=out)
    print("|---|---|---|---|---|", file=out)
    for kind, f in fig.items():
        cells = (
            kind,
            f["answers"],
            f"{f['pairwise']:.3f}",
            f"{f['strong_needs_work']} of {f['strong']}",
            f"{f['weak_strong']} of {f['weak']}",
        )
        print("| " + " | ".join(str(c) for c in cells) + " |", file=out)  # fmt: skip
    for kind, f in fig.items():
        print(
            f"\n{kind}: label (rows) by level (columns: Strong, Nearly there, Needs work)", file=out
        )
        for lab in LABELS:
            print(
                f"  {lab:7} " + " ".join(f"{f['confusion'][lab][lev]:4}" for lev in LEVELS),
                file=out,
            )
    for field in ("register", "l1", "trap"):
        print(f"\nby {field}: answers, strong told Needs work, weak told Strong", file=out)
        for value, (n, sw, ws) in errors_by(rows, field).items():
            print(f"  {value:32} {n:4} {sw:4} {ws:4}", file=out)
    return fig


if __name__ == "__main__":
    rows = judged([a for path in sys.argv[1:] for a in load(path)])
    report(rows, kinds=KINDS + ((NO_KIND,) if any(r["kind"] == NO_KIND for r in rows) else ()))
