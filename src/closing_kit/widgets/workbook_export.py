"""Save the whole workbook as one document to keep or share with a coach."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from closing_kit.widgets.base import ExerciseView, auto_width
from closing_kit.workbook.export import to_html, to_markdown

__all__ = ["ExportView", "show_workbook_export"]


class ExportView(ExerciseView):
    """Two buttons: the workbook as Markdown, or as a printable web page."""

    title = "Keep or share your whole workbook"
    has_interview = False

    def build(self) -> list[w.Widget]:
        self.markdown_button = w.Button(
            description="Save as Markdown (.md)",
            tooltip="Readable text, for your notes or a coach",
            layout=auto_width(),
        )
        self.markdown_button.on_click(lambda _b: self._save("md"))
        self.html_button = w.Button(
            description="Save as a printable page (.html)",
            tooltip="Open it in a browser and print it",
            layout=auto_width(),
        )
        self.html_button.on_click(lambda _b: self._save("html"))
        # Wrapped, so on a narrow screen the second button goes under the first.
        row = w.HBox(
            [self.markdown_button, self.html_button], layout=w.Layout(flex_flow="row wrap")
        )
        return [row]

    def _save(self, fmt: str) -> Path | None:
        self.reload()
        text = to_html(self.workbook) if fmt == "html" else to_markdown(self.workbook)
        target = self.path.with_suffix(f".{fmt}")
        if not self.write_beside(target, text.encode("utf-8")):
            return None
        self.say(f"Saved {target.name} next to your workbook.")
        return target


def show_workbook_export(store: str | Path | None = None) -> ExportView:
    """The whole-workbook export, for the learner's work folder."""
    return ExportView(store)
