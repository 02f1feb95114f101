"""Small pieces the workbook views share: a note under the box it is about, stacked choices.

A message about what was typed in one box (empty, emoji only, a mistyped
date, an email that does not look right) appears in a small line right
under that box, where the learner is looking; the exercise's status line
only says whether the work was saved.

Every widget made here gets its own layout and style: a shared one would
hide, move or resize every widget that uses it at once.
"""

from __future__ import annotations

import ipywidgets as w

from closing_kit.widgets.base import escape
from closing_kit.workbook.fields import field_problem

__all__ = ["NotesBesideBoxes", "stacked"]


def stacked(control: w.Widget, max_width: str = "32em") -> w.Widget:
    """Put ``control``'s label above it, wrapping, and let it fill the width (up to a limit).

    For dropdowns and lists: their label would otherwise be cut at a fixed
    width ("Recruiter or coordina", "May you get in touc...").
    """
    control.style.description_width = "initial"
    control.layout.width = "100%"
    control.layout.max_width = max_width
    control.layout.height = "auto"
    control.add_class("ck-stacked")
    return control


class NotesBesideBoxes:
    """Mixin for an ``ExerciseView``: notes shown under their own box."""

    def beside(self, box: w.Widget) -> w.VBox:
        """``box`` with an (empty) note line under it; use the result in the layout."""
        note = w.HTML(layout=w.Layout(margin="0 0 0.4em 0"))
        self._notes()[id(box)] = note
        return w.VBox([box, note], layout=w.Layout(width="100%"))

    def note_for(self, box: w.Widget) -> w.HTML:
        return self._notes()[id(box)]

    def note(self, box: w.Widget, message: str | None, error: bool = True) -> None:
        """Show ``message`` under ``box`` (red for a problem); ``None`` clears it."""
        colour = "#b00020" if error else "inherit"
        self.note_for(box).value = (
            f'<div role="status" style="color:{colour};font-size:0.9em;line-height:1.3">'
            f"{escape(message)}</div>"
            if message
            else ""
        )

    def bind_noted(self, box, section: str, key: str, required: bool = False) -> None:
        """Save ``box`` into ``workbook[section][key]`` as typed; its note goes under it."""

        def changed(change):
            if self._quiet:
                return
            self.workbook[section][key] = change["new"]
            self.note(box, field_problem(change["new"], box.description, required))
            self.save(section)

        box.observe(changed, names="value")

    def _notes(self) -> dict[int, w.HTML]:
        if not hasattr(self, "_note_lines"):
            self._note_lines: dict[int, w.HTML] = {}
        return self._note_lines
