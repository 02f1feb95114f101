"""The memory dump (chapter 8): chapter 8's headings as boxes, and an optional ten-minute timer.

The timer only counts down; it never stops the learner typing, and every
box is saved as it changes.
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
    """A box per heading, each with its prompt; a start/stop countdown."""

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
        self.timer_label = w.Label(value=self.countdown.label(0))
        self.boxes: dict[str, w.Textarea] = {}
        rows: list[w.Widget] = [w.HBox([self.timer_button, self.timer_label])]
        for prompt in prompts():
            box = self.text(prompt.heading, placeholder=f"e.g. {prompt.example}", area=True)
            self.bind_text(box, "memory", prompt.id)
            self.boxes[prompt.id] = box
            rows += [w.HTML(f"<p><strong>{escape(prompt.heading)}.</strong> "
                            f"{escape(prompt.prompt)}</p>"), box]  # fmt: skip
        return rows

    def show(self) -> None:
        for key, box in self.boxes.items():
            box.value = self.workbook["memory"][key]

    # -- the countdown -----------------------------------------------------
    def _on_timer(self, _button=None) -> None:
        if self.countdown.running:
            self.countdown.stop()
            self.timer_button.description = f"Start the {self.countdown.seconds // 60}-minute timer"
            self.tick()
            return
        self.countdown.start(self.clock())
        self.timer_button.description = "Stop the timer"
        self.tick()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a script or a test): tick() is called by hand
            return
        self._task = loop.create_task(self._run())

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
