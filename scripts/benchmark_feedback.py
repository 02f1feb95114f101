"""How fast and how right the feedback engine is. Not a test: it prints figures.

    python scripts/benchmark_feedback.py

Latency per answer over every example in the banks (median and 99th
percentile), for a 10,000-word paste, and agreement with the held-out cases
in tests/data/feedback_holdout.json, which were written apart from the rules.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from closing_kit.analysis import analyze_closing, analyze_noncommittal, analyze_reservation
from closing_kit.banks import closing_examples, noncommittal_cards, reservation_cards

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 20


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def ordering(rows, kind: str) -> float:
    """How often a case labelled strong scores above one labelled weak (ties count half)."""
    strong = [score for k, exp, _, score in rows if k == kind and exp == "strong"]
    weak = [score for k, exp, _, score in rows if k == kind and exp == "weak"]
    pairs = [(s, w) for s in strong for w in weak]
    if not pairs:
        return float("nan")
    return sum(1.0 if s > w else 0.5 if s == w else 0.0 for s, w in pairs) / len(pairs)


def main() -> None:
    calls = []
    for level in ("strong", "weak"):
        calls += [lambda e=e: analyze_closing(e["text"], e.get("job_ad", ""))
                  for e in closing_examples()[level]]  # fmt: skip
    for c in reservation_cards():
        calls += [lambda c=c, k=k: analyze_reservation(c["concern"], c[k])
                  for k in ("model_response", "weak_response")]  # fmt: skip
    for c in noncommittal_cards():
        calls += [lambda c=c, k=k: analyze_noncommittal(c["reply"], c[k])
                  for k in ("model_response", "weak_response")]  # fmt: skip
    for call in calls:  # warm the regex caches once
        call()
    times = sorted(timed(call) for _ in range(ROUNDS) for call in calls)
    p99 = times[int(len(times) * 0.99) - 1]
    huge = " ".join(["I led the team and cut costs by 10% last year."] * 1000)  # 10,000 words
    huge_ms = statistics.median(timed(lambda: analyze_closing(huge)) for _ in range(5))
    huge_res = statistics.median(
        timed(lambda: analyze_reservation("You lack budget experience.", huge)) for _ in range(5)
    )

    holdout = json.loads((ROOT / "tests" / "data" / "feedback_holdout.json").read_text())
    analyze = {
        "closing": lambda c: analyze_closing(c["text"]),
        "reservation": lambda c: analyze_reservation(c["concern"], c["response"]),
        "noncommittal": lambda c: analyze_noncommittal(c["reply"], c["response"]),
    }
    rows = []
    for kind, cases in holdout.items():
        for case in cases:
            fb = analyze[kind](case)
            rows.append((kind, case["expected"], fb.level, fb.score))
    agree = sum((level == "strong") == (exp == "strong") for _, exp, level, _ in rows)
    praised_weak = sum(exp == "weak" and level == "strong" for _, exp, level, _ in rows)
    missed_strong = sum(exp == "strong" and level != "strong" for _, exp, level, _ in rows)

    print("# closing-kit feedback benchmark")
    print(f"answers in the banks: {len(calls)}, timed {ROUNDS} times each")
    median = statistics.median(times)
    print(f"latency per answer: median {median:.3f} ms, 99th percentile {p99:.3f} ms")
    print(f"10,000-word closing: {huge_ms:.1f} ms; as a reservation answer: {huge_res:.1f} ms")
    print(f"held-out cases: {agree}/{len(rows)} agree with their label")
    for kind in analyze:
        print(f"  {kind:13} strong ranked above weak: {ordering(rows, kind):.2f} of pairs")
    print(f"weak rated strong: {praised_weak}; strong rated below strong: {missed_strong}")
    for kind, exp, level, score in rows:
        mark = "ok " if (level == "strong") == (exp == "strong") else "MISS"
        print(f"  {mark} {kind:13} expected {exp:7} got {level:11} ({score})")


if __name__ == "__main__":
    main()
