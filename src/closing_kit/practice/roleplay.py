"""The final five minutes as a conversation with a scripted interviewer (chapter 9).

No server and no AI: a small state machine whose states, lines and moves are
in ``data/roleplay.json``. After the close the interviewer answers with one of
four endings (a yes, a reservation, a vague answer or a no), drawn by a seeded
choice that also depends on how strong the close was, so the same seed and the
same words always replay the same conversation.

The conversation listens: a question about the process, or a request to follow
up, is answered in the interviewer's next line and never asked for again; an
answer that misses the stated doubt (the reservation check's own
``addresses_concern`` decides) is told so; the interviewer speaks once per
turn, and never says two things about the process that disagree (each line's
``facts``). Saved as ``{"seed", "lines", "steps"}``, a run is replayed from
the learner's own lines (``from_data``), so a half-finished one resumes.
"""

from __future__ import annotations

from closing_kit.analysis import (
    Check,
    Feedback,
    analyze_closing,
    analyze_noncommittal,
    analyze_reservation,
    input_problem,
    level_for,
)
from closing_kit.analysis.compat import Random
from closing_kit.analysis.tokens import has_words, words
from closing_kit.banks import (
    closing_examples,
    noncommittal_cards,
    reservation_cards,
    roleplay_lines,
)

__all__ = ["Conversation", "contradictions", "judge_no", "permission_channel", "reaction_for"]

#: Words that ask to follow up by email, or by phone, each found as whole words.
_EMAIL = ("e-mail", "email", "write to you", "message you", "send you a note")
_CALL = ("call", "phone", "ring")
#: The states the learner answers one of the four endings in.
ENDINGS = ("yes", "reservation", "noncommittal", "no")


def reaction_for(seed: int, close_score: int) -> tuple[str, int]:
    """The interviewer's ending and which line to use, for this seed and close."""
    rng = Random(f"{seed}:{close_score}")  # CPython's choices, in every Python
    roll = rng.random()
    odds = roleplay_lines()["reaction_odds"]
    table = odds["strong"] if level_for(close_score) == "strong" else odds["other"]
    kind, upto = table[-1][0], 0.0
    for name, share in table:
        upto += share
        if roll < upto:
            kind = name
            break
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


def judge_no(card: dict, text: str, said: str = "", heard: Feedback | None = None) -> Feedback:
    """A reply to a no (``card``, one of the script's ``no_replies``), judged as a coach would.

    Gracious, a good last impression, what would help where they may say (feedback,
    another role, the process), and no arguing: a reply that argues or asks
    again for a verdict needs work, however polite its other words (``no_arguing``'s
    ``cap``). ``heard`` is ``text`` as the vague-answer rubric reads it, if known.
    """
    script = roleplay_lines()
    said = said or card["line"]
    heard = heard or analyze_noncommittal(said, text)
    own, weights = script["own_checks"], script["no_weights"]
    by_id = {c.id: c for c in heard.checks}
    checks, cap = [], 100
    for check_id in card["checks"]:
        if check_id not in own:
            c = by_id[check_id]
            checks.append(Check(c.id, c.label, c.passed, weights.get(c.id, c.weight), c.message,
                                c.found))  # fmt: skip
            continue
        spec = own[check_id]
        if check_id == "no_arguing":
            calm = "not_defensive" not in analyze_reservation(said, text).failed
            verdict = "asks_feedback" not in card["checks"]  # they said they won't give one
            lent = by_id["no_pushing"]
            lent_pushes = not lent.passed and not set(lent.found) <= set(spec["lent_cues_ignored"])
            passed = calm and not lent_pushes and not _pushes_after_no(spec, said, text, verdict)
        else:
            passed = any(has_words(text, w) for w in spec["words"])
            if check_id == "keeps_door_open":
                passed = passed or by_id["door_open"].passed
        if not passed and "cap" in spec:
            cap = min(cap, spec["cap"])
        message = spec["passed"] if passed else spec["failed"]
        checks.append(Check(check_id, spec["label"], passed, spec["weight"], message, ()))
    fb = _scored("noncommittal", checks)
    if fb.score <= cap:
        return fb
    return Feedback(fb.kind, cap, level_for(cap), fb.checks, fb.suggestion)


def _pushes_after_no(spec: dict, said: str, text: str, verdict: bool) -> bool:
    """Asks them to change their answer, disputes it or sulks (``words``), asks for the
    verdict anyway where they gave none (``verdict``), or accepts and then pushes:
    "I understand, but could you just tell me?" (see ``no_arguing``'s ``_about``)."""
    cues = spec["words"] + (spec["verdict_words"] if verdict else [])
    if any(has_words(text, w) for w in cues):
        return True
    sentence = ""
    for ch in (text or "") + ".":
        if ch not in ".!?":
            sentence += ch
            continue
        heard = words(sentence)
        sentence = ""
        for turn in ("but", "however"):
            if turn not in heard[1:]:
                continue
            rest = " ".join(heard[heard.index(turn, 1) + 1 :])
            if any(has_words(rest, w) for w in spec["process_words"]) or _asks_process(said, rest):
                continue  # "I understand, but when will the panel meet?" asks about the process
            if ch == "?" or any((rest + " ").startswith(o + " ") for o in spec["but_openers"]):
                return True
    return False


def _asks_process(said: str, text: str) -> bool:
    return "asks_process" not in analyze_noncommittal(said, text + "?").failed


def contradictions(facts) -> list[tuple[str, str]]:
    """Pairs of facts that disagree: the same topic ("hear") with two values."""
    seen = {}
    out = []
    for fact in facts:
        topic = fact.split(":")[0]
        if topic in seen and seen[topic] != fact:
            out.append((seen[topic], fact))
        seen.setdefault(topic, fact)
    return out


class Conversation:
    """The close, one of four endings, perhaps the next steps, then a debrief.

    ``state`` is a key of the script's ``states``; ``say`` moves it along one
    of that state's ``next`` (and nowhere else).
    """

    def __init__(self, seed: int = 1):
        self.seed = seed
        self.script = roleplay_lines()
        self.state = "close"
        self.lines = [("Interviewer", self.script["opening"])]
        self.steps = []
        self.reaction = None  # (ending, the card or line it came from)
        self.facts = []  # what the interviewer has said about the process
        self.asked = {}  # need id -> the learner's words that asked it
        self.remaining = []  # what the last step still asks for
        self._rng = Random(f"{seed}:talk")

    @classmethod
    def from_data(cls, run: dict, finished: bool = False) -> Conversation:
        """The saved ``run`` replayed from the learner's own lines, where it stopped.

        A ``finished`` run that replays differently (one brought in from an older
        file, or from before the script changed) is shown exactly as it was saved.
        """
        seed = run.get("seed")
        c = cls(seed if isinstance(seed, int) else 1)
        for line in run.get("lines", []):
            if line.get("who") == "You" and not c.done:
                c.say(line.get("text", ""))
        saved = [(line.get("who", ""), line.get("text", "")) for line in run.get("lines", [])]
        if finished and (c.lines != saved or not c.done):
            c.lines, c.steps, c.state = saved, [dict(s) for s in run.get("steps", [])], "done"
        return c

    @property
    def step(self) -> str:
        return self.state

    @property
    def done(self) -> bool:
        return self.state == "done"

    @property
    def prompt(self) -> str:
        node = self.script["states"][self.state]
        if self.state != "next_steps":
            return node["prompt"]
        ask = "both" if len(self.remaining) > 1 else self.remaining[0]
        return node["prompt"].replace("{ask}", node["asks"][ask])

    def say(self, text: str) -> str | None:
        """The learner speaks and the interviewer answers; returns a problem, or ``None``.

        Text the engine refuses is not said: the conversation stays where it was.
        """
        if self.done:
            return "The interview is over: press Start again to practice once more."
        problem = input_problem(text, "what you would say")
        if problem:
            return problem
        said = self._interviewer_said_last()
        self.lines.append(("You", text))
        if self.state == "close":
            self._after_close(text)
        elif self.state == "next_steps":
            self._after_next_steps(said, text)
        else:
            self._after_ending(said, text)
        return None

    # -- the steps ---------------------------------------------------------------------
    def _after_close(self, text: str) -> None:
        fb = analyze_closing(text)
        self._record("close", fb)
        kind, pick = reaction_for(self.seed, fb.score)
        s = self.script
        if kind == "reservation":
            card = _pick(reservation_cards(), pick)
            line, facts = card["concern"], []
        elif kind == "noncommittal":
            card = _pick(noncommittal_cards(), pick)
            line, facts = card["reply"], s["vague_facts"].get(card["id"], [])
        elif kind == "no":
            card = _pick(s["no_replies"], pick)
            line, facts = card["line"], card["facts"]
        else:
            n = pick % len(s["yes_replies"])
            card = {"id": f"yes-{n}", "line": s["yes_replies"][n]}
            line, facts = card["line"], s["yes_facts"][n]
        self.reaction = (kind, card)
        self._speak([line], facts, kind)

    def _after_ending(self, said: str, text: str) -> None:
        kind, card = self.reaction
        node = self.script["states"][kind]
        heard = analyze_noncommittal(said, text)
        if kind == "reservation":
            fb = analyze_reservation(card["concern"], text)
            ignored = "addresses_concern" in fb.failed
            after = self.script["after_reservation"]
            first = self._choose(after["ignored" if ignored else "answered"])
        elif kind == "no":
            fb = judge_no(card, text, said, heard)
            asked_feedback = "asks_feedback" in card["checks"] and "asks_feedback" not in fb.failed
            first = card.get("feedback_answer") if asked_feedback else None
            first = first or card["after"]
        else:
            fb = _subset(heard, node["checks"])
            first = self._choose(self.script["after_yes" if kind == "yes" else "after_vague"])
        if kind != "reservation" and {"no_pushing", "no_arguing"} & set(fb.failed):
            # Pushed for a verdict or argued: the interviewer does not thank them for it.
            first = self._choose(self.script["after_pushing"]["yes" if kind == "yes" else "other"])
        self._record(kind, fb)
        needs = card["needs"] if kind == "no" else self.script["needs"]
        newly = self._newly_asked(heard, text, needs)
        parts = [first]
        if kind == "noncommittal" and "asks_process" in newly:
            parts = []  # the answer to their question is the reply
        parts += self._answers(newly, text)
        self.remaining = [n for n in needs if n not in self.asked]
        if self.remaining:
            self._speak(parts, [], "next_steps")
            return
        if needs:  # everything asked already: the next-steps row, with nothing asked twice
            self._record("next_steps", self._next_steps_feedback(None))
        parts.append(self._choose(self.script["goodbyes"]))
        self._speak(parts, [], "done")

    def _after_next_steps(self, said: str, text: str) -> None:
        heard = analyze_noncommittal(said, text)
        newly = self._newly_asked(heard, text, self.remaining)
        self._record("next_steps", self._next_steps_feedback(heard))
        parts = self._answers(newly, text) + [self._choose(self.script["goodbyes"])]
        self._speak(parts, [], "done")

    # -- what the interviewer says -------------------------------------------------------
    def _speak(self, parts: list[str], facts: list[str], to: str) -> None:
        """One line for the whole turn, then the next state (only one the script allows)."""
        if to not in self.script["states"][self.state]["next"]:
            raise ValueError(f"roleplay.json: no way from {self.state!r} to {to!r}")
        self.facts += [f for f in facts if f not in self.facts]
        self.lines.append(("Interviewer", " ".join(p for p in parts if p)))
        self.state = to

    def _answers(self, newly: list[str], text: str) -> list[str]:
        """The answer to a question about the process, and to a request to follow up."""
        s = self.script
        out = []
        if "asks_process" in newly:
            kind, card = self.reaction
            options = []
            if kind == "noncommittal" and card["id"] in s["vague_process"]:
                options = [s["vague_process"][card["id"]]]
            replies, facts = s["next_steps_replies"], s["next_steps_facts"]
            options = [o for o in options if self._fits(o["facts"])] or [
                {"text": replies[n], "facts": facts[n]}
                for n in range(len(replies))  # no zip(strict=...): MicroPython runs this
                if self._fits(facts[n])
            ]
            if options:
                chosen = self._choose(options)
                out.append(chosen["text"])
                self.facts += chosen["facts"]
            else:
                out.append(s["process_fallback"])
        if "door_open" in newly:
            channel = permission_channel(text)
            out.append(self._choose(s["permission_replies"][channel]))
            self.facts += s["permission_facts"][channel]
        return out

    def _fits(self, facts: list[str]) -> bool:
        return not contradictions(self.facts + list(facts))

    def _choose(self, items: list):
        return items[self._rng.randrange(len(items))]

    def _interviewer_said_last(self) -> str:
        said = [line for who, line in self.lines if who == "Interviewer"]
        return said[-1] if said else ""

    # -- judging ---------------------------------------------------------------------------
    def _newly_asked(self, heard: Feedback, text: str, needs: list[str]) -> list[str]:
        """The needs this turn asked for for the first time (the engine's own checks)."""
        passed = {c.id: c for c in heard.checks if c.passed}
        # "May I email you if I haven't heard?" is asking leave to follow up.
        asks_leave = permission_channel(text) != "any" and "?" in text
        if "door_open" in needs and "door_open" not in passed and asks_leave:
            passed["door_open"] = Check("door_open", "", True, 0, "", ())
        newly = [n for n in needs if n in passed and n not in self.asked]
        for n in newly:
            self.asked[n] = list(passed[n].found) or [text]
        return newly

    def _next_steps_feedback(self, heard: Feedback | None) -> Feedback:
        """Each need passes if it was asked at any turn; the last turn's manner too."""
        labels = {}
        template = analyze_noncommittal("", "x")
        for c in template.checks:
            labels[c.id] = c
        checks = []
        for need in self.script["needs"]:
            base = labels[need]
            asked = need in self.asked
            message = "You asked." if asked else base.message
            checks.append(
                Check(need, base.label, asked, base.weight, message, self.asked.get(need, []))
            )
        if heard is not None:
            for c in heard.checks:
                if c.id in self.script["states"]["next_steps"]["checks"]:
                    checks.append(c)
        return _scored("noncommittal", checks)

    def _record(self, step: str, fb: Feedback) -> None:
        node = self.script["states"][step]
        self.steps.append(
            {
                "step": step,
                "label": node["label"],
                "score": fb.score,
                "level": fb.level,
                "failed": list(fb.failed),
                "missed": list(fb.failed_labels),
                "chapter": node["chapter"],
            }
        )

    # -- what the learner sees -------------------------------------------------------------
    def move_options(self) -> list[tuple[str, str]]:
        """Moves to pick from at this step, as (label, words): one good, one to learn from."""
        if self.state == "close":
            bank = closing_examples()
            return [
                ("A model close", bank["strong"][0]["text"]),
                ("A weak close", bank["weak"][0]["text"]),
            ]
        if self.state == "yes":
            return [(m["label"], m["text"]) for m in self.script["yes_moves"]]
        if self.state in ENDINGS:
            card = self.reaction[1]
            return [
                ("A strong response", card["model_response"]),
                ("A weak response", card["weak_response"]),
            ]
        if self.state == "next_steps":
            ask = "both" if len(self.remaining) > 1 else self.remaining[0]
            return [(m["label"], m["text"]) for m in self.script["next_moves"][ask]]
        return []

    def debrief(self) -> dict:
        """Each step's label, score, what it missed and where to read again; then notes."""
        notes = []
        for s in self.steps:
            if s["step"] == "reservation" and "addresses_concern" in s["failed"]:
                notes.append(self.script["ignored_note"])
        return {"steps": list(self.steps), "notes": notes, "after": self.script["debrief_after"]}

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


def _subset(fb: Feedback, ids: list[str]) -> Feedback:
    """``fb`` judged on the checks ``ids`` alone (the rest belong to another step)."""
    return _scored(fb.kind, [c for c in fb.checks if c.id in ids])


def _scored(kind: str, checks: list) -> Feedback:
    """A score from the checks' weights, as the rubrics score, and the first next step."""
    total = sum(c.weight for c in checks) or 1
    score = round(100 * sum(c.weight for c in checks if c.passed) / total)
    failed = [c for c in checks if not c.passed]
    suggestion = failed[0].message if failed else "Keep it just like that."
    return Feedback(kind, score, level_for(score), checks, suggestion)


def _pick(items, n: int):
    """The ``n``-th item, wrapping round: any number of lines works, all get used."""
    return items[n % len(items)]
