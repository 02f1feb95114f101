"""The closing-question drafter (chapter 5): live feedback as the learner writes.

The logic (feedback, versions, what is refused) is ``closing_kit.practice.drafts``;
this view lays it out and saves it to the workbook's ``practice.closing``.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from closing_kit.banks import closing_examples
from closing_kit.feedback_html import LABELS, feedback_html, model_closes_html, version_html
from closing_kit.practice.drafts import ClosingDrafts
from closing_kit.widgets.base import ExerciseView, auto_width, escape

__all__ = ["ClosingDrafter", "show_drafter"]


class ClosingDrafter(ExerciseView):
    """Job ad, draft, live feedback, saved versions side by side, model answers on request."""

    title = "Closing-question drafter"
    sections = ("practice.closing",)
    has_interview = False
    brings_in_old_practice = True

    def build(self) -> list[w.Widget]:
        self.job_ad = self.text(LABELS["job_ad"], LABELS["job_ad_hint"], area=True)
        self.draft = self.text(LABELS["draft"], LABELS["draft_hint"], True)
        self.draft.layout.height = "9em"
        self.feedback = w.HTML()
        self.save_button = w.Button(
            layout=auto_width(),
            description=LABELS["save_version"],
            tooltip="Keep this draft to compare later",
        )
        self.save_button.on_click(lambda _b: self.save_version())
        self.left = w.Dropdown(description="Compare", options=[])
        self.right = w.Dropdown(description="with", options=[])
        self.comparison = w.HTML()
        self.models_toggle = w.ToggleButton(
            layout=auto_width(),
            description=LABELS["show_models"],
            tooltip="Strong closes to learn from",
        )
        self.models = w.HTML(layout=w.Layout(display="none"))
        for widget in (self.job_ad, self.draft):
            widget.observe(self._on_edit, names="value")
        for dd in (self.left, self.right):
            dd.observe(lambda _c: self._compare(), names="value")
        self.models_toggle.observe(self._on_models, names="value")
        return [
            self.job_ad,
            self.draft,
            self.feedback,
            self.save_button,
            w.HBox([self.left, self.right], layout=w.Layout(flex_flow="row wrap")),
            self.comparison,
            self.models_toggle,
            self.models,
        ]

    def show(self) -> None:
        self.drafts = ClosingDrafts(self.workbook["practice"]["closing"])
        self.job_ad.value = self.drafts.data["job_ad"]
        self.draft.value = self.drafts.data["draft"]
        self._refresh_versions()
        self._show_feedback()

    # -- behaviour ---------------------------------------------------------------
    def _on_edit(self, _change) -> None:
        if self._quiet:
            return
        self.drafts.data["job_ad"] = self.job_ad.value
        self.drafts.data["draft"] = self.draft.value
        self._show_feedback()
        self.save()

    def _show_feedback(self) -> None:
        problem = self.drafts.problem()
        if problem:
            self.feedback.value = f'<p role="status">{escape(problem)}</p>'
            self.result = {"problem": problem}
            return
        fb = self.drafts.feedback()
        self.feedback.value = feedback_html(fb, LABELS["draft"])
        self.result = fb.to_dict() | {"failed_labels": list(fb.failed_labels)}

    def save_version(self) -> None:
        """Keep the draft as a version; a draft the engine refuses is not kept, and says why."""
        version, message = self.drafts.save_version()
        if version is None:
            self.say(message, error=True)
            return
        self._refresh_versions()
        self.save(note=message, warn=False)

    def _refresh_versions(self) -> None:
        options = [
            (f"Version {i + 1} ({v['score']}/100)", i) for i, v in enumerate(self.drafts.versions)
        ]
        self.left.options = options
        self.right.options = options
        if len(options) >= 2:
            self.left.value, self.right.value = len(options) - 2, len(options) - 1
        self._compare()

    def _compare(self) -> None:
        versions = self.drafts.versions
        if len(versions) < 2 or self.left.value is None or self.right.value is None:
            self.comparison.value = "<p>Save two versions to compare them side by side.</p>"
            return
        cells = []
        for i in (self.left.value, self.right.value):
            v = versions[i]
            cells.append(
                '<div style="flex:1 1 16em;min-width:0;padding:0.4em">'
                f"{version_html(i + 1, v, ClosingDrafts.still_to_fix(v))}</div>"
            )
        self.comparison.value = f'<div style="display:flex;flex-wrap:wrap">{"".join(cells)}</div>'

    def _on_models(self, change) -> None:
        if change["new"]:
            self.models.value = model_closes_html(closing_examples()["strong"][:4])
            self.models.layout.display = None
            self.models_toggle.description = LABELS["hide_models"]
        else:
            self.models.layout.display = "none"
            self.models_toggle.description = LABELS["show_models"]


def show_drafter(store: str | Path | None = None) -> ClosingDrafter:
    """The drafter, saved in the interview's workbook (``my-interview.json`` by default)."""
    return ClosingDrafter(store)
