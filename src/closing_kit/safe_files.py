"""Safe files: where a learner's work is kept, and how it is written so nothing is lost.

Saves are atomic: the data goes to a temporary file in the same folder, is
flushed to disk, then renamed over the old file, so a crash or a killed
kernel leaves either the old file or the new one, never half of each.
A file that cannot be read is never overwritten: it is copied aside with a
timestamp first, and the error says where the copy is.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

__all__ = [
    "StorageError",
    "backup_copy",
    "check_output",
    "load_json",
    "locked",
    "os_reason",
    "real_path",
    "remove_stale_temporaries",
    "save_json",
    "stamped_name",
    "write_output",
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


def real_path(path: Path) -> Path:
    """The file a save should replace: a symlink's target, so the link stays a link."""
    return Path(os.path.realpath(path))


def save_json(path: Path, data) -> None:
    """Write ``data`` as JSON to ``path`` atomically.

    Through a symlink the target is replaced and the link kept; an existing
    file keeps its permissions, and a read-only one is refused (``StorageError``)
    rather than replaced. The folder is synced after the rename, so a power cut
    cannot undo a save that has returned.
    """
    path = real_path(Path(path))
    mode = None
    if path.exists():
        mode = path.stat().st_mode & 0o7777
        if not mode & 0o222 and not _IN_BROWSER:  # the browser's drive reports no modes
            raise StorageError(
                f"{path.name} is read-only, so it was not changed: make it writable "
                "(or save under another name); your text is still here."
            )
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    _replace(path, text.encode("utf-8"), mode)
    remove_stale_temporaries(path)


def write_output(path, content, inputs=()) -> Path:
    """Write an export (``str`` or ``bytes``) to ``path`` atomically; return the file written.

    Refused with ``StorageError`` (one line) when ``path`` is one of ``inputs``
    or the same file under another name (a hard link), when it is a learner's
    workbook, or when it is a folder. A failed write leaves an earlier export whole.
    """
    target = check_output(path, inputs)
    data = content.encode("utf-8") if isinstance(content, str) else content
    _replace(target, data, target.stat().st_mode & 0o7777 if target.exists() else None)
    return target


def os_reason(err: OSError, folder: Path | None = None) -> str:
    """An operating-system error in the learner's words, with what to do about it."""
    import errno

    if err.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full: free some space and try again"
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        where = f"the folder {folder.name or folder}" if folder else "that folder"
        return f"{where} cannot be written to: save somewhere you can write, or ask for access"
    if err.errno == errno.ENOENT and folder is not None:
        return f"the folder {folder} does not exist: create it or choose another"
    return f"{err.strerror or err or 'the system refused'}: try again, or save somewhere else"


def _replace(target: Path, data: bytes, mode: int | None) -> None:
    """Write ``data`` to a temporary file beside ``target``, flush it, rename it over
    ``target`` and sync the folder; ``mode`` is the old file's (``None``: a new file).

    Raises ``StorageError`` naming ``target`` (never the temporary file) and the reason.
    """
    try:
        _write_replace(target, data, mode)
    except OSError as err:
        raise StorageError(
            f"Could not write {target.name}: {os_reason(err, target.parent)}."
        ) from None


def _write_replace(target: Path, data: bytes, mode: int | None) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(tmp, mode if mode is not None else 0o666 & ~_umask())
        if _linked(target):
            _rewrite_in_place(target, data, Path(tmp))
            return
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _linked(target: Path) -> bool:
    """Whether ``target`` has other names (hard links) that a rename would leave behind."""
    try:
        return target.stat().st_nlink > 1
    except OSError:
        return False


def _rewrite_in_place(target: Path, data: bytes, tmp: Path) -> None:
    """Write a hard-linked file in place, so every name sees the save.

    A rename would give ``target`` a new inode and leave the other names on the old
    text. The new text is already flushed in ``tmp``; if the rewrite fails, ``tmp``
    is kept under a stamped name and the error says where.
    """
    try:
        with open(target, "r+b") as handle:
            handle.truncate(0)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as err:
        kept = stamped_name(target, "unsaved")
        os.replace(tmp, kept)
        raise StorageError(
            f"Could not save {target.name} ({os_reason(err, target.parent)}): "
            f"your new text is kept in {kept.name}."
        ) from None
    tmp.unlink(missing_ok=True)


def check_output(path, inputs=()) -> Path:
    """The real file ``write_output`` would write, or ``StorageError`` saying why it may not."""
    target = real_path(Path(path))
    if target.is_dir():
        raise StorageError(f"{Path(path).name} is a folder: give a file name to write")
    if not target.exists():
        return target
    for given in inputs:
        try:
            same = os.path.samefile(target, given)
        except OSError:
            same = False
        if same:
            raise StorageError(
                f"{Path(path).name} is a file being read: choose another output name"
            )
    if _is_workbook(target):
        raise StorageError(
            f"{Path(path).name} is a learner's workbook, so it was not written over: "
            "choose another output name"
        )
    return target


def _is_workbook(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b'"closing-kit workbook"' in head


def _keep_mode(path, mode: int) -> None:
    with contextlib.suppress(OSError):  # a file system without modes: nothing to keep
        os.chmod(path, mode)


def _umask() -> int:
    try:
        mask = os.umask(0)
        os.umask(mask)
    except (OSError, AttributeError):
        return 0o022
    return mask


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; a no-op where folders cannot be opened."""
    if _IN_BROWSER:
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


#: Pyodide in JupyterLite: one kernel per tab, and a browser-backed file system.
_IN_BROWSER = sys.platform == "emscripten"
#: How long a save waits for another process's save of the same file.
LOCK_SECONDS = 10


@contextlib.contextmanager
def locked(path: Path):
    """Hold the lock for saving ``path`` (``.NAME.lock`` beside its real file).

    ``fcntl.flock`` where it exists, so a killed process never leaves the lock
    held; elsewhere a lock file made with ``O_EXCL``, taken over when older
    than ``STALE_SECONDS``. Waits up to ``LOCK_SECONDS``, then raises
    ``StorageError``.
    """
    target = real_path(Path(path))
    lock = target.with_name(f".{target.name}.lock")
    deadline = time.monotonic() + LOCK_SECONDS
    if _IN_BROWSER:
        # Pyodide in the browser (JupyterLite): one kernel per tab, no other process to
        # wait for, and its file system has no locks; the site's storage sync does the rest.
        yield
        return
    if fcntl is not None:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise StorageError(_BUSY.format(name=target.name)) from None
                    time.sleep(0.005)
                except OSError:
                    break  # a file system without locks (some network shares): save unlocked
            yield
        finally:
            os.close(fd)  # closing releases the lock
        return
    while True:  # pragma: no cover - platforms without fcntl (Windows)
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            break
        except FileExistsError:
            try:
                if time.time() - lock.stat().st_mtime > STALE_SECONDS:
                    lock.unlink()
                    continue
            except OSError:
                continue
            if time.monotonic() > deadline:
                raise StorageError(_BUSY.format(name=target.name)) from None
            time.sleep(0.005)
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


_BUSY = (
    "{name} is being saved by another notebook and did not come free: "
    "save again in a moment; your text is still here."
)


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
    """Copy ``path`` aside as ``NAME.unreadable-STAMP.EXT`` and return the copy.

    One copy per file: opening the same unreadable file again reuses the copy
    that holds the same bytes, and a newer unreadable version replaces the older
    copy (three opens of a 50 MB file once left 150 MB of copies).
    """
    import filecmp

    path = Path(path)
    older = sorted(
        path.parent.glob(f"{glob_escape(path.stem)}.unreadable-*{glob_escape(path.suffix)}")
    )
    for copy in older:
        if filecmp.cmp(path, copy, shallow=False):
            return copy
    backup = stamped_name(path, "unreadable")
    shutil.copy2(path, backup)
    for copy in older:
        copy.unlink(missing_ok=True)
    return backup


def stamped_name(path: Path, tag: str) -> Path:
    """A free name beside ``path``: ``NAME.TAG-STAMP.EXT``, then ``NAME.TAG-STAMP-2.EXT``..."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.{tag}-{stamp}{path.suffix}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}.{tag}-{stamp}-{n}{path.suffix}")
    return candidate
