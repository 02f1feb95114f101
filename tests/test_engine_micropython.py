"""The feedback engine gives the same JSON under MicroPython (WebAssembly, in Node) as in CPython.

A phone's first score runs on MicroPython's WebAssembly port (npm
``@micropython/micropython-webassembly-pyscript``), which has no ``re``
worth the name, no ``dataclasses`` and ASCII-only case folding. The engine
is written to that subset (``analysis/compat.py``); this test runs every
bank answer, the corpus' tune part and some awkward inputs through both
Pythons and requires the same parsed JSON.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from npm_fetch import cache_base

ROOT = Path(__file__).resolve().parent.parent
MP_VERSION = "1.27.0"
MP_PACKAGE = "@micropython/micropython-webassembly-pyscript"
MP_CACHE = cache_base() / "micropython"  # where .ci/run installs it
MJS = MP_CACHE / "node_modules" / MP_PACKAGE / "micropython.mjs"

# The program both Pythons run: every case, one JSON line each.
PROGRAM = """
import json
import closing_kit.banks as banks
from closing_kit.analysis import analyze_closing, analyze_noncommittal, analyze_reservation
cases = json.loads(CASES)
for kind, a, b in cases:
    if kind == "closing":
        fb = analyze_closing(a, b)
    elif kind == "reservation":
        fb = analyze_reservation(a, b)
    else:
        fb = analyze_noncommittal(a, b)
    print(json.dumps(fb.to_dict()))
print(json.dumps([len(banks.closing_examples()["strong"]), len(banks.reservation_cards())]))
"""

AWKWARD = [
    ("closing", "", ""),
    ("closing", "   ", ""),
    ("closing", "ÉQUIPE DE NUIT — j’ai géré l’équipe pendant 2 ans. Ça vous va ?", ""),
    ("closing", "Thanks!!! 🙂🙂 So am I through??", "Night porter."),
    ("closing", "<b>Thank you</b> <script>alert(1)</script> I ran 3 wards.", ""),
    ("reservation", "You haven't used SAP.", "Ｙｅｓ, true. I used Oracle daily for 6 years."),
    ("vague", "We'll be in touch.", "Okay… when do you expect to decide? Could I email you after?"),
]


def _micropython() -> Path:
    if not MJS.exists():
        npm = shutil.which("npm")
        if not npm:
            pytest.fail(
                "MicroPython's WebAssembly port is not installed and npm is not there to fetch it"
            )
        MP_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(MP_CACHE),
             f"{MP_PACKAGE}@{MP_VERSION}"],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
    return MJS


def run_in_both(program: str, engine: Path, cwd: Path, timeout: int) -> tuple[list, list]:
    """``program``'s output lines in MicroPython (WebAssembly, under node) and in CPython.

    ``engine`` is what MicroPython imports from: a source folder, or a page's
    engine bundle (JSON). CPython runs in ``cwd`` with the installed package.
    """
    runner = ROOT / "scripts" / "micropython_engine.mjs"
    mp = subprocess.run(
        ["node", str(runner), str(_micropython()), str(engine)],
        input=program, capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    assert mp.returncode == 0, mp.stderr[-3000:]
    cp = subprocess.run(
        [sys.executable, "-"], input=program, capture_output=True, text=True, timeout=timeout,
        check=True, cwd=cwd,
    )  # fmt: skip
    return mp.stdout.splitlines(), cp.stdout.splitlines()


def _cases():
    from closing_kit.banks import closing_examples, noncommittal_cards, reservation_cards

    cases = [("closing", e["text"], e.get("job_ad", "")) for lv in ("strong", "weak")
             for e in closing_examples()[lv]]  # fmt: skip
    cases += [("reservation", c["concern"], c[k]) for c in reservation_cards()
              for k in ("model_response", "weak_response")]  # fmt: skip
    cases += [("vague", c["reply"], c[k]) for c in noncommittal_cards()
              for k in ("model_response", "weak_response")]  # fmt: skip
    tune = ROOT / "tests" / "data" / "feedback_corpus_tune.jsonl"
    for line in tune.read_text("utf-8").splitlines():
        a = json.loads(line)
        side = {"closing": "job_ad", "reservation": "concern", "vague": "reply"}[a["kind"]]
        pair = (a["text"], a[side]) if a["kind"] == "closing" else (a[side], a["text"])
        cases.append((a["kind"], *pair))
    return cases + AWKWARD


def _program(cases) -> str:
    # Raw UTF-8, not \\u escapes: MicroPython reads an escaped surrogate pair as two characters.
    return "CASES = " + repr(json.dumps(cases, ensure_ascii=False)) + "\n" + PROGRAM


def test_micropython_and_cpython_give_the_same_feedback(tmp_path):
    if not shutil.which("node"):
        pytest.fail("node is needed to run MicroPython's WebAssembly port (Debian package nodejs)")
    program = _program(_cases())
    mp_lines, cp_lines = run_in_both(program, ROOT / "src", tmp_path, 600)
    assert len(mp_lines) == len(cp_lines) == len(_cases()) + 1
    for k, (m, c) in enumerate(zip(mp_lines, cp_lines, strict=True)):
        assert json.loads(m) == json.loads(c), (
            f"case {k}: {_cases()[k] if k < len(_cases()) else ''}"
        )
