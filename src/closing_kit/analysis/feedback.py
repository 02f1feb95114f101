"""Feedback as a value: named checks, a score built from them, one suggestion."""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["Check", "Feedback", "level_for"]

#: Score bands; a check that fails also caps the score (see rubrics.json).
STRONG_AT = 75
DEVELOPING_AT = 50


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
        return tuple(c.id for c in self.checks if not c.passed)

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
    if score >= STRONG_AT:
        return "strong"
    if score >= DEVELOPING_AT:
        return "developing"
    return "weak"
