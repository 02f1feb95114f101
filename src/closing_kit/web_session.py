"""The website's session: the reader's workbook and the exercises open on it.

Each public method answers one request of the page (``closing_kit.web.OPS``
lists them): it returns what to show, as HTML for named regions of the
exercise (``regions``) and values for its boxes (``values``), and the
workbook to keep (``saved``) when it changed. The HTML is
``closing_kit.feedback_html``'s, the notebooks' own; the logic is the
practice layer's (``practice.drafts``, ``practice.drill``, ``practice.roleplay``).

Standard library only, and the subset MicroPython has (``analysis.compat``).
"""

from __future__ import annotations

from html import escape

import closing_kit.feedback_html as _html  # one wording for the notebooks and the page
from closing_kit.analysis.compat import file_json
from closing_kit.banks import closing_examples
from closing_kit.practice.drafts import ClosingDrafts
from closing_kit.practice.drill import CHECKED_FIRST, DRILLS, DrillSession, time_limit, timing_note
from closing_kit.practice.roleplay import Conversation
from closing_kit.workbook.model import new_workbook
from closing_kit.workbook.reader import read_text

__all__ = ["FILE_NAME", "Session", "joined", "to_file_text"]

#: What "Download my workbook" names the file (the notebooks' default file name).
FILE_NAME = "my-interview.json"


def joined(first: dict, **more) -> dict:
    """``{**first, **more}``, which MicroPython's parser does not read."""
    out = dict(first)
    out.update(more)
    return out


def to_file_text(workbook: dict) -> str:
    """The workbook as the notebooks save it (``safe_files.save_json``'s layout)."""
    return file_json(workbook)


def _alert(text: str) -> str:
    return _html.alert_html(text, page=True)


class Session:
    """The workbook in use and the exercises open on it."""

    def __init__(self, workbook: dict | None = None):
        self.open(workbook)

    def open(self, workbook: dict | None = None) -> None:
        """Work on ``workbook`` (a new one by default) from now on, every exercise afresh."""
        self.workbook = workbook or new_workbook()
        self.drills = {}
        self.conversation = None

    def saved(self) -> str:
        return to_file_text(self.workbook)

    # -- the closing-question drafter (chapter 5) -------------------------------------
    def closing_show(self) -> dict:
        drafts = ClosingDrafts(self.workbook["practice"]["closing"])
        return {
            "values": {"draft": drafts.data["draft"], "job_ad": drafts.data["job_ad"]},
            "regions": joined(self._closing_feedback(drafts), versions=_versions(drafts)),
        }

    def closing_edit(self, draft: str, job_ad: str = "") -> dict:
        drafts = ClosingDrafts(self.workbook["practice"]["closing"])
        drafts.data["draft"], drafts.data["job_ad"] = draft, job_ad
        return {"regions": self._closing_feedback(drafts), "saved": self.saved()}

    def closing_save(self) -> dict:
        drafts = ClosingDrafts(self.workbook["practice"]["closing"])
        version, message = drafts.save_version()
        regions = {"versions": _versions(drafts), "note": escape(message)}
        if version is None:
            regions["note"] = _alert(message)
            return {"regions": regions}
        return {"regions": regions, "saved": self.saved()}

    def closing_models(self) -> dict:
        return {"regions": {"models": _html.model_closes_html(closing_examples()["strong"][:4])}}

    @staticmethod
    def _closing_feedback(drafts: ClosingDrafts) -> dict:
        problem = drafts.problem()
        if problem:
            return {"feedback": f"<p>{escape(problem)}</p>"}
        return {"feedback": _html.feedback_html(drafts.feedback(), _html.LABELS["draft"], False)}

    # -- the drills (chapters 6 and 7) ---------------------------------------------------
    def _drill(self, kind: str) -> DrillSession:
        if kind not in self.drills:
            learner = self.workbook.get("id", "")  # each learner's own deal, resumed
            self.drills[kind] = DrillSession(
                DRILLS[kind], self.workbook["practice"][kind], None, learner
            )
        return self.drills[kind]

    def drill_show(self, kind: str) -> dict:
        session = self._drill(kind)
        return {
            "values": {"answer": ""},
            "regions": {
                "card": _html.card_html(session.heading(), session.prompt),
                "feedback": "",
                "note": "",
                "model": "",
            },
        }

    def drill_check(
        self, kind: str, answer: str, seconds: int | None = None, limit: int | None = None
    ) -> dict:
        """Judge the answer; timed (``seconds`` since the card was shown), say how it went."""
        session = self._drill(kind)
        try:
            seconds = None if seconds is None else max(0, round(float(seconds)))
        except (TypeError, ValueError, OverflowError):
            seconds = None  # a clock that did not run: judged as untimed
        fb, problem = session.check(answer, seconds)
        if fb is None:
            return {"regions": {"note": _alert(problem), "feedback": ""}}
        timing = "" if seconds is None else timing_note(seconds, time_limit(limit))
        shown = _html.drill_feedback_html(fb, timing, session.letter_paragraph(answer), False)
        return {"regions": {"note": "", "feedback": shown}, "saved": self.saved()}

    def drill_next(self, kind: str, answer: str = "") -> dict:
        """Move on; an answer not yet checked is checked and shown first, and stays put."""
        session = self._drill(kind)
        if session.unchecked(answer):
            out = self.drill_check(kind, answer)
            if "saved" in out:
                out["regions"]["note"] = _html.notice_html(CHECKED_FIRST)
            return out
        session.next_card()
        return self.drill_show(kind)

    def drill_model(self, kind: str) -> dict:
        return {"regions": {"model": _html.model_answer_html(self._drill(kind).model_answer())}}

    def drill_summary(self, kind: str) -> dict:
        summary = self._drill(kind).summary()
        # The notebook's chart, scaled by the page's stylesheet to fit a phone's width.
        chart = (
            _html.score_chart_svg(summary["scores"], css_class="ck-live-chart") if summary else None
        )
        return {"regions": {"summary": _html.drill_summary_html(summary, chart)}}

    # -- the role-play (chapter 9) -----------------------------------------------------
    def _roleplay(self) -> dict:
        return self.workbook["practice"]["roleplay"]

    def _conversation(self, restart: bool) -> str | None:
        """The conversation where the reader left it; the workbook to keep, if that changed."""
        data = self._roleplay()
        if restart:
            self.conversation = Conversation(data["seed"])
            return self.saved() if data.pop("current", None) is not None else None
        if self.conversation is None:
            if data.get("current"):
                self.conversation = Conversation.from_data(data["current"])
            elif data["runs"]:  # the last one, with its debrief
                self.conversation = Conversation.from_data(data["runs"][-1], True)
            else:
                self.conversation = Conversation(data["seed"])
        return None

    def roleplay_show(self, restart: bool = False) -> dict:
        """The conversation where the reader left it: mid-way, or the last one, debriefed."""
        saved = self._conversation(restart)
        c = self.conversation
        moves = [{"label": label, "text": text} for label, text in c.move_options()]
        return {
            "values": {"words": ""},
            "regions": {
                "transcript": _html.transcript_html(c.lines),
                "prompt": "" if c.done else _html.prompt_html(c.prompt),
                "moves": _moves(moves),
                "note": "",
                "debrief": _debrief(c) if c.done else "",
            },
            "moves": moves,
            "done": c.done,
            "saved": saved,
        }

    def roleplay_say(self, words: str) -> dict:
        if self.conversation is None:
            self.roleplay_show()
        c = self.conversation
        problem = c.say(words)
        if problem:
            return {"regions": {"note": _alert(problem)}}
        data = self._roleplay()
        if c.done:
            data.pop("current", None)
            data["runs"].append(c.to_data())
        else:
            data["current"] = c.to_data()  # so a reload carries on from here
        return joined(self.roleplay_show(), saved=self.saved())

    # -- another tab -------------------------------------------------------------------
    def sync(self, stored: str) -> dict:
        """Another tab kept newer work: carry on from it, at the same cards.

        Without this, this tab's next save would write its older workbook over
        the other tab's work. Nothing is saved here (that would echo back).
        A card already checked here is checked afresh as a new attempt, so it
        never replaces an attempt made in the other tab.
        """
        data, problem = read_text(stored)
        if problem:
            return {"ok": False}
        positions = {kind: drill.card["id"] for kind, drill in self.drills.items()}
        conversation = self.conversation
        self.open(data)
        for kind, card_id in positions.items():
            self._drill(kind).go_to(card_id)
        self.conversation = conversation
        drafts = ClosingDrafts(self.workbook["practice"]["closing"])
        return {"ok": True, "regions": {"versions": _versions(drafts)}}

    # -- the workbook file -------------------------------------------------------------
    def export(self) -> dict:
        return {"file_name": FILE_NAME, "text": self.saved()}

    def load(self, text: str) -> dict:
        """Use the workbook in ``text`` from now on, or keep the current one and say why."""
        data, problem = read_text(text)
        if problem:
            return {"ok": False, "message": f"Could not load that file: {problem}."}
        self.open(data)
        company = data["interview"]["company"]
        about = f" (the interview at {company})" if company else ""
        return {
            "ok": True,
            "message": f"Loaded your workbook{about}; your practice is shown from it.",
            "saved": self.saved(),
        }


def _versions(drafts: ClosingDrafts) -> str:
    if not drafts.versions:
        return "<p>No saved versions yet.</p>"
    rows = "".join(
        f"<li>{_html.version_html(i, v, ClosingDrafts.still_to_fix(v))}</li>"
        for i, v in enumerate(drafts.versions, 1)
    )
    return f"<ol>{rows}</ol>"


def _moves(moves: list[dict]) -> str:
    """The suggested moves as radio buttons; picking one puts its words in the box."""
    if not moves:
        return ""
    options = "".join(
        f'<label class="ck-live-move"><input type="radio" name="ck-live-move" '
        f'value="{escape(m["text"], quote=True)}"> {escape(m["label"])}</label>'
        for m in moves
    )
    legend = _html.LABELS["moves"]
    return f"<fieldset><legend>{legend} (or write your own)</legend>{options}</fieldset>"


def _debrief(c: Conversation) -> str:
    return _html.debrief_html(c.debrief()) + f"<p>{_html.CONVERSATION_KEPT}</p>"
