"""A class folder, listed and read without trusting what is in it.

A coach's folder holds files handed in by a class, and anything else that landed
there. Only regular files named ``*.json`` are read, each once, at most
``MAX_BYTES`` long (5 MB, the limit of every command that opens a workbook: a
workbook is 5 to 200 KB, so only what is not one is refused, and no file is read
into memory past it); every other entry is named with a one-line reason and never
opened:

- a link is followed only to a regular file inside the folder (and that file is
  read once, however many names it has); a link out of the folder, to a folder or
  to nothing is left alone;
- devices, named pipes (FIFOs) and sockets are told apart by ``lstat``/``stat``
  before anything is opened, and files are opened with ``O_NONBLOCK`` and
  ``O_NOFOLLOW`` and checked again with ``fstat``, so an entry swapped for a pipe
  or a link in between can neither hang the report nor lead it out;
- the folders directly inside the class folder are read too (one learner per
  file, shown as ``folder/file.json``), since handing in each learner's
  ``my-work`` folder under their name is the easy way to collect files that all
  share one name; folders deeper down are named and not read;
- hidden entries (a name starting with ``.``: saves' lock and temporary files,
  ``.ipynb_checkpoints``) and files not named ``*.json`` are named and not read;
- a file name that is not valid UTF-8 is shown with U+FFFD in place of the bad
  bytes, and control or bidi characters in a name are shown the same way, so each
  problem stays one line.

Nothing is written: no backup, no lock, no temporary file.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from closing_kit.safe_files import MAX_BYTES

__all__ = [
    "ClassFile",
    "MAX_BYTES",
    "Skipped",
    "list_class_folder",
    "one_line",
    "read_class_file",
    "shown",
]

# C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


@dataclass(frozen=True)
class Skipped:
    """An entry the report could not use, and why (one line)."""

    file: str
    reason: str


@dataclass(frozen=True)
class ClassFile:
    """A regular file to read: its name as shown, where to open it, and its identity."""

    name: str
    path: Path
    key: tuple[int, int]


def shown(name: str) -> str:
    """A file name fit for one line of a report: bad bytes and control characters as U+FFFD."""
    try:
        text = os.fsencode(name).decode("utf-8", "replace")
    except UnicodeError:  # a surrogate that no file system name decodes to
        text = str(name)
    return _SURROGATES.sub("\ufffd", _UNSHOWABLE.sub("\ufffd", text))


def one_line(text: str, limit: int = 300) -> str:
    """``text`` as one short line that any terminal and page can show."""
    text = _SPACES.sub(" ", str(text)).strip()
    return _SURROGATES.sub("\ufffd", _UNSHOWABLE.sub("\ufffd", text))[:limit]


def _kind(mode: int) -> str | None:
    """What a non-regular entry is, in words; ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "not a regular file"


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # another drive (Windows)
        return False


def list_class_folder(folder: str | Path) -> tuple[list[ClassFile], list[Skipped]]:
    """The files in ``folder`` (and the folders directly in it) to read, and what is left out.

    Both lists are in the order of the names as shown. Raises ``OSError`` only when
    ``folder`` itself cannot be listed.
    """
    root = os.path.realpath(folder)
    files: list[tuple[ClassFile, bool]] = []  # (file, reached through a link)
    skipped: list[Skipped] = []
    with os.scandir(root) as entries:
        top = sorted(entries, key=lambda e: shown(e.name))
    for entry in top:
        _entry(entry, shown(entry.name), root, files, skipped, depth=0)
    # A file with several names is read once: under its own name before a link's.
    seen: dict[tuple[int, int], str] = {}
    chosen = []
    for item, _ in sorted(files, key=lambda pair: (pair[1], pair[0].name)):
        if item.key in seen:
            skipped.append(Skipped(item.name, f"the same file as {seen[item.key]}, read once"))
            continue
        seen[item.key] = item.name
        chosen.append(item)
    chosen.sort(key=lambda f: f.name)
    skipped.sort(key=lambda s: s.file)
    return chosen, skipped


def _entry(entry, name, root, files, skipped, depth) -> None:
    def skip(reason):
        skipped.append(Skipped(name, reason))

    if entry.name.startswith("."):
        return skip("a hidden entry (its name starts with a dot), not read")
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError as err:
        return skip(f"it cannot be looked at ({err.strerror or err})")
    path = entry.path
    linked = stat.S_ISLNK(info.st_mode)
    if linked:
        target = os.path.realpath(path)
        if not _inside(target, root):
            return skip("a link to somewhere outside the class folder, not followed")
        try:
            info = os.stat(target)  # only looks: nothing is opened
        except OSError:
            return skip("a link to nothing (its target is missing)")
        path = target
    kind = _kind(info.st_mode)
    if kind == "a folder":
        if linked:
            return skip("a link to a folder, not followed")
        if depth:
            return skip("a folder inside a folder, not read (only the class folder and "
                        "the folders directly in it are read)")  # fmt: skip
        try:
            with os.scandir(path) as inner:
                listed = sorted(inner, key=lambda e: shown(e.name))
        except OSError as err:
            return skip(f"a folder that cannot be read ({err.strerror or err})")
        if not listed:
            return skip("an empty folder")
        for child in listed:
            _entry(child, f"{name}/{shown(child.name)}", root, files, skipped, depth + 1)
        return None
    if kind:
        return skip(f"{kind}: not opened")
    if not entry.name.lower().endswith(".json"):
        return skip("not a workbook file (only files named *.json are read)")
    if info.st_size > MAX_BYTES:
        return skip(_too_large())
    files.append((ClassFile(name, Path(path), (info.st_dev, info.st_ino)), linked))
    return None


def _too_large() -> str:
    return f"it is larger than {MAX_BYTES // (1024 * 1024)} MB, far more than a workbook: not read"


def read_class_file(item: ClassFile) -> tuple[bytes | None, str | None]:
    """The bytes of ``item``, or ``None`` and a one-line reason; never blocks, never follows."""
    try:
        fd = os.open(item.path, _OPEN_FLAGS)
    except OSError as err:
        return None, f"it cannot be opened ({err.strerror or err})"
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or (info.st_dev, info.st_ino) != item.key:
            return None, "it was replaced while the report was reading the folder: run it again"
        try:
            raw = handle.read(MAX_BYTES + 1)
        except OSError as err:
            return None, f"it cannot be read ({err.strerror or err})"
    if len(raw) > MAX_BYTES:
        return None, _too_large()
    return raw, None
