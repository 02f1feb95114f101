"""Saving the learner's work so nothing is lost (closing_kit.safe_files)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from closing_kit import safe_files
from closing_kit.safe_files import StorageError, load_json, save_json


def test_round_trip_keeps_any_unicode(tmp_path):
    """What is saved is what comes back, emoji and right-to-left text included."""
    data = {"notes": "Thank you \U0001f64f — שלום — <b>bold</b>\u200b", "n": [1, 2]}
    save_json(tmp_path / "w.json", data)
    assert load_json(tmp_path / "w.json") == data


def test_missing_file_gives_the_default(tmp_path):
    assert load_json(tmp_path / "nope.json", default={"a": 1}) == {"a": 1}


def test_interrupted_save_leaves_the_old_file(tmp_path, monkeypatch):
    """A crash between writing and renaming keeps the previous version intact."""
    path = tmp_path / "w.json"
    save_json(path, {"version": 1})

    def crash(*_args):
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(safe_files.StorageError, match="Could not write w.json: disk pulled out"):
        save_json(path, {"version": 2})
    assert json.loads(path.read_text()) == {"version": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["w.json"], "no temporary file left behind"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"done": ["thank"', "not valid JSON"),
        (b"\xff\xfe\x00binary\x00junk", "not a text file"),
        (b"", "not valid JSON"),
    ],
)
def test_unreadable_file_is_kept_and_explained(tmp_path, content, problem):
    """A corrupt file raises a one-line message, and a backup copy sits next to it."""
    path = tmp_path / "w.json"
    path.write_bytes(content)
    with pytest.raises(StorageError, match=problem) as err:
        load_json(path)
    message = str(err.value)
    assert "\n" not in message and "w.json" in message
    backups = list(tmp_path.glob("w.unreadable-*.json"))
    assert len(backups) == 1 and backups[0].read_bytes() == content
    assert path.read_bytes() == content, "the original is untouched"


def test_huge_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    """A file over the size limit is refused, not loaded into memory."""
    monkeypatch.setattr(safe_files, "MAX_BYTES", 100)
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"x": "y" * 200}))
    with pytest.raises(StorageError, match="larger than"):
        load_json(path)


def test_work_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(safe_files.ENV_VAR, str(tmp_path / "elsewhere"))
    assert safe_files.work_dir() == tmp_path / "elsewhere"
    assert (tmp_path / "elsewhere").is_dir()


def test_a_killed_saves_temporary_file_is_removed_by_the_next_save(tmp_path):
    """Temporaries older than STALE_SECONDS go; a fresh one (another save now) stays."""
    path = tmp_path / "w.json"
    save_json(path, {"n": 1})
    stale = tmp_path / ".w.json.abc123.tmp"
    fresh = tmp_path / ".w.json.def456.tmp"
    other = tmp_path / ".other.json.abc123.tmp"
    for f in (stale, fresh, other):
        f.write_text("{half")
    old = time.time() - safe_files.STALE_SECONDS - 5
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    save_json(path, {"n": 2})
    assert not stale.exists() and fresh.exists() and other.exists()
    assert load_json(path) == {"n": 2}


def test_saves_killed_at_random_moments_lose_nothing_and_leave_no_litter(tmp_path):
    """SIGKILL a process in the middle of saving, 20 times: the file is always whole.

    Each run saves numbered versions as fast as it can; whatever moment it dies,
    the file holds one complete version, and the next save tidies the litter.
    """
    path = tmp_path / "w.json"
    save_json(path, {"n": 0, "text": "x" * 20_000})
    code = (
        "import sys; from closing_kit.safe_files import save_json\n"
        "n = 0\n"
        "while True:\n"
        "    n += 1; save_json(sys.argv[1], {'n': n, 'text': 'x' * 20_000})\n"
    )
    rng = random.Random(4)
    for _ in range(20):
        proc = subprocess.Popen([sys.executable, "-c", code, str(path)])
        # Wait until it has saved at least once more, then kill it at a random moment.
        deadline = time.monotonic() + 30
        while load_json(path)["n"] == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(rng.random() * 0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = load_json(path)
        assert data["text"] == "x" * 20_000 and data["n"] >= 0
    for tmp in tmp_path.glob(".w.json.*.tmp"):  # as if the learner came back later
        os.utime(tmp, (time.time() - safe_files.STALE_SECONDS - 5,) * 2)
    save_json(path, {"n": -1})
    assert list(tmp_path.glob(".w.json.*.tmp")) == []
    assert load_json(path) == {"n": -1}


def test_a_hard_linked_workbook_stays_one_file(tmp_path):
    """A save through one name of a hard-linked file reaches every name: the file is
    rewritten in place, not replaced by a new one that the other name never sees."""
    first = tmp_path / "mine.json"
    save_json(first, {"notes": "old"})
    other = tmp_path / "shared" / "mine.json"
    other.parent.mkdir()
    other.hardlink_to(first)
    save_json(other, {"notes": "new"})
    assert load_json(first) == {"notes": "new"}
    assert os.path.samefile(first, other)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.json", "shared"]
    assert sorted(p.name for p in other.parent.iterdir()) == ["mine.json"]


@pytest.mark.parametrize("stage", ["fsync", "replace", "after-replace"])
def test_a_kill_that_lands_inside_the_save_loses_nothing(tmp_path, stage):
    """The kill lands inside the save, at a known step, found by a marker the saving
    process prints when it gets there (not by a sleep): the temporary file written but
    not flushed, flushed but not renamed, or renamed but the folder not yet synced.
    The file then holds the old version or the new one, whole, and the next save
    tidies what was left."""
    path = tmp_path / "w.json"
    old = {"n": 1, "text": "old " * 5_000}
    save_json(path, old)
    code = (
        "import os, sys, time\n"
        "from closing_kit import safe_files\n"
        "stage = sys.argv[2]\n"
        "real_fsync, real_replace = os.fsync, os.replace\n"
        "def pause(here):\n"
        "    if here == stage:\n"
        "        print('inside', flush=True)\n"
        "        time.sleep(600)\n"
        "def fsync(fd):\n"
        "    pause('fsync'); real_fsync(fd)\n"
        "def replace(a, b):\n"
        "    pause('replace'); real_replace(a, b); pause('after-replace')\n"
        "os.fsync, os.replace = fsync, replace\n"
        "safe_files.save_json(sys.argv[1], {'n': 2, 'text': 'new ' * 5_000})\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(path), stage], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "inside"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    data = load_json(path)
    assert data == old or data == {"n": 2, "text": "new " * 5_000}
    if stage == "after-replace":
        assert data["n"] == 2
    for tmp in tmp_path.glob(".w.json.*.tmp"):
        os.utime(tmp, (time.time() - safe_files.STALE_SECONDS - 5,) * 2)
    save_json(path, {"n": 3})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.json"]


def test_one_backup_per_unreadable_file(tmp_path):
    """Opening the same broken file again reuses its copy; a newer broken version
    replaces the copy rather than adding another (50 MB files once piled up)."""
    from closing_kit.workbook.store import WorkbookError, load_workbook

    path = tmp_path / "w.json"
    path.write_text('{"broken": ', encoding="utf-8")
    copies = []
    for _ in range(3):
        with pytest.raises(WorkbookError) as err:
            load_workbook(path)
        copies.append(err.value.backup)
    assert len(set(copies)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["w.json", copies[0].name])
    path.write_text('{"broken again": ', encoding="utf-8")
    with pytest.raises(WorkbookError) as err:
        load_workbook(path)
    kept = [p for p in tmp_path.iterdir() if p.name != "w.json"]
    assert kept == [err.value.backup]
    assert kept[0].read_text(encoding="utf-8") == '{"broken again": '


def test_a_full_disk_is_said_in_the_learners_words():
    """A real ENOSPC (from /dev/full) reads as what to do, not "(No space...: None)"."""
    with pytest.raises(OSError) as err, open("/dev/full", "wb", buffering=0) as handle:
        handle.write(b"x")
    assert safe_files.os_reason(err.value) == "the disk is full: free some space and try again"
