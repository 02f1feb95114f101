"""A class folder is read without trusting it: what is read, what is named, and nothing hangs.

The hostile files are data in ``tests/data/class-hostile/``; the entries git cannot
hold (a FIFO, links, a name that is not UTF-8, a 50 MB file) are made by the test.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from closing_kit.classroom.folder import list_class_folder, shown
from closing_kit.classroom.sample import sample_workbook
from closing_kit.workbook.store import save_workbook

pytest.importorskip("jinja2")

DATA = Path(__file__).parent / "data" / "class-hostile"
needs_links = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks")


def closing_kit(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "closing_kit", *map(str, args)],
        capture_output=True, text=True, timeout=60, cwd=cwd, check=False,
        errors="replace",
    )  # fmt: skip


def _snapshot(folder: Path) -> dict:
    """Every entry under ``folder``: its lstat, and for regular files their bytes' hash."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(os.fsencode(folder)):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            digest = None
            if stat.S_ISREG(info.st_mode) and info.st_size < 1 << 20:
                with open(path, "rb") as handle:
                    digest = hashlib.sha256(handle.read()).hexdigest()
            found[path] = (info.st_mode, info.st_size, info.st_mtime_ns, digest)
    return found


@pytest.fixture
def hostile(tmp_path) -> tuple[Path, dict[str, str]]:
    """A class folder with two good learners, one in a subfolder, and every hostile entry.

    Returns the folder and, for each entry the report must leave out, a word of its reason.
    """
    folder = tmp_path / "class"
    shutil.copytree(DATA, folder)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    save_workbook(outside / "not-in-class.json", sample_workbook(20, name="Outsider Person"))
    (folder / "team" / "deeper").mkdir(parents=True)
    save_workbook(folder / "team" / "my-interview.json", sample_workbook(21, name="Sub Folder"))
    save_workbook(folder / "team" / "deeper" / "hidden-away.json", sample_workbook(22))
    (folder / "empty.json").mkdir()
    os.mkfifo(folder / "pipe.json")
    os.symlink("/dev/zero", folder / "zero.json")
    os.symlink(outside / "not-in-class.json", folder / "outside.json")
    os.symlink("grace.json", folder / "also-grace.json")
    os.symlink("missing.json", folder / "broken.json")
    os.symlink("team", folder / "team-link.json")
    os.link(folder / "alan.json", folder / "alan-hard.json")
    with open(folder / "huge.json", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    with open(os.path.join(os.fsencode(folder), b"caf\xe9-latin1.json"), "wb") as handle:
        handle.write(b"{}")  # a name that is not UTF-8 (Latin-1), as an old zip tool leaves
    (folder / "two\nlines.json").write_text("{}", encoding="utf-8")
    (folder / ".alan.json.lock").write_bytes(b"")
    reasons = {
        "README.txt": "not a workbook file",
        "also-grace.json": "the same file as grace.json",
        "alan.json": "the same file as alan-hard.json",
        "broken.json": "a link to nothing",
        "caf\ufffd-latin1.json": "not a closing-kit workbook",
        "empty.json": "an empty folder",
        "huge-number.json": "a number thousands of digits long",
        "huge.json": "larger than 5 MB",
        "lone-surrogate.json": "lone surrogate",
        "not-json.json": "not valid JSON",
        "outside.json": "outside the class folder",
        "pipe.json": "a named pipe (FIFO)",
        "team-link.json": "a link to a folder",
        "team/deeper": "a folder inside a folder",
        "two\ufffdlines.json": "not a closing-kit workbook",
        "zero.json": "outside the class folder",
        ".alan.json.lock": "hidden",
    }
    return folder, reasons


@needs_links
def test_a_hostile_folder_gives_a_report_and_one_line_per_entry_left_out(hostile, tmp_path):
    """Exit 0, the good learners reported, each entry left out named once on stderr and
    in the page with its reason; no hang, no traceback, nothing changed or added."""
    folder, reasons = hostile
    before, outside_before = _snapshot(folder), _snapshot(tmp_path / "elsewhere")
    page, table = tmp_path / "out" / "report.html", tmp_path / "out" / "table.csv"
    page.parent.mkdir()
    proc = closing_kit("class-report", folder, "-o", page, "--csv", table, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    left_out = {}
    for line in lines[:-1]:
        assert line.startswith("closing-kit: left out "), line
        name, _, reason = line.removeprefix("closing-kit: left out ").partition(": ")
        left_out[name] = reason
    assert len(left_out) == len(lines) - 1  # each entry once
    # A date of 9999-12-31 is not used by the report; a schema that bounds dates may refuse it.
    date_refused = left_out.pop("date-9999.json", None)
    assert set(left_out) == set(reasons)
    for name, words in reasons.items():
        assert words in left_out[name], (name, left_out[name])
    html = page.read_text(encoding="utf-8")
    for name in reasons:
        assert name.replace("\n", "") in html.replace("&#39;", "'")
    # The good learners: two at the top, one from the subfolder, the far-future date one.
    for who in ("Grace Hopper", "Alan Turing", "Sub Folder"):
        assert f">{who}</h3>" in html, who
    assert (">Last Day</h3>" in html) != bool(date_refused)
    assert "team/my-interview.json" in html
    assert "Outsider" not in html and "hidden-away" not in html
    learners, files = (3, len(reasons) + 1) if date_refused else (4, len(reasons))
    assert lines[-1].endswith(
        f"{learners} learners in {page}; {files} files left out (listed in it)"
    )
    assert _snapshot(folder) == before and _snapshot(tmp_path / "elsewhere") == outside_before
    assert sorted(p.name for p in page.parent.iterdir()) == ["report.html", "table.csv"]


@needs_links
def test_a_pipe_swapped_in_after_the_listing_is_not_waited_on(tmp_path):
    """A file replaced by a FIFO between the listing and the read is left out, without a hang."""
    from closing_kit.classroom.folder import read_class_file

    folder = tmp_path / "class"
    folder.mkdir()
    save_workbook(folder / "a.json", sample_workbook(1))
    (item,), skipped = list_class_folder(folder)
    (folder / "a.json").unlink()
    os.mkfifo(folder / "a.json")
    raw, reason = read_class_file(item)
    assert raw is None and "replaced while the report was reading" in reason


@needs_links
def test_a_link_swapped_in_after_the_listing_is_not_followed(tmp_path):
    """A file replaced by a link (to a file outside) between listing and read is left out."""
    from closing_kit.classroom.folder import read_class_file

    folder = tmp_path / "class"
    folder.mkdir()
    save_workbook(folder / "a.json", sample_workbook(1))
    save_workbook(tmp_path / "secret.json", sample_workbook(2))
    (item,), _ = list_class_folder(folder)
    (folder / "a.json").unlink()
    os.symlink(tmp_path / "secret.json", folder / "a.json")
    raw, reason = read_class_file(item)
    assert raw is None and reason


def test_a_name_that_is_not_utf8_is_shown_with_a_replacement():
    """Undecodable bytes and control characters in a name become U+FFFD, on one line."""
    assert shown(os.fsdecode(b"caf\xe9.json")) == "caf\ufffd.json"
    assert shown("a\nb\x1b[31m\u202ec.json") == "a\ufffdb\ufffd[31m\ufffdc.json"


def test_an_unreadable_folder_is_refused_in_one_line(tmp_path):
    """A folder the report may not list: exit 2 and one line."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root can list any folder")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0)
    try:
        proc = closing_kit("class-report", folder, "-o", tmp_path / "r.html", cwd=tmp_path)
    finally:
        folder.chmod(0o700)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert "cannot read the folder" in proc.stderr
