"""Bring a workbook written by an older closing-kit up to the current format.

Each step turns version ``n`` into ``n + 1`` and keeps every piece of text;
nothing a learner wrote is dropped on the way.
"""

from __future__ import annotations

import copy

from closing_kit.analysis import level_for
from closing_kit.analysis.compat import random_hex
from closing_kit.practice.history import from_drafts
from closing_kit.workbook.model import SCHEMA_VERSION, new_workbook

__all__ = ["migrate"]


def _from_1(old: dict) -> dict:
    """Version 1 kept one ``contact`` field per person and the next steps as one text."""
    new = new_workbook()
    # Version 1 took any text as its id; the current format allows letters, digits and
    # "-" (up to 64). An id it would refuse is replaced, or the file could never be saved.
    new["id"] = old.get("id") if _valid_id(old.get("id")) else random_hex(32)
    interview = old["interview"]
    for key in ("company", "role", "date", "format"):
        new["interview"][key] = interview[key]
    for n, person in enumerate(old["people"], 1):
        contact = person["contact"]
        is_email = "@" in contact
        new["people"].append(
            {
                "id": f"p{n}",
                "name": person["name"],
                "title": person["title"],
                "kind": "",
                "email": contact if is_email else "",
                "phone": "" if is_email else contact,
                "talked_about": person["notes"],
            }
        )
    new["next_steps"]["what"] = old["next_steps"]["heard"]
    new["next_steps"]["stated_date"] = old["next_steps"]["stated_date"]
    extra = []
    for key, text in old["memory"].items():
        if key in new["memory"]:
            new["memory"][key] = text
        elif text.strip():
            extra.append(f"{key}: {text}")
    if extra:  # headings version 2 does not have go under "details", labelled
        new["memory"]["details"] = "\n".join(filter(None, [new["memory"]["details"]] + extra))
    new["schema_version"] = 2
    new["drafts"] = {}
    del new["practice"]
    return new


def _valid_id(value) -> bool:
    return (
        isinstance(value, str)
        and 0 < len(value) <= 64
        and all(c == "-" or "a" <= c <= "z" or "A" <= c <= "Z" or "0" <= c <= "9" for c in value)
    )


def _from_2(old: dict) -> dict:
    """Version 2 kept only the latest result per exercise, in ``drafts``; 3 keeps the history."""
    new = copy.deepcopy(old)
    new["schema_version"] = 3
    new["practice"] = from_drafts(new.pop("drafts"), level_for)
    return new


def _from_3(old: dict) -> dict:
    """Version 4 adds the spoken takes (``practice.takes``); version 3 had none."""
    new = copy.deepcopy(old)
    new["schema_version"] = 4
    new["practice"]["takes"] = []
    return new


_STEPS = {1: _from_1, 2: _from_2, 3: _from_3}


def migrate(data: dict) -> dict:
    """Return ``data`` in the current format; ``data`` itself is not changed.

    ``data`` must already be valid for its own version (see ``model.problems``).
    """
    data = copy.deepcopy(data)
    while data["schema_version"] < SCHEMA_VERSION:
        data = _STEPS[data["schema_version"]](data)
    return data
