"""The workbook commands: new, check, letters, remind, export; 0 when done, 2 with one line."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import icalendar
import pytest

from closing_kit.workbook import save_workbook
from closing_kit.workbook.cli import add_commands
from closing_kit.workbook.model import example_workbook


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="closing-kit")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args([str(a) for a in argv])
    return args.func(args)


@pytest.fixture
def example(tmp_path):
    path = tmp_path / "quillmoor.json"
    save_workbook(path, example_workbook())
    return path


def test_new_creates_a_valid_workbook_and_never_overwrites(tmp_path, capsys):
    path = tmp_path / "acme.json"
    assert run("workbook", "new", path, "--company", "Acme", "--date", "2026-03-06") == 0
    assert json.loads(path.read_text())["interview"]["company"] == "Acme"
    before = path.read_bytes()
    assert run("workbook", "new", path) == 2
    assert path.read_bytes() == before
    assert "already exists" in capsys.readouterr().err


def test_new_refuses_a_date_that_is_not_a_date(tmp_path, capsys):
    assert run("workbook", "new", tmp_path / "x.json", "--date", "06/03/2026") == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_check_says_valid(example, capsys):
    assert run("workbook", "check", example) == 0
    assert (
        "quillmoor.json: a valid workbook (format version 4), 3 people." in capsys.readouterr().out
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"format": "closing-kit workbook"', "stops before the end"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
        (b'{"a": 1}', "not a closing-kit workbook"),
    ],
)
def test_check_explains_an_invalid_file_in_one_line(tmp_path, capsys, content, problem):
    """Exit 2, one line on stderr naming the file and the problem; the file is left alone."""
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert run("workbook", "check", path) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.json" in err and problem in err
    assert path.read_bytes() == content and list(tmp_path.iterdir()) == [path]


def test_check_of_a_missing_file(tmp_path, capsys):
    assert run("workbook", "check", tmp_path / "nope.json") == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["md", "txt", "docx"])
def test_letters_writes_a_file_per_person(example, tmp_path, capsys, fmt):
    out = tmp_path / "letters"
    assert run("letters", example, "--format", fmt, "-o", out) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        f"01-anna-brandt.{fmt}",
        f"02-sam-ito.{fmt}",
        f"03-bea-fox.{fmt}",
    ]
    assert "check: Keep your promise to Anna Brandt" in capsys.readouterr().out


def test_letters_default_folder_sits_next_to_the_workbook(example):
    assert run("letters", example) == 0
    assert (example.parent / "quillmoor-letters" / "02-sam-ito.md").exists()


def test_letters_without_people(tmp_path, capsys):
    path = tmp_path / "empty.json"
    run("workbook", "new", path)
    assert run("letters", path) == 2
    assert "no named people" in capsys.readouterr().err


def test_remind_writes_an_importable_calendar(example, tmp_path):
    out = tmp_path / "plan.ics"
    assert run("remind", example, "-o", out) == 0
    events = list(icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert [str(e.decoded("DTSTART")) for e in events] == ["2026-03-03", "2026-03-19"]


def test_remind_needs_an_interview_date(tmp_path, capsys):
    path = tmp_path / "w.json"
    run("workbook", "new", path)
    assert run("remind", path, "-o", tmp_path / "x.ics") == 2
    assert "no interview date" in capsys.readouterr().err


def test_remind_requires_an_output(example):
    with pytest.raises(SystemExit):
        run("remind", example)


def test_export_prints_markdown_or_writes_html(example, tmp_path, capsys):
    assert run("export", example) == 0
    assert capsys.readouterr().out.startswith("# Interview notes: account manager")
    out = tmp_path / "notes.html"
    assert run("export", example, "--format", "html", "-o", out) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_export_never_overwrites_the_workbook(example, capsys):
    before = example.read_bytes()
    assert run("export", example, "--format", "html", "-o", example) == 2
    assert example.read_bytes() == before
    assert "is the workbook itself" in capsys.readouterr().err


def test_export_into_a_missing_folder_is_one_line(example, tmp_path, capsys):
    assert run("export", example, "-o", tmp_path / "no" / "such" / "x.md") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "x.md" in err


def test_commands_run_in_a_fresh_interpreter(example):
    """add_commands works inside any argparse program, run as a separate process."""
    code = (
        "import argparse, sys\n"
        "from closing_kit.workbook.cli import add_commands\n"
        "p = argparse.ArgumentParser(prog='closing-kit')\n"
        "add_commands(p.add_subparsers(dest='command', required=True))\n"
        "a = p.parse_args(sys.argv[1:])\n"
        "sys.exit(a.func(a))\n"
    )
    ok = subprocess.run([sys.executable, "-c", code, "workbook", "check", str(example)],
                        capture_output=True, text=True)  # fmt: skip
    assert ok.returncode == 0 and "a valid workbook" in ok.stdout
    example.write_text("[]", encoding="utf-8")
    bad = subprocess.run([sys.executable, "-c", code, "workbook", "check", str(example)],
                         capture_output=True, text=True)  # fmt: skip
    assert bad.returncode == 2
    assert (
        bad.stderr
        == "closing-kit: Could not open quillmoor.json: it is not a closing-kit workbook.\n"
    )
