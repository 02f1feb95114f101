"""The final-five-minutes checklist: data and pure logic, no widgets.

The items live in ``data/checklist.json`` so a coach can reword or add one
without reading Python; the book's chapter 9 and the practice notebook both
render from that one file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

__all__ = ["Checklist", "ChecklistGroup", "ChecklistItem", "load_checklist"]

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to do, and the chapter that explains it."""

    id: str
    text: str
    chapter: str


@dataclass(frozen=True)
class ChecklistGroup:
    """A stage of the close: before, in the room, after."""

    id: str
    title: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Checklist:
    """The whole checklist, in the order it is done."""

    title: str
    groups: tuple[ChecklistGroup, ...]

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        """Every item, in order."""
        return tuple(item for group in self.groups for item in group.items)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items)

    def clean(self, done) -> frozenset[str]:
        """Keep only the ids of ``done`` that are items of this checklist.

        Saved progress from an older checklist may name items that no longer
        exist; they are dropped rather than treated as an error.
        """
        known = set(self.ids)
        return frozenset(i for i in done if isinstance(i, str) and i in known)

    def progress(self, done) -> tuple[int, int]:
        """Return ``(done, total)`` for a collection of ticked item ids."""
        return len(self.clean(done)), len(self.items)

    def markdown(self, done=()) -> str:
        """The checklist as Markdown, ticked items marked ``[x]``, for printing or sharing."""
        ticked = self.clean(done)
        lines = [f"# {self.title}", ""]
        for group in self.groups:
            lines += [f"## {group.title}", ""]
            lines += [f"- [{'x' if i.id in ticked else ' '}] {i.text}" for i in group.items]
            lines.append("")
        n, total = self.progress(ticked)
        lines.append(f"{n} of {total} done.")
        return "\n".join(lines) + "\n"

    @classmethod
    def from_dict(cls, data: dict) -> Checklist:
        """Build and validate a checklist; a ``ValueError`` says what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("checklist: the file must hold a JSON object")
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(
                f"checklist: schema_version must be {SCHEMA_VERSION}, "
                f"found {data.get('schema_version')!r}"
            )
        groups = []
        seen: set[str] = set()
        for g in _list(data, "groups", "checklist"):
            items = []
            for it in _list(g, "items", f"group {g.get('id')!r}"):
                item = ChecklistItem(
                    id=_text(it, "id"), text=_text(it, "text"), chapter=_text(it, "chapter")
                )
                if item.id in seen:
                    raise ValueError(f"checklist: item id {item.id!r} is used twice")
                seen.add(item.id)
                items.append(item)
            groups.append(
                ChecklistGroup(id=_text(g, "id"), title=_text(g, "title"), items=tuple(items))
            )
        return cls(title=_text(data, "title"), groups=tuple(groups))


def _list(obj: dict, key: str, where: str) -> list:
    value = obj.get(key)
    if not isinstance(value, list) or not value:
        raise ValueError(f"checklist: {where} needs a non-empty list {key!r}")
    return value


def _text(obj: dict, key: str) -> str:
    value = obj.get(key) if isinstance(obj, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"checklist: every entry needs a non-empty text {key!r}, got {value!r}")
    return value


def load_checklist() -> Checklist:
    """Load the checklist shipped with the package."""
    raw = resources.files("closing_kit").joinpath("data/checklist.json").read_text("utf-8")
    return Checklist.from_dict(json.loads(raw))
