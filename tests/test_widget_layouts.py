"""Every exercise's widget tree: no shared layout or style, no label that can be cut short.

A layout or style object shared by two widgets hides, moves or resizes both
at once: that is how the letters lost their "Your name" box. Labels cut
short ("What you talked ab...", "Recruiter or coordina") come from fixed
label widths: every labelled control sits under its label, or sizes to it.
"""

from __future__ import annotations

import re

import ipywidgets as w
import pytest

from closing_kit.widgets import (
    show_checklist,
    show_contacts,
    show_drafter,
    show_follow_up,
    show_letters,
    show_memory_dump,
    show_next_steps,
    show_noncommittal_drill,
    show_reservation_drill,
    show_roleplay,
    show_workbook_export,
)
from closing_kit.workbook import save_workbook
from closing_kit.workbook._data import load
from closing_kit.workbook.model import example_workbook

WORKBOOK_VIEWS = [
    show_contacts,
    show_next_steps,
    show_follow_up,
    show_memory_dump,
    show_letters,
    show_workbook_export,
]
PRACTICE_VIEWS = [
    show_drafter,
    show_reservation_drill,
    show_noncommittal_drill,
    show_roleplay,
    show_checklist,
]


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """A work folder holding the filled-in example, so every card and letter is drawn."""
    monkeypatch.setenv("CLOSING_KIT_HOME", str(tmp_path))
    save_workbook(tmp_path / "my-interview.json", example_workbook())
    return tmp_path


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def _tree(view) -> list[w.Widget]:
    return list(walk(getattr(view, "widget", view)))


@pytest.mark.parametrize("show", WORKBOOK_VIEWS + PRACTICE_VIEWS, ids=lambda f: f.__name__)
def test_no_two_widgets_share_a_layout_or_a_style(show):
    view = show()
    if show is show_contacts:
        view._on_add()  # a fresh card too, made after the view was built
    for trait in ("layout", "style"):
        owners: dict[int, w.Widget] = {}
        for widget in _tree(view):
            value = getattr(widget, trait, None)
            if value is None:
                continue
            other = owners.setdefault(id(value), widget)
            assert other is widget, (
                f"{type(other).__name__}({getattr(other, 'description', '')!r}) and "
                f"{type(widget).__name__}({getattr(widget, 'description', '')!r}) share a {trait}"
            )


_CHOICES = (w.Dropdown, w.Select, w.RadioButtons, w.ToggleButtons, w.SelectMultiple)


@pytest.mark.parametrize("show", WORKBOOK_VIEWS, ids=lambda f: f.__name__)
def test_no_label_can_be_cut_short(show):
    """Text boxes and choices carry their label above them; buttons size to their words.

    The file picker and the interview's details belong to the base view (its own tests).
    """
    view = show()
    base = {id(x) for x in [view.file_box, view.open_button, *walk(view.interview_box)]}
    for widget in _tree(view):
        if id(widget) in base:
            continue
        if isinstance(widget, w.Button):
            assert widget.layout.width == "auto", widget.description
        elif isinstance(widget, (w.Text, w.Textarea, *_CHOICES)) and widget.description:
            assert "ck-stacked" in widget._dom_classes, widget.description
            assert widget.style.description_width == "initial", widget.description
        elif isinstance(widget, w.DatePicker):
            assert widget.style.description_width == "initial", widget.description


def _internal_ids() -> set[str]:
    """Ids from the data files that are not plain words ("hiring-manager", "went_well")."""
    people = load("people.json")
    ids = {k["id"] for k in people["kinds"]} | {g["id"] for g in people["groups"]}
    ids |= {f["id"] for f in people["formats"]}
    ids |= {a["id"] for a in load("followup.json")["permission"]}
    steps = load("next_steps.json")
    ids |= {q["id"] for q in steps["questions"]} | {a["id"] for a in steps["answers"]}
    ids |= {p["id"] for p in load("memory.json")["prompts"]}
    return {i for i in ids if re.search(r"[-_]", i)}


def _visible_text(widget) -> str:
    parts = []
    for name in ("description", "placeholder", "tooltip"):
        parts.append(str(getattr(widget, name, "") or ""))
    if isinstance(widget, (w.HTML, w.Label, w.HTMLMath)):
        parts.append(re.sub(r"<[^>]+>", " ", widget.value))
    if isinstance(widget, _CHOICES):
        parts.extend(str(label) for label, _value in _labelled_options(widget))
    if isinstance(widget, w.Accordion):
        parts.extend(widget.titles)
    return " ".join(parts)


def _labelled_options(widget):
    return [(o, o) if isinstance(o, str) else o for o in widget._options_full]


@pytest.mark.parametrize("show", WORKBOOK_VIEWS, ids=lambda f: f.__name__)
def test_no_internal_id_reaches_the_learner(show):
    """Kinds, formats and answers show by their labels, never "hiring-manager" or "in-person"."""
    view = show()
    text = " ".join(_visible_text(widget) for widget in _tree(view))
    assert "Hiring manager" in text or show is not show_contacts
    for internal in _internal_ids():
        assert not re.search(rf"(?<![\w-]){re.escape(internal)}(?![\w-])", text), internal
