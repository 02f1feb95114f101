"""Measure whether two notebooks saving one workbook lose each other's edits.

The two measurements that issue 15 quoted, run against today's save
(``store.save_sections``: read, merge the section, write, under a lock) and,
for comparison, against a save of the whole file as the notebook last read it
(what saves did before):

- **Same moment.** Two processes save different sections at the same instant,
  300 rounds: how many rounds lost one side's update.
- **Typing.** Two processes each save their own section 40 times, 5 to 40 ms
  apart, like a learner typing in two notebooks; 40 sessions: in how many is
  one side's last edit missing at the end.

Prints counts; asserts nothing.

    python3 scripts/benchmark_saves.py
"""

from __future__ import annotations

import multiprocessing
import random
import tempfile
import time
from pathlib import Path

from closing_kit.workbook import new_workbook
from closing_kit.workbook.store import read_workbook, save_sections, save_workbook

ROUNDS, SESSIONS, SAVES = 300, 40, 40
_FIELD = {"memory": "details", "interview": "company"}


def _save(path, mine, section, merged):
    if merged:
        save_sections(path, mine, [section])
    else:
        save_workbook(path, mine)  # the whole file, as this side last read it


def _same_moment(path, section, start, done, merged):
    for k in range(ROUNDS):
        start.wait()
        mine = read_workbook(path)
        mine[section][_FIELD[section]] = f"{section} {k}"
        _save(path, mine, section, merged)
        done.wait()


def same_moment(merged: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "w.json"
        save_workbook(path, new_workbook())
        ctx = multiprocessing.get_context("fork")
        start, done = ctx.Barrier(3), ctx.Barrier(3)
        sides = [
            ctx.Process(target=_same_moment, args=(path, s, start, done, merged)) for s in _FIELD
        ]
        for p in sides:
            p.start()
        lost = 0
        for k in range(ROUNDS):
            start.wait()
            done.wait()
            saved = read_workbook(path)
            lost += any(saved[s][f] != f"{s} {k}" for s, f in _FIELD.items())
        for p in sides:
            p.join()
        return lost


def _typing(path, section, seed, merged):
    rng = random.Random(seed)
    mine = read_workbook(path)  # the notebook opens the file once, then keeps its copy
    for k in range(SAVES):
        time.sleep(rng.uniform(0.005, 0.040))
        mine[section][_FIELD[section]] = f"{section} {k}"
        _save(path, mine, section, merged)


def typing(merged: bool) -> int:
    ctx = multiprocessing.get_context("fork")
    missing = 0
    for session in range(SESSIONS):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "w.json"
            save_workbook(path, new_workbook())
            sides = [
                ctx.Process(target=_typing, args=(path, s, session * 2 + i, merged))
                for i, s in enumerate(_FIELD)
            ]
            for p in sides:
                p.start()
            for p in sides:
                p.join()
            saved = read_workbook(path)
            missing += any(saved[s][f] != f"{s} {SAVES - 1}" for s, f in _FIELD.items())
    return missing


def main() -> None:
    for merged, name in ((True, "save_sections (merge under a lock)"), (False, "whole file")):
        start = time.perf_counter()
        lost = same_moment(merged)
        gone = typing(merged)
        print(f"{name}: same moment, {lost} of {ROUNDS} rounds lost an update; "
              f"typing, {gone} of {SESSIONS} sessions ended without one side's last edit "
              f"({time.perf_counter() - start:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
