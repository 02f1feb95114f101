"""The one base view every exercise shares: the open workbook, saving, the status line.

Every change is saved at once, atomically, and only the part of the workbook
the exercise owns is written ("memory", or "practice.closing"), so two
notebooks open on the same interview do not undo each other. A file that
cannot be opened is kept as it was (with a timestamped copy) and the exercise
saves to a fresh name beside it instead.

Views are a thin skin: the logic lives in ``closing_kit.practice`` and
``closing_kit.workbook``; a view lays out controls, calls that logic, and
keeps its last result as data in ``result`` so tests check values, not HTML.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

import ipywidgets as w

from closing_kit.analysis import level_for
from closing_kit.practice.history import merge_legacy_files, retire
from closing_kit.safe_files import StorageError, work_dir
from closing_kit.workbook._data import load
from closing_kit.workbook.fields import field_problem
from closing_kit.workbook.model import parse_date
from closing_kit.workbook.store import (
    DEFAULT_FILE,
    WorkbookError,
    free_name,
    load_workbook,
    merge_sections,
    read_workbook,
    save_sections,
    save_workbook,
)

__all__ = [
    "DEFAULT_FILE",
    "ExerciseView",
    "auto_width",
    "escape",
    "resolve",
    "stacked",
]

#: Long labels wrap instead of ending in "…", at any width; a label sits above
#: its box (see ``ExerciseView.text``). One style block per exercise view.
LABEL_CSS = """<style>
.ck-exercise .widget-label, .ck-exercise .widget-label-basic label,
.ck-exercise .widget-checkbox label, .ck-exercise .widget-radio-box label {
  white-space: normal; overflow: visible; text-overflow: clip; height: auto;
  line-height: 1.3; max-width: 100%;
}
.ck-exercise .widget-checkbox { height: auto; align-items: flex-start; }
.ck-exercise .ck-stacked { flex-direction: column; align-items: stretch; }
.ck-exercise .ck-stacked > .widget-label { width: auto; text-align: left; margin-bottom: 2px; }
/* In a column, ipywidgets' flex-basis for the select (meant as a width) becomes its
   height: a dropdown grew to about 150 px with its text floating in the middle. */
.ck-exercise .ck-stacked > select { flex: 0 0 auto; }
.ck-exercise .ck-stacked.widget-dropdown > select { height: var(--jp-widgets-inline-height, 28px); }
.ck-exercise textarea, .ck-exercise input[type="text"] { box-sizing: border-box; max-width: 100%; }
</style>"""


def escape(text) -> str:
    return html.escape(str(text), quote=True)


def auto_width() -> w.Layout:
    """A new layout that sizes a button to its label, so no label is cut short.

    Every widget gets its own layout and style: a shared one would hide, move
    or resize every widget that uses it at once.
    """
    return w.Layout(width="auto")


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


def resolve(name: str | Path | None) -> Path:
    """A file name inside the learner's work folder (a path is used as given)."""
    name = Path(name or DEFAULT_FILE)
    return name if name.is_absolute() else work_dir() / name


def file_name_problem(name: str) -> str | None:
    """A one-line note when ``name`` cannot be an interview file's name."""
    if not name.strip():
        return "Type a name for the interview file first, e.g. acme-march.json."
    if any(ch in name for ch in "/\\:") or name.strip().startswith("."):
        return "Use a plain file name, without folders, e.g. acme-march.json."
    return None


class ExerciseView:
    """Base for every exercise: file picker, interview details, status line, saving.

    Parameters
    ----------
    store
        The workbook file; a bare name is looked up in the learner's work folder.
    """

    title = "Exercise"
    #: The parts of the workbook this exercise writes ("memory", "practice.closing").
    sections: tuple[str, ...] = ()
    #: Whether the interview details start unfolded, and whether they show at all.
    interview_open = False
    has_interview = True
    #: Practice exercises bring in the files closing-kit 0.1 kept beside the workbook.
    brings_in_old_practice = False

    def __init__(self, store: str | Path | None = None):
        self._quiet = True
        #: The last result the learner produced, as data (feedback, a summary...).
        self.result: dict | None = None
        self.status = w.HTML(layout=w.Layout(margin="0.5em 0"))
        self.file_box = w.Combobox(
            description="Interview file",
            placeholder="e.g. acme-march.json",
            ensure_option=False,
            style={"description_width": "initial"},
            layout=w.Layout(width="28em", max_width="100%"),
        )
        self.open_button = w.Button(
            description="Open or start this interview",
            tooltip="Open the file named on the left, or start a new one with that name",
            layout=auto_width(),
        )
        self.open_button.on_click(self._on_open)
        self._interview_widgets()
        if not self.has_interview:
            self.interview_box.layout.display = "none"
        body = self.build()
        self.widget = w.VBox(
            [
                w.HTML(LABEL_CSS + f"<h3>{escape(self.title)}</h3>"),
                w.HBox([self.file_box, self.open_button], layout=w.Layout(flex_flow="row wrap")),
                self.interview_box,
                *body,
                self.status,
            ]
        )
        self.widget.add_class("ck-exercise")
        self.open(resolve(store))

    # -- to override -------------------------------------------------------
    def build(self) -> list[w.Widget]:
        """Create the exercise's widgets; return them in display order."""
        return []

    def show(self) -> None:
        """Put the open workbook's values into the exercise's widgets."""

    # -- the file ----------------------------------------------------------
    def open(self, path: Path) -> None:
        """Open ``path`` (a new workbook when it does not exist yet) and show it."""
        self.path = Path(path)
        message, error = "", False
        try:
            self._took(load_workbook(self.path))
        except WorkbookError as err:
            fresh = free_name(self.path)
            message = f"{err} Your new notes go to {fresh.name}."
            error = True
            self.path = fresh
            self._took(load_workbook(fresh))
        if not message:
            state = "Opened" if self.path.exists() else "New interview, saved as you type to"
            message = f"{state} {self.path.name}."
        if self.brings_in_old_practice:
            extra, problem = self._bring_in_old_practice()
            message = " ".join(filter(None, [message, extra]))
            error = error or problem
        self._quiet = True
        try:
            self.file_box.options = self._file_names()
            self.file_box.value = self.path.name
            self._show_interview()
            self.show()
        finally:
            self._quiet = False
        self.say(message, error=error)

    def _bring_in_old_practice(self) -> tuple[str, bool]:
        """Merge closing-kit 0.1's practice files into this workbook, once; say what happened."""
        folder = self.path.parent
        merged, problems = merge_legacy_files(folder, self.workbook["practice"], level_for)
        if not merged:
            return " ".join(problems), bool(problems)
        try:
            self._took(save_sections(self.path, self.workbook, ["practice"]))
        except (StorageError, OSError, ValueError) as err:
            return f"Your earlier practice files were not brought in: {err}", True
        retire(folder, merged)
        names = ", ".join(merged)
        note = (
            f"Your earlier practice ({names}) is now in {self.path.name}; "
            "the old files are kept, renamed *.imported.json."
        )
        return " ".join([note, *problems]), bool(problems)

    def reload(self) -> None:
        """Read the file again, to pick up what another notebook saved (quietly)."""
        if self.path.exists():
            try:
                self._took(read_workbook(self.path))
            except WorkbookError as err:
                self.say(str(err), error=True)

    def save(self, *sections: str, note: str | None = None, warn: bool = True) -> bool:
        """Save ``sections`` (default: this exercise's) and say so; ``True`` when saved.

        ``note`` is shown before "Saved to ..."; ``warn`` shows it as a problem.
        """
        if self._quiet:
            return False
        sections = sections or self.sections
        try:
            saved, conflicts = merge_sections(
                self.path, self.workbook, sections, getattr(self, "_base", None)
            )
            self._took(saved)
        except WorkbookError as err:
            fresh = free_name(self.path)
            try:
                save_workbook(fresh, self.workbook)
            except OSError as second:
                return self._unsaved(second)
            self.path = fresh
            self.file_box.value = fresh.name
            self.say(f"{err} Your notes are saved in {fresh.name} instead.", error=True)
            return True
        except StorageError as err:  # read-only, or another save held the file too long
            self.say(str(err), error=True)
            return False
        except ValueError as err:  # the workbook would not pass its own format
            self.say(
                f"Could not save to {self.path.name}: {err}. Your text is still here; "
                "open another interview file or tell your coach.",
                error=True,
            )
            return False
        except OSError as err:
            return self._unsaved(err)
        if conflicts:
            self.say(" ".join(conflicts), error=True)
            return True
        saved = f"Saved to {self.path.name}."
        self.say(f"{note} {saved}" if note else saved, error=bool(note) and warn)
        return True

    def _took(self, workbook: dict) -> None:
        """Show ``workbook`` as this notebook's, and remember it as read (the merge's base)."""
        self.workbook = workbook
        self._base = json.loads(json.dumps(workbook))

    def _unsaved(self, err: OSError) -> bool:
        self.say(
            f"Could not save to {self.path.name}: {err.strerror or err}. "
            "Your text is still here; check the folder can be written to.",
            error=True,
        )
        return False

    def _file_names(self) -> tuple[str, ...]:
        names = {self.path.name}
        for candidate in self.path.parent.glob("*.json"):
            if ".unreadable-" in candidate.name or candidate.name.startswith("."):
                continue
            try:
                read_workbook(candidate)
            except WorkbookError:
                continue
            names.add(candidate.name)
        return tuple(sorted(names))

    def _on_open(self, _button=None) -> None:
        name = self.file_box.value.strip()
        problem = file_name_problem(name)
        if problem:
            self.say(problem, error=True)
            return
        if not name.lower().endswith(".json"):
            name += ".json"
        self.open(self.path.parent / name)

    # -- the status line, and notes under the box they are about -----------
    def say(self, message: str, error: bool = False) -> None:
        """Show one line to the learner (escaped; red for a problem)."""
        colour = "#b00020" if error else "inherit"
        self.status.value = f'<span role="status" style="color:{colour}">{escape(message)}</span>'

    def beside(self, box: w.Widget) -> w.VBox:
        """``box`` with an (empty) note line under it; use the result in the layout.

        A message about what was typed in that box (empty, emoji only, a
        mistyped date) then appears right under it, where the learner is
        looking; the status line only says whether the work was saved.
        """
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

    def _notes(self) -> dict[int, w.HTML]:
        if not hasattr(self, "_note_lines"):
            self._note_lines: dict[int, w.HTML] = {}
        return self._note_lines

    # -- helpers for the exercises ----------------------------------------
    def write_beside(self, target: Path, data: bytes) -> bool:
        """Write an export next to the workbook; on failure say why in one line."""
        try:
            target.write_bytes(data)
        except OSError as err:
            self.say(f"Could not write {target.name}: {err.strerror or err}.", error=True)
            return False
        return True

    def text(self, description: str, placeholder: str = "", area: bool = False) -> w.Widget:
        """A text box that fills the width, its label above it (never cut short)."""
        cls = w.Textarea if area else w.Text
        layout = w.Layout(width="100%", height="6em") if area else w.Layout(width="100%")
        box = cls(
            description=description,
            placeholder=placeholder,
            style={"description_width": "initial"},
            layout=layout,
        )
        box.add_class("ck-stacked")
        return box

    def bind_text(self, box, section: str, key: str, required: bool = False) -> None:
        """Save ``box`` into ``workbook[section][key]`` as typed, with a note about it.

        The note goes under the box when it has a note line (``beside``), else
        on the status line.
        """

        def changed(change):
            if self._quiet:
                return
            self.workbook[section][key] = change["new"]
            problem = field_problem(change["new"], box.description, required)
            if id(box) in self._notes():
                self.note(box, problem)
                self.save(section)
            else:
                self.save(section, note=problem)

        box.observe(changed, names="value")

    def date_picker(self, description: str) -> w.DatePicker:
        return w.DatePicker(description=description, style={"description_width": "initial"})

    def bind_date(self, picker, section: str, key: str) -> None:
        """Save a date picker's value as YYYY-MM-DD (empty when cleared)."""

        def changed(change):
            if self._quiet:
                return
            value = change["new"]
            self.workbook[section][key] = value.isoformat() if isinstance(value, dt.date) else ""
            self.save(section)
            self.dates_changed()

        picker.observe(changed, names="value")

    def dates_changed(self) -> None:
        """Called after a date changes (the follow-up plan redraws)."""

    # -- the interview -----------------------------------------------------
    def _interview_widgets(self) -> None:
        formats = [(f["label"], f["id"]) for f in load("people.json")["formats"]]
        self.company = self.text("Company")
        self.role = self.text("Role")
        self.date = self.date_picker("Interview date")
        self.time = self.text("Time", placeholder="e.g. 2 pm")
        self.interview_format = w.Dropdown(
            description="Format", options=formats, style={"description_width": "initial"}
        )
        for box, key in ((self.company, "company"), (self.role, "role"), (self.time, "time")):
            self.bind_text(box, "interview", key)
        self.bind_date(self.date, "interview", "date")

        def format_changed(change):
            if not self._quiet:
                self.workbook["interview"]["format"] = change["new"]
                self.save("interview")
                self.dates_changed()

        self.interview_format.observe(format_changed, names="value")
        self.interview_box = w.Accordion(
            children=[
                w.VBox(
                    [
                        self.beside(self.company),
                        self.beside(self.role),
                        self.beside(self.date),
                        self.beside(self.time),
                        stacked(self.interview_format),
                    ]
                )
            ],
            titles=("The interview: company, role, date",),
        )

    def _show_interview(self) -> None:
        interview = self.workbook["interview"]
        self.company.value = interview["company"]
        self.role.value = interview["role"]
        self.date.value = parse_date(interview["date"])
        self.time.value = interview["time"]
        self.interview_format.value = interview["format"]
        empty = not (interview["company"] or interview["role"] or interview["date"])
        self.interview_box.selected_index = 0 if (self.interview_open or empty) else None

    # -- in a notebook -------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs):
        """The live widget, and one friendly line wherever widgets cannot be drawn.

        The line is what a notebook shows before it has been run (and what
        nbval compares), instead of a dump of the widget tree.
        """
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = (
            f"{self.title}: run this cell (or Run > Run All Cells) to start the exercise. "
            "What you saved before comes back."
        )
        return bundle
