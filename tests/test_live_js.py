"""The live exercises' own JavaScript helpers (book/_ext/static/live/live.js), run with node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

LIVE_JS = Path(__file__).resolve().parent.parent / "book" / "_ext" / "static" / "live" / "live.js"


def node(expression: str):
    """The JSON value of ``expression``, with live.js's helpers as ``ck``."""
    if not shutil.which("node"):
        pytest.skip("node is not installed")
    code = f"const ck = require({json.dumps(str(LIVE_JS))});"
    code += f"console.log(JSON.stringify({expression}));"
    proc = subprocess.run(["node", "-e", code], capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_urls_resolve_from_the_scripts_own_address():
    """The site's Pythons and engine are found from any page depth; a CDN stays absolute."""
    src = "https://example.org/course/_static/live/live.js?v=1"
    got = node(
        f"ck.urls({json.dumps(src)}, '_pyodide/', '_static/live/e.json', '_micropython', "
        "'_static/live/m.json')"
    )
    assert got == {
        "pyodide": "https://example.org/course/_pyodide/",
        "micropython": "https://example.org/course/_micropython/",
        "engine": "https://example.org/course/_static/live/e.json",
        "mpyEngine": "https://example.org/course/_static/live/m.json",
    }
    cdn = "https://cdn.jsdelivr.net/npm/pyodide@314.0.6"
    got = node(f"ck.urls({json.dumps(src)}, {json.dumps(cdn)}, 'x.json', '')")
    assert got["pyodide"] == cdn + "/" and got["micropython"] == ""


def test_micropython_runs_the_exercises_unless_the_address_asks_for_pyodide():
    """?ck-engine=pyodide, or a site without MicroPython, runs Pyodide; else MicroPython."""
    mp = "https://example.org/_micropython/"
    assert node(f"ck.engineFor('', {json.dumps(mp)})") == "micropython"
    assert node(f"ck.engineFor('?ck-engine=micropython', {json.dumps(mp)})") == "micropython"
    assert node(f"ck.engineFor('?x=1&ck-engine=pyodide', {json.dumps(mp)})") == "pyodide"
    assert node("ck.engineFor('', '')") == "pyodide"


def test_only_micropython_gets_the_shims():
    """MicroPython gets the engine's files and its shims (__future__); Pyodide the files alone."""
    bundle = json.dumps({"files": {"closing_kit/web.py": "x"}, "shims": {"__future__.py": "y"}})
    assert node(f"ck.engineFiles({bundle}, 'micropython')") == {
        "closing_kit/web.py": "x",
        "__future__.py": "y",
    }
    assert node(f"ck.engineFiles({bundle}, 'pyodide')") == {"closing_kit/web.py": "x"}


def test_micropython_runs_its_own_engine_of_bytecode_as_bytes():
    """MicroPython's bundle holds compiled modules (base64): written as bytes, not text;
    Pyodide, which cannot read them, runs the sources' file."""
    bundle = json.dumps(
        {"files": {"d.json": "{}"}, "mpy": {"closing_kit/web.mpy": "TQYDHwA="}, "shims": {}}
    )
    got = node(
        f"Object.entries(ck.engineFiles({bundle}, 'micropython'))"
        ".map(([p, v]) => [p, typeof v === 'string' ? v : Array.from(v)])"
    )
    assert got == [["d.json", "{}"], ["closing_kit/web.mpy", [77, 6, 3, 31, 0]]]
    assert node(f"ck.engineFiles({bundle}, 'pyodide')") == {"d.json": "{}"}
    where = json.dumps({"engine": "e.json", "mpyEngine": "m.json", "micropython": "mp/",
                        "pyodide": "py/"})  # fmt: skip
    assert node(f"ck.engineUrl({where}, 'micropython')") == "m.json"
    assert node(f"ck.engineUrl({where}, 'pyodide')") == "e.json"
    assert node(f"ck.engineUrl(Object.assign({where}, {{mpyEngine: ''}}), 'micropython')") == (
        "e.json"
    )
    assert node(f"ck.offlineFiles({where}, 'micropython')") == [
        "mp/micropython.mjs",
        "mp/micropython.wasm",
        "m.json",
    ]


def test_the_warm_up_runs_each_kind_of_first_feedback_once_and_changes_nothing():
    """One stateless feedback request per kind of exercise on the page; none for the role-play."""
    got = node("ck.warmUps(['drafter', 'reservation', 'drafter', 'roleplay', 'noncommittal'])")
    assert [r["kind"] for r in got] == ["closing", "reservation", "vague"]
    assert {r["op"] for r in got} == {"feedback"}  # web.feedback: no session, no saved work
    assert node("ck.warmUps(['roleplay'])") == []


def test_a_file_needs_every_folder_above_it():
    assert node("ck.folders('/home/ck/closing_kit/data/workbook/a.json')") == [
        "/home",
        "/home/ck",
        "/home/ck/closing_kit",
        "/home/ck/closing_kit/data",
        "/home/ck/closing_kit/data/workbook",
    ]
    assert node("ck.folders('/a.py')") == []


def test_a_request_carries_the_kind_the_named_boxes_and_extras():
    got = node(
        "ck.request('drill_check', 'reservation', {answer: 'Hi', other: 'no'}, ['answer'], {})"
    )
    assert got == {"op": "drill_check", "kind": "reservation", "answer": "Hi"}
    got = node("ck.request('roleplay_show', undefined, {}, [], {restart: true})")
    assert got == {"op": "roleplay_show", "restart": True}


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    assert node("ck.fileProblem(5 * 1024 * 1024)") == ""
    message = node("ck.fileProblem(5 * 1024 * 1024 + 1)")
    assert message.startswith("Could not load that file") and "5 MB" in message


def test_the_limit_is_the_pythons():
    from closing_kit import web

    assert node("ck.MAX_BYTES") == web.MAX_BYTES


def test_unreadable_work_is_set_aside_under_its_own_key():
    assert node("ck.asideKey(42)") == "closing-kit-workbook.unreadable-42"


def test_debounce_runs_once_with_the_last_arguments_and_flush_runs_now():
    got = node(
        "(() => { const seen = []; const d = ck.debounce((x) => seen.push(x), 10000);"
        " d(1); d(2); d.flush(); d.flush(); return seen; })()"
    )
    assert got == [2]


def test_timed_mode_sends_whole_seconds_since_the_card_and_the_limit():
    got = node("ck.timing({timed: true, limit: '45'}, 1000, 13600)")
    assert got == {"seconds": 13, "limit": "45"}
    assert node("ck.timing({timed: false, limit: '45'}, 1000, 13600)") == {}
    assert node("ck.timing({timed: true, limit: '45'}, undefined, 13600)") == {}
    assert node("ck.timing({timed: true, limit: '45'}, 5000, 1000)")["seconds"] == 0
