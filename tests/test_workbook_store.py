"""Workbook files: round trips, atomic saves, and hostile files that must not cost a word."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closing_kit import safe_files
from closing_kit.workbook import (
    SCHEMA_VERSION,
    WorkbookError,
    free_name,
    load_workbook,
    new_person,
    new_workbook,
    read_workbook,
    save_sections,
    save_workbook,
)
from closing_kit.workbook.model import example_workbook

SCRIPT = "<script>alert('x')</script>"


def fill_strings(value, text):
    """Every string field (not ids, enums or dates) replaced by ``text``."""
    skip = {"id", "format", "schema_version", "kind", "date", "stated_date", "permission"}
    skip |= {"not_met", "asked", "holidays"}
    if isinstance(value, dict):
        return {k: v if k in skip else fill_strings(v, text) for k, v in value.items()}
    if isinstance(value, list):
        return [fill_strings(v, text) for v in value]
    return text if isinstance(value, str) else value


def hostile_workbook() -> dict:
    """The example workbook with ``<script>`` in every text field."""
    return fill_strings(example_workbook(), SCRIPT)


def test_round_trip_is_exact(tmp_path):
    """Save then load gives back exactly what was saved."""
    wb = example_workbook()
    save_workbook(tmp_path / "w.json", wb)
    assert load_workbook(tmp_path / "w.json") == wb


def test_markup_in_every_field_is_stored_as_typed(tmp_path):
    wb = hostile_workbook()
    save_workbook(tmp_path / "w.json", wb)
    assert read_workbook(tmp_path / "w.json") == wb
    assert SCRIPT in (tmp_path / "w.json").read_text(encoding="utf-8")


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


@st.composite
def workbooks(draw):
    wb = new_workbook(draw(_text), draw(_text))
    for _ in range(draw(st.integers(0, 4))):
        new_person(
            wb,
            name=draw(_text),
            title=draw(_text),
            kind=draw(st.sampled_from(["", "hiring-manager", "receptionist", "other"])),
            email=draw(_text),
            phone=draw(_text),
            talked_about=draw(_text),
        )
    for key in wb["memory"]:
        wb["memory"][key] = draw(_text)
    for key in ("what", "when", "who", "how"):
        wb["next_steps"][key] = draw(_text)
    wb["letters"]["fit"] = draw(_text)
    wb["letters"]["per_person"] = {
        p["id"]: {"evidence": draw(_text), "text": draw(_text)} for p in wb["people"]
    }
    wb["interview"]["date"] = draw(
        st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)).map(lambda d: d.isoformat())
        | st.just("")
    )
    return wb


@settings(
    max_examples=60,
    deadline=None,
    database=None,  # no .hypothesis folder inside the book root
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(wb=workbooks())
def test_any_contents_round_trip(tmp_path, wb):
    """Whatever a learner types, in any field, comes back exactly."""
    save_workbook(tmp_path / "h.json", wb)
    assert read_workbook(tmp_path / "h.json") == wb


def test_lone_surrogates_are_replaced_not_fatal(tmp_path):
    """Text UTF-8 cannot hold (a lone surrogate) is saved as U+FFFD instead of failing."""
    wb = new_workbook("A\ud800B \ud83d\ude00")
    save_workbook(tmp_path / "w.json", wb)
    assert read_workbook(tmp_path / "w.json")["interview"]["company"] == "A\ufffdB \U0001f600"


def test_an_interrupted_save_keeps_the_previous_file(tmp_path, monkeypatch):
    """A crash before the rename leaves the old workbook whole and no temporary file."""
    path = tmp_path / "w.json"
    save_workbook(path, new_workbook("First"))
    before = path.read_bytes()

    def crash(*_args):
        raise OSError("power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(safe_files.StorageError, match="Could not write"):
        save_workbook(path, new_workbook("Second"))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["w.json"]


def test_an_invalid_workbook_is_never_written(tmp_path):
    wb = new_workbook()
    wb["people"] = "oops"
    with pytest.raises(ValueError, match="not valid"):
        save_workbook(tmp_path / "w.json", wb)
    assert not (tmp_path / "w.json").exists()


def _newer() -> bytes:
    wb = new_workbook()
    wb["schema_version"] = SCHEMA_VERSION + 1
    return json.dumps(wb).encode()


def _wrong_types() -> bytes:
    wb = new_workbook()
    wb["people"] = [{"id": "p1", "name": ["not", "text"]}]
    return json.dumps(wb).encode()


HOSTILE = [
    ("truncated", json.dumps(new_workbook())[:60].encode(), "stops before the end"),
    ("empty", b"", "it is empty"),
    ("binary junk", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 50, "not a text file"),
    ("not JSON", b"company: Fernhill\nrole: lead\n", "not valid JSON"),
    ("a list", b"[1, 2, 3]", "not a closing-kit workbook"),
    ("the checklist", b'{"schema_version": 1, "done": []}', "not a closing-kit workbook"),
    ("newer", _newer(), "newer closing-kit"),
    ("wrong types", _wrong_types(), "does not match the workbook format: people[0]"),
    ("version as text", b'{"format": "closing-kit workbook", "schema_version": "2"}', "no valid"),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, "nested far too deeply"),
]


@pytest.mark.parametrize(
    ("content", "problem"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
def test_a_hostile_file_is_explained_kept_and_copied(tmp_path, content, problem):
    """One line naming the file and the problem; the original untouched; a timestamped copy."""
    path = tmp_path / "interview.json"
    path.write_bytes(content)
    with pytest.raises(WorkbookError) as err:
        load_workbook(path)
    message = str(err.value)
    assert problem in message and "interview.json" in message and "\n" not in message
    assert path.read_bytes() == content
    backups = list(tmp_path.glob("interview.unreadable-*.json"))
    assert len(backups) == 1 and backups[0].read_bytes() == content
    assert backups[0].name in message


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    """A 50 MB file is refused by its size; nothing reads it into memory."""
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.write(b'{"format": "closing-kit workbook", "x": "')
        handle.truncate(50 * 1024 * 1024)
    read = []
    monkeypatch.setattr(type(path), "read_bytes", lambda self: read.append(self) or b"")
    with pytest.raises(WorkbookError, match="larger than 5 MB"):
        load_workbook(path)
    assert read == []
    assert path.stat().st_size == 50 * 1024 * 1024


def test_checking_a_file_makes_no_copy(tmp_path):
    """read_workbook only reads: no backup file appears."""
    path = tmp_path / "w.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(WorkbookError):
        read_workbook(path)
    assert list(tmp_path.iterdir()) == [path]


def test_a_folder_is_not_a_workbook(tmp_path):
    (tmp_path / "dir.json").mkdir()
    with pytest.raises(WorkbookError, match="folder"):
        load_workbook(tmp_path / "dir.json")


def test_a_missing_file_gives_a_new_unsaved_workbook(tmp_path):
    wb = load_workbook(tmp_path / "new.json")
    assert wb["people"] == [] and not (tmp_path / "new.json").exists()


def test_saving_one_section_keeps_the_others(tmp_path):
    """Two notebooks on one interview: each saves its own section, neither undoes the other."""
    path = tmp_path / "w.json"
    save_workbook(path, new_workbook())
    contacts_view, memory_view = read_workbook(path), read_workbook(path)
    new_person(contacts_view, name="Tom Reyes")
    save_sections(path, contacts_view, ["people"])
    memory_view["memory"]["details"] = "Tom: the new ticket system"
    save_sections(path, memory_view, ["memory"])
    saved = read_workbook(path)
    assert saved["people"][0]["name"] == "Tom Reyes"
    assert saved["memory"]["details"] == "Tom: the new ticket system"


def test_saving_a_section_never_overwrites_an_unreadable_file(tmp_path):
    path = tmp_path / "w.json"
    path.write_text("{broken", encoding="utf-8")
    with pytest.raises(WorkbookError):
        save_sections(path, new_workbook(), ["memory"])
    assert path.read_text(encoding="utf-8") == "{broken"


def test_free_name_never_picks_an_existing_file(tmp_path):
    path = tmp_path / "w.json"
    path.write_text("x")
    first = free_name(path)
    first.write_text("x")
    assert free_name(path) not in (path, first)


def test_size_limit_is_the_storage_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_files, "MAX_BYTES", 100)
    path = tmp_path / "w.json"
    save_workbook(path, example_workbook())
    with pytest.raises(WorkbookError, match="larger than"):
        read_workbook(path)
