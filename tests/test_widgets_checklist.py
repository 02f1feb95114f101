"""The checklist view, driven headless as a learner would use it."""

from __future__ import annotations

from closing_kit.widgets import ChecklistView, show_checklist
from closing_kit.workbook import read_workbook


def _done(path):
    return read_workbook(path)["practice"]["checklist"]["done"]


def test_ticking_updates_progress_and_saves(tmp_path):
    """Each tick shows in the progress bar and is on disk at once."""
    view = ChecklistView(store=tmp_path / "w.json")
    first, second = list(view.boxes)[:2]
    view.boxes[first].value = True
    view.boxes[second].value = True
    total = len(view.boxes)
    assert view.result["progress"] == [2, total]
    assert view.progress_label.value == f"2 of {total} done"
    assert _done(tmp_path / "w.json") == sorted([first, second])
    assert "Saved to w.json" in view.status.value


def test_ticks_come_back_next_time(tmp_path):
    view = ChecklistView(store=tmp_path / "w.json")
    item = list(view.boxes)[3]
    view.boxes[item].value = True
    again = ChecklistView(store=tmp_path / "w.json")
    assert again.done == {item} and again.progress.value == 1


def test_untick_everything_asks_first(tmp_path):
    """One stray click never wipes the ticks: the learner confirms, or keeps them."""
    view = ChecklistView(store=tmp_path / "w.json")
    for box in list(view.boxes.values())[:4]:
        box.value = True
    view.reset_button.click()
    assert len(view.done) == 4 and view.confirm.layout.display is None
    assert "Untick all 4" in view.confirm_text.value
    view.confirm_no.click()
    assert len(view.done) == 4 and view.confirm.layout.display == "none"
    view.reset_button.click()
    view.confirm_yes.click()
    assert view.done == set() and _done(tmp_path / "w.json") == []


def test_export_shows_markdown_that_follows_the_ticks(tmp_path):
    view = ChecklistView(store=tmp_path / "w.json")
    assert view.export.layout.display == "none"
    view.export_button.click()
    assert view.export.layout.display is None
    view.boxes[list(view.boxes)[0]].value = True
    assert "- [x]" in view.export.value


def test_ticks_from_an_older_checklist_are_kept(tmp_path):
    view = ChecklistView(store=tmp_path / "w.json")
    view.workbook["practice"]["checklist"]["done"] = ["gone-item"]
    view.boxes[list(view.boxes)[0]].value = True
    assert "gone-item" in _done(tmp_path / "w.json")


def test_every_control_has_a_visible_label(tmp_path):
    view = ChecklistView(store=tmp_path / "w.json")
    for box in view.boxes.values():
        assert box.description.strip()
    for button in (view.reset_button, view.export_button, view.confirm_yes, view.confirm_no):
        assert button.description.strip() and not button.icon
    assert view.progress.description == "Progress"


def test_show_checklist_saves_in_the_interview_workbook(tmp_path, monkeypatch):
    monkeypatch.setenv("CLOSING_KIT_HOME", str(tmp_path))
    view = show_checklist()
    assert view.path == tmp_path / "my-interview.json"
