"""Measure teaching a class: the report for 30, 300 and 1,000 learners, batch scoring 1,000 answers.

The learners' workbooks are made up (``closing_kit.classroom.sample``: every
attempt made through the drafter, the drills and the role-play) and saved with
the workbook's own ``save_workbook``. For each report it prints the seconds, the
peak of memory Python allocated while making it (``tracemalloc``) and the
process's peak resident size (``ru_maxrss``, where the ``resource`` module
exists); the goal for 1,000 learners is under 15 s within 150 MB. It asserts
nothing. ``--profile`` prints where the 1,000-learner report spends its time.

    python3 scripts/benchmark_class.py [--sizes 30,300,1000] [--profile]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from closing_kit.banks import closing_examples
from closing_kit.classroom.batch import score_csv
from closing_kit.classroom.report import build_report, write_csv
from closing_kit.classroom.sample import sample_workbook
from closing_kit.workbook.store import save_workbook

try:
    import resource
except ImportError:  # Windows
    resource = None


def _class(folder: Path, n: int) -> int:
    attempts = 0
    for i in range(n):
        workbook = sample_workbook(i)
        practice = workbook["practice"]
        attempts += len(practice["closing"]["versions"]) + len(practice["roleplay"]["runs"])
        attempts += len(practice["reservation"]["attempts"])
        attempts += len(practice["noncommittal"]["attempts"])
        save_workbook(folder / f"learner-{i:04d}.json", workbook)
    return attempts


def _max_rss_mb() -> float | None:
    if resource is None:
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def _report(folder: Path) -> int:
    report = build_report(folder)
    (folder / "report.html").write_text(report.html, encoding="utf-8")
    write_csv(report, folder / "table.csv")
    return len(report.html.encode())


def report_seconds(n: int, profile: bool = False) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        attempts = _class(folder, n)
        tracemalloc.start()
        start = time.perf_counter()
        size = _report(folder)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        # Timed again without tracemalloc, which slows allocation-heavy code down.
        start = time.perf_counter()
        _report(folder)
        untraced = time.perf_counter() - start
        rss = _max_rss_mb()
        print(f"class report, {n} learners ({attempts} attempts): {untraced:.2f} s "
              f"({seconds:.2f} s traced), peak {peak:.0f} MB allocated"
              + (f", process peak {rss:.0f} MB resident" if rss else "")
              + f", {size / 1e6:.1f} MB of HTML")  # fmt: skip
        if profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(_report, folder)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)


def batch_seconds(n: int) -> None:
    rng = random.Random(1)
    bank = closing_examples()
    texts = [e["text"] for e in (*bank["strong"], *bank["weak"])]
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "answers.csv"
        with open(source, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Name", "Your close"])
            writer.writerows([f"Learner {i}", rng.choice(texts)] for i in range(n))
        start = time.perf_counter()
        result = score_csv(source, io.StringIO(), kind="closing", column="Your close")
        seconds = time.perf_counter() - start
        print(f"batch scoring, {result.scored} answers: {seconds:.2f} s "
              f"({seconds / n * 1000:.2f} ms each)")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="30,300,1000", help="class sizes, comma-separated")
    parser.add_argument("--profile", action="store_true", help="profile the largest report")
    args = parser.parse_args()
    build_report(Path(tempfile.mkdtemp()))  # warm: imports (jinja2, the rubric) not counted
    sizes = [int(n) for n in args.sizes.split(",")]
    for n in sizes:
        report_seconds(n, profile=args.profile and n == max(sizes))
    batch_seconds(1000)
