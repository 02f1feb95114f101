"""The final-five-minutes checklist as ticks a learner can save.

Every tick is saved at once (atomically) to a JSON file in the learner's
work folder, and read back when the notebook runs again.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w

from closing_kit.checklist import Checklist, load_checklist
from closing_kit.storage import work_dir
from closing_kit.widgets._saving import SavedView, auto_width

__all__ = ["ChecklistView", "show_checklist"]

FILE_NAME = "final-five-minutes-checklist.json"


class ChecklistView(SavedView):
    """Checkboxes for each item, a progress bar, a reset button and a Markdown export.

    Parameters
    ----------
    checklist
        The checklist to show; the packaged one by default.
    store
        JSON file the ticks are saved to; ``None`` keeps them in memory only.
    """

    def __init__(self, checklist: Checklist | None = None, store: Path | None = None):
        super().__init__(store)
        self.checklist = checklist or load_checklist()
        done = self._load()
        self.boxes: dict[str, w.Checkbox] = {}
        sections = []
        for group in self.checklist.groups:
            sections.append(w.HTML(f"<h3>{escape(group.title)}</h3>"))
            for item in group.items:
                box = w.Checkbox(
                    value=item.id in done,
                    description=item.text,
                    indent=False,
                    layout=auto_width(),
                )
                box.observe(self._on_tick, names="value")
                self.boxes[item.id] = box
                sections.append(box)
        total = len(self.checklist.items)
        self.progress = w.IntProgress(
            min=0, max=total, description="Progress", style={"description_width": "initial"}
        )
        self.progress_label = w.Label()
        self.reset_button = w.Button(
            layout=auto_width(),
            description="Untick everything",
            tooltip="Clear every tick and start again",
        )
        self.reset_button.on_click(self._on_reset)
        self.export_button = w.Button(
            layout=auto_width(),
            description="Show as Markdown",
            tooltip="Show the checklist as text to copy or print",
        )
        self.export_button.on_click(self._on_export)
        self.export = w.Textarea(
            description="Markdown",
            layout=w.Layout(width="100%", height="16em", display="none"),
        )
        self.widget = w.VBox(
            [
                *sections,
                w.HBox([self.progress, self.progress_label]),
                w.HBox([self.reset_button, self.export_button]),
                self.export,
                self.status,
            ]
        )
        self._refresh()

    # -- state -------------------------------------------------------------
    @property
    def done(self) -> frozenset[str]:
        """Ids of the ticked items."""
        return frozenset(i for i, box in self.boxes.items() if box.value)

    def _load(self) -> frozenset[str]:
        ticked = self._load_saved("The checklist starts empty.").get("done", [])
        return self.checklist.clean(ticked if isinstance(ticked, list) else [])

    def _store_all(self) -> None:
        self._save({"done": sorted(self.done)})

    # -- events ------------------------------------------------------------
    def _on_tick(self, _change) -> None:
        self._refresh()
        self._store_all()

    def _on_reset(self, _button) -> None:
        for box in self.boxes.values():
            box.unobserve(self._on_tick, names="value")
            box.value = False
            box.observe(self._on_tick, names="value")
        self._refresh()
        self._store_all()

    def _on_export(self, _button) -> None:
        self.export.value = self.checklist.to_markdown(self.done)
        self.export.layout.display = None

    # -- view --------------------------------------------------------------
    def _refresh(self) -> None:
        n, total = self.checklist.progress(self.done)
        self.progress.value = n
        self.progress_label.value = f"{n} of {total} done"
        if self.export.layout.display is None:
            self.export.value = self.checklist.to_markdown(self.done)


def show_checklist(store: str | Path | None = FILE_NAME) -> ChecklistView:
    """The checklist, saved to ``store`` inside the learner's work folder.

    Pass ``store=None`` to keep the ticks in memory only.
    """
    path = work_dir() / store if store else None
    return ChecklistView(store=path)
