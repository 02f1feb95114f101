"""The final five minutes as a role-play with a scripted interviewer (chapter 9).

The conversation (its steps, the interviewer's lines, the debrief) is
``closing_kit.practice.roleplay``. The workbook's ``practice.roleplay`` keeps
the conversation in progress (``current``, saved at every turn, so it resumes
when the notebook runs again) and every finished one (``runs``); reopened
after the end, the last finished conversation is shown with its debrief.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from closing_kit.feedback_html import (
    CONVERSATION_KEPT,
    LABELS,
    alert_html,
    debrief_html,
    prompt_html,
    transcript_html,
)
from closing_kit.practice.roleplay import Conversation
from closing_kit.widgets.base import ExerciseView, auto_width

__all__ = ["RolePlay", "show_roleplay"]


class RolePlay(ExerciseView):
    """Two or three steps with a scripted interviewer, then a debrief against the chapters."""

    title = "Final five minutes: role-play"
    sections = ("practice.roleplay",)
    has_interview = False
    brings_in_old_practice = True

    def __init__(self, seed: int | None = None, store: str | Path | None = None):
        self.seed = seed
        super().__init__(store)

    def build(self) -> list[w.Widget]:
        self.transcript = w.HTML()
        self.prompt = w.HTML()
        self.moves = w.RadioButtons(
            description=LABELS["moves"],
            options=[],
            value=None,
            style={"description_width": "initial"},
            layout=w.Layout(width="100%"),
        )
        self.words = self.text(LABELS["words"], LABELS["words_hint"], True)
        self.words.layout.height = "7em"
        self.words_note = w.HTML()
        self.say_button = w.Button(
            layout=auto_width(), description=LABELS["say"], button_style="primary"
        )
        self.restart_button = w.Button(layout=auto_width(), description=LABELS["restart"])
        self.debrief = w.HTML()
        self.moves.observe(self._on_move, names="value")
        self.say_button.on_click(lambda _b: self.speak())
        self.restart_button.on_click(lambda _b: self.restart())
        return [
            self.transcript,
            self.prompt,
            self.moves,
            self.words,
            self.words_note,
            w.HBox([self.say_button, self.restart_button], layout=w.Layout(flex_flow="row wrap")),
            self.debrief,
        ]

    def show(self) -> None:
        data = self.workbook["practice"]["roleplay"]
        if self.seed is not None:
            data["seed"] = self.seed
        if not data.get("current") and not self.runs:
            self.restart()
            return
        # Where the learner stopped: mid-way, or the last conversation with its debrief.
        if data.get("current"):
            self.conversation = Conversation.from_data(data["current"])
        else:
            self.conversation = Conversation.from_data(self.runs[-1], finished=True)
        self.words_note.value = ""
        self.result = None
        self.debrief.value = ""
        if self.conversation.done:
            self._show_debrief()
        self._show()

    # -- the conversation ----------------------------------------------------
    @property
    def runs(self) -> list[dict]:
        return self.workbook["practice"]["roleplay"]["runs"]

    def restart(self) -> None:
        data = self.workbook["practice"]["roleplay"]
        self.conversation = Conversation(data["seed"])
        if data.pop("current", None) is not None:
            self.save(warn=False)  # the unfinished one is dropped on purpose
        self.debrief.value = ""
        self.words_note.value = ""
        self.result = None
        self._show()

    def speak(self) -> None:
        """The learner speaks; the interviewer answers; the next step opens."""
        problem = self.conversation.say(self.words.value)
        if problem:
            self.words_note.value = alert_html(problem)
            return
        self.words_note.value = ""
        self.words.value = ""
        data = self.workbook["practice"]["roleplay"]
        if self.conversation.done:
            data.pop("current", None)
            self.runs.append(self.conversation.to_data())
            self._show_debrief()
            self.save(note=CONVERSATION_KEPT, warn=False)
        else:
            data["current"] = self.conversation.to_data()
            self.save(note="So far, kept in your workbook.", warn=False)
        self._show()

    # -- view ----------------------------------------------------------------
    def _on_move(self, change) -> None:
        if change["new"] is not None:
            self.words.value = change["new"]

    def _show(self) -> None:
        c = self.conversation
        self.transcript.value = transcript_html(c.lines)
        self.prompt.value = prompt_html(c.prompt)
        self.moves.unobserve(self._on_move, names="value")
        self.moves.options = c.move_options()
        self.moves.value = None
        self.moves.observe(self._on_move, names="value")
        # After the end, nothing to type in: no empty box, no button that does nothing.
        for widget in (self.prompt, self.moves, self.words, self.words_note, self.say_button):
            widget.layout.display = "none" if c.done else None
            if hasattr(widget, "disabled"):
                widget.disabled = c.done
        self.restart_button.description = LABELS["again"] if c.done else LABELS["restart"]

    def _show_debrief(self) -> None:
        self.result = self.conversation.debrief()
        self.debrief.value = debrief_html(self.result)


def show_roleplay(seed: int | None = None, store: str | Path | None = None) -> RolePlay:
    """The role-play, each finished conversation kept in the interview's workbook."""
    return RolePlay(seed=seed, store=store)
