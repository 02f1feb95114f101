"""The memory dump (chapter 8): its prompts, who each note is about, and the countdown.

A note is about a person when it starts with their name and a colon
("Anna: moving every client to quarterly reviews") or mentions their full
name, or their first name when no one else met shares it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from closing_kit.workbook._data import load
from closing_kit.workbook.fields import fragments

__all__ = ["Countdown", "NotesIndex", "Prompt", "names_in_notes", "notes_about", "prompts"]

#: The headings whose notes feed a letter, in the order a letter uses them.
LETTER_SECTIONS = ("details", "concerns", "promises")


@dataclass(frozen=True)
class Prompt:
    """One heading of the memory dump, the question that helps fill it, an example."""

    id: str
    heading: str
    prompt: str
    example: str


def prompts() -> tuple[Prompt, ...]:
    """The memory dump's headings, in chapter 8's order."""
    return tuple(Prompt(**p) for p in load("memory.json")["prompts"])


class NotesIndex:
    """The workbook read once, for many people at a time: first names and dump notes.

    Reading the notes about each of ``n`` people from scratch reads the whole dump
    ``n`` times; a coach's demo file with a thousand cards took seconds per letter run.
    """

    def __init__(self, workbook: dict):
        self.firsts = Counter(
            " ".join(p["name"].split()).split()[0].casefold()
            for p in workbook["people"]
            if p["name"].split()
        )
        self.sections = {key: fragments(text) for key, text in workbook["memory"].items()}
        # Which fragments hold each word (lower-cased), so a person's notes are looked
        # up, not searched for. Text whose case rules are wider than ``str.lower``
        # (re matches "ſ" with "s") is always searched.
        self._by_word: dict[str, dict[str, list[int]]] = {}
        self._always: dict[str, list[int]] = {}
        for key, found in self.sections.items():
            by_word, always = self._by_word.setdefault(key, {}), self._always.setdefault(key, [])
            for i, fragment in enumerate(found):
                if not fragment.isascii():
                    always.append(i)
                    continue
                for word in set(_WORD.findall(fragment.lower())):
                    by_word.setdefault(word, []).append(i)

    def candidates(self, key: str, names: list[str]) -> list[str]:
        """The fragments under ``key`` that could mention one of ``names``, in order."""
        found = self.sections[key]
        picked = set(self._always[key])
        for name in names:
            first = _WORD.search(name.lower())
            if not name.isascii() or first is None:
                return found
            # A whole-word match of the name holds its first word as a whole word.
            picked.update(self._by_word[key].get(first.group(), ()))
        return [found[i] for i in sorted(picked)]


_WORD = re.compile(r"\w+")


def notes_about(
    workbook: dict, person: dict, index: NotesIndex | None = None
) -> dict[str, list[str]]:
    """The notes about ``person``: the card's "talked about" and each dump heading.

    Returns
    -------
    dict
        ``{"talked_about": [...], "who": [...], "details": [...], ...}``, each a list
        of fragments with a leading "Name:" removed.

    ``index`` is ``NotesIndex(workbook)``, passed in when many people are read at
    once, so each read stays linear; ``person`` must then be one of its cards.
    """
    listed = index is not None or any(
        p is person or p["id"] == person["id"] for p in workbook["people"]
    )
    index = index or NotesIndex(workbook)
    names = names_in_notes(person, index, listed)
    found = {"talked_about": fragments(person.get("talked_about", ""))}
    for key in index.sections:
        found[key] = [
            _strip_name(f, names) for f in index.candidates(key, names) if _mentions(f, names)
        ]
    return found


def names_in_notes(person: dict, index: NotesIndex, listed: bool = True) -> list[str]:
    """How the notes name ``person``: their full name, and their first name when no
    other card shares it (``listed``: the person is one of the workbook's cards)."""
    firsts = index.firsts
    full = " ".join(person.get("name", "").split())
    if not full or not any(ch.isalnum() for ch in full):
        return []
    names = [full]
    first = full.split()[0]
    others = firsts[first.casefold()] - listed
    if first != full and others <= 0 and len(first) > 1:
        names.append(first)
    return names


def _pattern(name: str) -> str:
    return r"(?<!\w)" + re.escape(name) + r"(?!\w)"


def _mentions(fragment: str, names: list[str]) -> bool:
    return any(re.search(_pattern(n), fragment, re.IGNORECASE) for n in names)


def _strip_name(fragment: str, names: list[str]) -> str:
    for name in names:
        stripped = re.sub(r"^" + _pattern(name) + r"\s*[:\-–—]\s*", "", fragment, flags=re.I)
        if stripped != fragment and stripped:
            return stripped
    return fragment


class Countdown:
    """An optional timer for doing the dump in ten minutes; it reads a clock, never sleeps.

    It can be paused and resumed (the time already used is kept) and reset to
    the full length.

    Parameters
    ----------
    minutes
        Length of the countdown; chapter 8 suggests ten minutes is plenty.
    """

    def __init__(self, minutes: int | None = None):
        self.seconds = 60 * (minutes or load("memory.json")["minutes"])
        self.started: float | None = None
        self.used = 0.0

    @property
    def running(self) -> bool:
        return self.started is not None

    @property
    def paused(self) -> bool:
        """Started, then paused: resuming carries on from the time left."""
        return not self.running and self.used > 0

    def start(self, now: float) -> None:
        """Start, or resume after a pause."""
        if self.started is None:
            self.started = now

    def pause(self, now: float) -> None:
        if self.started is not None:
            self.used += now - self.started
            self.started = None

    def reset(self) -> None:
        """Back to the full length, not running."""
        self.started = None
        self.used = 0.0

    def remaining(self, now: float) -> int:
        """Whole seconds left (0 when time is up)."""
        used = self.used + (now - self.started if self.started is not None else 0)
        return max(0, self.seconds - int(used))

    def label(self, now: float) -> str:
        """What the learner sees: "10:00 left", "3:07 left (paused)" or "Time is up"."""
        left = self.remaining(now)
        if left == 0:
            return "Time is up: add anything else that comes back to you."
        paused = " (paused)" if self.paused else ""
        return f"{left // 60}:{left % 60:02d} left{paused}"
