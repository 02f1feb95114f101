"""The memory dump (chapter 8): chapter 8's headings as boxes, and an optional ten-minute timer.

The timer only counts down; it never stops the learner typing, and every
box is saved as it changes. It can be paused and resumed, and reset.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import ipywidgets as w

from closing_kit.widgets.base import ExerciseView, auto_width, escape
from closing_kit.workbook.memory import Countdown, prompts

__all__ = ["MemoryDumpView", "show_memory_dump"]


class MemoryDumpView(ExerciseView):
    """A box per heading, each with its prompt; a countdown to pause, resume or reset."""

    title = "Memory dump"
    sections = ("memory",)

    def build(self) -> list[w.Widget]:
        self.clock = time.monotonic
        self.countdown = Countdown()
        self._task = None
        self.timer_button = w.Button(
            description=f"Start the {self.countdown.seconds // 60}-minute timer",
            tooltip="Optional: a countdown to keep the dump quick",
            layout=auto_width(),
        )
        self.timer_button.on_click(self._on_timer)
        self.reset_button = w.Button(
            description="Reset the timer",
            tooltip="Back to the full time, stopped",
            layout=w.Layout(width="auto", display="none"),
        )
        self.reset_button.on_click(self._on_reset)
        self.timer_label = w.Label(value=self.countdown.label(0))
        self.boxes: dict[str, w.Textarea] = {}
        timer = w.HBox(
            [self.timer_button, self.reset_button, self.timer_label],
            layout=w.Layout(flex_flow="row wrap", align_items="center"),
        )
        rows: list[w.Widget] = [timer]
        for prompt in prompts():
            box = self.text(prompt.heading, placeholder=f"e.g. {prompt.example}", area=True)
            self.bind_text(box, "memory", prompt.id)
            self.boxes[prompt.id] = box
            # The heading is the box's own label; the prompt is a hint under it, so each
            # heading is shown (and read out) once.
            hint = w.HTML(f'<p class="ck-hint">{escape(prompt.prompt)}</p>')
            rows += [self.beside(box), hint]
        return rows

    def show(self) -> None:
        for key, box in self.boxes.items():
            box.value = self.workbook["memory"][key]

    # -- the countdown -----------------------------------------------------
    def _start_label(self) -> str:
        return f"Start the {self.countdown.seconds // 60}-minute timer"

    def _on_timer(self, _button=None) -> None:
        """Start, pause or resume: a pause keeps the time left."""
        if self.countdown.running:
            self._stop_ticking()
            self.countdown.pause(self.clock())
            self.timer_button.description = "Resume the timer"
            self.tick()
            return
        self.countdown.start(self.clock())
        self.timer_button.description = "Pause the timer"
        self.reset_button.layout.display = None
        self.tick()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a script or a test): tick() is called by hand
            return
        self._task = loop.create_task(self._run())

    def _on_reset(self, _button=None) -> None:
        self._stop_ticking()
        self.countdown.reset()
        self.timer_button.description = self._start_label()
        self.reset_button.layout.display = "none"
        self.tick()

    def _stop_ticking(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _run(self) -> None:
        while self.countdown.running and self.countdown.remaining(self.clock()) > 0:
            await asyncio.sleep(1)
            self.tick()

    def tick(self) -> None:
        """Update the countdown's label from the clock."""
        self.timer_label.value = self.countdown.label(self.clock())


def show_memory_dump(store: str | Path | None = None) -> MemoryDumpView:
    """The 'Memory dump' exercise, saved in the learner's work folder."""
    return MemoryDumpView(store)
