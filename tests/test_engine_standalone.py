"""The engine stands alone: feedback, banks, practice and checklist need only Python.

The same code runs in a browser's Python and behind a fast command line, so
neither the workbook's libraries nor the widgets may be imported on the way.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

ENGINE = [
    "closing_kit",
    "closing_kit.analysis",
    "closing_kit.banks",
    "closing_kit.practice",
    "closing_kit.checklist",
    "closing_kit.safe_files",
    "closing_kit.cli",
    "closing_kit.web",
]
BLOCKED = ["jsonschema", "jinja2", "docx", "icalendar", "ipywidgets", "vobject",
           "email_validator", "phonenumbers", "IPython"]  # fmt: skip

USE = """
from closing_kit.analysis import analyze_closing, analyze_reservation, analyze_noncommittal
from closing_kit.banks import closing_examples, reservation_cards, noncommittal_cards
from closing_kit.practice import ClosingDrafts, Conversation, drill_for, empty_practice
from closing_kit.checklist import load_checklist
text = closing_examples()["strong"][0]["text"]
assert analyze_closing(text).level == "strong"
card = reservation_cards()[0]
assert analyze_reservation(card["concern"], card["model_response"]).level == "strong"
d = ClosingDrafts(empty_practice()["closing"]); d.data["draft"] = text; d.save_version()
s = drill_for("noncommittal", {}, 1); s.check(s.card["model_response"])
c = Conversation(1); c.say(text)
load_checklist()
import json
from closing_kit import web
web.call('{"op": "start"}'); web.call(json.dumps({"op": "closing_edit", "draft": text}))
saved = json.loads(web.call('{"op": "export"}'))["text"]
assert json.loads(web.call(json.dumps({"op": "load", "text": saved})))["ok"]
"""


def _run(code: str, *flags: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run(
        [sys.executable, *flags, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )


def test_the_engine_imports_with_the_libraries_blocked():
    """A finder that refuses jsonschema, jinja2, docx, icalendar and ipywidgets changes nothing."""
    block = f"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {BLOCKED!r}:
            raise ImportError("blocked: " + name)
sys.meta_path.insert(0, Block())
"""
    imports = "\n".join(f"import {m}" for m in ENGINE)
    proc = _run(block + imports + USE)
    assert proc.returncode == 0, proc.stderr


def test_the_engine_runs_with_nothing_installed_but_python():
    """`python -S` skips site-packages: only the standard library and src/ are there."""
    proc = _run("\n".join(f"import {m}" for m in ENGINE) + USE, "-S")
    assert proc.returncode == 0, proc.stderr


def test_importing_the_engine_loads_no_third_party_module():
    code = (
        "import sys\n"
        + "\n".join(f"import {m}" for m in ENGINE)
        + USE
        + "\nprint('\\n'.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    proc = _run(code)
    assert proc.returncode == 0, proc.stderr
    loaded = set(proc.stdout.split())
    assert not loaded & set(BLOCKED)
    ours_or_std = set(sys.stdlib_module_names) | {"closing_kit", "__main__"}
    # Whatever else is loaded came from site start-up (.pth files), not from us.
    startup = set(_run("import sys; print(' '.join(sys.modules))").stdout.split())
    startup = {m.split(".")[0] for m in startup}
    assert loaded - ours_or_std - startup == set()


def test_the_feedback_command_does_not_load_the_workbook_libraries():
    code = (
        "import sys, io\n"
        "sys.stdin = io.StringIO('Thank you. Do you see me succeeding in this role?')\n"
        "from closing_kit.cli import main\n"
        "status = main(['feedback', 'closing', '--json'])\n"
        "print('LOADED', ' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
        "sys.exit(status)"
    )
    proc = _run(code)
    assert proc.returncode == 0, proc.stderr
    loaded = set(proc.stdout.split("LOADED", 1)[1].split())
    assert not loaded & set(BLOCKED)
