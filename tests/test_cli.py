"""The command line contract: `closing-kit feedback ...` / `python -m closing_kit`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

CLOSE = (
    "Thank you for today. You need someone to run three sites' rotas, and I have done that for "
    "two years, cutting overtime by a fifth. Do you see me succeeding in this role?"
)


def run(*args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "closing_kit", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_closing_json_contract():
    proc = run("feedback", "closing", "--json", stdin=CLOSE)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert isinstance(data["score"], int) and 0 <= data["score"] <= 100
    assert data["suggestion"]
    for check in data["checks"]:
        assert {"id", "passed", "message"} <= set(check)
        assert isinstance(check["passed"], bool)
    assert proc.stdout.count("\n") == 1, "one JSON object on one line"


def test_objection_gives_feedback_and_a_letter_version():
    answer = (
        "That's a fair point. I haven't managed a budget alone, but at my last job I tracked a "
        "30,000 budget every month. That carries over to this role. Does that help?"
    )
    proc = run("feedback", "objection", "--concern", "You haven't managed a budget.", "--json",
               stdin=answer)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["level"] == "strong" and "30,000 budget" in data["letter_version"]


def test_plain_text_output_is_readable():
    proc = run("feedback", "closing", stdin=CLOSE)
    assert proc.returncode == 0
    assert proc.stdout.startswith("Score: ") and "Next step:" in proc.stdout


@pytest.mark.parametrize("stdin", ["", "   \n", "\U0001f600\U0001f600"])
def test_empty_input_exits_2_with_one_line(stdin):
    proc = run("feedback", "closing", "--json", stdin=stdin)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("closing-kit: ") and proc.stderr.count("\n") == 1


def test_objection_without_concern_exits_2():
    proc = run("feedback", "objection", stdin="That's fair.")
    assert proc.returncode == 2 and "--concern" in proc.stderr


def test_noncommittal_needs_the_reply():
    proc = run("feedback", "noncommittal", stdin="Thanks. What happens next?")
    assert proc.returncode == 2 and "--reply" in proc.stderr


def test_console_script_is_installed():
    exe = shutil.which("closing-kit")
    assert exe, "pip install -r requirements.txt installs the closing-kit command"
    proc = subprocess.run([exe, "feedback", "closing", "--json"], input=CLOSE,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 0 and json.loads(proc.stdout)["score"] >= 0


NIGHT_CLOSE = (
    "Thanks so much for today. I have run the night shift on my own at a care home for two "
    "years. Would you be happy to put me forward?"
)


def _fit(proc):
    assert proc.returncode == 0, proc.stderr
    return next(c for c in json.loads(proc.stdout)["checks"] if c["id"] == "fit_summary")


def test_job_ad_file_is_what_the_fit_is_judged_against(tmp_path):
    """No need is said aloud; the ad says it, so experience that meets it is a fit."""
    ad = tmp_path / "advert.txt"
    ad.write_text(
        "Night care assistant. You will run the night shift on your own in our care home.\n",
        encoding="utf-8",
    )
    assert not _fit(run("feedback", "closing", "--json", stdin=NIGHT_CLOSE))["passed"]
    fit = _fit(run("feedback", "closing", "--json", "--job-ad", str(ad), stdin=NIGHT_CLOSE))
    assert fit["passed"] and "night shift" in " ".join(fit["found"])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "cannot read the job ad"),
        (b"", "has no words in it"),
        (b"\xff\xfe\x00garbage\x80", "is not plain text (UTF-8)"),
        (("word " * 3001).encode(), "more than any job ad"),
        ("dir", "is a folder"),
    ],
)
def test_a_job_ad_that_cannot_be_used_exits_2_with_one_line(tmp_path, content, expected):
    ad = tmp_path / "advert.txt"
    if content == "dir":
        ad.mkdir()
    elif content is not None:
        ad.write_bytes(content)
    proc = run("feedback", "closing", "--job-ad", str(ad), stdin=NIGHT_CLOSE)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and expected in proc.stderr, proc.stderr
