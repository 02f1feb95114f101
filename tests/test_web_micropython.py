"""The website's practice layer gives the same answers under MicroPython as in CPython.

The website runs ``closing_kit.web`` (the drafter, both drills, the
role-play, the workbook's download and load) in MicroPython's WebAssembly
port, from the one JSON the site serves it (``live_practice.engine_sources``,
compiled to bytecode by ``micropython_assets.engine_bundle``). This test runs a whole session's
requests there, in Node, and in CPython, and requires the same parsed JSON
for every answer: every bank answer in each exercise, the role-play on many
seeds, every corpus case through ``feedback``, and every hostile, old or
broken file through ``load``.
"""

import json
import shutil
from pathlib import Path

import live_practice
import micropython_assets
import pytest
from test_engine_micropython import run_in_both
from test_web import LEGACY_V2, VERSION_1

from closing_kit import web
from closing_kit.workbook.model import example_workbook

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "data").glob("feedback_corpus_*.jsonl"))
HOSTILE = sorted((ROOT / "tests" / "data" / "hostile").glob("*.json"))

# The session both Pythons run: one JSON answer per line.
PROGRAM = """
import json
import closing_kit.web as web
from closing_kit.banks import closing_examples, noncommittal_cards, reservation_cards

given = json.loads(GIVEN)


def ask(op, **args):
    args["op"] = op
    print(web.call(json.dumps(args)))


ask("start", stored=given["stored"])
for level in ("strong", "weak"):
    for e in closing_examples()[level]:
        ask("closing_edit", draft=e["text"], job_ad=e.get("job_ad", ""))
        ask("closing_save")
ask("closing_edit", draft="   ")
ask("closing_save")
ask("closing_show")
ask("closing_models")
for kind, bank in (("reservation", reservation_cards()), ("noncommittal", noncommittal_cards())):
    ask("drill_show", kind=kind)
    for n in range(len(bank)):
        card = web._session._drill(kind).card
        ask("drill_check", kind=kind, answer=card["weak_response"], seconds=75, limit=60)
        ask("drill_check", kind=kind, answer=card["model_response"], seconds=12)
        ask("drill_model", kind=kind)
        ask("drill_next", kind=kind, answer="")
    ask("drill_next", kind=kind, answer="Typed but never checked, and kept.")
    ask("drill_summary", kind=kind)
for seed in range(1, 13):
    web._session.workbook["practice"]["roleplay"]["seed"] = seed
    for pick in (0, 1):
        ask("roleplay_show", restart=True)
        for step in range(3):
            moves = web._session.roleplay_show()["moves"]
            if not moves:  # over in two turns (a clear no, or everything asked at once)
                break
            ask("roleplay_say", words=moves[(pick + step) % len(moves)]["text"])
        ask("roleplay_show")  # the finished conversation, debriefed
    ask("roleplay_show", restart=True)
    for words in given["roleplay_words"]:
        ask("roleplay_say", words=words)
ask("export")
for kind, text, other in given["feedback"]:
    if kind == "closing":
        ask("feedback", kind=kind, text=text, job_ad=other)
    else:
        ask("feedback", kind=kind, text=text, prompt=other)
for text in given["files"]:
    ask("load", text=text)
ask("load", text="[" * 100000)
ask("load", text=" " * (web.MAX_BYTES + 1))
ask("sync", stored=given["stored"])
ask("sync", stored="{broken")
ask("export")
"""

#: Words typed in the role-play, with the ways of asking to follow up.
ROLEPLAY_WORDS = [
    "Thank you for today. I ran the night shift for six years and cut late loads by half. "
    "Is there anything that makes you hesitate about me?",
    "That is fair. I have not used that system, but I learned our warehouse one in two weeks.",
    "What are the next steps, and may I e-mail you on Friday if I have not heard?",
]


def _feedback_cases():
    cases = []
    for part in CORPUS:
        for line in part.read_text("utf-8").splitlines():
            a = json.loads(line)
            if a["kind"] == "no":  # replies to a no: test_feedback_corpus_no.py compares them
                continue
            side = {"closing": "job_ad", "reservation": "concern", "vague": "reply"}[a["kind"]]
            cases.append([a["kind"], a["text"], a.get(side, "")])
    return cases


def _files():
    files = [p.read_text("utf-8") for p in HOSTILE]
    files += [LEGACY_V2.read_text("utf-8"), json.dumps(VERSION_1), "{", "", '{"hello": 1}']
    good = web.to_file_text(example_workbook())
    files += ["\ufeff" + good, good[: len(good) // 2], good.replace('"people"', '"pople"', 1)]
    return files


def _given() -> str:
    given = {
        "stored": web.to_file_text(example_workbook()),
        "roleplay_words": ROLEPLAY_WORDS,
        "feedback": _feedback_cases(),
        "files": _files(),
    }
    # Raw UTF-8, not \\u escapes: MicroPython reads an escaped surrogate pair as two characters.
    return "GIVEN = " + repr(json.dumps(given, ensure_ascii=False)) + "\n" + PROGRAM


@pytest.mark.slow  # about 2,000 requests, then the same in CPython: a few minutes on 2 cores
def test_a_whole_session_answers_the_same_in_micropython_and_cpython(tmp_path):
    if not shutil.which("node"):
        pytest.fail("node is needed to run MicroPython's WebAssembly port (Debian package nodejs)")
    # What a page runs: the sources' modules compiled to MicroPython's bytecode.
    engine = micropython_assets.engine_bundle(
        live_practice.engine_sources(), micropython_assets.mpy_cross()
    )
    assert engine["mpy"] and not any(p.endswith(".py") for p in engine["files"])
    bundle = tmp_path / "engine.json"
    bundle.write_text(json.dumps(engine), encoding="utf-8")
    program = _given()
    mp_lines, cp_lines = run_in_both(program, bundle, tmp_path, 900)
    assert len(cp_lines) > 1500
    assert len(mp_lines) == len(cp_lines)
    for k, (m, c) in enumerate(zip(mp_lines, cp_lines, strict=True)):
        assert json.loads(m) == json.loads(c), f"answer {k}: {c[:300]}"
