"""Drills: a card from the interviewer, the learner's answer, feedback, next card.

One view serves two drills (chapter 6's reservations, chapter 7's vague
replies); the logic is ``closing_kit.practice.drill``, and every attempt is
kept in the workbook's ``practice.reservation`` or ``practice.noncommittal``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from closing_kit.feedback_html import (
    LABELS,
    alert_html,
    card_html,
    drill_feedback_html,
    drill_summary_html,
    model_answer_html,
    notice_html,
)
from closing_kit.practice.drill import (
    CHECKED_FIRST,
    DRILLS,
    TIME_LIMIT,
    DrillSession,
    timing_note,
)
from closing_kit.widgets.base import ExerciseView, auto_width

__all__ = ["CHECKED_FIRST", "Drill", "show_noncommittal_drill", "show_reservation_drill"]


class Drill(ExerciseView):
    """A drill of ``kind`` ("reservation" or "noncommittal") with a seeded card order.

    ``clock`` returns seconds (``time.monotonic`` by default; tests pass their own).
    """

    has_interview = False
    brings_in_old_practice = True

    def __init__(
        self,
        kind: str,
        seed: int | None = None,
        store: str | Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.kind, self.seed, self.clock = DRILLS[kind], seed, clock
        self.title = self.kind.title
        self.sections = (f"practice.{kind}",)
        super().__init__(store)

    def build(self) -> list[w.Widget]:
        self.card_html = w.HTML()
        self.answer = self.text(LABELS["answer"], LABELS["answer_hint"], True)
        self.answer.layout.height = "7em"
        self.timed = w.Checkbox(value=False, description=LABELS["timed"], indent=False)
        default, low, high = TIME_LIMIT
        self.limit = w.BoundedIntText(
            value=default,
            min=low,
            max=high,
            description=LABELS["seconds"],
            style={"description_width": "initial"},
            layout=w.Layout(width="12em"),
        )
        self.check_button = w.Button(
            layout=auto_width(), description=LABELS["check"], button_style="primary"
        )
        self.next_button = w.Button(layout=auto_width(), description=LABELS["next"])
        self.model_button = w.Button(layout=auto_width(), description=LABELS["model"])
        self.end_button = w.Button(layout=auto_width(), description=LABELS["summary"])
        self.answer_note = w.HTML()
        self.feedback = w.HTML()
        self.model = w.HTML()
        self.summary = w.HTML()
        self.check_button.on_click(lambda _b: self.check())
        self.next_button.on_click(lambda _b: self.next_card())
        self.model_button.on_click(lambda _b: self.show_model())
        self.end_button.on_click(lambda _b: self.end_session())
        row = w.Layout(flex_flow="row wrap")
        return [
            self.card_html,
            self.answer,
            self.answer_note,
            w.HBox([self.timed, self.limit], layout=row),
            w.HBox(
                [self.check_button, self.next_button, self.model_button],
                layout=w.Layout(flex_flow="row wrap"),
            ),  # fmt: skip
            self.feedback,
            self.model,
            self.end_button,
            self.summary,
        ]

    def show(self) -> None:
        data = self.workbook["practice"][self.kind.id]
        # The workbook's id makes the deal this learner's; their attempts make it resume.
        self.session = DrillSession(self.kind, data, self.seed, self.workbook.get("id", ""))
        self._show_card()

    @property
    def card(self) -> dict:
        return self.session.card

    @property
    def attempts(self) -> list[dict]:
        return self.session.attempts

    def _show_card(self) -> None:
        self.card_html.value = card_html(self.session.heading(), self.session.prompt)
        self.answer.value = ""
        self.answer_note.value = ""
        self.feedback.value = ""
        self.model.value = ""
        self._shown_at = self.clock()

    def check(self) -> None:
        """Judge the answer to the current card and keep the attempt in the workbook."""
        seconds = round(self.clock() - self._shown_at)
        fb, problem = self.session.check(self.answer.value, seconds if self.timed.value else None)
        if fb is None:
            # The message sits under the box it is about; nothing is saved.
            self.answer_note.value = alert_html(problem)
            self.result = {"problem": problem}
            return
        self.answer_note.value = ""
        timing = timing_note(seconds, self.limit.value) if self.timed.value else ""
        paragraph = self.session.letter_paragraph(self.answer.value)
        self.feedback.value = drill_feedback_html(fb, timing, paragraph)
        self.result = fb.to_dict() | {"failed_labels": list(fb.failed_labels)}
        self.save()

    def next_card(self) -> None:
        """Move on; an answer not yet checked is checked and its feedback shown first.

        Nothing is scored out of sight: the learner reads the feedback and presses
        Next card again (or clears the box to skip the card).
        """
        if self.session.unchecked(self.answer.value):
            self.check()
            if self.session.checked:
                self.answer_note.value = notice_html(CHECKED_FIRST)
            return
        self.session.next_card()
        self._show_card()

    def show_model(self) -> None:
        """Show this card's model answer (once, however often it is pressed)."""
        self.model.value = model_answer_html(self.session.model_answer())

    def end_session(self) -> None:
        """Summarise every attempt saved so far, with the scores drawn as a chart."""
        summary = self.session.summary()
        self.result = summary
        self.summary.value = drill_summary_html(summary)


def show_reservation_drill(seed: int | None = None, store: str | Path | None = None) -> Drill:
    """Chapter 6: answer the interviewer's doubts, card by card."""
    return Drill("reservation", seed=seed, store=store)


def show_noncommittal_drill(seed: int | None = None, store: str | Path | None = None) -> Drill:
    """Chapter 7: turn a vague answer into questions about the process."""
    return Drill("noncommittal", seed=seed, store=store)
