"""Where a learner's work is kept, and how it is written so nothing is lost.

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

__all__ = ["StorageError", "backup_copy", "load_json", "save_json", "work_dir"]

#: Set this to keep the learner's files somewhere else (tests use a temp folder).
ENV_VAR = "CLOSING_KIT_HOME"
#: Larger files are refused rather than read into memory.
MAX_BYTES = 5 * 1024 * 1024


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
