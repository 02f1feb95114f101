"""How fast and how right the feedback engine is. Not a test: it prints figures.

    python scripts/benchmark_feedback.py

- Latency per answer in CPython (median and 99th percentile) over every bank
  example and the corpus' tuning part, and for a 10,000-word paste.
- The same latency in MicroPython's WebAssembly port under Node, the Python a
  phone runs (skipped, with a line saying why, if node or the port is missing;
  ``.ci/run`` installs it under ~/.cache/closing-kit/micropython).
- Agreement with the labelled corpus (``tests/data/feedback_corpus_*.jsonl``):
  the tuning part, then the test part, which is never tuned on, then a fresh
  part from three later writers, measured once and never tuned on. Pairwise
  accuracy, confusion of levels, the two errors that matter, and errors by
  register, first language and trap (``scripts/feedback_agreement.py``).
- Agreement with the two earlier held-out sets (``feedback_holdout.json``).
"""

import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from closing_kit.analysis import analyze_closing, analyze_noncommittal, analyze_reservation
from closing_kit.analysis import tokens as split
from closing_kit.banks import closing_examples, noncommittal_cards, reservation_cards

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
ROUNDS = 20
MJS = (
    Path.home()
    / ".cache/closing-kit/micropython/node_modules"
    / "@micropython/micropython-webassembly-pyscript/micropython.mjs"
)

_spec = importlib.util.spec_from_file_location(
    "feedback_agreement", ROOT / "scripts" / "feedback_agreement.py"
)
agreement = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(agreement)

# Times every case ROUNDS times, in whichever Python runs it; prints one JSON line.
TIMING = """
import json, time
from closing_kit.analysis import analyze_closing, analyze_noncommittal, analyze_reservation
from closing_kit.analysis import tokens as split
try:
    tick, since = time.ticks_us, time.ticks_diff  # MicroPython
except AttributeError:
    tick = lambda: time.perf_counter_ns() // 1000
    since = lambda a, b: a - b
CALL = {"closing": analyze_closing, "reservation": analyze_reservation,
        "vague": analyze_noncommittal}
cases = json.loads(CASES)
for kind, a, b in cases:  # warm up once: first calls build the word tables
    CALL[kind](a, b)
times = []
for _ in range(ROUNDS):
    for kind, a, b in cases:
        split._SPLIT.clear()  # a new answer each time, as a learner types
        t = tick()
        CALL[kind](a, b)
        times.append(since(tick(), t))
print(json.dumps(times))
"""


def cases():
    """Every bank example and the tuning part, as (kind, first, second) arguments."""
    out = [
        ("closing", e["text"], e.get("job_ad", ""))
        for level in ("strong", "weak")
        for e in closing_examples()[level]
    ]
    out += [
        ("reservation", c["concern"], c[k])
        for c in reservation_cards()
        for k in ("model_response", "weak_response")
    ]
    out += [
        ("vague", c["reply"], c[k])
        for c in noncommittal_cards()
        for k in ("model_response", "weak_response")
    ]
    for a in agreement.load(DATA / "feedback_corpus_tune.jsonl"):
        if a["kind"] == "closing":
            out.append(("closing", a["text"], a.get("job_ad", "")))
        else:
            side = "concern" if a["kind"] == "reservation" else "reply"
            out.append((a["kind"], a[side], a["text"]))
    return out


def spread(micros):
    """Median and 99th percentile of microsecond timings, in milliseconds."""
    times = sorted(micros)
    return statistics.median(times) / 1000, times[int(len(times) * 0.99) - 1] / 1000


def program(all_cases, rounds):
    # Raw UTF-8, not \\u escapes: MicroPython reads an escaped surrogate pair as two characters.
    return (
        f"CASES = {json.dumps(json.dumps(all_cases, ensure_ascii=False), ensure_ascii=False)}\n"
        f"ROUNDS = {rounds}\n{TIMING}"
    )


def micropython_latency(all_cases):
    """(median ms, p99 ms, seconds for the whole run) under Node, or a reason it did not run."""
    if not shutil.which("node") or not MJS.exists():
        return "skipped: needs node and MicroPython's port (see .ci/run)"
    start = time.perf_counter()
    proc = subprocess.run(
        ["node", str(ROOT / "scripts" / "micropython_engine.mjs"), str(MJS), str(ROOT / "src")],
        input=program(all_cases, 3),
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if proc.returncode:
        return "failed: " + proc.stderr.strip().splitlines()[-1]
    return (*spread(json.loads(proc.stdout.splitlines()[-1])), time.perf_counter() - start)


def holdout_ordering():
    """Pairwise accuracy on the two earlier held-out sets, by kind."""
    holdout = json.loads((DATA / "feedback_holdout.json").read_text())
    analyze = {
        "closing": lambda c: analyze_closing(c["text"]),
        "reservation": lambda c: analyze_reservation(c["concern"], c["response"]),
        "noncommittal": lambda c: analyze_noncommittal(c["reply"], c["response"]),
    }
    out = {}
    for kind, items in holdout.items():
        scored = [(c["expected"], analyze[kind](c)) for c in items]
        strong = [fb.score for exp, fb in scored if exp == "strong"]
        weak = [fb.score for exp, fb in scored if exp == "weak"]
        pairs = [(s, w) for s in strong for w in weak]
        wins = sum(1.0 if s > w else 0.5 if s == w else 0.0 for s, w in pairs)
        missed = sum(exp == "strong" and fb.level == "weak" for exp, fb in scored)
        praised = sum(exp == "weak" and fb.level == "strong" for exp, fb in scored)
        out[kind] = (len(items), wins / len(pairs) if pairs else float("nan"), missed, praised)
    return out


def main():
    all_cases = cases()
    print("# closing-kit feedback benchmark\n")
    print(f"## Latency ({len(all_cases)} answers: the banks and the tuning part)\n")
    call = {"closing": analyze_closing, "reservation": analyze_reservation}
    for kind, a, b in all_cases:  # warm up once, as the MicroPython program does
        call.get(kind, analyze_noncommittal)(a, b)
    times = []
    for _ in range(ROUNDS):
        for kind, a, b in all_cases:
            split._SPLIT.clear()  # a new answer each time, as a learner types
            start = time.perf_counter_ns()
            call.get(kind, analyze_noncommittal)(a, b)
            times.append((time.perf_counter_ns() - start) // 1000)
    median, p99 = spread(times)
    print(f"CPython {sys.version.split()[0]}: median {median:.2f} ms, 99th percentile {p99:.2f} ms")
    huge = " ".join(["I led the team and cut costs by 10% last year."] * 1000)  # 10,000 words
    runs = []
    for _ in range(5):
        split._SPLIT.clear()
        start = time.perf_counter_ns()
        analyze_closing(huge)
        runs.append((time.perf_counter_ns() - start) / 1e6)
    print(f"CPython, a 10,000-word paste as a close: median {statistics.median(runs):.0f} ms")
    mp = micropython_latency(all_cases)
    if isinstance(mp, str):
        print(f"MicroPython 1.27 (WebAssembly, Node): {mp}")
    else:
        print(
            f"MicroPython 1.27 (WebAssembly, Node {_node_version()}): median {mp[0]:.2f} ms, "
            f"99th percentile {mp[1]:.2f} ms ({mp[2]:.0f} s for the whole run, start included)"
        )
    notes = {
        "tune": "tuned on",
        "test": "never tuned on",
        "fresh": "three later writers (w11 to w13), second-reviewed, never tuned on",
    }
    for part, note in notes.items():
        print(f"\n## Agreement: the {part} part ({note})\n")
        agreement.report(agreement.judged(agreement.load(DATA / f"feedback_corpus_{part}.jsonl")))
    print("\n## The two earlier held-out sets\n")
    print("| kind | answers | pairwise | strong told Needs work | weak told Strong |")
    print("|---|---|---|---|---|")
    for kind, (n, pairwise, missed, praised) in holdout_ordering().items():
        print(f"| {kind} | {n} | {pairwise:.3f} | {missed} | {praised} |")


def _node_version():
    return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    main()
