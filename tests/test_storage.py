"""Saving the learner's work so nothing is lost (closing_kit.storage)."""

from __future__ import annotations

import json
import os

import pytest

from closing_kit import storage
from closing_kit.storage import StorageError, load_json, save_json


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
    with pytest.raises(OSError):
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
    monkeypatch.setattr(storage, "MAX_BYTES", 100)
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"x": "y" * 200}))
    with pytest.raises(StorageError, match="larger than"):
        load_json(path)


def test_work_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(storage.ENV_VAR, str(tmp_path / "elsewhere"))
    assert storage.work_dir() == tmp_path / "elsewhere"
    assert (tmp_path / "elsewhere").is_dir()
