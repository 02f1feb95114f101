"""Hostile files and text, given to every command and to the website's Load.

The files are in ``tests/data/hostile/`` (its README says what each one is).
Each is refused with one line: exit 2, no traceback, no hang, the input left
as it was, and no stray file beside it. Text that is valid but hostile (control
characters, bidi overrides, formula cells) is cleaned where it leaves: on the
terminal, in the text exports, in spreadsheet cells.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from closing_kit import web
from closing_kit.workbook.fields import spreadsheet_cell
from closing_kit.workbook.model import new_person, new_workbook
from closing_kit.workbook.store import save_workbook

HOSTILE = sorted((Path(__file__).parent / "data" / "hostile").glob("*.json"))
#: Every command that opens one workbook, with where it would write.
COMMANDS = {
    "check": ["workbook", "check", "{file}"],
    "export": ["export", "{file}", "-o", "{dir}/out.html"],
    "remind": ["remind", "{file}", "-o", "{dir}/out.ics"],
    "letters": ["letters", "{file}", "-o", "{dir}/letters"],
}


def _run(args, cwd, stdin=b""):
    return subprocess.run(
        [sys.executable, "-m", "closing_kit", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=60,  # a hang fails the test instead of the suite
    )


def test_every_hostile_case_is_there():
    assert len(HOSTILE) >= 10
    readme = (HOSTILE[0].parent / "README.md").read_text(encoding="utf-8")
    for path in HOSTILE:
        assert f"`{path.name}`" in readme, path.name


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda p: p.stem)
def test_a_hostile_workbook_gets_one_line_and_nothing_changes(tmp_path, hostile, command):
    given = tmp_path / hostile.name
    shutil.copyfile(hostile, given)
    before = given.read_bytes()
    args = [a.format(file=given.name, dir=tmp_path) for a in COMMANDS[command]]
    done = _run(args, tmp_path)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith(f"closing-kit: Could not open {given.name}: ")
    assert given.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [given.name], "no stray file"


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda p: p.stem)
def test_the_websites_load_refuses_a_hostile_file_in_one_line(hostile):
    session = web.Session()
    before = session.saved()
    reply = session.load(hostile.read_text(encoding="utf-8"))
    assert reply["ok"] is False
    assert reply["message"].startswith("Could not load that file: ")
    assert "\n" not in reply["message"] and len(reply["message"]) < 300
    assert session.saved() == before, "the reader's work stays as it was"


def test_a_file_saved_with_a_byte_order_mark_opens(tmp_path):
    wb = new_workbook("Harlow", "lead", "2026-03-03")
    text = json.dumps(wb)
    (tmp_path / "bom.json").write_text(text, encoding="utf-8-sig")
    done = _run(["workbook", "check", "bom.json"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert web.Session().load("\ufeff" + text)["ok"] is True


def _hostile_text_workbook(path: Path) -> None:
    wb = new_workbook("Harlow", "lead", "2026-03-03")
    talked = "the rota \u202etxt.exe and the \x1b]0;x\x07 vans"
    new_person(wb, name="Anna \x1b[2J\x07Kowalski\x9b", kind="interviewer", title="Ops",
               email="a@h.example", talked_about=talked)  # fmt: skip
    wb["memory"]["promises"] = "Anna Kowalski: send the \u202erota"
    wb["letters"].update(your_name="Kim", fit="I ran nights.")
    save_workbook(path, wb)


def test_control_characters_never_reach_the_terminal(tmp_path):
    _hostile_text_workbook(tmp_path / "w.json")
    done = _run(["letters", "w.json", "-o", "out", "--format", "txt"], tmp_path)
    assert done.returncode == 0, done.stderr
    shown = done.stdout + done.stderr
    assert "check: Keep your promise to Anna" in shown.decode("utf-8")
    for byte in (b"\x1b", b"\x07", "\x9b".encode(), "\u202e".encode()):
        assert byte not in shown, byte
    answer = b"Thanks \x1b[31m for today \x07. Do you see me doing well here?"
    done = _run(["feedback", "closing"], tmp_path, stdin=answer)
    assert done.returncode == 0 and b"\x1b" not in done.stdout and b"\x07" not in done.stdout


def test_bidi_overrides_are_neutralised_in_the_text_letters(tmp_path):
    _hostile_text_workbook(tmp_path / "w.json")
    for fmt in ("txt", "md"):
        done = _run(["letters", "w.json", "-o", f"out-{fmt}", "--format", fmt], tmp_path)
        assert done.returncode == 0, done.stderr
        texts = [p.read_text(encoding="utf-8") for p in (tmp_path / f"out-{fmt}").iterdir()]
        assert texts and all("\u202e" not in t and "\x1b" not in t for t in texts)
        assert any("the rota txt.exe" in t for t in texts), "the words themselves are kept"


def test_stdin_that_is_not_utf8_gets_one_line_under_a_strict_locale(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "closing_kit", "feedback", "closing"],
        input=b"Thanks \xff\xfe for today",
        capture_output=True,
        env={"LC_ALL": "C", "PYTHONUTF8": "0", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert done.returncode == 2
    err = done.stderr.decode("utf-8")
    assert err.count("\n") == 1 and "not UTF-8 text" in err, err


@pytest.mark.parametrize(
    "cell",
    ["=1+1", " =1+1", '"=1+1', "'=HYPERLINK(1)", "\u3000=1", "＝SUM(A1)", "＋1", "%x",
     "\n=1", "\t=1", "\r=1", "@SUM(1)", "-1+1", "|calc", "\u00a0+1"],
)  # fmt: skip
def test_every_leading_form_of_a_formula_is_neutralised(cell):
    assert spreadsheet_cell(cell).startswith("'")


@pytest.mark.parametrize("cell", ["Thanks", "a=b", "5 stars", "I said 'yes'", ""])
def test_ordinary_cells_are_left_alone(cell):
    assert spreadsheet_cell(cell) == cell


def test_an_unclosed_quote_in_a_batch_is_named_by_its_line(tmp_path):
    (tmp_path / "answers.csv").write_text(
        'Name,Your close\nAnn,"Thanks, do you see me in the role?\nBo,Thank you.\n'
        'Cy,"Thanks, when will you decide?"\nDi,"Thank you, I ran nights for years."\n',
        encoding="utf-8",
    )
    args = ["feedback", "closing", "--batch", "answers.csv", "--column", "Your close"]
    done = _run([*args, "-o", "scored.csv"], tmp_path)
    err = done.stderr.decode("utf-8")
    assert "line 2: a quote" in err and "Traceback" not in err, err
    scored = (tmp_path / "scored.csv").read_text(encoding="utf-8-sig")
    assert "Bo,Thank you." not in scored, "Bo's row is not scored as part of Ann's answer"


def test_a_batch_with_only_a_header_says_so(tmp_path):
    (tmp_path / "answers.csv").write_text("Name,Your close\n", encoding="utf-8")
    args = ["feedback", "closing", "--batch", "answers.csv", "--column", "Your close"]
    done = _run(args, tmp_path)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and "no answers under it" in err and "reasons above" not in err


def test_a_huge_header_gives_a_short_message(tmp_path):
    # A 20,000-character column name once came back as a 20 KB message.
    (tmp_path / "answers.csv").write_text("x" * 20_000 + ",b\nhello,there\n", encoding="utf-8")
    args = ["feedback", "closing", "--batch", "answers.csv", "--column", "answer"]
    done = _run(args, tmp_path)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2 and "no answer column" in err
    assert len(err.splitlines()) == 1 and len(err) < 300
