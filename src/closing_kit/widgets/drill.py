"""Drills: a card from the interviewer, the learner's answer, feedback, next card.

One view serves two drills (chapter 6's reservations, chapter 7's vague
replies); the bank and the analysis are passed in. Cards come in a seeded
order, so a coach demonstrating with the same seed gets the same cards.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

import ipywidgets as w

from closing_kit.analysis import (
    analyze_noncommittal,
    analyze_reservation,
    input_problem,
    letter_version,
)
from closing_kit.banks import noncommittal_cards, reservation_cards
from closing_kit.storage import work_dir
from closing_kit.widgets._saving import SavedView, auto_width
from closing_kit.widgets.feedback_view import feedback_html, score_chart_svg
from closing_kit.workbook.store import DEFAULT_FILE as WORKBOOK_FILE

__all__ = ["Drill", "show_noncommittal_drill", "show_reservation_drill"]


class Drill(SavedView):
    """A drill over ``cards``: ``prompt_key`` names the interviewer's line in each card.

    ``clock`` returns seconds (``time.monotonic`` by default; tests pass their own).
    """

    def __init__(
        self,
        cards: Sequence[dict],
        prompt_key: str,
        analyze: Callable,
        title: str,
        seed: int = 1,
        store: Path | None = None,
        letter: bool = False,
        clock: Callable[[], float] = time.monotonic,
        workbook: Path | None = None,
        exercise: str = "drill",
    ):
        super().__init__(store, workbook)
        self.exercise = exercise
        self.cards, self.prompt_key, self.analyze = list(cards), prompt_key, analyze
        self.title, self.letter, self.clock, self.seed = title, letter, clock, seed
        self.order = list(range(len(self.cards)))
        random.Random(seed).shuffle(self.order)
        self.position = 0
        self.attempts: list[dict] = [
            a
            for a in self._load_saved("Your earlier attempts could not be read.").get(
                "attempts", []
            )
            if isinstance(a, dict) and isinstance(a.get("score"), int)
        ]
        self.card_html = w.HTML()
        self.answer = w.Textarea(
            description="Your answer",
            placeholder="Say it as you would in the room, then press Check my answer.",
            layout=w.Layout(width="100%", height="7em"),
        )
        self.timed = w.Checkbox(value=False, description="Timed mode", indent=False)
        self.limit = w.BoundedIntText(
            value=60, min=10, max=600, description="Seconds", layout=w.Layout(width="12em")
        )
        self.check_button = w.Button(
            layout=auto_width(), description="Check my answer", button_style="primary"
        )
        self.next_button = w.Button(layout=auto_width(), description="Next card")
        self.model_button = w.Button(layout=auto_width(), description="Show a model answer")
        self.end_button = w.Button(layout=auto_width(), description="End session and see summary")
        self.feedback = w.HTML()
        self.summary = w.HTML()
        self.check_button.on_click(lambda _b: self.check())
        self.next_button.on_click(lambda _b: self.next_card())
        self.model_button.on_click(lambda _b: self.show_model())
        self.end_button.on_click(lambda _b: self.end_session())
        self.widget = w.VBox(
            [
                self.card_html,
                self.answer,
                w.HBox([self.timed, self.limit]),
                w.HBox([self.check_button, self.next_button, self.model_button]),
                self.feedback,
                self.end_button,
                self.summary,
                self.status,
            ]
        )
        self._checked = False
        self._show_card()

    @property
    def card(self) -> dict:
        return self.cards[self.order[self.position % len(self.order)]]

    def _show_card(self) -> None:
        n = self.position % len(self.order) + 1
        self.card_html.value = (
            f"<p><strong>{escape(self.title)}, card {n} of {len(self.order)}.</strong> "
            f"The interviewer says:</p><blockquote>{escape(self.card[self.prompt_key])}"
            f"</blockquote>"
        )
        self.answer.value = ""
        self.feedback.value = ""
        self._checked = False
        self._shown_at = self.clock()

    def check(self) -> None:
        """Judge the answer to the current card and record the attempt."""
        problem = input_problem(self.answer.value, "your answer")
        if problem:
            self._say(problem, error=True)
            return
        fb = self.analyze(self.card[self.prompt_key], self.answer.value)
        seconds = round(self.clock() - self._shown_at)
        extra = ""
        if self.timed.value:
            if seconds <= self.limit.value:
                extra = f"<p>Answered in {seconds} s, inside your {self.limit.value} s.</p>"
            else:
                extra = (
                    f"<p>You took {seconds} s; in the room, aim for under "
                    f"{self.limit.value} s. Shorter is fine.</p>"
                )
        if self.letter:
            paragraph = letter_version(self.card[self.prompt_key], self.answer.value)
            if paragraph:
                extra += f"<p><strong>In a follow-up letter:</strong> {escape(paragraph)}</p>"
        self.feedback.value = feedback_html(fb, "Your answer") + extra
        record = {
            "card": self.card["id"],
            "answer": self.answer.value,
            "score": fb.score,
            "failed": list(fb.failed),
            "seconds": seconds if self.timed.value else None,
        }
        if self._checked:
            self.attempts[-1] = record
        else:
            self.attempts.append(record)
        self._checked = True
        self._store_all()
        self._copy_to_workbook(
            f"{self.exercise}:{self.card['id']}", self.answer.value, fb.score, fb.level
        )

    def next_card(self) -> None:
        """Move on; an answer typed but not checked is checked first, so it is kept."""
        if self.answer.value.strip() and not self._checked:
            self.check()
        self.position += 1
        self._show_card()

    def show_model(self) -> None:
        self.feedback.value += (
            f"<p><strong>A model answer:</strong> {escape(self.card['model_response'])}</p>"
        )

    def end_session(self) -> None:
        """Summarise every attempt saved so far, with the scores drawn as a chart."""
        scores = [a["score"] for a in self.attempts]
        if not scores:
            self.summary.value = "<p>No attempts yet: answer a card first.</p>"
            return
        misses: dict[str, int] = {}
        for a in self.attempts:
            for check in a.get("failed", []):
                misses[check] = misses.get(check, 0) + 1
        common = ", ".join(f"{k} ({v})" for k, v in sorted(misses.items(), key=lambda kv: -kv[1]))
        self.summary.value = (
            f"<p><strong>{len(scores)} attempts, average {round(sum(scores) / len(scores))}/100, "
            f"best {max(scores)}/100.</strong></p>"
            f"<p>Most often missed: {escape(common) if common else 'nothing'}.</p>"
            + score_chart_svg(scores)
        )

    def _store_all(self) -> None:
        self._save({"seed": self.seed, "attempts": self.attempts})


def show_reservation_drill(seed: int = 1, store: str | None = "reservation-drill.json") -> Drill:
    """Chapter 6: answer the interviewer's doubts, card by card."""
    return Drill(
        reservation_cards(),
        "concern",
        analyze_reservation,
        "Reservation drill",
        seed=seed,
        store=work_dir() / store if store else None,
        letter=True,
        workbook=work_dir() / WORKBOOK_FILE if store else None,
        exercise="reservation-drill",
    )


def show_noncommittal_drill(seed: int = 1, store: str | None = "noncommittal-drill.json") -> Drill:
    """Chapter 7: turn a vague answer into questions about the process."""
    return Drill(
        noncommittal_cards(),
        "reply",
        analyze_noncommittal,
        "Vague-answer drill",
        seed=seed,
        store=work_dir() / store if store else None,
        workbook=work_dir() / WORKBOOK_FILE if store else None,
        exercise="noncommittal-drill",
    )
