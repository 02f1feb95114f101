"""The practice banks: closing examples, reservation cards, noncommittal cards.

They are data (``data/closings.json``, ``data/reservations.json``,
``data/noncommittal.json``) so a coach can add a card without reading
Python; this module loads them once and checks their shape, naming the file
and the entry when something is wrong.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

__all__ = ["closing_examples", "noncommittal_cards", "reservation_cards", "roleplay_lines"]

CHECK_IDS = {
    "closing": {
        "thanks", "fit_summary", "evidence", "closing_question", "no_hedging",
        "no_pressure", "no_perks", "length", "no_cliches",
    },
    "reservation": {
        "acknowledge", "not_defensive", "addresses_concern", "evidence", "bridge",
        "check_back", "no_overpromise",
    },
    "noncommittal": {"gracious", "asks_process", "is_question", "door_open", "no_pushing"},
}  # fmt: skip


def _read(name: str) -> dict:
    raw = resources.files("closing_kit").joinpath(f"data/{name}").read_text("utf-8")
    data = json.loads(raw)
    if not isinstance(data, dict) or data.get("schema_version") != 1:
        raise ValueError(f"{name}: expected a JSON object with schema_version 1")
    return data


def _require(entry: dict, keys: tuple[str, ...], where: str) -> None:
    for key in keys:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{where}: needs a non-empty text {key!r}")


def _check_shows(shows, kind: str, where: str) -> None:
    if not isinstance(shows, list) or not shows or not set(shows) <= CHECK_IDS[kind]:
        raise ValueError(f"{where}: 'shows' must list check ids from {sorted(CHECK_IDS[kind])}")


def _unique(entries: list[dict], name: str) -> None:
    ids = [e.get("id") for e in entries]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{name}: ids must be unique")


@functools.cache
def closing_examples() -> dict[str, tuple[dict, ...]]:
    """``{"strong": (...), "weak": (...)}``; each has id, role, job_ad, text, note."""
    data = _read("closings.json")
    for level in ("strong", "weak"):
        for e in data[level]:
            where = f"closings.json {level} {e.get('id')!r}"
            _require(e, ("id", "text", "note"), where)
            if level == "weak":
                _check_shows(e.get("shows"), "closing", where)
    _unique([*data["strong"], *data["weak"]], "closings.json")
    return {"strong": tuple(data["strong"]), "weak": tuple(data["weak"])}


def _cards(name: str, prompt_key: str, kind: str) -> tuple[dict, ...]:
    cards = _read(name)["cards"]
    for c in cards:
        where = f"{name} {c.get('id')!r}"
        _require(c, ("id", prompt_key, "model_response", "weak_response"), where)
        _check_shows(c.get("weak_shows"), kind, where)
    _unique(cards, name)
    return tuple(cards)


@functools.cache
def reservation_cards() -> tuple[dict, ...]:
    """Cards with id, concern, model_response, weak_response, weak_shows, letter_version."""
    return _cards("reservations.json", "concern", "reservation")


@functools.cache
def noncommittal_cards() -> tuple[dict, ...]:
    """Cards with id, reply, model_response, weak_response, weak_shows."""
    return _cards("noncommittal.json", "reply", "noncommittal")


@functools.cache
def roleplay_lines() -> dict:
    """The scripted interviewer's lines for the role-play."""
    data = _read("roleplay.json")
    for key in ("yes_replies", "next_steps_replies", "goodbyes"):
        if not data.get(key):
            raise ValueError(f"roleplay.json: needs a non-empty list {key!r}")
    return data
