"""Feedback as a value: named checks, a score built from them, one suggestion.

Plain classes rather than dataclasses, so the engine runs in MicroPython too
(see ``compat``); each has ``to_dict`` for JSON and compares by value.
"""

from closing_kit.analysis.compat import data_json, memo

__all__ = ["Check", "Feedback", "Level", "level_for", "level_info", "levels"]


class _Value:
    """Equality, hashing and a readable repr from ``to_dict``."""

    __slots__ = ()

    def __eq__(self, other):
        return type(self) is type(other) and self.to_dict() == other.to_dict()

    def __hash__(self):
        return hash(repr(self))

    def __repr__(self):
        inner = ", ".join(f"{k}={getattr(self, k)!r}" for k in self.__slots__)
        return f"{type(self).__name__}({inner})"

    def to_dict(self):
        return {k: getattr(self, k) for k in self.__slots__}


class Level(_Value):
    """A score band from ``rubrics.json``: a score at or above ``at`` gets it."""

    __slots__ = ("id", "at", "label", "colour")

    def __init__(self, id, at, label, colour):
        self.id, self.at, self.label, self.colour = id, at, label, colour


@memo
def levels():
    """The score bands, highest first, as ``data/rubrics.json`` defines them."""
    bands = tuple(Level(**band) for band in data_json("rubrics.json")["levels"])
    ats = [b.at for b in bands]
    if ats != sorted(ats, reverse=True) or bands[-1].at != 0:
        raise ValueError("rubrics.json: 'levels' must run from the highest band down to 0")
    return bands


class Check(_Value):
    """One thing a good answer does.

    ``message`` coaches, as a question or a next step; ``found`` holds the
    learner's own words that earned the check (or, for a check that warns,
    the words that tripped it), so the feedback can show why.
    """

    __slots__ = ("id", "label", "passed", "weight", "message", "found")

    def __init__(self, id, label, passed, weight, message, found=()):
        self.id, self.label, self.passed, self.weight = id, label, passed, weight
        self.message, self.found = message, tuple(found)

    def to_dict(self):
        data = _Value.to_dict(self)
        data["found"] = list(self.found)
        return data


class Feedback(_Value):
    """What the learner sees: a score from 0 to 100, the checks behind it, one suggestion."""

    __slots__ = ("kind", "score", "level", "checks", "suggestion", "notes")

    def __init__(self, kind, score, level, checks, suggestion, notes=()):
        self.kind, self.score, self.level = kind, score, level
        self.checks, self.suggestion, self.notes = tuple(checks), suggestion, tuple(notes)

    @property
    def failed(self):
        """The ids of the checks that did not pass (for data; show ``failed_labels``)."""
        return tuple(c.id for c in self.checks if not c.passed)

    @property
    def failed_labels(self):
        """The short names of the checks that did not pass, as a learner reads them."""
        return tuple(c.label for c in self.checks if not c.passed)

    def as_text(self):
        """Plain text for a terminal or a notebook: score, each check, the next step."""
        lines = [f"Score: {self.score}/100 ({level_info(self.level).label})"]
        lines += [f"  [{'yes' if c.passed else 'no '}] {c.label}: {c.message}" for c in self.checks]
        lines += [f"  {note}" for note in self.notes]
        lines.append(f"Next step: {self.suggestion}")
        return "\n".join(lines)

    def to_dict(self):
        """Plain data for JSON: ``score``, ``level``, ``checks`` (with ``found``), and so on."""
        data = _Value.to_dict(self)
        data["checks"] = [c.to_dict() for c in self.checks]
        data["notes"] = list(self.notes)
        return data


def level_for(score):
    """The id of the band ``score`` falls in ("strong", "developing", "weak")."""
    for band in levels():
        if score >= band.at:
            return band.id
    return levels()[-1].id


def level_info(level_id):
    """A band by its id."""
    for band in levels():
        if band.id == level_id:
            return band
    raise KeyError(level_id)
