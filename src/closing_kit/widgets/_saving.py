"""What every exercise view shares: a status line, and saving that never loses work."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w

from closing_kit.storage import StorageError, load_json, save_json
from closing_kit.workbook.practice import record_practice


class SavedView:
    """Base for views whose state is one JSON object in the learner's work folder.

    Subclasses set ``self.widget`` and call ``_load_saved()`` / ``_save(data)``.
    With a ``workbook`` path, ``_copy_to_workbook()`` also copies a result into the
    interview's workbook (see ``closing_kit.workbook.practice``).
    """

    widget: w.Widget

    def __init__(self, store: Path | None, workbook: Path | None = None):
        self.store = Path(store) if store else None
        self.workbook = Path(workbook) if workbook else None
        self.status = w.HTML()

    def _load_saved(self, fresh: str = "Starting fresh.") -> dict:
        """The saved object, or ``{}`` (with a one-line message) when it cannot be read."""
        if self.store is None:
            return {}
        try:
            data = load_json(self.store, default={})
        except StorageError as err:
            self._say(f"{err} {fresh}", error=True)
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict) -> None:
        if self.store is None:
            return
        try:
            save_json(self.store, {"schema_version": 1, **data})
        except OSError as err:
            self._say(
                f"Could not save to {self.store.name}: {err.strerror}. "
                "Your work is still on screen; check the folder can be written to.",
                error=True,
            )
        else:
            self._say(f"Saved to {self.store.name}.")

    def _copy_to_workbook(self, exercise: str, text: str, score: int, level: str) -> None:
        """Copy the latest result into the interview's workbook, if there is one."""
        if self.workbook is None:
            return
        try:
            record_practice(self.workbook, exercise, text, score, level)
        except (StorageError, OSError, ValueError) as err:
            self._say(f"Kept here, but not copied into {self.workbook.name}: {err}", error=True)

    def _say(self, message: str, error: bool = False) -> None:
        colour = "#b00020" if error else "inherit"
        self.status.value = f'<span role="status" style="color:{colour}">{escape(message)}</span>'

    def _ipython_display_(self):  # pragma: no cover - exercised in notebooks
        from IPython.display import display

        display(self.widget)


def text_or_empty(value) -> str:
    """A saved text field, or '' when the file held something else there."""
    return value if isinstance(value, str) else ""


def auto_width() -> w.Layout:
    """A layout that sizes a button to its label, so no label is cut short."""
    return w.Layout(width="auto")
