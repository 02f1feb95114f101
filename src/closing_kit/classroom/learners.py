"""A class's workbooks, read from a folder and summed up: pure logic, no rendering.

Each ``*.json`` in the folder is read with ``closing_kit.workbook.store.read_workbook``
(validated, migrated, refused over 5 MB by its size, never changed). A file that
cannot be read becomes a ``Skipped`` entry with its one-line reason; it never
stops the others.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from closing_kit.analysis import rubric
from closing_kit.banks import noncommittal_cards, reservation_cards
from closing_kit.checklist import load_checklist

__all__ = [
    "ClassData",
    "Learner",
    "Miss",
    "Skipped",
    "STEP_KINDS",
    "read_class",
    "summarise",
]

#: Which rubric a role-play step was judged by (see ``practice.roleplay``).
STEP_KINDS = {"close": "closing", "reservation": "reservation"}
#: How many of a learner's most-missed checks the report shows.
TOP_MISSES = 3


@dataclass(frozen=True)
class Miss:
    """A check a learner (or the class) missed: ``count`` of ``out_of`` attempts judged by it."""

    kind: str
    check_id: str
    label: str
    count: int
    out_of: int
    learners: int = 1


@dataclass
class Learner:
    """One workbook, summed up for a coach."""

    name: str
    file: str
    company: str
    role: str
    #: Scores in the order they were made, by exercise.
    closing: list[int] = field(default_factory=list)
    reservation: list[int] = field(default_factory=list)
    noncommittal: list[int] = field(default_factory=list)
    #: The weakest step's score of each role-play run (it stands for the run).
    roleplay: list[int] = field(default_factory=list)
    checklist_done: int = 0
    checklist_total: int = 0
    latest_close: str = ""
    cards: Counter = field(default_factory=Counter)
    #: (kind, check id) -> times missed; kind -> attempts judged by its rubric.
    missed: Counter = field(default_factory=Counter)
    judged: Counter = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    @property
    def attempts(self) -> int:
        return (
            len(self.closing) + len(self.reservation) + len(self.noncommittal) + len(self.roleplay)
        )

    def series(self) -> dict[str, list[int]]:
        """Scores by exercise title, only for exercises practised."""
        named = {
            "Closing question": self.closing,
            "Reservation drill": self.reservation,
            "Vague-answer drill": self.noncommittal,
            "Role-play": self.roleplay,
        }
        return {title: scores for title, scores in named.items() if scores}


@dataclass(frozen=True)
class Skipped:
    """A file the report could not use, and why (one line)."""

    file: str
    reason: str


@dataclass
class ClassData:
    learners: list[Learner]
    skipped: list[Skipped]
    #: The class's most-missed checks, most first.
    misses: list[Miss]
    #: (kind, card, attempts across the class), fewest first.
    least_cards: list[tuple[str, dict, int]]


def summarise(workbook: dict, file_name: str) -> Learner:
    """What one learner practised and how it went, from a valid (migrated) workbook."""
    practice = workbook["practice"]
    name = " ".join(workbook["letters"]["your_name"].split()) or Path(file_name).stem
    learner = Learner(
        name=name,
        file=file_name,
        company=workbook["interview"]["company"],
        role=workbook["interview"]["role"],
    )
    for version in practice["closing"]["versions"]:
        learner.closing.append(version["score"])
        learner.latest_close = version["text"]
    for kind in ("reservation", "noncommittal"):
        for attempt in practice[kind]["attempts"]:
            getattr(learner, kind).append(attempt["score"])
            learner.cards[(kind, attempt["card"])] += 1
    for run in practice["roleplay"]["runs"]:
        if run["steps"]:
            learner.roleplay.append(min(s["score"] for s in run["steps"]))
    learner.missed, learner.judged = _miss_counts(workbook)
    checklist = load_checklist()
    learner.checklist_done, learner.checklist_total = checklist.progress(
        practice["checklist"]["done"]
    )
    learner.misses = [
        Miss(kind, check_id, rubric(kind).label(check_id), n, learner.judged[kind])
        for (kind, check_id), n in _ranked(learner.missed)
        if check_id in rubric(kind).check_ids
    ][:TOP_MISSES]
    return learner


def _ranked(counter: Counter) -> list:
    # Most missed first; ties in a fixed order, so the report does not change between runs.
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _all_misses(workbook_misses: list[Counter], judged: Counter) -> list[Miss]:
    total: Counter = Counter()
    who: Counter = Counter()
    for counter in workbook_misses:
        total.update(counter)
        who.update(counter.keys())
    return [
        Miss(kind, check_id, rubric(kind).label(check_id), n, judged[kind], who[(kind, check_id)])
        for (kind, check_id), n in _ranked(total)
        if check_id in rubric(kind).check_ids
    ]


def workbook_files(folder: Path) -> list[Path]:
    """The ``*.json`` entries directly in ``folder``, by name (folders too: they are reported)."""
    return sorted(Path(folder).glob("*.json"), key=lambda p: p.name)


def read_class(folder: str | Path, top: int = 5) -> ClassData:
    """Read every workbook in ``folder``; sum up each learner and the class."""
    from closing_kit.workbook.store import WorkbookError, read_workbook

    folder = Path(folder)
    learners: list[Learner] = []
    skipped: list[Skipped] = []
    for path in workbook_files(folder):
        try:
            workbook = read_workbook(path)
        except WorkbookError as err:
            skipped.append(Skipped(path.name, _one_line(err.problem)))
            continue
        except (OSError, ValueError, RecursionError) as err:  # never fatal for the class
            skipped.append(Skipped(path.name, _one_line(f"it could not be read ({err})")))
            continue
        learners.append(summarise(workbook, path.name))
    cards: Counter = Counter()
    judged: Counter = Counter()
    for learner in learners:
        cards.update(learner.cards)
        judged.update(learner.judged)
    least = [
        (kind, card, cards[(kind, card["id"])])
        for kind, bank in (
            ("reservation", reservation_cards()),
            ("noncommittal", noncommittal_cards()),
        )
        for card in bank
    ]
    least.sort(key=lambda item: (item[2], item[0], item[1]["id"]))
    misses = _all_misses([learner.missed for learner in learners], judged)
    return ClassData(learners, skipped, misses[:top], least[:top])


def _miss_counts(workbook: dict) -> tuple[Counter, Counter]:
    practice = workbook["practice"]
    missed: Counter = Counter()
    judged: Counter = Counter()
    for version in practice["closing"]["versions"]:
        judged["closing"] += 1
        missed.update(("closing", c) for c in version["failed"])
    for kind in ("reservation", "noncommittal"):
        for attempt in practice[kind]["attempts"]:
            judged[kind] += 1
            missed.update((kind, c) for c in attempt["failed"])
    for run in practice["roleplay"]["runs"]:
        for step in run["steps"]:
            if step["step"] == "overall":
                continue
            kind = STEP_KINDS.get(step["step"], "noncommittal")
            judged[kind] += 1
            missed.update((kind, c) for c in step["failed"])
    return missed, judged


_SPACES = re.compile(r"\s+")


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", str(text)).strip()[:300]
