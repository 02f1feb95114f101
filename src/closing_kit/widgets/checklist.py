"""The final-five-minutes checklist as ticks a learner can save.

Every tick is saved at once (atomically) in the workbook's
``practice.checklist``, and comes back when the notebook runs again.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from closing_kit.checklist import Checklist, load_checklist
from closing_kit.widgets.base import ExerciseView, auto_width, escape

__all__ = ["ChecklistView", "show_checklist"]


class ChecklistView(ExerciseView):
    """Checkboxes for each item, a progress bar, a guarded reset and a Markdown export.

    Parameters
    ----------
    checklist
        The checklist to show; the packaged one by default.
    store
        The workbook file the ticks are saved in.
    """

    title = "Final five minutes: checklist"
    sections = ("practice.checklist",)
    has_interview = False
    brings_in_old_practice = True

    def __init__(self, checklist: Checklist | None = None, store: str | Path | None = None):
        self.checklist = checklist or load_checklist()
        super().__init__(store)

    def build(self) -> list[w.Widget]:
        self.boxes: dict[str, w.Checkbox] = {}
        rows: list[w.Widget] = []
        for group in self.checklist.groups:
            rows.append(w.HTML(f"<h4>{escape(group.title)}</h4>"))
            for item in group.items:
                box = w.Checkbox(
                    value=False,
                    description=item.text,
                    indent=False,
                    layout=w.Layout(width="100%"),
                )
                box.observe(self._on_tick, names="value")
                self.boxes[item.id] = box
                rows.append(box)
        self.progress = w.IntProgress(
            min=0,
            max=len(self.checklist.items),
            description="Progress",
            style={"description_width": "initial"},
        )
        self.progress_label = w.Label()
        self.reset_button = w.Button(
            layout=auto_width(),
            description="Untick everything",
            tooltip="Clear every tick (you will be asked first)",
        )
        self.reset_button.on_click(lambda _b: self.ask_to_reset())
        self.confirm_text = w.HTML()
        self.confirm_yes = w.Button(layout=auto_width(), description="Yes, untick them all")
        self.confirm_no = w.Button(layout=auto_width(), description="No, keep my ticks")
        self.confirm_yes.on_click(lambda _b: self.reset())
        self.confirm_no.on_click(lambda _b: self._hide_confirm())
        self.confirm = w.VBox(
            [
                self.confirm_text,
                w.HBox([self.confirm_yes, self.confirm_no], layout=w.Layout(flex_flow="row wrap")),
            ],
            layout=w.Layout(display="none"),
        )
        self.export_button = w.Button(
            layout=auto_width(),
            description="Show as text to copy",
            tooltip="Show the checklist as text to copy or print",
        )
        self.export_button.on_click(lambda _b: self._on_export())
        self.export = w.Textarea(
            description="Your list",
            style={"description_width": "initial"},
            layout=w.Layout(width="100%", height="16em", display="none"),
        )
        return [
            *rows,
            w.HBox([self.progress, self.progress_label], layout=w.Layout(flex_flow="row wrap")),
            w.HBox([self.export_button, self.reset_button], layout=w.Layout(flex_flow="row wrap")),
            self.confirm,
            self.export,
        ]

    def show(self) -> None:
        saved = self.workbook["practice"]["checklist"]["done"]
        done = self.checklist.clean(saved)
        for item_id, box in self.boxes.items():
            box.value = item_id in done
        self._refresh()

    # -- state -------------------------------------------------------------
    @property
    def done(self) -> frozenset[str]:
        """Ids of the ticked items."""
        return frozenset(i for i, box in self.boxes.items() if box.value)

    def _store(self) -> None:
        # Ids this checklist does not know (from an older one) are kept, not dropped.
        saved = self.workbook["practice"]["checklist"]["done"]
        unknown = [i for i in saved if i not in self.boxes]
        self.workbook["practice"]["checklist"]["done"] = sorted(self.done) + unknown
        self.save()

    # -- events ------------------------------------------------------------
    def _on_tick(self, _change) -> None:
        if self._quiet:
            return
        self._refresh()
        self._store()

    def ask_to_reset(self) -> None:
        """Ask before unticking: one stray click must not wipe a learner's progress."""
        n = len(self.done)
        if not n:
            self.say("Nothing is ticked yet.")
            return
        self.confirm_text.value = f"<p><strong>Untick all {n} ticked items?</strong></p>"
        self.confirm.layout.display = None

    def reset(self) -> None:
        self._quiet = True
        try:
            for box in self.boxes.values():
                box.value = False
        finally:
            self._quiet = False
        self._hide_confirm()
        self._refresh()
        self._store()

    def _hide_confirm(self) -> None:
        self.confirm.layout.display = "none"

    def _on_export(self) -> None:
        self.export.value = self.checklist.markdown(self.done)
        self.export.layout.display = None

    # -- view --------------------------------------------------------------
    def _refresh(self) -> None:
        n, total = self.checklist.progress(self.done)
        self.progress.value = n
        self.progress_label.value = f"{n} of {total} done"
        self.result = {"done": sorted(self.done), "progress": [n, total]}
        if self.export.layout.display is None:
            self.export.value = self.checklist.markdown(self.done)


def show_checklist(store: str | Path | None = None) -> ChecklistView:
    """The checklist, its ticks saved in the interview's workbook."""
    return ChecklistView(store=store)
