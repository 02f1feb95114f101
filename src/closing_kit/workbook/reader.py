"""The one workbook reader: JSON text or data in, a current workbook or one line why not.

Shared by the notebooks and the command line (``store``, which reads files
and checks with jsonschema, ``model.problems``) and by the website
(``closing_kit.web``, in MicroPython, which checks with the small validator
here, ``schema_problems``). Both refuse the same files for the same reasons;
only who is speaking differs (``Reader``): "this closing-kit" or "this page".

Standard library only, and the subset MicroPython has (``analysis.compat``).
"""

from __future__ import annotations

from closing_kit import schema_check
from closing_kit.analysis.compat import BadJSON, loads
from closing_kit.workbook.migrate import migrate
from closing_kit.workbook.model import (
    HUGE_NUMBER,
    SCHEMA_VERSION,
    form_of,
    format_problem,
    id_problems,
    schema,
    value_problem,
)

__all__ = ["MAX_BYTES", "PAGE", "Reader", "checked", "read_text", "schema_problems"]

#: The largest workbook file read (the same limit as ``safe_files.MAX_BYTES``).
MAX_BYTES = 5 * 1024 * 1024
#: Why a file over ``MAX_BYTES`` is refused.
TOO_LARGE = f"it is larger than {MAX_BYTES // (1024 * 1024)} MB, far more than a workbook"


def schema_problems(data, version: int = SCHEMA_VERSION) -> list[str]:
    """Why ``data`` is not a valid workbook of ``version``, one short line each, without
    jsonschema: ``schema_check`` over the published schema file; agrees with
    ``model.problems`` (tests/test_schema_check.py)."""
    found = schema_check.problems(data, schema(version), form_of)
    if not found and version == SCHEMA_VERSION:
        found = id_problems(data)
    return found


class Reader:
    """Who reads the workbook, as its messages name it, and how it checks the schema."""

    def __init__(self, me: str, newer_advice: str, problems, fix: str = ""):
        self.me, self.newer_advice, self.problems, self.fix = me, newer_advice, problems, fix


#: The website's reader: the small validator, and "this page".
PAGE = Reader("this page", "this page cannot open it yet", schema_problems)


def read_text(text: str, reader: Reader = PAGE) -> tuple[dict | None, str | None]:
    """The workbook in ``text``, migrated to the current format, or ``None`` and why."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return None, TOO_LARGE
    if not text.strip():
        return None, "it is empty"
    if text.startswith("\ufeff"):  # a byte-order mark (Notepad adds one) is no part of it
        text = text[1:]
    try:
        data = loads(text)
    except BadJSON as err:
        if err.deep:
            return None, "it is nested far too deeply to be a workbook"
        return None, f"it is not valid JSON (line {err.lineno})"
    except ValueError:  # Python reads no integer of over 4,300 digits
        return None, HUGE_NUMBER
    return checked(data, reader)


def checked(data, reader: Reader = PAGE) -> tuple[dict | None, str | None]:
    """``data`` (parsed JSON) as a current workbook, migrated, or ``None`` and why."""
    problem = format_problem(data, reader.newer_advice) or value_problem(data)
    if problem:
        return None, problem
    version = data["schema_version"]
    found = reader.problems(data, version)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        return None, (
            f"it does not match the workbook format: {_one_line(found[0])}{more}{reader.fix}"
        )
    data = migrate(data)
    if version != SCHEMA_VERSION:
        # An older file that opens must also save (and download, and open in the
        # notebooks): what the current format refuses, and migration could not
        # mend, is named now, not at the first save.
        found = reader.problems(data, SCHEMA_VERSION)
        if found:
            return None, (
                f"it is an older workbook (format version {version}) that {reader.me} "
                f"cannot bring up to date: {_one_line(found[0])}"
            )
    return data, None


#: What breaks a line, for ``str.splitlines`` (MicroPython's ``str.split`` knows ASCII only).
_BREAKS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029"


def _one_line(text: str) -> str:
    """``text`` on one line, spaces run together, at most 200 characters (as in every Python)."""
    text = str(text)
    for ch in _BREAKS:
        text = text.replace(ch, " ")
    return " ".join(part for part in text.split(" ") if part)[:200]
