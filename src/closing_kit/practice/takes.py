"""Spoken takes: the live exercises' recordings, as the workbook keeps them.

The page records the learner saying their answer and measures the audio
itself (its length, and the pauses found from its energy; no words are
heard). What reaches here is those figures and the typed words the take goes
with: the audio stays in the browser's own store, under the take's ``id``.
Each take keeps the checks the engine reported for the typed words, so the
learner rates the spoken answer against the same rubric (``self``).

The page calls these through ``closing_kit.web`` (``OPS``: each takes the
open session first). Standard library only, and what MicroPython has: the
website runs this in its WebAssembly port.
"""

from __future__ import annotations

from html import escape

from closing_kit.practice.drafts import ClosingDrafts
from closing_kit.practice.roleplay import Conversation

__all__ = ["OPS", "checks_for", "pace", "summary_line"]

#: The exercises that record, by the name the page gives them.
EXERCISES = ("closing", "reservation", "noncommittal", "roleplay")
#: The longest take the workbook keeps figures for, in seconds (ten hours, the schema's limit).
MAX_SECONDS = 36000
#: A take with no sound louder than the room (nothing said, or the mic muted).
NOTHING_HEARD = (
    "No speech was heard in that take: check that the right microphone is on, "
    "then press Record it and speak."
)


def pace(words: int, spoken_ms: int):
    """Typed words per minute spoken, rounded; ``None`` when nothing was heard."""
    if spoken_ms <= 0:
        return None
    return (words * 60000 + spoken_ms // 2) // spoken_ms  # whole numbers, alike in every Python


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary_line(take: dict) -> str:
    """ "You spoke for 48 s, 3 pauses, 150 words a minute." (or why there is no pace)."""
    if take["pace"] is None:
        return NOTHING_HEARD
    spoken = (take["spoken_ms"] + 500) // 1000
    pauses = _plural(take["pauses"], "pause", "pauses")
    line = f"You spoke for {spoken} s, {pauses}, {take['pace']} words a minute."
    if take["pauses"]:
        line += f" Paused {(take['paused_ms'] + 500) // 1000} s in all."
    return line


# -- the checks a take is rated against ---------------------------------------------------
class _Listening(Conversation):
    """A conversation that keeps the feedback of each step it records."""

    def __init__(self, seed: int = 1):
        super().__init__(seed)
        self.heard = []

    def _record(self, step, fb):
        self.heard.append(fb)
        super()._record(step, fb)


def checks_for(session, exercise: str, text: str) -> tuple[str, list[dict]]:
    """The step or card ``text`` answers, and the checks the engine reports for it.

    The same analysis as the typed exercise: the drafter's close (with its job
    ad), the drill's current card, and the role-play's current step, as if
    ``text`` were said now (the conversation itself does not move).
    """
    if exercise == "closing":
        data = dict(session.workbook["practice"]["closing"])  # the typed draft stays as it is
        data["draft"] = text
        drafts = ClosingDrafts(data)
        fb = drafts.feedback()
        card = ""
    elif exercise == "roleplay":
        if session.conversation is None:
            session.roleplay_show()
        c = session.conversation
        card = c.step
        trial = _Listening.from_data(c.to_data())
        before = len(trial.heard)
        fb = None if c.done or trial.say(text) else trial.heard[before]
    else:
        drill = session._drill(exercise)
        card = drill.card["id"]
        fb = drill.kind.analyze(drill.prompt, text) if text.strip() else None
    if fb is None:
        return card, []
    return card, [{"id": c.id, "label": c.label, "typed": bool(c.passed)} for c in fb.checks]


# -- the ops -------------------------------------------------------------------------------
def _takes(session) -> list[dict]:
    return session.workbook["practice"]["takes"]


def _number(value, name: str):
    """``value`` as a finite number of seconds within the limit, or a one-line problem."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, f"the take's {name} is not a number"
    if value != value or value < 0 or value > MAX_SECONDS:
        return None, f"the take's {name} is outside 0 to {MAX_SECONDS} seconds"
    return value, None


def _valid_id(value) -> bool:
    return (
        isinstance(value, str)
        and 0 < len(value) <= 64
        and all(c == "-" or "a" <= c <= "z" or "A" <= c <= "Z" or "0" <= c <= "9" for c in value)
    )


#: What the page measures and sends with a take (seconds; pauses a count; recorded a time).
FIGURES = ("seconds", "spoken", "pauses", "paused", "recorded")


def take_add(session, exercise: str, id: str, text: str = "", **figures) -> dict:
    """Keep a new take's figures (never its audio); show its line, its rating form, the list."""
    if exercise not in EXERCISES:
        return _refused(exercise, f"there is no exercise called {exercise!r} to record for")
    if not _valid_id(id) or any(t["id"] == id for t in _takes(session)):
        return _refused(exercise, "the take has no usable id")
    unknown = sorted(k for k in figures if k not in FIGURES)
    if unknown:
        return _refused(
            exercise, f"the take has a figure this version does not know ({unknown[0]})"
        )
    pauses, recorded = figures.get("pauses", 0), figures.get("recorded", "")
    ms = {}
    for name in ("seconds", "spoken", "paused"):
        number, problem = _number(figures.get(name, 0), name)
        if problem:
            return _refused(exercise, problem)
        ms[name] = round(number * 1000)  # whole milliseconds: no float's digits to differ
    if isinstance(pauses, bool) or not isinstance(pauses, int) or not 0 <= pauses <= 100000:
        return _refused(exercise, "the take's count of pauses is not a whole number")
    text = text if isinstance(text, str) else ""
    card, checks = checks_for(session, exercise, text)
    words = len(text.split())
    spoken_ms = min(ms["spoken"], ms["seconds"])
    take = {
        "id": id,
        "exercise": exercise,
        "card": card,
        "recorded": recorded if isinstance(recorded, str) else "",
        "length_ms": ms["seconds"],
        "spoken_ms": spoken_ms,
        "pauses": pauses if spoken_ms > 0 else 0,
        "paused_ms": min(ms["paused"], spoken_ms),
        "words": words,
        "pace": pace(words, spoken_ms),
        "checks": checks,
        "self": None,
    }
    _takes(session).append(take)
    regions = _list_regions(session, exercise)
    regions["spoken"] = _spoken(take)
    regions["rate"] = _rate_form(take)
    return {"regions": regions, "saved": session.saved()}


def take_rate(session, exercise: str, id: str, said=()) -> dict:
    """The learner's own rating: the ids of the checks they said out loud."""
    take = _find(session, id)
    if take is None:
        return _refused(exercise, "that take is no longer in your workbook")
    known = [c["id"] for c in take["checks"]]
    take["self"] = [c for c in known if c in list(said or ())]
    regions = _list_regions(session, exercise)
    regions["rate"] = f"<p>{escape(_rating_line(take))} Kept in your workbook.</p>"
    return {"regions": regions, "saved": session.saved()}


def take_delete(session, exercise: str, id: str) -> dict:
    """Forget a take's figures (the page deletes its audio)."""
    takes = _takes(session)
    kept = [t for t in takes if t["id"] != id]
    if len(kept) == len(takes):
        return _refused(exercise, "that take is no longer in your workbook")
    takes[:] = kept
    regions = _list_regions(session, exercise)
    regions["spoken"] = ""
    regions["rate"] = ""
    return {"regions": regions, "saved": session.saved()}


def take_list(session, exercise: str) -> dict:
    """This exercise's takes, numbered by attempt."""
    return {"regions": _list_regions(session, exercise), "ids": _ids(session, exercise)}


def _find(session, id: str):
    for take in _takes(session):
        if take["id"] == id:
            return take
    return None


def _ids(session, exercise: str) -> list[str]:
    return [t["id"] for t in _takes(session) if t["exercise"] == exercise]


def _refused(exercise: str, problem: str) -> dict:
    return {"regions": {"spoken": f'<p class="ck-live-problem">Not kept: {escape(problem)}.</p>'}}


def _spoken(take: dict) -> str:
    return f'<p class="ck-live-spoken"><strong>{escape(summary_line(take))}</strong></p>'


def _rating_line(take: dict) -> str:
    if take["self"] is None:
        return "Not rated yet."
    return f"You rated it {len(take['self'])} of {len(take['checks'])} checks said."


def _rate_form(take: dict) -> str:
    """A tick box per check; each says whether the typed words had it."""
    if not take["checks"]:
        return ""
    boxes = "".join(
        f'<label class="ck-live-move"><input type="checkbox" name="ck-take-said" '
        f'value="{escape(c["id"], quote=True)}"> {escape(c["label"])} '
        f'<span class="ck-live-hint">(typed: {"yes" if c["typed"] else "not yet"})</span></label>'
        for c in take["checks"]
    )
    return (
        "<fieldset><legend>Rate what you said out loud: tick each one you said</legend>"
        f"{boxes}</fieldset>"
        f'<button type="button" data-take-action="rate" data-take="{escape(take["id"])}">'
        "Save my rating</button>"
    )


def _list_regions(session, exercise: str) -> dict:
    mine = [t for t in _takes(session) if t["exercise"] == exercise]
    if not mine:
        return {"takes": "<p>No takes yet.</p>"}
    rows = []
    for n, take in enumerate(mine, 1):
        tid = escape(take["id"], quote=True)
        buttons = "".join(
            f'<button type="button" data-take-action="{action}" data-take="{tid}" '
            f'aria-label="{text}, take {n}">{text}</button>'
            for action, text in (
                ("play", "Play"),
                ("download", "Download this take"),
                ("delete", "Delete"),
            )
        )
        rows.append(
            f'<li data-take-row="{tid}"><strong>Take {n}.</strong> '
            f"{escape(summary_line(take))} {escape(_rating_line(take))}"
            f'<span class="ck-live-buttons">{buttons}</span></li>'
        )
    return {"takes": f"<p><strong>Your takes</strong></p><ol>{''.join(rows)}</ol>"}


#: The ops ``closing_kit.web.call`` runs with the open session first.
OPS = {
    "take_add": take_add,
    "take_rate": take_rate,
    "take_delete": take_delete,
    "take_list": take_list,
}
