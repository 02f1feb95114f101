"""Exports and reports are written atomically and never over a workbook or an input.

The issue's reproduction: ``closing-kit workbook new alice.json && closing-kit
class-report . -o alice.json`` used to leave alice.json as HTML.
"""

import subprocess
import sys

import pytest

from closing_kit.workbook.model import example_workbook
from closing_kit.workbook.store import read_workbook, save_workbook


def closing_kit(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "closing_kit", *map(str, args)],
        capture_output=True, text=True, timeout=120, cwd=cwd, check=False,
    )  # fmt: skip


@pytest.fixture
def alice(tmp_path):
    path = tmp_path / "alice.json"
    save_workbook(path, example_workbook())
    return path


def _refused(proc, words):
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and words in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_class_report_will_not_write_over_a_workbook_in_its_folder(tmp_path, alice):
    before = alice.read_bytes()
    _refused(closing_kit("class-report", ".", "-o", "alice.json", cwd=tmp_path), "alice.json")
    _refused(
        closing_kit("class-report", ".", "-o", "r.html", "--csv", "alice.json", cwd=tmp_path),
        "alice.json",
    )
    assert alice.read_bytes() == before and not (tmp_path / "r.html").exists()


def test_class_report_will_not_write_over_a_workbook_elsewhere(tmp_path, alice):
    klass = tmp_path / "class"
    klass.mkdir()
    save_workbook(klass / "bob.json", example_workbook())
    before = alice.read_bytes()
    _refused(closing_kit("class-report", klass, "-o", alice, cwd=tmp_path), "workbook")
    assert alice.read_bytes() == before


def test_export_to_a_hard_link_of_the_workbook_is_refused(tmp_path, alice):
    link = tmp_path / "notes.md"
    link.hardlink_to(alice)
    _refused(closing_kit("export", alice, "-o", link, cwd=tmp_path), "notes.md")
    assert read_workbook(alice)  # still a whole workbook


def test_export_and_remind_will_not_replace_another_learners_workbook(tmp_path, alice):
    bob = tmp_path / "bob.json"
    save_workbook(bob, example_workbook())
    before = bob.read_bytes()
    _refused(closing_kit("export", alice, "-o", bob, cwd=tmp_path), "bob.json")
    _refused(closing_kit("remind", alice, "-o", bob, cwd=tmp_path), "bob.json")
    assert bob.read_bytes() == before


def test_an_export_replaces_an_earlier_one_whole_and_leaves_no_temporary(tmp_path, alice):
    out = tmp_path / "alice.html"
    out.write_text("an earlier export", encoding="utf-8")
    out.chmod(0o640)
    proc = closing_kit("export", alice, "--format", "html", "-o", out, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert oct(out.stat().st_mode & 0o777) == oct(0o640)
    assert not list(tmp_path.glob(".*.tmp"))


def test_letters_never_write_over_a_workbook(tmp_path, alice):
    """A letters folder that holds the workbook under a letter's name (a hard link)
    keeps the workbook: one line, exit 2, and the workbook byte for byte as it was."""
    from closing_kit.workbook.letter_files import write_letters

    folder = tmp_path / "letters"
    first = write_letters(read_workbook(alice), folder)[0]
    first.unlink()
    first.hardlink_to(alice)
    before = alice.read_bytes()
    _refused(closing_kit("letters", alice, "-o", folder, cwd=tmp_path), "workbook")
    assert alice.read_bytes() == before


def test_batch_scoring_writes_over_neither_a_workbook_nor_its_answers(tmp_path, alice):
    answers = tmp_path / "answers.csv"
    answers.write_text("Name,Your close\nAnn,Thank you for today.\n", encoding="utf-8")
    (tmp_path / "same.csv").hardlink_to(answers)
    before = alice.read_bytes(), answers.read_bytes()
    batch = ("feedback", "closing", "--batch", answers, "--column", "Your close", "-o")
    _refused(closing_kit(*batch, alice, cwd=tmp_path), "alice.json")
    _refused(closing_kit(*batch, tmp_path / "same.csv", cwd=tmp_path), "same.csv")
    assert (alice.read_bytes(), answers.read_bytes()) == before
