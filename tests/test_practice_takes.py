"""Spoken takes in the workbook (format version 4): kept, rated, deleted, migrated, refused.

The page measures a take and sends its figures through ``closing_kit.web``;
these tests send the same requests in CPython, and run a short session of them
in MicroPython too (the website's Python), requiring the same answers.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import live_practice
import pytest

from closing_kit import web
from closing_kit.analysis import analyze_closing, analyze_reservation
from closing_kit.practice.takes import NOTHING_HEARD, pace, summary_line
from closing_kit.workbook import SCHEMA_VERSION, load_workbook, problems
from closing_kit.workbook.migrate import migrate

ROOT = Path(__file__).resolve().parent.parent
LEGACY_V3 = ROOT / "tests" / "data" / "legacy-v3" / "my-interview.json"
CLOSE = (
    "Thank you for your time today. I cut our month-end close from nine days to five. "
    "Do you see me succeeding in this role?"
)


def ask(op, **args):
    args["op"] = op
    return json.loads(web.call(json.dumps(args)))


def saved() -> dict:
    return json.loads(web._session.saved())


@pytest.fixture
def session():
    ask("start")
    ask("closing_edit", draft=CLOSE, job_ad="")


def _add(exercise="closing", id="t1", text=CLOSE, **figures):
    figures = {"seconds": 12.04, "spoken": 10.0, "pauses": 2, "paused": 1.6, **figures}
    return ask("take_add", exercise=exercise, id=id, text=text, recorded="2026-12-07T15:00:00Z",
               **figures)  # fmt: skip


def test_a_take_keeps_its_figures_and_the_engines_checks_never_audio(session):
    out = _add()
    take = saved()["practice"]["takes"][0]
    words = len(CLOSE.split())
    assert take["length_ms"] == 12040 and take["spoken_ms"] == 10000 and take["pauses"] == 2
    assert take["paused_ms"] == 1600
    assert take["words"] == words and take["pace"] == words * 6
    assert take["self"] is None and take["card"] == ""
    expected = [(c.id, c.passed) for c in analyze_closing(CLOSE).checks]
    assert [(c["id"], c["typed"]) for c in take["checks"]] == expected
    assert set(take) == {"id", "exercise", "card", "recorded", "length_ms", "spoken_ms", "pauses",
                         "paused_ms", "words", "pace", "checks", "self"}  # fmt: skip
    assert f"You spoke for 10 s, 2 pauses, {words * 6} words a minute." in out["regions"]["spoken"]
    assert out["regions"]["rate"].count('type="checkbox"') == len(expected)
    assert "Take 1." in out["regions"]["takes"] and 'data-take="t1"' in out["regions"]["takes"]
    assert problems(json.loads(out["saved"])) == []
    # The typed draft is not changed by rating a take against it.
    assert saved()["practice"]["closing"]["draft"] == CLOSE


def test_the_line_reads_as_the_learner_hears_it():
    take = {"spoken_ms": 48200, "pauses": 3, "paused_ms": 4400, "pace": 150}
    assert summary_line(take) == (
        "You spoke for 48 s, 3 pauses, 150 words a minute. Paused 4 s in all."
    )
    assert summary_line({**take, "pauses": 1}).startswith("You spoke for 48 s, 1 pause, ")
    assert summary_line({**take, "pace": None}) == NOTHING_HEARD
    assert pace(120, 48000) == 150 and pace(10, 0) is None and pace(1, 7000) == 9


def test_rating_keeps_only_the_takes_own_checks_and_delete_forgets_it(session):
    _add()
    _add(id="t2")
    out = ask("take_rate", exercise="closing", id="t2", said=["thanks", "evidence", "made-up"])
    first, second = saved()["practice"]["takes"]
    assert first["self"] is None and second["self"] == ["thanks", "evidence"]
    assert "You rated it 2 of" in out["regions"]["rate"]
    assert "Take 2." in out["regions"]["takes"]
    out = ask("take_delete", exercise="closing", id="t1")
    assert [t["id"] for t in saved()["practice"]["takes"]] == ["t2"]
    assert 'data-take="t1"' not in out["regions"]["takes"]
    out = ask("take_delete", exercise="closing", id="t1")
    assert "no longer in your workbook" in out["regions"]["spoken"] and "saved" not in out


def test_each_exercise_lists_its_own_takes(session):
    _add()
    ask("drill_show", kind="reservation")
    drill = web._session._drill("reservation")
    answer = drill.card["model_response"]
    _add(exercise="reservation", id="d1", text=answer)
    take = saved()["practice"]["takes"][1]
    assert take["card"] == drill.card["id"]
    expected = analyze_reservation(drill.prompt, answer)
    assert [c["id"] for c in take["checks"]] == [c.id for c in expected.checks]
    listed = ask("take_list", exercise="reservation")
    assert listed["ids"] == ["d1"] and "Take 1." in listed["regions"]["takes"]
    assert ask("take_list", exercise="noncommittal")["regions"]["takes"] == "<p>No takes yet.</p>"


def test_a_roleplay_take_is_rated_on_the_step_it_answers_and_the_talk_stays_put(session):
    ask("roleplay_show", restart=True)
    before = web._session.conversation.to_data()
    _add(exercise="roleplay", id="r1")
    take = saved()["practice"]["takes"][0]
    assert take["card"] == "close"
    assert [c["id"] for c in take["checks"]] == [c.id for c in analyze_closing(CLOSE).checks]
    assert web._session.conversation.to_data() == before
    ask("roleplay_say", words=CLOSE)
    answer = "That is fair. I learned our last warehouse system in two weeks."
    _add(exercise="roleplay", id="r2", text=answer)
    second = saved()["practice"]["takes"][1]
    step = web._session.conversation.step
    assert second["card"] == step and second["checks"]  # the ending the interviewer chose


@pytest.mark.parametrize(
    "change, line",
    [
        ({"seconds": "long"}, "seconds is not a number"),
        ({"spoken": -1}, "outside 0 to 36000"),
        ({"pauses": 1.5}, "pauses is not a whole number"),
        ({"id": "not an id!"}, "no usable id"),
        ({"exercise": "letters"}, "no exercise called"),
    ],
)
def test_bad_figures_get_one_line_and_nothing_is_kept(session, change, line):
    args = {"exercise": "closing", "id": "t1", **change}
    exercise, id = args.pop("exercise"), args.pop("id")
    out = _add(exercise=exercise, id=id, **args)
    assert line in out["regions"]["spoken"] and "saved" not in out
    assert saved()["practice"]["takes"] == []


def test_the_same_id_twice_is_refused(session):
    _add()
    assert "no usable id" in _add()["regions"]["spoken"]
    assert len(saved()["practice"]["takes"]) == 1


def test_a_take_with_no_sound_says_so(session):
    out = _add(spoken=0, pauses=3, paused=2)
    take = saved()["practice"]["takes"][0]
    assert take["pace"] is None and take["pauses"] == 0 and take["paused_ms"] == 0
    assert NOTHING_HEARD in out["regions"]["spoken"]


def test_a_format_3_workbook_migrates_keeping_its_practice():
    old = json.loads(LEGACY_V3.read_text("utf-8"))
    assert old["schema_version"] == 3 and problems(old, 3) == []
    new = migrate(old)
    assert new["schema_version"] == SCHEMA_VERSION == 4
    assert new["practice"]["takes"] == [] and problems(new) == []
    for key in ("closing", "reservation", "noncommittal", "roleplay", "checklist"):
        assert new["practice"][key] == old["practice"][key]
    # A format-3 file with takes in it is not a format-3 file.
    assert problems({**old, "practice": {**old["practice"], "takes": []}}, 3)


def test_a_format_3_file_loads_in_jupyter_and_on_the_website(tmp_path):
    path = tmp_path / "my-interview.json"
    path.write_bytes(LEGACY_V3.read_bytes())
    assert load_workbook(path)["practice"]["takes"] == []
    out = ask("load", text=LEGACY_V3.read_text("utf-8"))
    assert out["ok"], out
    assert json.loads(out["saved"])["schema_version"] == 4


def test_workbook_check_passes_on_a_workbook_with_takes(session, tmp_path):
    _add()
    ask("take_rate", exercise="closing", id="t1", said=["thanks"])
    path = tmp_path / "with-takes.json"
    path.write_text(ask("export")["text"], encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "closing_kit", "workbook", "check", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "format version 4" in proc.stdout
    # And the website's own schema check agrees with jsonschema's.
    assert web.schema_problems(json.loads(path.read_text("utf-8"))) == []
    bad = json.loads(path.read_text("utf-8"))
    bad["practice"]["takes"][0]["pauses"] = "three"
    assert web.schema_problems(bad) and problems(bad)


# -- the same in MicroPython -----------------------------------------------------------------
PROGRAM = """
import json
import closing_kit.web as web


def ask(op, **args):
    args["op"] = op
    print(web.call(json.dumps(args)))


ask("start", stored=LEGACY)
ask("closing_edit", draft=CLOSE)
ask("take_add", exercise="closing", id="t1", text=CLOSE, seconds=12.04, spoken=9.96, pauses=2,
    paused=1.58, recorded="2026-12-07T15:00:00Z")
ask("take_add", exercise="closing", id="t2", text=CLOSE, seconds=3.3, spoken=0, pauses=0)
ask("take_add", exercise="closing", id="t3", text=CLOSE, seconds="x")
ask("take_rate", exercise="closing", id="t1", said=["thanks", "evidence"])
ask("drill_show", kind="noncommittal")
ask("take_add", exercise="noncommittal", id="n1", text="What are the next steps?", seconds=4,
    spoken=3.1, pauses=0)
ask("roleplay_show", restart=True)
ask("take_add", exercise="roleplay", id="r1", text=CLOSE, seconds=9.5, spoken=8.7, pauses=1,
    paused=0.7)
ask("roleplay_say", words=CLOSE)
ask("take_add", exercise="roleplay", id="r2", text="I see. Could you tell me more?", seconds=4,
    spoken=3, pauses=0)
ask("take_delete", exercise="closing", id="t2")
ask("take_list", exercise="closing")
ask("load", text=LEGACY)
ask("export")
"""


@pytest.mark.slow  # MicroPython's WebAssembly port in node (npm's cache, or a download)
def test_takes_answer_the_same_in_micropython_and_cpython(tmp_path):
    from test_engine_micropython import run_in_both

    if not shutil.which("node"):
        pytest.fail("node is needed to run MicroPython's WebAssembly port (Debian package nodejs)")
    bundle = tmp_path / "engine.json"
    bundle.write_text(json.dumps(live_practice.engine_sources()), encoding="utf-8")
    program = f"CLOSE = {CLOSE!r}\nLEGACY = {LEGACY_V3.read_text('utf-8')!r}\n" + PROGRAM
    mp_lines, cp_lines = run_in_both(program, bundle, tmp_path, 300)
    assert len(cp_lines) == 16 and len(mp_lines) == len(cp_lines)
    for k, (m, c) in enumerate(zip(mp_lines, cp_lines, strict=True)):
        assert json.loads(m) == json.loads(c), f"answer {k}: {c[:300]}"
