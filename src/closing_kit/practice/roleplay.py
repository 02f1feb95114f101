"""The final five minutes as a conversation with a scripted interviewer (chapter 9).

No server and no AI: the interviewer's reaction to the learner's close (a yes,
a reservation or a vague answer) is drawn from the banks by a seeded choice
that also depends on how strong the close was, so the same seed and the same
words always replay the same conversation. Every line the interviewer says,
the prompts and the suggested moves are in ``data/roleplay.json``.

State is one run: ``{"seed", "lines", "steps"}``; finished runs are kept in
the workbook's ``practice["roleplay"]["runs"]``.
"""

from __future__ import annotations

from closing_kit.analysis import (
    Feedback,
    analyze_closing,
    analyze_noncommittal,
    analyze_reservation,
    input_problem,
    level_for,
)
from closing_kit.analysis.compat import Random
from closing_kit.analysis.tokens import has_words
from closing_kit.banks import (
    closing_examples,
    noncommittal_cards,
    reservation_cards,
    roleplay_lines,
)

__all__ = ["Conversation", "permission_channel", "reaction_for"]

#: Words that ask to follow up by email, or by phone, each found as whole words.
_EMAIL = ("e-mail", "email", "write to you", "message you", "send you a note")
_CALL = ("call", "phone", "ring")


def reaction_for(seed: int, close_score: int) -> tuple[str, int]:
    """The interviewer's reaction kind and which line to use, for this seed and close."""
    rng = Random(f"{seed}:{close_score}")  # CPython's choices, in every Python
    roll = rng.random()
    yes_upto, doubt_upto = (0.5, 0.8) if level_for(close_score) == "strong" else (0.15, 0.6)
    kind = "yes" if roll < yes_upto else "reservation" if roll < doubt_upto else "noncommittal"
    return kind, rng.randrange(1000)


def permission_channel(text: str) -> str:
    """How the learner asked to follow up: "email", "call" or "any"."""
    wants_email = any(has_words(text, words) for words in _EMAIL)
    wants_call = any(has_words(text, words) for words in _CALL)
    if wants_email and not wants_call:
        return "email"
    if wants_call and not wants_email:
        return "call"
    return "any"


class Conversation:
    """Three steps (close, respond, next steps), then a debrief; ``say`` moves it on."""

    def __init__(self, seed: int = 1):
        self.seed = seed
        self.script = roleplay_lines()
        self.step = "close"
        self.lines = [("Interviewer", self.script["opening"])]
        self.steps = []
        self.reaction = None

    @property
    def done(self) -> bool:
        return self.step == "done"

    @property
    def prompt(self) -> str:
        return self.script["prompts"][self.step]

    def say(self, text: str) -> str | None:
        """The learner speaks and the interviewer answers; returns a problem, or ``None``.

        Text the engine refuses is not said: the conversation stays where it was.
        """
        if self.done:
            return "The interview is over: start again to practise once more."
        problem = input_problem(text, "what you would say")
        if problem:
            return problem
        self.lines.append(("You", text))
        getattr(self, f"_after_{self.step}")(text)
        return None

    def _after_close(self, text: str) -> None:
        fb = analyze_closing(text)
        self._record("close", fb)
        kind, pick = reaction_for(self.seed, fb.score)
        if kind == "reservation":
            card = _pick(reservation_cards(), pick)
            self.reaction, line = ("reservation", card), card["concern"]
        elif kind == "noncommittal":
            card = _pick(noncommittal_cards(), pick)
            self.reaction, line = ("noncommittal", card), card["reply"]
        else:
            line = _pick(self.script["yes_replies"], pick)
            self.reaction = ("yes", line)
        self.lines.append(("Interviewer", line))
        self.step = "respond"

    def _after_respond(self, text: str) -> None:
        kind, said = self.reaction
        if kind == "reservation":
            fb = analyze_reservation(said["concern"], text)
            self.lines.append(("Interviewer", self.script["after_reservation"]))
        else:
            fb = analyze_noncommittal(said["reply"] if kind == "noncommittal" else said, text)
        self._record(kind, fb)
        self.step = "next_steps"

    def _after_next_steps(self, text: str) -> None:
        reply = self._interviewer_said_last()
        fb = analyze_noncommittal(reply, text)
        self._record("next_steps", fb)
        rng = Random(f"{self.seed}:next")
        self.lines.append(("Interviewer", rng.choice(self.script["next_steps_replies"])))
        if "door_open" not in fb.failed:
            # The reply follows what the learner asked: an email, a call, or either.
            options = self.script["permission_replies"][permission_channel(text)]
            self.lines.append(("Interviewer", rng.choice(options)))
        self.lines.append(("Interviewer", rng.choice(self.script["goodbyes"])))
        self.step = "done"

    def _interviewer_said_last(self) -> str:
        said = [line for who, line in self.lines if who == "Interviewer"]
        return said[-1] if said else ""

    def _record(self, step: str, fb: Feedback) -> None:
        self.steps.append(
            {
                "step": step,
                "label": self.script["step_labels"][step],
                "score": fb.score,
                "level": fb.level,
                "failed": list(fb.failed),
                "missed": list(fb.failed_labels),
                "chapter": self.script["chapters"][step],
            }
        )

    def move_options(self) -> list[tuple[str, str]]:
        """Moves to pick from at this step, as (label, words): one good, one to learn from."""
        if self.step == "close":
            bank = closing_examples()
            return [
                ("A model close", bank["strong"][0]["text"]),
                ("A weak close", bank["weak"][0]["text"]),
            ]
        if self.step == "respond":
            kind, said = self.reaction
            if kind == "yes":
                return [(m["label"], m["text"]) for m in self.script["yes_moves"]]
            return [
                ("A strong response", said["model_response"]),
                ("A weak response", said["weak_response"]),
            ]
        if self.step == "next_steps":
            return [(m["label"], m["text"]) for m in self.script["next_moves"]]
        return []

    def debrief(self) -> dict:
        """Each step's label, score, what it missed and where to read again; the advice after."""
        return {"steps": list(self.steps), "after": self.script["debrief_after"]}

    def overall(self) -> dict | None:
        """The weakest step stands for the conversation: its score and level."""
        return min(self.steps, key=lambda s: s["score"]) if self.steps else None

    def to_data(self) -> dict:
        """The run as saved: ``{"seed", "lines": [{"who", "text"}], "steps"}``."""
        return {
            "seed": self.seed,
            "lines": [{"who": who, "text": text} for who, text in self.lines],
            "steps": [dict(s) for s in self.steps],
        }


def _pick(items, n: int):
    """The ``n``-th item, wrapping round: any number of lines works, all get used."""
    return items[n % len(items)]
