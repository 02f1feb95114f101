"""Measure the thank-you letters for a workbook with many people: drafts and warnings.

A learner who keeps one workbook for a whole job search can have hundreds of
cards; a coach's demo file has more. Each person gets a card with a detail and
a line in the memory dump, and every tenth pair of people shares a detail, so
the near-identical check has real work to do. Prints seconds; asserts nothing.

    python3 scripts/benchmark_letters.py [PEOPLE ...]
"""

from __future__ import annotations

import random
import sys
import time

from closing_kit.workbook.letters import letters, warnings
from closing_kit.workbook.model import new_person, new_workbook

_TOPICS = ("the data migration", "the Monday sales dashboards", "hiring two analysts",
           "the spring audit", "a new ledger", "the client churn study")  # fmt: skip


def workbook_with(n: int) -> dict:
    rng = random.Random(n)
    wb = new_workbook("Acme", "analyst", "2026-03-06")
    wb["letters"].update(your_name="Kim Lee", fit="I have run two migrations like it.")
    dump = []
    for i in range(n):
        name = f"Person{i} Surname{rng.randrange(10**6)}"
        topic = rng.choice(_TOPICS) if i % 10 else "the data migration"
        new_person(wb, name=name, title="Lead", kind="interviewer", email=f"p{i}@acme.example",
                   talked_about=f"{topic}, round {i}")  # fmt: skip
        dump.append(f"{name}: worried about {rng.choice(_TOPICS)}.")
    wb["memory"]["concerns"] = "\n".join(dump)
    return wb


def main(argv: list[str]) -> None:
    for n in [int(a) for a in argv] or [50, 200, 1000]:
        wb = workbook_with(n)
        start = time.perf_counter()
        drafts = letters(wb)
        middle = time.perf_counter()
        found = warnings(wb, drafts)
        end = time.perf_counter()
        print(f"{n} people: letters {middle - start:.2f} s, warnings {end - middle:.2f} s "
              f"({len(found)} warnings)")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
