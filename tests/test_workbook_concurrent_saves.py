"""Two notebooks saving one workbook never undo each other (``store.save_sections``).

A learner with the contacts notebook and the memory dump open at once saves
two sections of one file from two kernels. The save reads, merges and writes
under a lock; a section both changed is kept twice, never dropped.
"""

import json
import multiprocessing
import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from closing_kit.safe_files import StorageError
from closing_kit.workbook import new_workbook
from closing_kit.workbook.store import merge_sections, read_workbook, save_sections, save_workbook

ROUNDS = 60


def _writer(path, section, start, rounds, done):
    """Like a notebook: read the file, change its own section, save; ``rounds`` times."""
    for k in range(rounds):
        start.wait()  # both sides save at the same moment
        mine = read_workbook(path)
        mine[section]["details" if section == "memory" else "company"] = f"{section} {k}"
        save_sections(path, mine, [section], base=read_workbook(path))
        done.wait()


def test_two_processes_saving_different_sections_at_once_lose_nothing(tmp_path):
    path = tmp_path / "interview.json"
    save_workbook(path, new_workbook())
    ctx = multiprocessing.get_context("fork")
    start, done = ctx.Barrier(3), ctx.Barrier(3)
    sides = [
        ctx.Process(target=_writer, args=(path, name, start, ROUNDS, done))
        for name in ("memory", "interview")
    ]
    for p in sides:
        p.start()
    lost = 0
    for k in range(ROUNDS):
        start.wait()
        done.wait()
        saved = read_workbook(path)
        lost += saved["memory"]["details"] != f"memory {k}"
        lost += saved["interview"]["company"] != f"interview {k}"
    for p in sides:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert lost == 0, f"{lost} of {2 * ROUNDS} saves undone by the other side"


# A run of saves by two notebooks, each changing its own section, in any order.
_steps = st.lists(st.tuples(st.sampled_from("ab"), st.text(max_size=12)), max_size=25)


@settings(max_examples=60, deadline=None)
@given(_steps)
def test_any_interleaving_of_two_writers_keeps_each_writers_last_word(tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("w") / "interview.json"
    save_workbook(path, new_workbook())
    section = {"a": "memory", "b": "next_steps"}
    field = {"a": "details", "b": "what"}
    views = {side: read_workbook(path) for side in "ab"}
    bases = {side: json.loads(json.dumps(views[side])) for side in "ab"}
    last = {}
    for side, text in steps:
        views[side][section[side]][field[side]] = text
        saved, notes = merge_sections(path, views[side], [section[side]], bases[side])
        assert notes == []  # they never touch the same section: no conflict
        views[side], bases[side] = saved, json.loads(json.dumps(saved))
        last[side] = text
    on_disk = read_workbook(path)
    for side, text in last.items():
        assert on_disk[section[side]][field[side]] == text


def test_a_section_both_changed_is_kept_twice_and_said_in_one_line(tmp_path):
    path = tmp_path / "interview.json"
    save_workbook(path, new_workbook())
    one, two = read_workbook(path), read_workbook(path)
    base_one, base_two = read_workbook(path), read_workbook(path)
    one["memory"]["details"] = "Priya asked about the rota"
    merge_sections(path, one, ["memory"], base_one)
    two["memory"]["details"] = "Tom: the new ticket system"
    saved, notes = merge_sections(path, two, ["memory"], base_two)
    assert saved["memory"]["details"] == "Tom: the new ticket system"
    assert len(notes) == 1 and "\n" not in notes[0] and "memory" in notes[0]
    (aside,) = tmp_path.glob("interview.conflict-*.json")
    assert aside.name in notes[0]
    kept = json.loads(aside.read_text(encoding="utf-8"))["kept_from_the_other_notebook"]
    assert kept["memory"]["details"] == "Priya asked about the rota"


def test_a_save_through_a_symlink_updates_its_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real" / "interview.json"
    real.parent.mkdir()
    save_workbook(real, new_workbook())
    link = tmp_path / "interview.json"
    link.symlink_to(real)
    wb = read_workbook(link)
    wb["memory"]["details"] = "through the link"
    save_sections(link, wb, ["memory"])
    assert link.is_symlink()
    assert read_workbook(real)["memory"]["details"] == "through the link"


def test_a_save_keeps_the_files_mode(tmp_path):
    path = tmp_path / "interview.json"
    save_workbook(path, new_workbook())
    path.chmod(0o640)
    save_sections(path, read_workbook(path), ["memory"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_read_only_workbook_is_refused_in_one_line_and_left_as_it_was(tmp_path):
    path = tmp_path / "interview.json"
    save_workbook(path, new_workbook())
    path.chmod(0o444)
    before = path.read_bytes()
    wb = read_workbook(path)
    wb["memory"]["details"] = "new text"
    with pytest.raises(StorageError) as err:
        save_sections(path, wb, ["memory"])
    assert "read-only" in str(err.value) and "\n" not in str(err.value)
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_new_workbook_gets_the_usual_mode_not_a_private_temporary_one(tmp_path):
    path = tmp_path / "interview.json"
    mask = os.umask(0o022)
    try:
        save_workbook(path, new_workbook())
    finally:
        os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
