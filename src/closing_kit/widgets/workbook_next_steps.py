"""Next steps (chapters 3 and 4): the questions to ask, ticked off, and the answer as heard."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from closing_kit.feedback_html import LABELS
from closing_kit.widgets.base import ExerciseView, auto_width
from closing_kit.workbook._data import load
from closing_kit.workbook.followup import date_problems
from closing_kit.workbook.model import parse_date

__all__ = ["NextStepsView", "show_next_steps"]


class NextStepsView(ExerciseView):
    """A tick per question, then What, When, Who and How, and the date they gave."""

    title = "Next steps"
    sections = ("next_steps",)

    def build(self) -> list[w.Widget]:
        data = load("next_steps.json")
        self.questions = {
            q["id"]: w.Checkbox(description=q["text"], indent=False, layout=auto_width())
            for q in data["questions"]
        }
        for box in self.questions.values():
            box.observe(self._on_tick, names="value")
        self.answers = {}
        for answer in data["answers"]:
            box = self.text(answer["label"], placeholder=answer["placeholder"])
            self.bind_text(box, "next_steps", answer["id"])
            self.answers[answer["id"]] = box
        self.stated_date = self.date_picker(LABELS["stated_date"])
        self.bind_date(self.stated_date, "next_steps", "stated_date")
        return [
            w.HTML("<h4>Before you leave: tick what you asked</h4>"),
            w.VBox(list(self.questions.values())),
            w.HTML("<h4>Straight afterwards: the answer, as you heard it</h4>"),
            *(self.beside(box) for box in self.answers.values()),
            self.beside(self.stated_date),
            w.HTML("<p>No date given? Leave it empty: the follow-up plan allows for that.</p>"),
        ]

    def show(self) -> None:
        steps = self.workbook["next_steps"]
        for question_id, box in self.questions.items():
            box.value = question_id in steps["asked"]
        for key, box in self.answers.items():
            box.value = steps[key]
        self.stated_date.value = parse_date(steps["stated_date"])
        self.dates_changed()

    def dates_changed(self) -> None:
        """A date that looks mistyped (a year or more away) gets a note under its box."""
        self.note(self.stated_date, date_problems(self.workbook).get("stated_date"))

    @property
    def asked(self) -> list[str]:
        return [q for q, box in self.questions.items() if box.value]

    def _on_tick(self, _change) -> None:
        if self._quiet:
            return
        self.workbook["next_steps"]["asked"] = self.asked
        self.save()


def show_next_steps(store: str | Path | None = None) -> NextStepsView:
    """The 'Next steps' exercise, saved in the learner's work folder."""
    return NextStepsView(store)
