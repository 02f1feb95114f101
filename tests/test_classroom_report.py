"""The class report: charts with text alternatives, anonymising, escaping, bad files left alone."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import escape

from closing_kit.classroom.report import build_report, safe_cell, write_csv
from closing_kit.classroom.sample import sample_workbook
from closing_kit.workbook.store import save_workbook

pytest.importorskip("jinja2")


def _learner(folder: Path, file: str, seed: int, name: str, close: str | None = None) -> dict:
    workbook = sample_workbook(seed, name=name)
    versions = workbook["practice"]["closing"]["versions"]
    if close is not None:
        versions.append({"text": close, "score": 40, "level": "weak", "failed": ["evidence"]})
    save_workbook(folder / file, workbook)
    return workbook


@pytest.fixture
def klass(tmp_path) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    _learner(
        folder, "a-first.json", 3, "Alice Smith", "Thank you. I am Alice Smith, and ALICE is keen."
    )
    _learner(folder, "b-second.json", 5, "Bob Jones", "Bob Jones here: do you see me succeeding?")
    _learner(folder, "carol-diaz.json", 8, "", "Thanks. Do you see me in this role?")
    return folder


def _bad_files(folder: Path) -> dict[str, str]:
    """Write one bad file of each kind; return file name -> the reason the report must give."""
    good = json.dumps(sample_workbook(1, name="Dana"), indent=2)  # as the exercises save it
    newer = json.loads(good)
    newer["schema_version"] = 99
    (folder / "not-json.json").write_text("{this is not json", encoding="utf-8")
    cut = good[: good.rfind("\n", 0, len(good) // 2)]  # a save cut off after a line
    (folder / "truncated.json").write_text(cut, encoding="utf-8")
    (folder / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    with open(folder / "huge.json", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB (sparse): never read
    (folder / "other.json").write_text('{"name": "a shopping list"}', encoding="utf-8")
    (folder / "folder.json").mkdir()
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00\x81garbage\x00")
    return {
        "not-json.json": "not valid JSON",
        "truncated.json": "stops before the end",
        "newer.json": "newer closing-kit",
        "huge.json": "larger than 5 MB",
        "other.json": "not a closing-kit workbook",
        "folder.json": "an empty folder",
        "binary.json": "not a text file",
    }


def _state(path: Path) -> tuple:
    stat = path.stat()
    if path.is_dir():
        return ("dir", stat.st_mtime_ns, sorted(os.listdir(path)))
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return (stat.st_size, stat.st_mtime_ns, digest.hexdigest())


def test_each_learner_gets_a_chart_with_a_text_alternative(klass):
    """Every learner with scored practice has an inline SVG chart, labelled and captioned."""
    report = build_report(klass)
    svgs = re.findall(r"<svg [^>]*>", report.html)
    practised = [learner for learner in report.data.learners if learner.series()]
    assert len(svgs) == len(practised) == 3
    for tag in svgs:
        assert 'role="img"' in tag
        label = re.search(r'aria-label="([^"]+)"', tag).group(1)
        assert label.startswith("Scores across attempts.")
        assert "out of 100" in label
    assert report.html.count("<figcaption>") == 3
    # Each chart's ids are its own, so clip paths never point into another chart.
    ids = re.findall(r'\bid="([^"]+)"', report.html)
    assert len(ids) == len(set(ids))


def test_the_report_names_checks_by_label_with_comments_from_the_bank(klass):
    """Missed checks appear by their labels (never ids), each with the bank's comments."""
    report = build_report(klass)
    learner = report.data.learners[0]
    assert learner.misses
    from closing_kit.classroom.comments import comments_for

    for miss in learner.misses:
        assert miss.label in report.html
        assert str(escape(comments_for(miss.kind, miss.check_id)[0])) in report.html
    assert "closing_question" not in report.html and "check_back" not in report.html
    assert "Cards practiced least" in report.html


def test_anonymise_leaves_no_real_name_in_the_page_or_the_table(klass, tmp_path):
    """Names, their parts and file names are gone; Learner 1, 2, 3 follow the file names."""
    _bad_files(klass)
    report = build_report(klass, anonymise=True)
    table = tmp_path / "table.csv"
    write_csv(report, table)
    text = table.read_text(encoding="utf-8-sig")
    for secret in ("Alice", "ALICE", "Smith", "Bob", "Jones", "carol", "diaz", "a-first",
                   "b-second", "not-json"):  # fmt: skip
        assert secret.lower() not in report.html.lower(), secret
        assert secret.lower() not in text.lower(), secret
    rows = list(csv.reader(text.splitlines()))
    assert [r[0] for r in rows[1:]] == ["Learner 1", "Learner 2", "Learner 3"]
    assert "file" not in rows[0]
    headings = re.findall(r'<h3 id="learner-\d+">([^<]+)</h3>', report.html)
    assert headings == ["Learner 1", "Learner 2", "Learner 3"]
    # The same folder gives the same names, run after run.
    assert build_report(klass, anonymise=True).html == report.html


def test_without_anonymise_names_come_from_the_workbook_or_the_file(klass):
    """letters.your_name names a learner; without one, the file's name does."""
    report = build_report(klass)
    assert [learner.name for learner in report.data.learners] == [
        "Alice Smith", "Bob Jones", "carol-diaz",
    ]  # fmt: skip


def test_a_script_in_a_name_or_an_answer_is_shown_as_text(tmp_path, klass):
    """Learners' text is escaped: no tag of theirs reaches the page."""
    _learner(klass, "d-evil.json", 9, "<script>alert('name')</script>",
             "<script>alert('answer')</script> Do you see me succeeding?")  # fmt: skip
    report = build_report(klass)
    assert "<script" not in report.html
    assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;" in report.html
    assert "&lt;script&gt;alert(&#39;answer&#39;)&lt;/script&gt;" in report.html


def test_a_formula_in_a_cell_is_kept_as_text(tmp_path, klass):
    """A cell starting with = + - @ gets a leading apostrophe in the CSV."""
    _learner(klass, "e-formula.json", 10, '=HYPERLINK("http://x","y")')
    report = build_report(klass)
    table = tmp_path / "t.csv"
    write_csv(report, table)
    rows = list(csv.reader(table.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[-1][0] == '\'=HYPERLINK("http://x","y")'
    assert [safe_cell(v) for v in ("+1", "-2", "@a", "ok", 5)] == ["'+1", "'-2", "'@a", "ok", "5"]


def test_bad_files_are_listed_with_their_reason_and_left_unchanged(klass):
    """Each bad file is named in the report with why; none stops it, none is changed."""
    reasons = _bad_files(klass)
    before = {name: _state(klass / name) for name in reasons}
    report = build_report(klass)
    assert len(report.data.learners) == 3
    skipped = {s.file: s.reason for s in report.data.skipped}
    assert set(skipped) == set(reasons)
    for name, reason in reasons.items():
        assert reason in skipped[name], (name, skipped[name])
        assert name in report.html
    assert {name: _state(klass / name) for name in reasons} == before
    # Nothing was added to the folder either (no backup copies).
    assert sorted(p.name for p in klass.iterdir()) == sorted(
        [*reasons, "a-first.json", "b-second.json", "carol-diaz.json"]
    )


def test_the_command_writes_the_page_and_the_table(klass, tmp_path):
    """closing-kit class-report DIR -o page --csv table exits 0 and writes both."""
    _bad_files(klass)
    page, table = tmp_path / "report.html", tmp_path / "table.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "closing_kit", "class-report", str(klass), "-o", str(page),
         "--csv", str(table), "--anonymise"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "3 learners" in proc.stderr and "7 files left out" in proc.stderr
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert table.read_text(encoding="utf-8-sig").startswith("learner,")


def test_the_command_refuses_a_missing_folder_in_one_line(tmp_path):
    """A folder that is not there: exit 2 and one line."""
    proc = subprocess.run(
        [sys.executable, "-m", "closing_kit", "class-report", str(tmp_path / "nope"), "-o",
         str(tmp_path / "r.html")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "is not a folder" in proc.stderr


ANONYMISE = Path(__file__).parent / "data" / "class-anonymise"
#: Every name and interview detail in tests/data/class-anonymise, each also in a learner's text.
SECRETS = (
    "Daniel", "Okafor", "Katherine", "Kit", "Brandt", "Sam", "Ito", "Sammy", "Priya", "Raman",
    "Quillmoor", "Quillmoor Software", "account manager", "kit.brandt@quillmoor.example",
    "daniel.okafor@mail.example", "07700 900123", "+44 20 7946 0958", "7946", "(020) 7946-0000",
    "Bob", "Jones", "Zoë", "Ångström", "Harbourline", "analyst", "zoe@harbourline.example",
    "bob@jones.example", "Carla", "Mendes", "bob-jones", "2026-03-03",
)  # fmt: skip


def _leaks(text: str) -> list[str]:
    import html as html_module

    text = html_module.unescape(text)
    return [
        secret
        for secret in SECRETS
        if re.search(rf"(?<!\w){re.escape(secret)}(?!\w)", text, re.IGNORECASE)
    ]


def test_anonymise_takes_every_name_and_detail_out_of_the_learners_texts(tmp_path):
    """The company, the role, the learner's and their contacts' names (whole, first, last,
    a nickname from a card), emails and phones go from the page and the table, written in
    the learners' own closes in any case; the rest of each close is kept."""
    klass = tmp_path / "class"
    shutil.copytree(ANONYMISE, klass)
    page, table = tmp_path / "report.html", tmp_path / "table.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "closing_kit", "class-report", str(klass), "-o", str(page),
         "--csv", str(table), "--anonymise"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    html, csv_text = page.read_text(encoding="utf-8"), table.read_text(encoding="utf-8-sig")
    assert _leaks(html) == [] and _leaks(csv_text) == []
    closes = re.findall(r"<blockquote>(.*?)</blockquote>", html, re.S)
    assert len(closes) == 2
    assert "Do you see me succeeding as an [role]?" in closes[1]
    assert "[company]" in closes[1] and "[email]" in closes[1] and "[phone]" in closes[1]
    # Without --anonymise the same texts are shown as written.
    assert set(_leaks(build_report(klass).html)) >= {"Kit", "Quillmoor", "07700 900123"}
