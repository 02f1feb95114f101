"""The practice history in the workbook, and bringing in what closing-kit 0.1 saved.

``tests/data/legacy-v2`` holds files written by closing-kit 0.1's own widgets:
a version-2 workbook and the separate practice files beside it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from closing_kit.analysis import level_for
from closing_kit.practice.history import empty_practice, latest, merge_legacy_files, retire
from closing_kit.workbook import read_workbook, save_workbook
from closing_kit.workbook.model import problems

LEGACY = Path(__file__).parent / "data" / "legacy-v2"


def _texts(value) -> set[str]:
    """Every string inside ``value``."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_texts(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_texts(v) for v in value)) if value else set()
    return set()


def test_a_version_2_workbook_is_migrated_with_its_drafts(tmp_path):
    wb = read_workbook(LEGACY / "my-interview.json")
    assert wb["schema_version"] == 4 and "drafts" not in wb and problems(wb) == []
    old = json.loads((LEGACY / "my-interview.json").read_text())
    typed = set()
    for key, draft in old["drafts"].items():
        if key == "roleplay":  # kept line by line: "Who: what was said"
            typed |= {line.partition(": ")[2] for line in draft["text"].splitlines()}
        else:
            typed.add(draft["text"])
    assert typed <= _texts(wb["practice"])


def test_every_word_of_the_old_files_reaches_the_workbook(tmp_path):
    """Drafts, versions, attempts, runs and ticks: nothing typed is lost."""
    for f in LEGACY.iterdir():
        shutil.copy(f, tmp_path)
    wb = read_workbook(tmp_path / "my-interview.json")
    merged, trouble = merge_legacy_files(tmp_path, wb["practice"], level_for)
    assert trouble == [] and len(merged) == 5
    save_workbook(tmp_path / "my-interview.json", wb)
    retire(tmp_path, merged)
    saved = read_workbook(tmp_path / "my-interview.json")
    for name in merged:
        old = json.loads((LEGACY / name).read_text())
        typed = {t for t in _texts(old) if len(t) > 20}  # answers, drafts, lines
        assert typed <= _texts(saved["practice"]), name
        assert (tmp_path / name.replace(".json", ".imported.json")).exists()
        assert not (tmp_path / name).exists()
    closing = saved["practice"]["closing"]
    assert len(closing["versions"]) == 2, "the v2 copy of the latest version is not doubled"
    assert len(saved["practice"]["roleplay"]["runs"]) == 1
    assert saved["practice"]["checklist"]["done"] == ["doubt", "fit", "rehearse"]


def test_a_second_merge_adds_nothing(tmp_path):
    practice = empty_practice()
    for f in LEGACY.iterdir():
        shutil.copy(f, tmp_path)
    merge_legacy_files(tmp_path, practice, level_for)
    once = json.dumps(practice, sort_keys=True)
    merge_legacy_files(tmp_path, practice, level_for)
    assert json.dumps(practice, sort_keys=True) == once


def test_an_unreadable_old_file_is_named_and_left_alone(tmp_path):
    (tmp_path / "closing-drafts.json").write_text("{half")
    (tmp_path / "roleplay.json").write_bytes(b"\xff\xfe")
    merged, trouble = merge_legacy_files(tmp_path, empty_practice(), level_for)
    assert merged == [] and len(trouble) == 2
    assert "closing-drafts.json" in trouble[0] and "left as it was" in trouble[0]
    assert (tmp_path / "closing-drafts.json").read_text() == "{half"


def test_latest_gives_one_result_per_exercise_and_card():
    wb = read_workbook(LEGACY / "my-interview.json")
    names = [r["exercise"] for r in latest(wb["practice"])]
    assert names[0] == "Closing question" and len(names) == len(set(names))
    assert latest(empty_practice()) == []


def test_the_export_names_a_drill_card_by_what_the_interviewer_said():
    """A card's id (``manager-on-leave``) never reaches the learner's export."""
    wb = read_workbook(LEGACY / "my-interview.json")
    names = " ".join(r["exercise"] for r in latest(wb["practice"]))
    assert "manager-on-leave" not in names and "Vague-answer drill: \u201c" in names
