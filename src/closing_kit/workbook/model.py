"""The workbook: one JSON document per interview, its schema and its validation.

A workbook is plain data (dicts, lists, strings) so that it saves and loads
without conversion; ``data/workbook/workbook.schema.json`` is the published
definition, and ``book/workbook-format.md`` documents it for people.
"""

from __future__ import annotations

import copy
import datetime as dt

from closing_kit.analysis.compat import memo, random_hex
from closing_kit.practice.history import empty_practice
from closing_kit.schema_check import where_in
from closing_kit.workbook._data import load

__all__ = [
    "FORMAT",
    "SCHEMA_VERSION",
    "example_workbook",
    "format_problem",
    "id_problems",
    "kind_info",
    "new_person",
    "new_workbook",
    "parse_date",
    "problems",
    "schema",
]

#: The marker every workbook carries, so other JSON files are told apart.
FORMAT = "closing-kit workbook"
#: The format version this closing-kit writes; older ones are migrated.
SCHEMA_VERSION = 4


def schema(version: int = SCHEMA_VERSION) -> dict:
    """The published JSON Schema of a format version."""
    name = (
        "workbook.schema.json" if version == SCHEMA_VERSION else f"workbook-{version}.schema.json"
    )
    return load(name)


def new_workbook(company: str = "", role: str = "", date: str = "") -> dict:
    """An empty workbook, valid against the schema."""
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "id": random_hex(32),
        "interview": {"company": company, "role": role, "date": date, "time": "", "format": ""},
        "people": [],
        "not_met": [],
        "next_steps": {
            "asked": [],
            "what": "",
            "when": "",
            "who": "",
            "how": "",
            "stated_date": "",
        },
        "follow_up": {
            "permission": "",
            "buffer_days": load("followup.json")["follow_up"]["default_after_date_business_days"],
            "holidays": [],
        },
        # The memory dump's headings are defined once, in memory.json.
        "memory": {p["id"]: "" for p in load("memory.json")["prompts"]},
        "letters": {"your_name": "", "fit": "", "per_person": {}},
        "practice": empty_practice(),
    }


def example_workbook() -> dict:
    """A made-up, filled-in workbook (chapter 8's worked example), for demos and tests."""
    return copy.deepcopy(load("example.json")["workbook"])


def new_person(workbook: dict, **fields: str) -> dict:
    """Add an empty contact card (with a fresh id) to ``workbook`` and return it."""
    used = {p["id"] for p in workbook["people"]}
    n = len(used) + 1
    while f"p{n}" in used:
        n += 1
    person = {"id": f"p{n}", "name": "", "title": "", "kind": "", "email": "", "phone": ""}
    person["talked_about"] = ""
    person.update(fields)
    workbook["people"].append(person)
    return person


def kind_info(kind: str) -> dict:
    """What the people data says about a kind of person ('other' when unknown)."""
    kinds = {k["id"]: k for k in load("people.json")["kinds"]}
    return kinds.get(kind) or kinds["other"]


def format_problem(data, newer_advice: str = "update closing-kit to open it") -> str | None:
    """Why ``data`` is not a workbook of a version this closing-kit reads, or ``None``.

    Checks only the two markers (``format`` and ``schema_version``), with the
    standard library; ``problems`` checks the rest against the schema.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return "it is not a closing-kit workbook"
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return "it has no valid format version (schema_version)"
    if version > SCHEMA_VERSION:
        return (
            f"it was saved by a newer closing-kit (format version {version}; this one reads "
            f"up to {SCHEMA_VERSION}): {newer_advice}"
        )
    return None


#: Why a file whose numbers Python cannot even read (over 4,300 digits) is refused.
HUGE_NUMBER = (
    "it holds a number thousands of digits long, which no workbook has "
    "(was it made by another program?)"
)
#: Integers past this are not kept exactly by JavaScript, which the website runs.
_MAX_INT = 2**53 - 1
#: CPython reads no integer of more digits than this (the website's MicroPython does).
_MAX_DIGITS = 4300


def value_problem(data) -> str | None:
    """A value no workbook holds, which a schema cannot say: a lone surrogate (no file
    can store it), a number too large, or NaN; ``None`` when there is none.

    Portable (no ``unicodedata``, no ``re``): the website's MicroPython runs it too, so
    fields are visited in sorted order, the same in every Python.
    """
    stack = [(data, "")]
    while stack:
        value, path = stack.pop()
        where = path or "the file"
        if isinstance(value, str):
            if any("\ud800" <= ch <= "\udfff" for ch in value):
                return (
                    f"{where} holds a character that no file can store (a lone surrogate, "
                    "\\ud800 to \\udfff): retype that text, or delete that escape in a text editor"
                )
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if abs(value) > _MAX_INT:
                if len(str(abs(value))) > _MAX_DIGITS:  # what CPython refused to read
                    return HUGE_NUMBER
                return (
                    f"{where} is a number too large for a workbook ({len(str(abs(value)))} digits)"
                )
        elif isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                return f"{where} is {value}, which is not a number a workbook can use"
        elif isinstance(value, dict):
            keys = sorted(value, reverse=True)  # visited in sorted order (a stack)
            for key in keys:
                if any("\ud800" <= ch <= "\udfff" for ch in key):
                    return f"{where} has a field name that no file can store (a lone surrogate)"
            stack.extend([(value[key], f"{path}.{key}" if path else key) for key in keys])
        elif isinstance(value, list):
            stack.extend([(item, f"{path}[{i}]") for i, item in reversed(list(enumerate(value)))])
    return None


def problems(data, version: int = SCHEMA_VERSION) -> list[str]:
    """Why ``data`` is not a valid workbook of ``version``; empty when it is.

    Each problem is one short line naming where it is, e.g.
    ``people[0].name should be text``.
    """
    found = [_describe(e) for e in sorted(_validator(version).iter_errors(data), key=_depth)]
    if not found and version == SCHEMA_VERSION:
        found = id_problems(data)
    return found


def id_problems(data: dict) -> list[str]:
    """What a schema cannot say of a valid current workbook: two cards with one id."""
    ids = [p["id"] for p in data["people"]]
    return ["people: two cards share an id"] if len(ids) != len(set(ids)) else []


@memo
def _validator(version: int):
    from importlib.metadata import version as installed

    import jsonschema  # loaded when a workbook is first checked, not at import

    spec, extra = schema(version), {}
    if tuple(int(n) for n in installed("jsonschema").split(".")[:2]) < (4, 18):
        # jsonschema 4.17, as in JupyterLite's in-browser Python (4.18+ needs the compiled
        # rpds-py), cannot join "#/..." onto a urn: $id: hand it the schema under "".
        extra["resolver"] = jsonschema.RefResolver.from_schema(spec, store={"": spec})
    return jsonschema.Draft202012Validator(
        spec, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER, **extra
    )


def _depth(error) -> int:
    return len(error.absolute_path)


def _describe(error) -> str:
    where = where_in(tuple(error.absolute_path))
    kind = error.validator
    if kind == "type":
        wanted = {"string": "text", "object": "an object", "array": "a list"}
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        what = " or ".join(wanted.get(n, n) for n in names)
        return f"{where} should be {what}"
    if kind == "required":
        return f"{where} has no {error.message.split(' is a required')[0]}"
    if kind == "additionalProperties":
        return f"{where} has a field this format does not know"
    if kind in ("anyOf", "format", "pattern"):
        return f"{where} {form_of(error.schema)}"
    if kind in ("minimum", "maximum"):
        return f"{where} is {error.instance}, outside what this format allows"
    if kind in ("enum", "const"):
        return f"{where} has a value this format does not allow"
    return f"{where}: {error.message[:120]}"


#: What each kind of patterned text should look like, in the learner's words.
_FORMS = {
    "date": "should be a date written YYYY-MM-DD, in the years 1900 to 2199",
    "id": "should be 1 to 64 letters, digits or hyphens",
    "person": "should be a card id: p and a number (p1, p2...)",
}


def form_of(node: dict) -> str:
    """How a value that failed the schema ``node`` (a pattern, a date, an anyOf of
    them) should look, for "where ... should be ..."; portable, for the website too."""
    options = [node] + list(node.get("anyOf", ()))
    for option in options:
        if option.get("format") == "date" or option.get("$ref", "").endswith("/date"):
            return _FORMS["date"]
    if node.get("pattern", "").startswith("^p["):
        return _FORMS["person"]
    if node.get("pattern"):
        return _FORMS["id"]
    return "is not in the form this format expects"


def parse_date(text: str) -> dt.date | None:
    """An ISO date (YYYY-MM-DD) as a ``date``, or ``None`` for empty or invalid text."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
