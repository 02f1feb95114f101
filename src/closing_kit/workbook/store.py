"""Open and save workbook files so that nothing a learner wrote is lost.

Saves are atomic (``closing_kit.safe_files.save_json``: a temporary file, then a
rename). A file that cannot be opened is never overwritten: ``load_workbook``
copies it aside with a timestamp and raises a ``WorkbookError`` whose message
is one line naming the file, the problem and the copy.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from closing_kit import safe_files
from closing_kit.safe_files import StorageError
from closing_kit.workbook.model import HUGE_NUMBER, new_workbook, problems
from closing_kit.workbook.reader import TOO_LARGE, Reader, checked

#: The interview file the exercises open when none is named.
DEFAULT_FILE = "my-interview.json"

__all__ = [
    "WorkbookError",
    "free_name",
    "load_workbook",
    "merge_sections",
    "parse_workbook",
    "read_workbook",
    "save_sections",
    "save_workbook",
]

_SURROGATE = re.compile("[\ud800-\udfff]")
#: The notebooks' and command line's reader (``workbook.reader``): jsonschema's verdict.
_READER = Reader(
    "this closing-kit",
    "update closing-kit to open it",
    problems,
    " (correct that in a text editor: the file is JSON)",
)


class WorkbookError(StorageError):
    """A workbook file could not be opened; ``str(err)`` is one line for the learner.

    Attributes
    ----------
    path, problem
        The file, and what is wrong with it (a phrase such as "it is not valid JSON").
    backup
        The timestamped copy made next to it, or ``None`` when none was made.
    """

    def __init__(self, path: Path, problem: str, backup: Path | None = None):
        self.path, self.problem, self.backup = Path(path), problem, backup
        message = f"Could not open {self.path.name}: {problem}."
        if backup is not None:
            message += f" It is left as it was, and a copy is kept as {backup.name}."
        super().__init__(message)


def read_workbook(path: str | Path) -> dict:
    """The workbook in ``path``, migrated to the current format; no side effects.

    Raises
    ------
    WorkbookError
        Without a backup: the file is only read.
    """
    path = Path(path)
    data, problem = _read(path)
    if problem:
        raise WorkbookError(path, problem)
    return data


def parse_workbook(raw: bytes, name: str | Path = "workbook.json") -> dict:
    """The workbook in ``raw`` (a file's bytes, read by the caller), migrated; like
    ``read_workbook`` for a file read another way (the class report reads its own).

    Raises
    ------
    WorkbookError
        Naming ``name``; ``err.problem`` is the reason without it.
    """
    data, problem = _parse(raw)
    if problem:
        raise WorkbookError(Path(name), problem)
    return data


def load_workbook(path: str | Path) -> dict:
    """Like ``read_workbook``, but a missing file gives a new, unsaved workbook.

    A file that exists but cannot be opened is copied aside first (the copy is
    named in the error), so whatever happens next, the original survives.
    """
    path = Path(path)
    if not path.exists():
        return new_workbook()
    data, problem = _read(path)
    if problem:
        raise WorkbookError(path, problem, safe_files.backup_copy(path) if path.is_file() else None)
    return data


def save_workbook(path: str | Path, workbook: dict) -> None:
    """Write ``workbook`` to ``path`` atomically, after checking it against the schema."""
    workbook = _clean(workbook)
    found = problems(workbook)
    if found:
        raise ValueError(f"not saved, the workbook is not valid: {found[0]}")
    safe_files.save_json(Path(path), workbook)


def save_sections(path: str | Path, workbook: dict, sections, base: dict | None = None) -> dict:
    """Save only ``sections`` of ``workbook``, keeping the rest as it is on disk.

    A section is a top-level key ("memory") or a dotted path to a part of one
    ("practice.closing"). Two notebooks open on the same interview each save
    their own part, so neither undoes the other's: the file is read, merged
    and written under a lock (``safe_files.locked``). Returns the workbook as
    saved. A file on disk that cannot be opened raises ``WorkbookError`` and is
    not overwritten. ``base`` is the workbook as this notebook last read it;
    see ``merge_sections`` for what happens when both sides changed a section.
    """
    return merge_sections(path, workbook, sections, base)[0]


def merge_sections(path, workbook, sections, base=None) -> tuple[dict, list[str]]:
    """``save_sections``, and a one-line note for each real conflict.

    A conflict is a section that another notebook changed since ``base`` was
    read, and that this one changed too, differently. This notebook's version
    is saved; the other is kept in ``NAME.conflict-STAMP.json`` beside the file,
    which the note names, so neither is lost.
    """
    path = Path(path)
    notes = []
    with safe_files.locked(path):
        exists = path.exists()
        current = read_workbook(path) if exists else _copy(workbook)
        kept = {}
        for name in sections:
            mine, theirs, before = _at(workbook, name), _at(current, name), None
            if base is not None:
                before = _at(base, name)
            if exists and base is not None and theirs not in (before, mine) and mine != before:
                kept[name] = theirs
            _put(current, name, mine)  # the same object: widgets keep references into it
        if kept:
            aside = safe_files.stamped_name(path, "conflict")
            safe_files.save_json(aside, {"kept_from_the_other_notebook": kept})
            names = ", ".join(kept)
            notes.append(
                f"{names} was also changed in another notebook: yours is saved, and the other "
                f"version is kept in {aside.name}."
            )
        save_workbook(path, current)
    return current, notes


def _at(workbook, name):
    value = workbook
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _put(workbook, name, value):
    *parents, key = name.split(".")
    for part in parents:
        workbook = workbook.setdefault(part, {})
    workbook[key] = value


def _copy(value):
    return json.loads(json.dumps(value))


def free_name(path: str | Path) -> Path:
    """A name next to ``path`` that no file uses yet: ``name-new.json``, ``name-new-2.json``..."""
    path = Path(path)
    candidate = path.with_name(f"{path.stem}-new{path.suffix}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-new-{n}{path.suffix}")
    return candidate


def _read(path: Path) -> tuple[dict | None, str | None]:
    try:
        if not path.exists():
            return None, "there is no such file"
        if path.is_dir():
            return None, "it is a folder, not a file"
        if path.stat().st_size > safe_files.MAX_BYTES:
            return None, TOO_LARGE
        raw = path.read_bytes()
    except OSError as err:
        return None, f"it cannot be read ({err.strerror or err})"
    return _parse(raw)


def _parse(raw: bytes) -> tuple[dict | None, str | None]:
    try:
        # A byte-order mark (Notepad adds one) is not part of the workbook.
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None, "it is not a text file"
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        if not text.strip():
            return None, "it is empty"
        if err.pos >= len(text.rstrip()):
            return None, "it stops before the end (cut off while it was being written?)"
        return None, f"it is not valid JSON (line {err.lineno})"
    except RecursionError:
        return None, "it is nested far too deeply to be a workbook"
    except ValueError:  # Python reads no integer of over 4,300 digits
        return None, HUGE_NUMBER
    return checked(data, _READER)


def _clean(value):
    """Lone surrogates (which UTF-8 cannot store) become U+FFFD; everything else is kept."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return value
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value
