"""Safe files: where a learner's work is kept, and how it is written so nothing is lost.

Saves are atomic: the data goes to a temporary file in the same folder, is
flushed to disk, then renamed over the old file, so a crash or a killed
kernel leaves either the old file or the new one, never half of each.
A file that cannot be read is never overwritten: it is copied aside with a
timestamp first, and the error says where the copy is.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

__all__ = [
    "StorageError",
    "backup_copy",
    "load_json",
    "remove_stale_temporaries",
    "save_json",
    "work_dir",
]

#: Set this to keep the learner's files somewhere else (tests use a temp folder).
ENV_VAR = "CLOSING_KIT_HOME"
#: Larger files are refused rather than read into memory.
MAX_BYTES = 5 * 1024 * 1024
#: A temporary file older than this was left by a save that was killed midway
#: (a save takes milliseconds); the next save of the same file removes it.
STALE_SECONDS = 60


class StorageError(Exception):
    """A saved file could not be read or written; the message is one line for the learner."""


def work_dir() -> Path:
    """The folder for the learner's saved work: ``$CLOSING_KIT_HOME`` or ``./my-work``."""
    folder = Path(os.environ.get(ENV_VAR) or Path.cwd() / "my-work")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_json(path: Path, data) -> None:
    """Write ``data`` as JSON to ``path`` atomically."""
    path = Path(path)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    remove_stale_temporaries(path)


def remove_stale_temporaries(path: Path, now: float | None = None) -> list[Path]:
    """Delete ``.NAME.*.tmp`` files beside ``path`` left by killed saves; return them.

    Only files older than ``STALE_SECONDS`` go, so a save running in another
    process at this moment keeps its temporary file. They never hold the only
    copy of anything: the file they were meant to replace is still whole.
    """
    path = Path(path)
    now = time.time() if now is None else now
    removed = []
    for tmp in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
        try:
            if now - tmp.stat().st_mtime > STALE_SECONDS:
                tmp.unlink()
                removed.append(tmp)
        except OSError:
            continue  # gone already, or not ours to remove: never fail a save over it
    return removed


def glob_escape(name: str) -> str:
    """``name`` with glob's special characters escaped."""
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in name)


def load_json(path: Path, default=None):
    """Read JSON from ``path``; a missing file gives ``default``.

    A file that is too large, not UTF-8 or not JSON raises ``StorageError``
    after a timestamped backup copy has been made next to it.
    """
    path = Path(path)
    if not path.exists():
        return default
    problem = None
    if path.stat().st_size > MAX_BYTES:
        problem = f"it is larger than {MAX_BYTES // (1024 * 1024)} MB"
    else:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problem = "it is not a text file"
        except json.JSONDecodeError as err:
            problem = f"it is not valid JSON (line {err.lineno})"
    backup = backup_copy(path)
    raise StorageError(
        f"Could not read {path.name}: {problem}. A copy of it is kept as {backup.name}."
    )


def backup_copy(path: Path) -> Path:
    """Copy ``path`` aside as ``NAME.unreadable-STAMP.EXT`` (never overwriting one); return it."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.stem}.unreadable-{stamp}-{n}{path.suffix}")
    shutil.copy2(path, backup)
    return backup
