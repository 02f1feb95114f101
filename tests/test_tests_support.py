"""The helpers tests share: waiting for a saved JSON file."""

from __future__ import annotations

import json
import threading
import time

import pytest
from tests_support import wait_for_file


def _write_later(path, *texts, delay=0.05):
    def run():
        for text in texts:
            time.sleep(delay)
            path.write_text(text)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_waits_through_a_missing_then_half_written_file(tmp_path):
    """Missing, cut short, no key yet, the wrong value, then the awaited one: it is returned."""
    path = tmp_path / "work.json"
    texts = ['{"draft": "Thank', "{}", '{"draft": ""}', '{"draft": "Thank you"}']
    thread = _write_later(path, *texts)
    data = wait_for_file(path, lambda d: d["draft"].startswith("Thank"), timeout=10)
    assert data == {"draft": "Thank you"}
    thread.join()


def test_times_out_showing_the_last_content(tmp_path):
    """A value that never comes fails with the file's name and what it last held."""
    path = tmp_path / "work.json"
    path.write_text(json.dumps({"draft": "Hello"}))
    with pytest.raises(AssertionError, match=r"work\.json.*\n(.|\n)*Hello"):
        wait_for_file(path, lambda d: d["draft"] == "Goodbye", timeout=0.3)


def test_times_out_on_a_file_never_written(tmp_path):
    """No file at all says so."""
    with pytest.raises(AssertionError, match="never created"):
        wait_for_file(tmp_path / "nothing.json", timeout=0.2)


def test_the_suite_without_chromium_says_what_to_install_in_one_line(tmp_path):
    """The newcomer's second command on a machine with no Chromium: one line, and a
    failure (not 50 tracebacks, not a skip); the quick loop still runs without it."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "CLOSING_KIT_CHROMIUM": str(tmp_path / "no-chromium")}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "tests/test_browser.py"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode != 0
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and "sudo apt-get install chromium" in lines[0], lines
    quick = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "0", "-m", "not slow", "--co", "-q",
         "tests/test_browser.py"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert "no-chromium" not in quick.stdout + quick.stderr
