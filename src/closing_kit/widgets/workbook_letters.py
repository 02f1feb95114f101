"""Thank-you letters (chapters 6 and 8): a draft per person from the notes, editable, saved.

Drafts come from the workbook (the cards, the memory dump, the next steps);
what the learner changes in a draft is saved as their own version, which
"Start again from the notes" discards. Warnings come from
``closing_kit.workbook.letters.warnings``. Letters are only saved as files
once each one is signed with the learner's name.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from closing_kit.safe_files import StorageError
from closing_kit.widgets.base import ExerciseView, auto_width, escape, stacked
from closing_kit.workbook.fields import field_problem
from closing_kit.workbook.letter_files import FORMATS, write_letters
from closing_kit.workbook.letters import draft, letters, signed, unsigned, warnings
from closing_kit.workbook.memory import notes_about

__all__ = ["LettersView", "show_letters"]

_FORMAT_LABELS = {"md": "Markdown (.md)", "txt": "Plain-text email (.txt)", "docx": "Word (.docx)"}


class _LetterBox:
    """One person's evidence box, draft and reset button."""

    def __init__(self, view: LettersView, person: dict):
        self.id = person["id"]
        name = " ".join(person["name"].split())
        self.heading = w.HTML(f"<h4>To {escape(name)}</h4>")
        self.evidence = view.text(
            "Your answer to their concern",
            placeholder="one piece of evidence you did not mention in the room",
            area=True,
        )
        self.evidence.tooltip = f"Your answer to {name}'s concern"
        self.evidence_row = view.beside(self.evidence)
        self.concern = w.HTML()
        self.draft = view.text(f"Your letter to {name}", area=True)
        self.draft.layout.height = "18em"
        self.reset = w.Button(
            description="Start again from the notes",
            tooltip=f"Replace your edits of the letter to {name} with a fresh draft",
            layout=auto_width(),
        )
        self.box = w.VBox(
            [self.heading, self.concern, self.evidence_row, view.beside(self.draft), self.reset]
        )


class LettersView(ExerciseView):
    """Your name and fit sentence, then one editable letter per person, warnings and files."""

    title = "Thank-you letters"
    sections = ("letters",)

    def build(self) -> list[w.Widget]:
        self.your_name = self.text("Your name", placeholder="how you sign your letters")
        self.bind_text(self.your_name, "letters", "your_name", required=True)
        self.your_name.observe(self._redraft, names="value")
        self.fit = self.text(
            "Why you fit",
            placeholder="one sentence, in your own words, on why you fit the role",
            area=True,
        )
        self.bind_text(self.fit, "letters", "fit", required=True)
        self.fit.observe(self._redraft, names="value")
        self.refresh_button = w.Button(
            description="Read my notes again",
            tooltip="Pick up changes saved from the other exercises",
            layout=auto_width(),
        )
        self.refresh_button.on_click(self._on_refresh)
        self.letters_box = w.VBox()
        self.warnings_box = w.HTML()
        self.file_format = stacked(
            w.Dropdown(description="Save as", options=[(_FORMAT_LABELS[f], f) for f in FORMATS])
        )
        self.files_button = w.Button(
            description="Save the letters as files",
            tooltip="One file per person, in a folder next to your workbook",
            layout=auto_width(),
        )
        self.files_button.on_click(self._on_files)
        self.boxes: dict[str, _LetterBox] = {}
        self.files_note = w.HTML()
        return [
            self.beside(self.your_name),
            self.beside(self.fit),
            self.refresh_button,
            self.letters_box,
            w.HTML("<h4>Before you send</h4>"),
            self.warnings_box,
            self.file_format,
            self.files_button,
            self.files_note,
        ]

    def show(self) -> None:
        letters_data = self.workbook["letters"]
        self.your_name.value = letters_data["your_name"]
        self.fit.value = letters_data["fit"]
        self.boxes = {}
        for person in self.workbook["people"]:
            if person["name"].strip():
                self.boxes[person["id"]] = self._box(person)
        self.letters_box.children = [b.box for b in self.boxes.values()] or [
            w.HTML("<p>No one to write to yet: add the people you met in 'Everyone you met'.</p>")
        ]
        self._fill()

    def _box(self, person: dict) -> _LetterBox:
        box = _LetterBox(self, person)
        box.evidence.observe(lambda change, b=box: self._on_evidence(b, change), names="value")
        box.draft.observe(lambda change, b=box: self._on_edit(b, change), names="value")
        box.reset.on_click(lambda _button, b=box: self._on_reset(b))
        return box

    def _saved(self, person_id: str) -> dict:
        per_person = self.workbook["letters"]["per_person"]
        return per_person.setdefault(person_id, {"evidence": "", "text": ""})

    def _fill(self) -> None:
        """Put the current drafts, concerns and warnings on screen without saving anything."""
        quiet, self._quiet = self._quiet, True
        try:
            people = {p["id"]: p for p in self.workbook["people"]}
            by_id = {letter.person_id: letter for letter in letters(self.workbook)}
            for person_id, box in self.boxes.items():
                concerns = notes_about(self.workbook, people[person_id])["concerns"]
                saved = self.workbook["letters"]["per_person"].get(person_id, {})
                box.concern.value = (
                    f"<p>Their concern, from your notes: <em>{escape(concerns[0])}</em></p>"
                    if concerns
                    else ""
                )
                box.evidence_row.layout.display = None if concerns else "none"
                box.evidence.value = saved.get("evidence", "")
                box.draft.value = by_id[person_id].text
            self._show_warnings()
        finally:
            self._quiet = quiet

    def _show_warnings(self) -> None:
        drafts = letters(self.workbook)
        found = warnings(self.workbook, drafts)
        self.warnings_box.value = (
            "<ul>" + "".join(f"<li>{escape(x.message)}</li>" for x in found) + "</ul>"
            if found
            else "<p>Nothing to fix: read each letter once more, then send it.</p>"
        )
        your_name = self.workbook["letters"]["your_name"]
        self.result = {
            "letters": [
                {"person_id": x.person_id, "name": x.name, "to": x.email,
                 "signed": signed(x, your_name), "text": x.text}
                for x in drafts
            ],
            "warnings": [{"kind": x.kind, "person_id": x.person_id, "message": x.message}
                         for x in found],
        }  # fmt: skip

    # -- events ------------------------------------------------------------
    def _redraft(self, _change=None) -> None:
        if not self._quiet:
            self._fill()

    def _on_evidence(self, box: _LetterBox, change) -> None:
        if self._quiet:
            return
        self._saved(box.id)["evidence"] = change["new"]
        self.note(box.evidence, field_problem(change["new"], "Your answer"))
        self.save()
        self._fill()

    def _on_edit(self, box: _LetterBox, change) -> None:
        if self._quiet:
            return
        self._saved(box.id)["text"] = change["new"]
        note = field_problem(change["new"], "The letter")
        if not change["new"].strip():
            note = "The letter is empty, so the draft from your notes will be used."
        self.note(box.draft, note)
        self.save()
        self._show_warnings()

    def _on_reset(self, box: _LetterBox) -> None:
        person = next(p for p in self.workbook["people"] if p["id"] == box.id)
        self._saved(box.id)["text"] = ""
        self.save()
        self._fill()
        self.say(f"A fresh draft for {draft(self.workbook, person).name}, from your notes.")

    def _on_refresh(self, _button=None) -> None:
        self.reload()
        quiet, self._quiet = self._quiet, True
        try:
            self.show()
        finally:
            self._quiet = quiet
        self.say(f"Read your notes again from {self.path.name}.")

    def _on_files(self, _button=None) -> list[Path]:
        if not self.boxes:
            self.say("No letters yet: add the people you met first.", error=True)
            return []
        if not self.workbook["letters"]["your_name"].strip():
            message = "Add your name first (in 'Your name' above), so the letters are signed."
            self._files_said(message, error=True)
            self.note(self.your_name, message)
            return []
        missing = [x.name for x in unsigned(self.workbook)]
        if missing:
            self._files_said(
                f"Not saved yet: the letter to {', '.join(missing)} does not end with your name. "
                "Add it after 'Best wishes', or choose 'Start again from the notes'.",
                error=True,
            )
            return []
        folder = self.path.with_name(f"{self.path.stem}-letters")
        try:
            written = write_letters(self.workbook, folder, self.file_format.value)
        except StorageError as err:
            self._files_said(str(err), error=True)
            return []
        except OSError as err:
            self._files_said(f"Could not write the letters: {err.strerror or err}.", error=True)
            return []
        except ImportError:
            # .docx needs python-docx and lxml: JupyterLite's in-browser Python has neither.
            self._files_said(
                "Word (.docx) files need python-docx, which this Python does not have "
                "(JupyterLite in the browser cannot load it): choose Markdown or plain text.",
                error=True,
            )
            return []
        n = len(written)
        self._files_said(
            f"Saved {n} {'letter' if n == 1 else 'letters'} in the folder {folder.name}."
        )
        self.result = {**(self.result or {}), "files": [p.name for p in written]}
        return written

    def _files_said(self, message: str, error: bool = False) -> None:
        """Say what happened to the files under the button (once: the status line
        takes only a failure, which must not be missed)."""
        colour = "#b00020" if error else "inherit"
        self.files_note.value = f'<div style="color:{colour}">{escape(message)}</div>'
        if error:
            self.say(message, error=True)


def show_letters(store: str | Path | None = None) -> LettersView:
    """The 'Thank-you letters' exercise, saved in the learner's work folder."""
    return LettersView(store)
