"""The final five minutes as a role-play with a scripted interviewer (chapter 9).

No server and no AI: the interviewer's reaction to the learner's close (a
yes, a reservation or a vague answer) is drawn from the banks by a seeded
random choice that also depends on how strong the close was, so the same
seed and the same words always replay the same conversation.
"""

from __future__ import annotations

import random
from html import escape
from pathlib import Path

import ipywidgets as w

from closing_kit.analysis import (
    analyze_closing,
    analyze_noncommittal,
    analyze_reservation,
    input_problem,
)
from closing_kit.banks import (
    closing_examples,
    noncommittal_cards,
    reservation_cards,
    roleplay_lines,
)
from closing_kit.storage import work_dir
from closing_kit.widgets._saving import SavedView, auto_width
from closing_kit.workbook.store import DEFAULT_FILE as WORKBOOK_FILE

__all__ = ["RolePlay", "show_roleplay"]

PROMPTS = {
    "close": "Step 1. The interviewer asks if you have any last questions. "
    "Thank them, sum up your fit, and ask your closing question.",
    "respond": "Step 2. Respond to what the interviewer just said.",
    "next_steps": "Step 3. Ask about the next steps, and whether you may follow up.",
}
CHAPTERS = {
    "close": "chapter 5",
    "yes": "chapter 5",
    "reservation": "chapter 6",
    "noncommittal": "chapter 7",
    "next_steps": "chapters 3 and 4",
}
#: After a yes, a good move thanks them and asks what happens next.
YES_MOVES = [
    ("Thank them and ask what happens next", "Thank you, that's great to hear. "
     "What are the next steps, and roughly when will I hear?"),
    ("Ask about the salary straight away", "Great! So what's the salary, and is there a bonus?"),
]  # fmt: skip
NEXT_MOVES = [
    ("Ask about timing and permission to follow up", "Thank you. What happens next, and when do "
     "you expect to decide? If I haven't heard by then, may I email you?"),
    ("Just say goodbye", "OK, bye."),
]  # fmt: skip


def reaction_for(seed: int, close_score: int) -> tuple[str, int]:
    """The interviewer's reaction kind and which line to use, for this seed and close."""
    rng = random.Random(f"{seed}:{close_score}")
    roll = rng.random()
    yes_upto, doubt_upto = (0.5, 0.8) if close_score >= 75 else (0.15, 0.6)
    kind = "yes" if roll < yes_upto else "reservation" if roll < doubt_upto else "noncommittal"
    return kind, rng.randrange(1000)


class RolePlay(SavedView):
    """Three steps with a scripted interviewer, then a debrief against the chapters."""

    def __init__(self, seed: int = 1, store: Path | None = None, workbook: Path | None = None):
        super().__init__(store, workbook)
        self.seed = seed
        self.runs: list[dict] = [
            r for r in self._load_saved().get("runs", []) if isinstance(r, dict)
        ]
        self.transcript = w.HTML()
        self.prompt = w.HTML()
        self.moves = w.RadioButtons(description="Pick a move", options=[], value=None)
        self.words = w.Textarea(
            description="Your words",
            placeholder="Write what you would say, or pick a move above and edit it.",
            layout=w.Layout(width="100%", height="7em"),
        )
        self.say_button = w.Button(
            layout=auto_width(), description="Say it", button_style="primary"
        )
        self.restart_button = w.Button(layout=auto_width(), description="Start again")
        self.debrief = w.HTML()
        self.moves.observe(self._on_move, names="value")
        self.say_button.on_click(lambda _b: self.say())
        self.restart_button.on_click(lambda _b: self.restart())
        self.widget = w.VBox(
            [
                self.transcript,
                self.prompt,
                self.moves,
                self.words,
                w.HBox([self.say_button, self.restart_button]),
                self.debrief,
                self.status,
            ]
        )
        self.restart()

    # -- the conversation ----------------------------------------------------
    def restart(self) -> None:
        self.step = "close"
        self.lines: list[tuple[str, str]] = [
            ("Interviewer", "That's everything from me. Is there anything you'd like to ask?")
        ]
        self.steps: list[dict] = []
        self.reaction: tuple[str, dict | str] | None = None
        self.debrief.value = ""
        self._show()

    def say(self) -> None:
        """The learner speaks; the interviewer answers; the next step opens."""
        problem = input_problem(self.words.value, "what you would say")
        if problem:
            self._say(problem, error=True)
            return
        text = self.words.value
        self.lines.append(("You", text))
        if self.step == "close":
            fb = analyze_closing(text)
            self._record("close", "Your close", fb)
            kind, pick = reaction_for(self.seed, fb.score)
            if kind == "reservation":
                card = reservation_cards()[pick % len(reservation_cards())]
                self.reaction = ("reservation", card)
                self.lines.append(("Interviewer", card["concern"]))
            elif kind == "noncommittal":
                card = noncommittal_cards()[pick % len(noncommittal_cards())]
                self.reaction = ("noncommittal", card)
                self.lines.append(("Interviewer", card["reply"]))
            else:
                line = roleplay_lines()["yes_replies"][pick % 3]
                self.reaction = ("yes", line)
                self.lines.append(("Interviewer", line))
            self.step = "respond"
        elif self.step == "respond":
            kind, said = self.reaction
            if kind == "reservation":
                fb = analyze_reservation(said["concern"], text)
                self.lines.append(("Interviewer", "Thank you, that's helpful to know."))
            elif kind == "noncommittal":
                fb = analyze_noncommittal(said["reply"], text)
            else:
                fb = analyze_noncommittal(said, text)
            labels = {"reservation": "Answering a reservation", "noncommittal":
                      "Answering a vague reply", "yes": "Taking the yes"}  # fmt: skip
            self._record(kind, labels[kind], fb)
            self.step = "next_steps"
        elif self.step == "next_steps":
            fb = analyze_noncommittal("", text)
            self._record("next_steps", "Next steps and follow-up", fb)
            lines = roleplay_lines()
            rng = random.Random(f"{self.seed}:next")
            self.lines.append(("Interviewer", rng.choice(lines["next_steps_replies"])))
            if "door_open" not in fb.failed and lines.get("permission_replies"):
                self.lines.append(("Interviewer", rng.choice(lines["permission_replies"])))
            self.lines.append(("Interviewer", rng.choice(lines["goodbyes"])))
            self.step = "done"
            self._show_debrief()
            said = "\n".join(f"{who}: {line}" for who, line in self.lines)
            overall = min(self.steps, key=lambda s: s["score"])
            # The weakest step's score and level stand for the whole conversation.
            self._copy_to_workbook("roleplay", said, overall["score"], overall["level"])
        self.words.value = ""
        self._show()
        self._store_all()

    def _record(self, step: str, label: str, fb) -> None:
        self.steps.append(
            {
                "step": step,
                "label": label,
                "score": fb.score,
                "level": fb.level,
                "missed": [c.label for c in fb.checks if not c.passed],
                "chapter": CHAPTERS[step],
            }
        )

    # -- view ----------------------------------------------------------------
    def _on_move(self, change) -> None:
        if change["new"] is not None:
            self.words.value = change["new"]

    def _move_options(self) -> list[tuple[str, str]]:
        if self.step == "close":
            bank = closing_examples()
            return [
                ("A model close", bank["strong"][0]["text"]),
                ("A weak close", bank["weak"][0]["text"]),
            ]
        if self.step == "respond":
            kind, said = self.reaction
            if kind == "yes":
                return YES_MOVES
            return [
                ("A strong response", said["model_response"]),
                ("A weak response", said["weak_response"]),
            ]
        if self.step == "next_steps":
            return NEXT_MOVES
        return []

    def _show(self) -> None:
        self.transcript.value = "".join(
            f"<p><strong>{escape(who)}:</strong> {escape(text)}</p>" for who, text in self.lines
        )
        done = self.step == "done"
        self.prompt.value = (
            "<p><strong>The interview is over.</strong> Read the debrief below.</p>"
            if done
            else f"<p><strong>{escape(PROMPTS[self.step])}</strong></p>"
        )
        self.moves.unobserve(self._on_move, names="value")
        self.moves.options = [(label, text) for label, text in self._move_options()]
        self.moves.value = None
        self.moves.observe(self._on_move, names="value")
        for widget in (self.moves, self.words, self.say_button):
            widget.disabled = done

    def _show_debrief(self) -> None:
        rows = "".join(
            f"<tr><td>{escape(s['label'])}</td><td>{s['score']}/100</td>"
            f"<td>{escape(', '.join(s['missed']) or 'nothing')}</td>"
            f"<td>{escape(s['chapter'])}</td></tr>"
            for s in self.steps
        )
        self.debrief.value = (
            "<h4>Debrief</h4><table><thead><tr><th>Step</th><th>Score</th><th>Missed</th>"
            f"<th>Read again</th></tr></thead><tbody>{rows}</tbody></table>"
            "<p>Before you leave the building: collect everyone's name, title and contact "
            "details (chapter 2). Straight afterwards: write down everything you remember "
            "(chapter 8).</p>"
        )

    def _store_all(self) -> None:
        current = {"seed": self.seed, "lines": self.lines, "steps": self.steps}
        self._save({"runs": [*self.runs, current]})
        if self.step == "done":
            self.runs.append(current)


def show_roleplay(seed: int = 1, store: str | None = "roleplay.json") -> RolePlay:
    """The role-play, each conversation saved to ``store`` in the learner's work folder."""
    if not store:
        return RolePlay(seed=seed)
    return RolePlay(seed=seed, store=work_dir() / store, workbook=work_dir() / WORKBOOK_FILE)
