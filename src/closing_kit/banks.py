"""The practice banks: closing examples, reservation cards, noncommittal cards.

They are data (``data/closings.json``, ``data/reservations.json``,
``data/noncommittal.json``) so a coach can add a card without reading
Python; this module loads them once and checks their shape, naming the file
and the entry when something is wrong.
"""

from closing_kit.analysis.compat import data_json, memo
from closing_kit.analysis.rubric import rubric

__all__ = [
    "closing_examples",
    "noncommittal_cards",
    "reservation_cards",
    "roleplay_lines",
    "worked_card",
]


def _read(name: str, version: int = 1) -> dict:
    data = data_json(name)
    if not isinstance(data, dict) or data.get("schema_version") != version:
        raise ValueError(f"{name}: expected a JSON object with schema_version {version}")
    return data


def _require(entry: dict, keys: tuple[str, ...], where: str) -> None:
    for key in keys:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{where}: needs a non-empty text {key!r}")


def _check_shows(shows, kind: str, where: str) -> None:
    # The check ids are the rubric's own: defined once, in rubrics.json.
    known = rubric(kind).check_ids
    if not isinstance(shows, list) or not shows or not set(shows) <= known:
        raise ValueError(f"{where}: 'shows' must list check ids from {sorted(known)}")


def _unique(entries: list[dict], name: str) -> None:
    ids = [e.get("id") for e in entries]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{name}: ids must be unique")


@memo
def closing_examples() -> dict[str, tuple[dict, ...]]:
    """``{"strong": (...), "weak": (...)}``; each has id, role, job_ad, text, note."""
    data = _read("closings.json")
    for level in ("strong", "weak"):
        for e in data[level]:
            where = f"closings.json {level} {e.get('id')!r}"
            _require(e, ("id", "text", "note"), where)
            if level == "weak":
                _check_shows(e.get("shows"), "closing", where)
    _unique(data["strong"] + data["weak"], "closings.json")
    return {"strong": tuple(data["strong"]), "weak": tuple(data["weak"])}


def _cards(name: str, prompt_key: str, kind: str) -> tuple[dict, ...]:
    cards = _read(name)["cards"]
    for c in cards:
        where = f"{name} {c.get('id')!r}"
        _require(c, ("id", prompt_key, "model_response", "weak_response"), where)
        _check_shows(c.get("weak_shows"), kind, where)
    _unique(cards, name)
    return tuple(cards)


@memo
def reservation_cards() -> tuple[dict, ...]:
    """Cards with id, concern, model_response, weak_response, weak_shows, letter_version."""
    return _cards("reservations.json", "concern", "reservation")


@memo
def noncommittal_cards() -> tuple[dict, ...]:
    """Cards with id, reply, model_response, weak_response, weak_shows."""
    return _cards("noncommittal.json", "reply", "noncommittal")


@memo
def roleplay_lines() -> dict:
    """The role-play's script: its states, the interviewer's lines, the moves to pick from."""
    data = _read("roleplay.json", 2)
    for key in ("yes_replies", "next_steps_replies", "goodbyes", "yes_moves",
                "no_replies", "needs", "after_yes", "after_vague"):  # fmt: skip
        if not isinstance(data.get(key), list) or not data[key]:
            raise ValueError(f"roleplay.json: needs a non-empty list {key!r}")
    for key in ("opening", "ignored_note", "process_fallback", "debrief_after"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ValueError(f"roleplay.json: needs a text {key!r}")
    for key in ("states", "permission_replies", "permission_facts", "reaction_odds",
                "own_checks", "vague_facts", "vague_process", "after_reservation",
                "next_moves", "after_pushing", "no_weights"):  # fmt: skip
        if not isinstance(data.get(key), dict) or not data[key]:
            raise ValueError(f"roleplay.json: needs an object {key!r}")
    # Lines and the facts they state go in step: one list of facts per line.
    for lines, facts in (("yes_replies", "yes_facts"), ("next_steps_replies", "next_steps_facts")):
        if len(data.get(facts, [])) != len(data[lines]):
            raise ValueError(f"roleplay.json: {facts!r} needs one list of facts per {lines!r}")
    states = data["states"]
    for name, node in states.items():
        if not set(node.get("next", ())) <= set(states):
            raise ValueError(f"roleplay.json: state {name!r} leads to a state it does not define")
    _unique(data["no_replies"], "roleplay.json no_replies")
    own = data["own_checks"]
    for entry in data["no_replies"]:
        _require(entry, ("id", "line", "after", "model_response", "weak_response"), "no_replies")
        # A reply to a no is scored out of 100: own checks' weights plus the lent ones'.
        lent = data["no_weights"]
        weights = [own[c]["weight"] if c in own else lent.get(c) for c in entry["checks"]]
        if None in weights or sum(weights) != 100:
            raise ValueError(
                f"roleplay.json no_replies {entry['id']!r}: its checks' weights (own_checks, "
                "no_weights) must add up to 100"
            )
    return data


def worked_card(kind: str) -> dict:
    """The card a practice notebook works through above its drill (the bank's first).

    The drill never deals it: a learner should not meet the worked answer as a card.
    """
    return (reservation_cards() if kind == "reservation" else noncommittal_cards())[0]
