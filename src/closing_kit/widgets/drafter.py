"""The closing-question drafter (chapter 5): live feedback as the learner writes."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w

from closing_kit.analysis import analyze_closing, input_problem
from closing_kit.banks import closing_examples
from closing_kit.storage import work_dir
from closing_kit.widgets._saving import SavedView, auto_width, text_or_empty
from closing_kit.widgets.feedback_view import feedback_html
from closing_kit.workbook.store import DEFAULT_FILE as WORKBOOK_FILE

__all__ = ["ClosingDrafter", "show_drafter"]

FILE_NAME = "closing-drafts.json"


class ClosingDrafter(SavedView):
    """Job ad, draft, live feedback, saved versions side by side, model answers on request."""

    def __init__(self, store: Path | None = None, workbook: Path | None = None):
        super().__init__(store, workbook)
        saved = self._load()
        self.versions: list[dict] = saved.get("versions", [])
        self.job_ad = w.Textarea(
            value=saved.get("job_ad", ""),
            description="Job ad",
            placeholder="Paste the job ad's main requirements here (optional).",
            layout=w.Layout(width="100%", height="6em"),
        )
        self.draft = w.Textarea(
            value=saved.get("draft", ""),
            description="Your close",
            placeholder="Thank them, sum up why you fit, then ask your closing question.",
            layout=w.Layout(width="100%", height="9em"),
        )
        self.feedback = w.HTML()
        self.save_button = w.Button(
            layout=auto_width(),
            description="Save this version",
            tooltip="Keep this draft to compare later",
        )
        self.save_button.on_click(self._on_save_version)
        self.left = w.Dropdown(description="Compare", options=[])
        self.right = w.Dropdown(description="with", options=[])
        self.comparison = w.HTML()
        self.models_toggle = w.ToggleButton(
            layout=auto_width(),
            description="Show model answers",
            tooltip="Strong closes to learn from",
        )
        self.models = w.HTML(layout=w.Layout(display="none"))
        for widget in (self.job_ad, self.draft):
            widget.observe(self._on_edit, names="value")
        for dd in (self.left, self.right):
            dd.observe(lambda _c: self._compare(), names="value")
        self.models_toggle.observe(self._on_models, names="value")
        self.widget = w.VBox(
            [
                self.job_ad,
                self.draft,
                self.feedback,
                self.save_button,
                w.HBox([self.left, self.right]),
                self.comparison,
                self.models_toggle,
                self.models,
                self.status,
            ]
        )
        self._refresh_versions()
        self._show_feedback()

    # -- behaviour ---------------------------------------------------------------
    def _on_edit(self, _change) -> None:
        self._show_feedback()
        self._store_all()

    def _show_feedback(self) -> None:
        problem = input_problem(self.draft.value, "your close")
        if problem:
            self.feedback.value = f'<p role="status">{escape(problem)}</p>'
            return
        fb = analyze_closing(self.draft.value, job_ad=self.job_ad.value)
        self.feedback.value = feedback_html(fb, "Your close")

    def _on_save_version(self, _button) -> None:
        if not self.draft.value.strip():
            self._say("There is nothing to save yet: write your close first.", error=True)
            return
        fb = analyze_closing(self.draft.value, job_ad=self.job_ad.value)
        self.versions.append({"text": self.draft.value, "score": fb.score, "failed": fb.failed})
        self._refresh_versions()
        self._store_all()
        self._copy_to_workbook("closing-question", self.draft.value, fb.score, fb.level)

    def _refresh_versions(self) -> None:
        options = [(f"Version {i + 1} ({v['score']}/100)", i) for i, v in enumerate(self.versions)]
        self.left.options = options
        self.right.options = options
        if len(options) >= 2:
            self.left.value, self.right.value = len(options) - 2, len(options) - 1
        self._compare()

    def _compare(self) -> None:
        if len(self.versions) < 2 or self.left.value is None or self.right.value is None:
            self.comparison.value = "<p>Save two versions to compare them side by side.</p>"
            return
        cells = []
        for i in (self.left.value, self.right.value):
            v = self.versions[i]
            missing = ", ".join(v["failed"]) or "nothing"
            cells.append(
                f'<td style="vertical-align:top;padding:0.4em;width:50%">'
                f"<strong>Version {i + 1}: {v['score']}/100</strong>"
                f"<p>{escape(v['text'])}</p><p><em>Still to fix:</em> {escape(missing)}</p></td>"
            )
        self.comparison.value = f'<table style="width:100%"><tr>{"".join(cells)}</tr></table>'

    def _on_models(self, change) -> None:
        if change["new"]:
            items = "".join(
                f"<li><p>{escape(e['text'])}</p><p><em>Why it works:</em> {escape(e['note'])}</p>"
                f"</li>"
                for e in closing_examples()["strong"][:4]
            )
            self.models.value = f"<ol>{items}</ol>"
            self.models.layout.display = None
            self.models_toggle.description = "Hide model answers"
        else:
            self.models.layout.display = "none"
            self.models_toggle.description = "Show model answers"

    # -- saving ------------------------------------------------------------------
    def _load(self) -> dict:
        data = self._load_saved("Starting with an empty page.")
        versions = [
            v
            for v in data.get("versions", [])
            if isinstance(v, dict) and isinstance(v.get("text"), str)
        ]
        for v in versions:
            v.setdefault("score", analyze_closing(v["text"]).score)
            v.setdefault("failed", [])
        return {
            "job_ad": text_or_empty(data.get("job_ad")),
            "draft": text_or_empty(data.get("draft")),
            "versions": versions,
        }

    def _store_all(self) -> None:
        self._save(
            {"job_ad": self.job_ad.value, "draft": self.draft.value, "versions": self.versions}
        )


def show_drafter(store: str | None = FILE_NAME) -> ClosingDrafter:
    """The drafter, saved to ``store`` in the learner's work folder (``None``: not saved)."""
    if not store:
        return ClosingDrafter()
    return ClosingDrafter(store=work_dir() / store, workbook=work_dir() / WORKBOOK_FILE)
