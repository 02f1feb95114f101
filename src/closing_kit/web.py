"""The live exercises' front door in a browser's Python: JSON text in, JSON text out.

The website's practice pages run this module in MicroPython's WebAssembly port
(or in Pyodide, with ``?ck-engine=pyodide``). The page's script
sends one request (``call('{"op": "closing_edit", "draft": "..."}')``) and
gets back what to show: HTML for named regions of the exercise, values for
its boxes, and the workbook to keep (``saved``) when it changed. Every score,
check and word the reader sees comes from the same code Jupyter and the
command line use (``analysis``, ``practice``, ``feedback_html``);
the script only puts it on the page.

The reader's work is a workbook (``workbook.model.new_workbook``, format
version 4), kept by the page in the browser's storage; ``export`` gives it as
the same JSON file the notebooks and ``closing-kit workbook check`` read, and
``load`` reads one back: checked, migrated from an older version, or refused
with one line while the current work stays as it was.

Standard library only, like the engine, and the subset of it MicroPython has:
what that lacks (patterns with counts, CPython's JSON errors and file layout)
comes from ``analysis.compat``, done the same way in every Python. The
workbook's schema is checked by a small validator here (``schema_problems``),
never by jsonschema.
"""

from __future__ import annotations

import datetime as dt
import json
from html import escape

import closing_kit.feedback_html as _html  # one wording for the notebooks and the page
from closing_kit.analysis import analyze_closing, analyze_noncommittal, analyze_reservation
from closing_kit.analysis import letter_version as _letter_version
from closing_kit.analysis.compat import BadJSON, file_json, full_match, loads
from closing_kit.banks import closing_examples
from closing_kit.practice.drafts import ClosingDrafts
from closing_kit.practice.drill import (
    CHECKED_FIRST,
    DRILLS,
    DrillSession,
    time_limit,
    timing_note,
)
from closing_kit.practice.roleplay import Conversation
from closing_kit.practice.takes import OPS as _TAKE_OPS  # spoken takes (issue 20)
from closing_kit.workbook.migrate import migrate
from closing_kit.workbook.model import (
    HUGE_NUMBER,
    SCHEMA_VERSION,
    form_of,
    format_problem,
    new_workbook,
    schema,
    value_problem,
)

__all__ = ["MAX_BYTES", "Session", "call", "schema_problems", "to_file_text"]

#: The largest workbook file "Load a workbook" reads (the same limit as the notebooks').
MAX_BYTES = 5 * 1024 * 1024
#: What "Download my workbook" names the file (the notebooks' default file name).
FILE_NAME = "my-interview.json"


def feedback_html(fb, title: str) -> str:
    """The notebook's feedback block; the page's own region is the live one (role=status)."""
    return _html.feedback_html(fb, title).replace(' role="status" aria-live="polite"', "", 1)


def _joined(first: dict, **more) -> dict:
    """``{**first, **more}``, which MicroPython's parser does not read."""
    out = dict(first)
    out.update(more)
    return out


def _alert(text: str) -> str:
    return f'<p class="ck-live-problem">{escape(text)}</p>'


# -- the reader's session ------------------------------------------------------------
class Session:
    """The workbook in use and the exercises open on it."""

    def __init__(self, workbook: dict | None = None):
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
            "regions": _joined(self._closing_feedback(drafts), versions=_versions(drafts)),
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
        items = "".join(
            f"<li><p>{escape(e['text'])}</p><p><em>Why it works:</em> {escape(e['note'])}</p></li>"
            for e in closing_examples()["strong"][:4]
        )
        return {"regions": {"models": f"<ol>{items}</ol>"}}

    @staticmethod
    def _closing_feedback(drafts: ClosingDrafts) -> dict:
        problem = drafts.problem()
        if problem:
            return {"feedback": f"<p>{escape(problem)}</p>"}
        return {"feedback": feedback_html(drafts.feedback(), "Your close")}

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
        card = (
            f"<p><strong>{escape(session.heading())}</strong> "
            f"The interviewer says:</p><blockquote>{escape(session.prompt)}</blockquote>"
        )
        return {
            "values": {"answer": ""},
            "regions": {"card": card, "feedback": "", "note": "", "model": ""},
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
        extra = ""
        if seconds is not None:
            extra = f"<p>{escape(timing_note(seconds, time_limit(limit)))}</p>"
        paragraph = session.letter_paragraph(answer)
        if paragraph:
            extra += f"<p><strong>In a follow-up letter:</strong> {escape(paragraph)}</p>"
        return {
            "regions": {"note": "", "feedback": feedback_html(fb, "Your answer") + extra},
            "saved": self.saved(),
        }

    def drill_next(self, kind: str, answer: str = "") -> dict:
        """Move on; an answer not yet checked is checked and shown first, and stays put."""
        session = self._drill(kind)
        if session.unchecked(answer):
            out = self.drill_check(kind, answer)
            if "saved" in out:
                out["regions"]["note"] = f"<p><strong>{escape(CHECKED_FIRST)}</strong></p>"
            return out
        session.next_card()
        return self.drill_show(kind)

    def drill_model(self, kind: str) -> dict:
        model = escape(self._drill(kind).model_answer())
        return {"regions": {"model": f"<p><strong>A model answer:</strong> {model}</p>"}}

    def drill_summary(self, kind: str) -> dict:
        summary = self._drill(kind).summary()
        chart = _chart(summary["scores"]) if summary else None
        return {"regions": {"summary": _html.drill_summary_html(summary, chart)}}

    # -- the role-play (chapter 9) -----------------------------------------------------
    def _roleplay(self) -> dict:
        return self.workbook["practice"]["roleplay"]

    def roleplay_show(self, restart: bool = False) -> dict:
        """The conversation where the reader left it: mid-way, or the last one, debriefed."""
        data = self._roleplay()
        saved = None
        if restart:
            self.conversation = Conversation(data["seed"])
            saved = self.saved() if data.pop("current", None) is not None else None
        elif self.conversation is None:
            if data.get("current"):
                self.conversation = Conversation.from_data(data["current"])
            elif data["runs"]:  # the last one, with its debrief
                self.conversation = Conversation.from_data(data["runs"][-1], True)
            else:
                self.conversation = Conversation(data["seed"])
        c = self.conversation
        transcript = "".join(
            f"<p><strong>{escape(who)}:</strong> {escape(text)}</p>" for who, text in c.lines
        )
        moves = [{"label": label, "text": text} for label, text in c.move_options()]
        return {
            "values": {"words": ""},
            "regions": {
                "transcript": transcript,
                "prompt": "" if c.done else f"<p><strong>{escape(c.prompt)}</strong></p>",
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
        return _joined(self.roleplay_show(), saved=self.saved())

    # -- another tab -------------------------------------------------------------------
    def sync(self, stored: str) -> dict:
        """Another tab kept newer work: carry on from it, at the same cards.

        Without this, this tab's next save would write its older workbook over
        the other tab's work. Nothing is saved here (that would echo back).
        A card already checked here is checked afresh as a new attempt, so it
        never replaces an attempt made in the other tab.
        """
        data, problem = read(stored)
        if problem:
            return {"ok": False}
        positions = {kind: drill.card["id"] for kind, drill in self.drills.items()}
        conversation = self.conversation
        self.__init__(data)
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
        data, problem = read(text)
        if problem:
            return {"ok": False, "message": f"Could not load that file: {problem}."}
        self.__init__(data)
        company = data["interview"]["company"]
        about = f" (the interview at {company})" if company else ""
        return {
            "ok": True,
            "message": f"Loaded your workbook{about}; your practice is shown from it.",
            "saved": self.saved(),
        }


def _chart(scores: list[int]) -> str:
    """The notebook's score chart, scaled down to fit a phone's width."""
    width, height = 360, 140
    svg = _html.score_chart_svg(scores, width, height)
    return svg.replace("<svg ", f'<svg viewBox="0 0 {width} {height}" class="ck-live-chart" ', 1)


def _versions(drafts: ClosingDrafts) -> str:
    if not drafts.versions:
        return "<p>No saved versions yet.</p>"
    rows = "".join(
        f"<li><strong>Version {i}: {v['score']}/100.</strong> "
        f'<span class="ck-live-quote">{escape(v["text"])}</span> '
        f"<em>Still to fix:</em> {escape(ClosingDrafts.still_to_fix(v))}</li>"
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
    return f"<fieldset><legend>Pick a move (or write your own)</legend>{options}</fieldset>"


def _debrief(c: Conversation) -> str:
    return _html.debrief_html(c.debrief()) + "<p>This conversation is kept in your workbook.</p>"


# -- reading and writing the workbook file --------------------------------------------
def to_file_text(workbook: dict) -> str:
    """The workbook as the notebooks save it (``safe_files.save_json``'s layout)."""
    return file_json(workbook)


def read(text: str) -> tuple[dict | None, str | None]:
    """The workbook in ``text``, migrated to the current format, or ``None`` and why."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return None, f"it is larger than {MAX_BYTES // (1024 * 1024)} MB, far more than a workbook"
    if not text.strip():
        return None, "it is empty"
    if text.startswith("\ufeff"):  # a byte-order mark (Notepad adds one) is no part of it
        text = text[1:]
    try:
        data = loads(text)
    except BadJSON as err:
        if err.deep:
            return None, "it is nested far too deeply to be a workbook"
        return None, f"it is not valid JSON (line {err.lineno})"
    except ValueError:  # Python reads no integer of over 4,300 digits
        return None, HUGE_NUMBER
    problem = format_problem(data, newer_advice="this page cannot open it yet") or value_problem(
        data
    )
    if problem:
        return None, problem
    version = data["schema_version"]
    found = schema_problems(data, version)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        return None, f"it does not match the workbook format: {found[0]}{more}"
    data = migrate(data)
    if version != SCHEMA_VERSION:
        # An older file that loads must also download and open in the notebooks.
        found = schema_problems(data)
        if found:
            return None, (
                f"it is an older workbook (format version {version}) that this page "
                f"cannot bring up to date: {found[0]}"
            )
    return data, None


# -- a small JSON Schema check (the keywords the workbook's schemas use) -----------------
_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and _whole(v))
    ),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
_TYPE_WORDS = {"string": "text", "object": "an object", "array": "a list"}
_DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _whole(number: float) -> bool:
    """``float.is_integer()``, which MicroPython lacks."""
    finite = number == number and number not in (float("inf"), float("-inf"))
    return finite and number == int(number)


def schema_problems(data, version: int = SCHEMA_VERSION) -> list[str]:
    """Why ``data`` is not a valid workbook of ``version``, one short line each.

    Covers what the published schemas use (type, properties, required,
    additionalProperties, items, enum, const, anyOf, pattern, the date format,
    minimum, maximum, uniqueItems, local $ref), so it agrees with
    ``workbook.model.problems`` without jsonschema (tests/test_web.py checks it).
    """
    root = schema(version)
    found: list[str] = []
    _check(data, root, root, (), found)
    if not found and version == SCHEMA_VERSION:
        ids = [p["id"] for p in data["people"]]
        if len(ids) != len(set(ids)):
            found.append("people: two cards share an id")
    return found


def _check(value, node: dict, root: dict, path: tuple, found: list[str]) -> None:
    where = _where(path)
    if "$ref" in node:
        target = root
        for part in node["$ref"][len("#/") :].split("/"):  # local refs only: "#/$defs/..."
            target = target[part]
        _check(value, target, root, path, found)
    kinds = node.get("type")
    if kinds is not None:
        names = [kinds] if isinstance(kinds, str) else list(kinds)
        if not any(_TYPES[n](value) for n in names):
            found.append(f"{where} should be {' or '.join(_TYPE_WORDS.get(n, n) for n in names)}")
            return
    if "const" in node and not _equal(value, node["const"]):
        found.append(f"{where} has a value this format does not allow")
    if "enum" in node and not any(_equal(value, option) for option in node["enum"]):
        found.append(f"{where} has a value this format does not allow")
    if "anyOf" in node and not any(_valid(value, option, root) for option in node["anyOf"]):
        found.append(f"{where} {form_of(node)}")
    if isinstance(value, str):
        unlike = "pattern" in node and not full_match(node["pattern"], value)
        if unlike or (node.get("format") == "date" and not _is_date(value)):
            found.append(f"{where} {form_of(node)}")
    if _TYPES["number"](value):
        if "minimum" in node and value < node["minimum"]:
            found.append(f"{where} is below {node['minimum']}")
        if "maximum" in node and value > node["maximum"]:
            found.append(f"{where} is above {node['maximum']}")
    if isinstance(value, dict):
        for key in node.get("required", ()):
            if key not in value:
                found.append(f"{where} has no {key!r}")
        properties = node.get("properties", {})
        extra = node.get("additionalProperties", True)
        for key in sorted(value):  # the same order in every Python
            item = value[key]
            if key in properties:
                _check(item, properties[key], root, path + (key,), found)
            elif extra is False:
                found.append(f"{where} has a field this format does not know")
            elif isinstance(extra, dict):
                _check(item, extra, root, path + (key,), found)
    if isinstance(value, list):
        if "items" in node:
            for n, item in enumerate(value):
                _check(item, node["items"], root, path + (n,), found)
        if node.get("uniqueItems"):
            seen = [file_json(v) for v in value]
            if len(seen) != len(set(seen)):
                found.append(f"{where} lists the same entry twice")


def _equal(a, b) -> bool:
    """JSON equality: ``true`` is not ``1``."""
    return a == b and isinstance(a, bool) == isinstance(b, bool)


def _valid(value, node: dict, root: dict) -> bool:
    found: list[str] = []
    _check(value, node, root, (), found)
    return not found


def _is_date(text: str) -> bool:
    if not full_match(_DATE, text) or text.endswith("\n"):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _where(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


# -- the one entry point -------------------------------------------------------------------
_session: Session | None = None


def start(stored: str | None = None) -> dict:
    """Open the workbook kept in the browser (``stored``), or a new one.

    Kept work that cannot be read is not thrown away: ``unreadable`` tells the
    page to keep it aside before anything new is stored.
    """
    global _session
    if stored:
        data, problem = read(stored)
        if data is not None:
            _session = Session(data)
            return {"ok": True, "message": "", "saved": _session.saved()}
        _session = Session()
        return {
            "ok": False,
            "unreadable": True,
            "message": f"The work kept in this browser could not be read ({problem}); "
            "it is kept aside, and you start a new workbook.",
            "saved": _session.saved(),
        }
    _session = Session()
    return {"ok": True, "message": "", "saved": _session.saved()}


def feedback(kind: str, text: str, prompt: str = "", job_ad: str = "") -> dict:
    """The same object ``closing-kit feedback KIND --json`` prints (``objection`` = reservation)."""
    if kind == "closing":
        return analyze_closing(text, job_ad=job_ad).to_dict()
    if kind in ("reservation", "objection"):
        out = analyze_reservation(prompt, text).to_dict()
        return _joined(out, letter_version=_letter_version(prompt, text))
    return analyze_noncommittal(prompt, text).to_dict()


_FUNCTIONS = {"start": start, "feedback": feedback}


def call(request: str) -> str:
    """Run one request (a JSON object with ``op`` and its arguments); the answer as JSON."""
    args = json.loads(request)
    op = args.pop("op")
    if op in _FUNCTIONS:
        result = _FUNCTIONS[op](**args)
    elif op in _TAKE_OPS and _session is not None:  # practice.takes: run on the open session
        result = _TAKE_OPS[op](_session, **args)
    else:
        if _session is None or op.startswith("_") or not hasattr(Session, op):
            raise ValueError(f"unknown request {op!r}")
        result = getattr(_session, op)(**args)
    try:
        return json.dumps(result, ensure_ascii=False)
    except TypeError:  # MicroPython's json takes no options and writes UTF-8 as it is
        return json.dumps(result)
