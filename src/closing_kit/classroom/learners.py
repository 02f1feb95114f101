"""A class's workbooks, read from a folder and summed up: pure logic, no rendering.

The folder is listed and each file read by ``closing_kit.classroom.folder`` (only
regular ``*.json`` files, no link out of the folder, nothing over 5 MB, never a
pipe or a device), then parsed as ``closing_kit.workbook.store.read_workbook``
would (validated, migrated, never changed). An entry that cannot be used becomes
a ``Skipped`` entry with its one-line reason; it never stops the others.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from closing_kit.analysis import rubric
from closing_kit.banks import noncommittal_cards, reservation_cards
from closing_kit.checklist import load_checklist
from closing_kit.classroom._anonymise import details
from closing_kit.classroom.folder import Skipped, list_class_folder, one_line, read_class_file

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
    #: Names, company, role, emails and phones, for ``--anonymise`` to take out of texts.
    details: dict = field(default_factory=dict)

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
        details=details(workbook),
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


def read_class(folder: str | Path, top: int = 5) -> ClassData:
    """Read every workbook in ``folder``; sum up each learner and the class.

    Raises ``OSError`` only when ``folder`` itself cannot be listed.
    """
    files, skipped = list_class_folder(folder)
    learners: list[Learner] = []
    for item in files:
        learner, reason = _learner(item)
        if reason:
            skipped.append(Skipped(item.name, one_line(reason)))
        else:
            learners.append(learner)
    skipped.sort(key=lambda s: s.file)
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


def _learner(item) -> tuple[Learner | None, str | None]:
    """One file summed up, or the one-line reason it cannot be."""
    from closing_kit.workbook.store import WorkbookError, parse_workbook

    raw, reason = read_class_file(item)
    if reason:
        return None, reason
    try:
        workbook = parse_workbook(raw, item.name)
    except WorkbookError as err:
        return None, err.problem
    except ValueError as err:  # e.g. Python's limit on an integer's digits
        if "digits" in str(err):
            return None, "it holds a number thousands of digits long, which no workbook has"
        return None, f"it could not be read ({err})"
    except RecursionError:
        return None, "it is nested far too deeply to be a workbook"
    try:
        return summarise(workbook, item.name), None
    except (KeyError, TypeError, ValueError, OverflowError, RecursionError) as err:
        return None, f"its practice could not be summed up ({type(err).__name__})"


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
