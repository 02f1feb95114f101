"""Live practice on the page: the exercises run in the reader's browser, in MicroPython.

``{live-practice} drafter`` (or ``reservation``, ``noncommittal``,
``roleplay``) puts an exercise on a page: its boxes, buttons and the regions
where feedback appears, all inert until the reader presses "Start
practicing". Then ``static/live/live.js`` loads the site's MicroPython
(``micropython_assets``, about 220 KB gzipped) and our engine, packed here at
build time as one JSON file of sources (``engine_sources``: ``closing_kit``'s
analysis, banks, practice, checklist, workbook model and migration, ``web``
and their data files), writes them into its file system, and every request
goes to ``closing_kit.web``: the scores, checks and wording are the Python's.
A page opened with ``?ck-engine=pyodide`` (or a site built without npm)
runs the same sources in the site's Pyodide (``pyodide_assets``) instead.
Before Start a page fetches nothing extra: only pages with the directive even
get the small script and stylesheet.

The reader's work is a workbook kept in the browser's storage; each exercise
offers "Download my workbook" and "Load a workbook".

Each exercise also has "Practice out loud" (``_recorder``): a closed panel whose
script, ``static/live/recorder.js``, live.js imports only when it is first
opened. It records the answer, keeps the audio in the browser (IndexedDB) and
sends the engine the take's timings (``closing_kit.practice.takes``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

STATIC = Path(__file__).parent / "static"
#: The served engine, under the site's ``_static/``.
ENGINE_DIR = "live"
#: What the browser's Python needs of the package, relative to ``closing_kit/``.
ENGINE_FILES = (
    "__init__.py",
    "_lazy.py",
    "analysis/*.py",
    "practice/*.py",
    "banks.py",
    "checklist.py",
    "web.py",
    "web_session.py",
    "schema_check.py",
    "workbook/__init__.py",
    "workbook/_data.py",
    "workbook/model.py",
    "workbook/migrate.py",
    "workbook/reader.py",
    "feedback_html.py",  # the notebooks' feedback wording, shared with the page
    "data/*.json",
    "data/workbook/*.json",
)
#: The size the page announces for the first Start: MicroPython's mjs and wasm and the
#: engine's JSON, as a host that compresses sends them (gzip; measured by
#: tests/test_live_practice.py::test_the_pages_say_how_much_start_downloads).
DOWNLOAD_NOTE = "about 350 KB the first time, then from your browser's cache"
#: The same on a site built without MicroPython (no npm), whose pages load Pyodide.
PYODIDE_NOTE = "about 13 MB the first time, then from your browser's cache"

KINDS = ("drafter", "reservation", "noncommittal", "roleplay")

#: MicroPython has no ``__future__`` module; the package's ``from __future__ import
#: annotations`` lines import this one (MicroPython never evaluates annotations).
MICROPYTHON_SHIMS = {"__future__.py": "annotations = None\n"}


def engine_sources() -> dict:
    """The engine as one JSON-able object: ``{"files": {path: text}, "shims": {...}}``.

    ``files`` are the package's sources and data the website's Python runs
    (``ENGINE_FILES``), by their path under the import root; ``shims`` are
    written beside them by MicroPython only. The same Python files run on
    CPython, Pyodide and MicroPython.
    """
    import closing_kit

    package = Path(closing_kit.__file__).parent
    files = sorted({p for pattern in ENGINE_FILES for p in package.glob(pattern) if p.is_file()})
    return {
        "files": {
            f"closing_kit/{p.relative_to(package).as_posix()}": p.read_text("utf-8") for p in files
        },
        "shims": dict(MICROPYTHON_SHIMS),
    }


def engine_json() -> tuple[str, bytes]:
    """``engine_sources()`` as one JSON file (the same bytes for the same sources), and its name.

    One file, so a host's gzip applies to all of it. The name carries a hash
    of the content, so a browser never keeps an old engine.
    """
    data = json.dumps(engine_sources(), sort_keys=True, separators=(",", ":")).encode("utf-8")
    return f"closing-kit-engine-{hashlib.sha256(data).hexdigest()[:12]}.json", data


# -- the exercises' HTML ---------------------------------------------------------------
def _box(uid: str, name: str, label: str, hint: str, rows: int) -> str:
    return (
        f'<label for="{uid}-{name}">{label}</label>'
        f'<p class="ck-live-hint" id="{uid}-{name}-hint">{hint}</p>'
        f'<textarea id="{uid}-{name}" data-value="{name}" rows="{rows}" '
        f'aria-describedby="{uid}-{name}-hint"></textarea>'
    )


def _button(op: str, text: str, args: str = "", extra: str = "", cls: str = "") -> str:
    attrs = f' data-args="{args}"' if args else ""
    attrs += f" data-extra='{extra}'" if extra else ""
    attrs += f' class="{cls}"' if cls else ""
    return f'<button type="button" data-op="{op}"{attrs}>{text}</button>'


def _status(name: str) -> str:
    return (
        f'<div class="ck-live-feedback" role="status" aria-live="polite" data-region="{name}">'
        "</div>"
    )


def _polite(name: str, cls: str = "") -> str:
    return f'<div class="{cls or "ck-live-region"}" aria-live="polite" data-region="{name}"></div>'


def _timed(uid: str) -> str:
    """Timed mode, as in the notebooks: a tick box and the seconds to aim for."""
    from closing_kit.feedback_html import LABELS
    from closing_kit.practice.drill import TIME_LIMIT

    default, low, high = TIME_LIMIT
    return (
        '<div class="ck-live-timed">'
        f'<input type="checkbox" id="{uid}-timed" data-value="timed">'
        f'<label for="{uid}-timed">{LABELS["timed"]}</label>'
        f'<label for="{uid}-limit">{LABELS["seconds"]}</label>'
        f'<input type="number" id="{uid}-limit" data-value="limit" value="{default}" '
        f'min="{low}" max="{high}" step="5" inputmode="numeric" '
        f'aria-describedby="{uid}-limit-hint">'
        f'<span class="ck-live-hint" id="{uid}-limit-hint">The clock starts when the card '
        "appears; Check my answer says how long you took.</span>"
        "</div>"
    )


#: What the recorder calls each exercise (``closing_kit.practice.takes.EXERCISES``).
RECORDS_AS = {"drafter": "closing", "reservation": "reservation",
              "noncommittal": "noncommittal", "roleplay": "roleplay"}  # fmt: skip
#: Said once per exercise, before anything is recorded.
RECORDER_PRIVACY = (
    "Say your answer out loud, as you would in the room, and hear it back. The recording "
    "stays in this browser, on this device: it is never uploaded, and only Download this "
    "take makes a copy, for you to share with a coach if you choose. Your workbook keeps "
    "each take's timings and your rating, never the sound."
)


def _recorder(uid: str, kind: str) -> str:
    """Practice out loud: a closed panel whose script (``recorder.js``) loads when opened.

    "Practice out loud" and "Record it" are not "Say it", the role-play's button
    that sends the typed words: a reader, a screen reader and a test tell them apart.
    """
    return (
        f'<div class="ck-live-recorder" data-records="{RECORDS_AS[kind]}">'
        '<div class="ck-live-buttons">'
        f'<button type="button" class="ck-rec-open" aria-expanded="false" '
        f'aria-controls="{uid}-rec">Practice out loud</button>'
        "</div>"
        f'<div class="ck-rec-panel" id="{uid}-rec" hidden>'
        f'<p class="ck-live-privacy">{RECORDER_PRIVACY}</p>'
        '<div class="ck-live-buttons">'
        '<button type="button" class="ck-rec-toggle ck-live-primary" aria-pressed="false" '
        "disabled>Record it</button>"
        "</div>"
        '<p class="ck-rec-state" aria-live="polite" data-rec="state"></p>'
        '<p class="ck-rec-clock" data-rec="clock"></p>'
        '<audio controls preload="metadata" data-rec="audio" hidden></audio>'
        + _polite("spoken")
        + '<div class="ck-live-region" data-region="rate"></div>'
        + '<div class="ck-live-region" data-region="takes"></div>'
        + "</div></div>"
    )


def _body(kind: str, uid: str) -> str:
    # The boxes' and buttons' words are the notebooks' (feedback_html.LABELS).
    from closing_kit.feedback_html import LABELS as L

    if kind == "drafter":
        return (
            _box(uid, "job_ad", L["job_ad"], L["job_ad_hint"], 3)
            + _box(uid, "draft", L["draft"], L["draft_hint"], 6)
            + _status("feedback")
            + _recorder(uid, kind)
            + '<div class="ck-live-buttons">'
            + _button("closing_save", L["save_version"])
            + _button("closing_models", L["show_models"], cls="ck-live-toggle")
            + "</div>"
            + _polite("note")
            + '<div class="ck-live-region" data-region="models" hidden></div>'
            + "<p><strong>Your saved versions</strong></p>"
            + _polite("versions")
        )  # fmt: skip
    if kind in ("reservation", "noncommittal"):
        return (
            _polite("card", "ck-live-card")
            + _box(uid, "answer", L["answer"], L["answer_hint"], 5)
            + _polite("note")
            + _timed(uid)
            + '<div class="ck-live-buttons">'
            + _button("drill_check", L["check"], args="answer", cls="ck-live-primary")
            + _button("drill_next", L["next"], args="answer")
            + _button("drill_model", L["model"])
            + "</div>"
            + _status("feedback")
            + _recorder(uid, kind)
            + _polite("model")
            + '<div class="ck-live-buttons">'
            + _button("drill_summary", L["summary"])
            + "</div>"
            + _polite("summary")
        )  # fmt: skip
    return (
        _polite("transcript", "ck-live-transcript")
        + _polite("prompt")
        + '<div class="ck-live-region" data-region="moves"></div>'
        # Hidden once the interview is over: no empty box and no "Say it" after the end.
        + '<div class="ck-live-say" data-part="say">'
        + _box(uid, "words", L["words"], L["words_hint"], 5)
        + _polite("note")
        + _button("roleplay_say", L["say"], args="words", cls="ck-live-primary")
        + "</div>"
        + _recorder(uid, kind)
        + '<div class="ck-live-buttons">'
        + _button("roleplay_show", L["restart"], extra='{"restart": true}')
        + "</div>"
        + _status("debrief")
    )  # fmt: skip


TITLES = {
    "drafter": "Draft your close, live",
    "reservation": "Reservation drill, live",
    "noncommittal": "Vague-answer drill, live",
    "roleplay": "Final five minutes role-play, live",
}


def render(kind: str, uid: str, note: str = DOWNLOAD_NOTE) -> str:
    """The exercise's HTML: inert until Start, with where the work is kept and how to move it.

    ``note`` is the size Start fetches (``DOWNLOAD_NOTE``, or ``PYODIDE_NOTE``).
    """
    drill = f' data-kind="{kind}"' if kind in ("reservation", "noncommittal") else ""
    return (
        f'<section class="ck-live" data-ck-live="{kind}"{drill} aria-labelledby="{uid}-title">'
        f'<p class="ck-live-title" id="{uid}-title"><strong>{TITLES[kind]}</strong></p>'
        "<p>This exercise runs here, in your browser: the same feedback as the notebook, "
        f"with no server. Press Start practicing to load it ({note}).</p>"
        '<p class="ck-live-privacy">What you type is kept in this browser only (its local '
        "storage, on this device), so it is here when you come back; nothing leaves your "
        "browser. Download your workbook to keep a copy or open it in Jupyter.</p>"
        '<div class="ck-live-buttons">'
        '<button type="button" class="ck-live-start ck-live-primary">Start practicing</button>'
        "</div>"
        '<p class="ck-live-loading" aria-live="polite" data-region="loading"></p>'
        "<noscript><p>The live exercise needs JavaScript; the notebook version runs in "
        "Jupyter.</p></noscript>"
        f'<div class="ck-live-body" hidden>{_body(kind, uid)}'
        '<div class="ck-live-file">'
        '<div class="ck-live-buttons">'
        '<button type="button" class="ck-live-download">Download my workbook</button>'
        f'<input type="file" id="{uid}-load" class="ck-live-file-input" '
        'accept=".json,application/json">'
        f'<label class="ck-live-load" for="{uid}-load">Load a workbook</label>'
        "</div>"
        '<p aria-live="polite" data-region="file"></p>'
        "</div></div></section>"
    )


class LivePracticeDirective(SphinxDirective):
    """``{live-practice} KIND``: one live exercise (``KINDS``)."""

    required_arguments = 1
    has_content = False

    def run(self):
        kind = self.arguments[0].strip()
        if kind not in KINDS:
            raise self.error(f"live-practice: {kind!r} is not one of {', '.join(KINDS)}")
        uid = f"ck-live-{self.env.new_serialno('ck-live')}"
        small = bool(self.env.config.closing_kit_micropython_url)
        note = DOWNLOAD_NOTE if small else PYODIDE_NOTE
        return [nodes.raw("", render(kind, uid, note), format="html")]


# -- build wiring --------------------------------------------------------------------------
def _configure(app, config):
    name, data = engine_json()
    app.closing_kit_engine = (name, data)
    config.closing_kit_live_engine = f"_static/{ENGINE_DIR}/{name}"


def _add_static(app):
    if str(STATIC) not in [str(p) for p in app.config.html_static_path]:
        app.config.html_static_path.append(str(STATIC))


def _page(app, pagename, templatename, context, doctree):
    """Only pages that hold an exercise get the script and the stylesheet."""
    if 'class="ck-live"' not in context.get("body", ""):
        return
    app.add_css_file(f"{ENGINE_DIR}/live.css")
    app.add_js_file(
        f"{ENGINE_DIR}/live.js",
        loading_method="defer",
        **{
            "data-micropython": app.config.closing_kit_micropython_url,
            "data-micropython-engine": app.config.closing_kit_micropython_engine,
            "data-pyodide": app.config.closing_kit_pyodide_url,
            "data-engine": app.config.closing_kit_live_engine,
        },
    )


def _write_engine(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    name, data = app.closing_kit_engine
    target = Path(app.outdir) / "_static" / ENGINE_DIR
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("closing-kit-engine-*"):
        if old.name != name:
            old.unlink()
    (target / name).write_bytes(data)


def setup(app):
    app.setup_extension("micropython_assets")
    app.setup_extension("pyodide_assets")
    # The engine's served path, with a hash of its content: pages are rewritten when it changes.
    app.add_config_value("closing_kit_live_engine", "", "html", types=[str])
    app.connect("config-inited", _configure, priority=850)
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", _page)
    app.connect("build-finished", _write_engine)
    app.add_directive("live-practice", LivePracticeDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
