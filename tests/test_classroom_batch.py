"""Scoring a class's CSV: bad rows reported by line and skipped, the rest scored."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from closing_kit.banks import closing_examples, reservation_cards

STRONG = closing_examples()["strong"][0]["text"]
WEAK = closing_examples()["weak"][0]["text"]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "closing_kit", "feedback", *args],
        capture_output=True, text=True, timeout=60, cwd=cwd,
    )  # fmt: skip


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _write(path: Path, rows: list[list[str]], bom: bool = True) -> None:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8"))


def test_bad_rows_are_reported_by_line_and_the_rest_are_scored(tmp_path):
    """Empty, symbol-only, huge, undecodable and short rows: each named with its line."""
    source = tmp_path / "answers.csv"
    _write(source, [["Name", "Your close"], ["Ana", STRONG], ["Ben", ""], ["Cy", "🙂🙂"],
                    ["Di", "word " * 3500], ["Ed"], ["Fay", WEAK]])  # fmt: skip
    with open(source, "ab") as handle:  # line 8: not UTF-8; line 9: far too long; then a good row
        handle.write(b"Gus,\xff\xfe bad bytes\r\n")
        handle.write(b"Hal," + b"x" * 400_000 + b"\r\n")
        handle.write(f'Ivy,"{STRONG}"\r\n'.encode())
    proc = _run("closing", "--batch", "answers.csv", "--column", "Your close", "-o", "out.csv",
                cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    errors = proc.stderr
    assert "line 3: the answer is empty" in errors
    assert "line 4: the answer has no words" in errors
    assert "line 5: the answer is about 3,500 words" in errors
    assert "line 6: the row has no 'Your close' cell" in errors
    assert "line 8: the row is not UTF-8 text" in errors
    assert "line 9: the row is far too long" in errors
    assert "scored 3 rows" in errors
    rows = _rows(tmp_path / "out.csv")
    assert rows[0] == ["Name", "Your close", "score", "level", "failed"]
    scored = {r[0]: r for r in rows[1:]}
    assert scored["Ana"][2:4] == ["100", "strong"] and scored["Ana"][4] == ""
    assert scored["Ivy"][2] == "100"
    assert int(scored["Fay"][2]) < 100 and scored["Fay"][4]
    assert "closing_question" not in scored["Fay"][4]  # labels, never ids
    assert scored["Ben"][2:] == ["", "", ""]  # kept, unscored
    assert "Gus" not in scored and "Hal" not in scored  # could not be read back faithfully


def test_objection_takes_each_concern_from_a_column(tmp_path):
    """--concern-column: each row is judged against its own concern; odd unicode is fine."""
    card = reservation_cards()[0]
    source = tmp_path / "a.csv"
    _write(source, [["concern", "answer"], [card["concern"], card["model_response"]],
                    [card["concern"], "\u200bＴｈａｔ’s fair… I’ve done it; does that help?"],
                    ["", card["model_response"]]], bom=False)  # fmt: skip
    proc = _run("objection", "--batch", "a.csv", "--column", "answer",
                "--concern-column", "concern", "-o", "o.csv", cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "line 4: the 'concern' cell is empty" in proc.stderr
    rows = _rows(tmp_path / "o.csv")
    assert rows[1][-2] == "strong"
    assert rows[2][-3].isdigit()


def test_a_formula_in_an_answer_is_kept_as_text(tmp_path):
    """Cells starting with = + - @ get a leading apostrophe in the scored file."""
    _write(tmp_path / "a.csv", [["answer"], ["=1+2 Thank you. Do you see me in this role?"]])
    proc = _run("closing", "--batch", "a.csv", "--column", "answer", "-o", "o.csv", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert _rows(tmp_path / "o.csv")[1][0].startswith("'=1+2")


def test_semicolons_and_a_loose_column_name_are_understood(tmp_path):
    """A spreadsheet's ;-separated export, and ' your close ' matching 'Your close'."""
    (tmp_path / "a.csv").write_text(f"Name;Your close \nAna;{STRONG}\n", encoding="utf-8")
    proc = _run("closing", "--batch", "a.csv", "--column", "your close", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1].endswith("100,strong,")


def test_unusable_files_and_columns_exit_2_with_one_line(tmp_path):
    """Missing file, missing column, UTF-16, empty file, no scorable row: exit 2, one line."""
    _write(tmp_path / "a.csv", [["Name", "Answer"], ["Ana", ""]])
    (tmp_path / "u16.csv").write_bytes("answer\nhi\n".encode("utf-16"))
    (tmp_path / "empty.csv").write_bytes(b"")
    cases = {
        ("closing", "--batch", "nope.csv", "--column", "Answer"): "cannot read nope.csv",
        ("closing", "--batch", "a.csv", "--column", "Close"): "no answer column 'Close'",
        ("closing", "--batch", "u16.csv", "--column", "answer"): "UTF-16",
        ("closing", "--batch", "empty.csv", "--column", "answer"): "is empty",
        ("closing", "--batch", "a.csv", "--column", "Answer"): "no row could be scored",
        ("closing", "--batch", "a.csv"): "--column NAME",
        ("objection", "--batch", "a.csv", "--column", "Answer"): "--concern",
    }
    for args, expected in cases.items():
        proc = _run(*args, "-o", "out.csv", cwd=tmp_path)
        assert proc.returncode == 2, (args, proc.stderr)
        last = proc.stderr.strip().splitlines()[-1]
        assert expected in last, (args, proc.stderr)
    assert not (tmp_path / "out.csv").exists()  # nothing half-written


def test_one_answer_from_standard_input_still_works(tmp_path):
    """Without --batch, feedback reads one answer from standard input as before."""
    proc = subprocess.run(
        [sys.executable, "-m", "closing_kit", "feedback", "closing", "--json"],
        input=STRONG, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0 and '"score": 100' in proc.stdout
