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

Three jobs, three modules: this one is the front door (``call`` and the
table of requests, ``OPS``); ``web_session.Session`` answers the requests
made on the reader's workbook; ``workbook.reader`` reads a workbook, for the
notebooks too, checking it with the small validator ``schema_check``, never
jsonschema. Another module may answer requests of its own: ``add_op``.

Standard library only, like the engine, and the subset of it MicroPython has:
what that lacks (patterns with counts, CPython's JSON errors and file layout)
comes from ``analysis.compat``, done the same way in every Python.
"""

from __future__ import annotations

import json

from closing_kit.analysis import analyze_closing, analyze_noncommittal, analyze_reservation
from closing_kit.analysis import letter_version as _letter_version
from closing_kit.web_session import FILE_NAME, Session, joined, to_file_text
from closing_kit.workbook.reader import MAX_BYTES, read_text, schema_problems

__all__ = [
    "FILE_NAME",
    "MAX_BYTES",
    "OPS",
    "SESSION_OPS",
    "Session",
    "add_op",
    "call",
    "read",
    "schema_problems",
    "to_file_text",
]

#: ``read(text)``: the workbook in ``text``, migrated, or ``None`` and why (the page's reader).
read = read_text

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
        return joined(out, letter_version=_letter_version(prompt, text))
    return analyze_noncommittal(prompt, text).to_dict()


# -- the table of requests ---------------------------------------------------------------
#: Requests answered without a session: ``op -> function(**args)``.
OPS = {"start": start, "feedback": feedback}
#: Requests on the open session (after ``start``): ``op -> function(session, **args)``.
#: The names are the page's (``static/live/live.js``, ``live_practice``'s buttons).
SESSION_OPS = {
    "closing_show": Session.closing_show,
    "closing_edit": Session.closing_edit,
    "closing_save": Session.closing_save,
    "closing_models": Session.closing_models,
    "drill_show": Session.drill_show,
    "drill_check": Session.drill_check,
    "drill_next": Session.drill_next,
    "drill_model": Session.drill_model,
    "drill_summary": Session.drill_summary,
    "roleplay_show": Session.roleplay_show,
    "roleplay_say": Session.roleplay_say,
    "sync": Session.sync,
    "export": Session.export,
    "load": Session.load,
}


def add_op(name: str, answer) -> None:
    """Answer the page's request ``name`` with ``answer(session, **args)`` (a dict, as JSON).

    For a module with requests of its own: it calls this once, at import. A
    name already taken raises ``ValueError``, so no request is answered twice.
    """
    if name in OPS or name in SESSION_OPS:
        raise ValueError(f"the request {name!r} is already answered")
    SESSION_OPS[name] = answer


# Spoken takes (issue 20): their own module, their own requests.
from closing_kit.practice.takes import OPS as _TAKE_OPS  # noqa: E402

for _name in sorted(_TAKE_OPS):
    add_op(_name, _TAKE_OPS[_name])


def call(request: str) -> str:
    """Run one request (a JSON object with ``op`` and its arguments); the answer as JSON."""
    args = json.loads(request)
    op = args.pop("op")
    if op in OPS:
        result = OPS[op](**args)
    elif op in SESSION_OPS and _session is not None:
        result = SESSION_OPS[op](_session, **args)
    else:
        raise ValueError(f"unknown request {op!r}")
    try:
        return json.dumps(result, ensure_ascii=False)
    except TypeError:  # MicroPython's json takes no options and writes UTF-8 as it is
        return json.dumps(result)
