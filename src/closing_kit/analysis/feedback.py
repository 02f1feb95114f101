"""Feedback as a value: named checks, a score built from them, one suggestion."""

from __future__ import annotations

import functools
import json
from dataclasses import asdict, dataclass
from importlib import resources

__all__ = ["Check", "Feedback", "Level", "level_for", "level_info", "levels"]


@dataclass(frozen=True)
class Level:
    """A score band from ``rubrics.json``: a score at or above ``at`` gets it."""

    id: str
    at: int
    label: str
    colour: str


@functools.cache
def levels() -> tuple[Level, ...]:
    """The score bands, highest first, as ``data/rubrics.json`` defines them."""
    raw = resources.files("closing_kit").joinpath("data/rubrics.json").read_text("utf-8")
    bands = tuple(Level(**band) for band in json.loads(raw)["levels"])
    if [b.at for b in bands] != sorted((b.at for b in bands), reverse=True) or bands[-1].at != 0:
        raise ValueError("rubrics.json: 'levels' must run from the highest band down to 0")
    return bands


@dataclass(frozen=True)
class Check:
    """One thing a good answer does; ``message`` coaches, as a question or a next step."""

    id: str
    label: str
    passed: bool
    weight: int
    message: str


@dataclass(frozen=True)
class Feedback:
    """What the learner sees: a score from 0 to 100, the checks behind it, one suggestion."""

    kind: str
    score: int
    level: str
    checks: tuple[Check, ...]
    suggestion: str
    notes: tuple[str, ...] = ()

    @property
    def failed(self) -> tuple[str, ...]:
        """The ids of the checks that did not pass (for data; show ``failed_labels``)."""
        return tuple(c.id for c in self.checks if not c.passed)

    @property
    def failed_labels(self) -> tuple[str, ...]:
        """The short names of the checks that did not pass, as a learner reads them."""
        return tuple(c.label for c in self.checks if not c.passed)

    def as_text(self) -> str:
        """Plain text for a terminal or a notebook: score, each check, the next step."""
        lines = [f"Score: {self.score}/100 ({self.level})"]
        lines += [f"  [{'yes' if c.passed else 'no '}] {c.label}: {c.message}" for c in self.checks]
        lines += [f"  {note}" for note in self.notes]
        lines.append(f"Next step: {self.suggestion}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """Plain data for JSON: ``score``, ``level``, ``checks``, ``suggestion``..."""
        data = asdict(self)
        data["checks"] = [asdict(c) for c in self.checks]
        data["notes"] = list(self.notes)
        return data


def level_for(score: int) -> str:
    """The id of the band ``score`` falls in ("strong", "developing", "weak")."""
    return next(band.id for band in levels() if score >= band.at)


def level_info(level_id: str) -> Level:
    """A band by its id."""
    return next(band for band in levels() if band.id == level_id)
