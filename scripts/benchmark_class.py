"""Measure teaching a class: the report for 30 and 300 learners, batch scoring 1,000 answers.

The learners' workbooks are made up (``closing_kit.classroom.sample``: every
attempt made through the drafter, the drills and the role-play) and saved with
the workbook's own ``save_workbook``. Prints seconds; asserts nothing.

    python3 scripts/benchmark_class.py
"""

from __future__ import annotations

import csv
import io
import random
import tempfile
import time
from pathlib import Path

from closing_kit.banks import closing_examples
from closing_kit.classroom.batch import score_csv
from closing_kit.classroom.report import build_report, write_csv
from closing_kit.classroom.sample import sample_workbook
from closing_kit.workbook.store import save_workbook


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


def report_seconds(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        attempts = _class(folder, n)
        start = time.perf_counter()
        report = build_report(folder)
        (folder / "report.html").write_text(report.html, encoding="utf-8")
        write_csv(report, folder / "table.csv")
        seconds = time.perf_counter() - start
        size = len(report.html.encode()) / 1e6
        print(f"class report, {n} learners ({attempts} attempts): {seconds:.2f} s, "
              f"{size:.1f} MB of HTML")  # fmt: skip


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
    build_report(Path(tempfile.mkdtemp()))  # warm: imports (jinja2, the rubric) not counted
    from closing_kit.classroom.charts import score_chart

    score_chart({"x": [1]}, "warm")  # matplotlib's first import and font cache
    for n in (30, 300):
        report_seconds(n)
    batch_seconds(1000)
