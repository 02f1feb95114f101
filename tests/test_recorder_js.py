"""The recorder's pure helpers (book/_ext/static/live/recorder.js), run with node.

measure() reads length, spoken part and pauses from a recording's energy: held
here to a real espeak-ng file with known silences, and to made-up signals.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import wave
from array import array
from pathlib import Path

import pytest
import speech_wav

RECORDER = Path(__file__).resolve().parent.parent / "book" / "_ext" / "static" / "live"
RECORDER = RECORDER / "recorder.js"


def node(body: str, given=None):
    """Run ``body`` (which sets ``out``) with recorder.js imported as ``rec``; ``out`` as JSON."""
    if not shutil.which("node"):
        pytest.fail("node is needed for the recorder's tests (Debian package nodejs)")
    code = (
        f"const rec = await import({json.dumps(RECORDER.as_uri())});\n"
        "const given = JSON.parse((await import('node:fs')).readFileSync(0, 'utf8'));\n"
        f"let out;\n{body}\nconsole.log(JSON.stringify(out));"
    )
    proc = subprocess.run(
        ["node", "--input-type=module", "-e", code],
        input=json.dumps(given), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _samples(path: Path) -> tuple[list[float], int]:
    with wave.open(str(path)) as w:
        frames = array("h", w.readframes(w.getnframes()))
        return [v / 32768 for v in frames[::3]], w.getframerate() // 3  # 16 kHz is plenty


def test_measure_finds_the_files_spoken_part_and_its_pauses(tmp_path):
    wav, truth = speech_wav.make(tmp_path)
    samples, rate = _samples(wav)
    got = node("out = rec.measure(given.samples, given.rate);", {"samples": samples, "rate": rate})
    assert got["pauses"] == truth["pauses"]
    assert got["spoken"] == pytest.approx(truth["spoken"], rel=0.05)
    assert got["paused"] == pytest.approx(truth["paused"], rel=0.1)
    assert got["seconds"] == pytest.approx(truth["seconds"], abs=0.1)


def test_a_quiet_room_and_a_click_are_not_speech():
    rate = 1000
    hum = [0.001 * ((i % 7) - 3) for i in range(3 * rate)]
    assert node("out = rec.measure(given.s, given.r);", {"s": hum, "r": rate}) == {
        "seconds": 3.0, "spoken": 0, "pauses": 0, "paused": 0,
    }  # fmt: skip
    click = list(hum)
    for i in range(1500, 1540):  # 40 ms
        click[i] = 0.5 * (-1) ** i
    assert node("out = rec.measure(given.s, given.r).spoken;", {"s": click, "r": rate}) == 0


def test_short_gaps_inside_speech_are_not_pauses():
    rate = 1000
    tone = [0.3 * (-1) ** i for i in range(rate)]
    short, long_ = [0.0] * 300, [0.0] * 800
    signal = [0.0] * 500 + tone + short + tone + long_ + tone + [0.0] * 500
    got = node("out = rec.measure(given.s, given.r);", {"s": signal, "r": rate})
    assert got == {"seconds": 5.1, "spoken": 4.1, "pauses": 1, "paused": 0.8}


def test_the_format_is_the_first_the_browser_records():
    assert node("out = rec.mimeFor((t) => t === 'audio/mp4');") == "audio/mp4"
    assert node("out = rec.mimeFor((t) => t.startsWith('audio/webm'));") == (
        "audio/webm;codecs=opus"
    )
    assert node("out = rec.mimeFor(() => false);") == ""
    assert node("out = ['audio/webm;codecs=opus', 'audio/mp4', ''].map(rec.extensionFor);") == [
        "webm", "m4a", "audio",
    ]  # fmt: skip


def test_each_failure_gets_one_line_that_keeps_the_typed_exercise():
    lines = node(
        "out = ['NotAllowedError', 'NotFoundError', 'NoRecorder', 'NoStart', 'AbortError']"
        ".map((name) => rec.problemFor({ name }));"
    )
    assert "refused" in lines[0] and "No microphone" in lines[1] and "MediaRecorder" in lines[2]
    assert "did not start" in lines[3] and "press Record it to try again" in lines[3]
    for line in lines:
        assert "\n" not in line and line.endswith("The typed exercise works as before.")


def test_every_exercise_has_a_closed_recorder_whose_labels_are_not_say_it():
    """The panel is closed and its script not loaded until "Practice out loud" is pressed."""
    import re

    import live_practice

    from closing_kit.practice.takes import EXERCISES

    for kind in live_practice.KINDS:
        html = live_practice.render(kind, "x")
        start = html.index('<div class="ck-live-recorder"')
        panel = html[start : html.index('data-region="takes"></div></div></div>', start)]
        records = re.search(r'data-records="([a-z]+)"', panel).group(1)
        assert records in EXERCISES
        assert 'class="ck-rec-open" aria-expanded="false" aria-controls="x-rec"' in panel
        assert '<div class="ck-rec-panel" id="x-rec" hidden>' in panel
        assert "it is never uploaded" in panel and "never the sound" in panel
        labels = re.findall(r"<button[^>]*>([^<]*)</button>", panel)
        assert labels == ["Practice out loud", "Record it"]
        said = re.findall(r"<button[^>]*>Say it</button>", html)
        assert len(said) == (1 if kind == "roleplay" else 0)  # the role-play's own, unchanged


def test_the_page_script_holds_no_recorder_code():
    """live.js only imports recorder.js on first use; the microphone is asked for there."""
    live = (RECORDER.parent / "live.js").read_text("utf-8")
    assert "getUserMedia" not in live and "MediaRecorder" not in live and "indexedDB" not in live
    assert 'import(new URL("recorder.js", script.src).href)' in live
    assert "getUserMedia" in RECORDER.read_text("utf-8")
