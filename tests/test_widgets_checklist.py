"""The checklist widget, driven headless as a learner would use it."""

from __future__ import annotations

import json

from closing_kit.widgets import ChecklistView, show_checklist


def test_ticking_updates_progress_and_saves(tmp_path):
    """Each tick shows in the progress bar and is on disk at once."""
    view = ChecklistView(store=tmp_path / "c.json")
    first, second = list(view.boxes)[:2]
    view.boxes[first].value = True
    view.boxes[second].value = True
    total = len(view.boxes)
    assert view.progress.value == 2
    assert view.progress_label.value == f"2 of {total} done"
    assert json.loads((tmp_path / "c.json").read_text())["done"] == sorted([first, second])
    assert "Saved to c.json" in view.status.value


def test_ticks_come_back_next_time(tmp_path):
    """Running the notebook again restores what was ticked."""
    view = ChecklistView(store=tmp_path / "c.json")
    item = list(view.boxes)[3]
    view.boxes[item].value = True
    again = ChecklistView(store=tmp_path / "c.json")
    assert again.done == {item}
    assert again.progress.value == 1


def test_reset_clears_and_saves(tmp_path):
    view = ChecklistView(store=tmp_path / "c.json")
    for box in view.boxes.values():
        box.value = True
    view.reset_button.click()
    assert view.done == set()
    assert json.loads((tmp_path / "c.json").read_text())["done"] == []


def test_export_shows_markdown(tmp_path):
    """'Show as Markdown' reveals the list as text, and it follows later ticks."""
    view = ChecklistView(store=None)
    assert view.export.layout.display == "none"
    view.export_button.click()
    assert view.export.layout.display is None
    item = list(view.boxes)[0]
    view.boxes[item].value = True
    assert "- [x]" in view.export.value


def test_corrupt_save_file_is_explained_and_kept(tmp_path):
    """A broken file gives a one-line message; the original survives as a backup."""
    path = tmp_path / "c.json"
    path.write_text("{ not json", encoding="utf-8")
    view = ChecklistView(store=path)
    assert "Could not read c.json" in view.status.value
    assert "starts empty" in view.status.value
    assert view.done == set()
    backups = list(tmp_path.glob("c.unreadable-*.json"))
    assert backups and backups[0].read_text() == "{ not json"


def test_save_file_of_the_wrong_shape_is_ignored(tmp_path):
    """A JSON file that is not a checklist does not crash the exercise."""
    path = tmp_path / "c.json"
    path.write_text('["a list", {"done": 5}]')
    assert ChecklistView(store=path).done == set()
    path.write_text('{"done": "thank"}')
    assert ChecklistView(store=path).done == set()


def test_every_control_has_a_visible_label():
    """No unlabeled or icon-only control: each checkbox and button says what it does."""
    view = ChecklistView(store=None)
    for box in view.boxes.values():
        assert box.description.strip()
    for button in (view.reset_button, view.export_button):
        assert button.description.strip() and not button.icon
    assert view.progress.description == "Progress"


def test_show_checklist_saves_in_the_work_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CLOSING_KIT_HOME", str(tmp_path))
    view = show_checklist()
    assert view.store == tmp_path / "final-five-minutes-checklist.json"
    assert show_checklist(store=None).store is None
