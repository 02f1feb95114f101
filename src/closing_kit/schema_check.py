"""A small JSON Schema validator: the keywords our schema files use, in every Python.

The website's MicroPython has no jsonschema, and the notebooks should not need
it for a check this small, so the schema files themselves
(``data/workbook/*.schema.json``, ``data/banks.schema.json``) are read here:
type, properties, required, additionalProperties, items, minItems, enum,
const, anyOf, pattern, minLength, the date format, minimum, maximum,
uniqueItems and local ``$ref``. A keyword outside that list raises
``ValueError`` (``unknown_keywords``), so a schema never asks for a check
that is silently skipped. ``tests/test_schema_check.py`` runs it and jsonschema on the
same cases and requires the same verdicts.

Standard library only, and the subset MicroPython has (``analysis.compat``).
"""

from __future__ import annotations

import datetime as dt

from closing_kit.analysis.compat import file_json, full_match

__all__ = ["KEYWORDS", "problems", "unknown_keywords", "where_in"]

#: The keywords this validator checks, and those it reads as notes (no check).
KEYWORDS = frozenset(
    [
        "type",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "minItems",
        "enum",
        "const",
        "anyOf",
        "pattern",
        "minLength",
        "format",
        "minimum",
        "maximum",
        "uniqueItems",
        "$ref",
    ]
)
_NOTES = frozenset(
    ["$schema", "$id", "$defs", "title", "description", "$comment", "examples", "default"]
)

_TYPE_WORDS = {"string": "text", "object": "an object", "array": "a list"}
_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _whole(number: float) -> bool:
    """``float.is_integer()``, which MicroPython lacks."""
    finite = number == number and number not in (float("inf"), float("-inf"))
    return finite and number == int(number)


_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and _whole(v))
    ),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _any_form(_node: dict) -> str:
    return "is not in the form this format expects"


def problems(data, schema: dict, form_of=_any_form) -> list[str]:
    """Why ``data`` does not match ``schema``, one short line each ("people[0].name should
    be text"); empty when it matches.

    ``form_of(node)`` says how a value that failed a pattern, a date or an
    anyOf should look ("should be a date written YYYY-MM-DD...").
    """
    found: list[str] = []
    _Check(schema, form_of, found).value(data, schema, ())
    return found


def unknown_keywords(schema: dict) -> list[str]:
    """The keywords in ``schema`` this validator does not check (a schema should have none)."""
    out: list[str] = []
    stack = [schema]
    while stack:
        node = stack.pop()
        if not isinstance(node, dict):
            continue
        out.extend(sorted(k for k in node if k not in KEYWORDS and k not in _NOTES))
        for key in ("properties", "$defs"):
            stack.extend(node.get(key, {}).values())
        for key in ("items", "additionalProperties"):
            stack.append(node.get(key))
        stack.extend(node.get("anyOf", ()))
    return out


class _Check:
    """One run over a document: the root (for ``$ref``), the wording, what was found."""

    def __init__(self, root: dict, form_of, found: list[str]):
        self.root, self.form_of, self.found = root, form_of, found

    def value(self, value, node: dict, path: tuple) -> None:
        where = where_in(path)
        if "$ref" in node:
            self.value(value, self._target(node["$ref"]), path)
        kinds = node.get("type")
        if kinds is not None:
            names = [kinds] if isinstance(kinds, str) else list(kinds)
            if not any(_TYPES[n](value) for n in names):
                wanted = " or ".join(_TYPE_WORDS.get(n, n) for n in names)
                self.found.append(f"{where} should be {wanted}")
                return
        self._choices(value, node, where)
        if isinstance(value, str):
            self._text(value, node, where)
        if _TYPES["number"](value):
            if "minimum" in node and value < node["minimum"]:
                self.found.append(f"{where} is below {node['minimum']}")
            if "maximum" in node and value > node["maximum"]:
                self.found.append(f"{where} is above {node['maximum']}")
        if isinstance(value, dict):
            self._object(value, node, path)
        if isinstance(value, list):
            self._array(value, node, path)

    def _target(self, ref: str) -> dict:
        target = self.root
        for part in ref[len("#/") :].split("/"):  # local refs only: "#/$defs/..."
            target = target[part]
        return target

    def _choices(self, value, node: dict, where: str) -> None:
        if "const" in node and not _equal(value, node["const"]):
            self.found.append(f"{where} has a value this format does not allow")
        if "enum" in node and not any(_equal(value, option) for option in node["enum"]):
            self.found.append(f"{where} has a value this format does not allow")
        if "anyOf" in node and not any(self._valid(value, option) for option in node["anyOf"]):
            self.found.append(f"{where} {self.form_of(node)}")

    def _text(self, value: str, node: dict, where: str) -> None:
        unlike = "pattern" in node and not full_match(node["pattern"], value)
        if unlike or (node.get("format") == "date" and not _is_date(value)):
            self.found.append(f"{where} {self.form_of(node)}")
        if len(value) < node.get("minLength", 0):
            self.found.append(f"{where} should not be empty")

    def _object(self, value: dict, node: dict, path: tuple) -> None:
        where = where_in(path)
        for key in node.get("required", ()):
            if key not in value:
                self.found.append(f"{where} has no {key!r}")
        properties = node.get("properties", {})
        extra = node.get("additionalProperties", True)
        for key in sorted(value):  # the same order in every Python
            if key in properties:
                self.value(value[key], properties[key], path + (key,))
            elif extra is False:
                self.found.append(f"{where} has a field this format does not know")
            elif isinstance(extra, dict):
                self.value(value[key], extra, path + (key,))

    def _array(self, value: list, node: dict, path: tuple) -> None:
        where = where_in(path)
        if len(value) < node.get("minItems", 0):
            self.found.append(f"{where} should list at least {node['minItems']}")
        if "items" in node:
            for n, item in enumerate(value):
                self.value(item, node["items"], path + (n,))
        if node.get("uniqueItems"):
            seen = [file_json(v) for v in value]
            if len(seen) != len(set(seen)):
                self.found.append(f"{where} lists the same entry twice")

    def _valid(self, value, node: dict) -> bool:
        found: list[str] = []
        _Check(self.root, self.form_of, found).value(value, node, ())
        return not found


def _equal(a, b) -> bool:
    """JSON equality: ``true`` is not ``1``."""
    return a == b and isinstance(a, bool) == isinstance(b, bool)


def _is_date(text: str) -> bool:
    if not full_match(_DATE, text) or text.endswith("\n"):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def where_in(path: tuple) -> str:
    """Where a value sits, as the messages name it: ``people[0].name``, or "the file"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"
