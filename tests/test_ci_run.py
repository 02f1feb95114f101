"""`.ci/run` installs only the missing system pieces, one at a time, then the README commands.

`.ci/system-packages` runs with a fake ``apt-get`` on a PATH of stubs, so
no test installs anything.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / ".ci" / "system-packages"

#: Logs each call; "installs" a package by putting its command on PATH, or
#: fails like Debian's npm next to NodeSource's nodejs.
FAKE_APT_GET = f"""#!{sys.executable}
import os, sys
from pathlib import Path
bin_dir = Path(sys.argv[0]).parent
with open(os.environ["FAKE_APT_LOG"], "a") as log:
    log.write(" ".join(sys.argv[1:]) + "\\n")
if sys.argv[1] == "install":
    package = sys.argv[-1]
    if package in os.environ.get("FAKE_APT_FAIL", "").split():
        print("Reading package lists...")
        print(" npm : Depends: node-gyp but it is not going to be installed")
        print("E: Unable to correct problems, you have held broken packages.")
        sys.exit(100)
    (bin_dir / package).write_text("#!/bin/sh\\n")
    (bin_dir / package).chmod(0o755)
"""


#: The recorder's tests' tools (espeak-ng, sox): present unless a test says otherwise.
SPEECH = ["espeak-ng", "sox"]


def _run(tmp_path: Path, present: list[str], fail: str = "", env: dict | None = None):
    """Run the script with only ``present`` commands (and apt-get) on PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in present:
        (bin_dir / name).write_text("#!/bin/sh\n")
        (bin_dir / name).chmod(0o755)
    (bin_dir / "apt-get").write_text(FAKE_APT_GET)
    (bin_dir / "apt-get").chmod(0o755)
    log = tmp_path / "apt.log"
    log.touch()
    proc = subprocess.run(
        [shutil.which("bash") or "/bin/bash", str(SCRIPT)],
        env={
            "PATH": str(bin_dir),
            "HOME": str(tmp_path),
            "FAKE_APT_LOG": str(log),
            "FAKE_APT_FAIL": fail,
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    return proc, log.read_text().splitlines()


def test_nothing_is_installed_when_both_are_present(tmp_path):
    """With chromium and npm on PATH, apt-get is never called and nothing is printed."""
    proc, calls = _run(tmp_path, ["chromium", "npm", *SPEECH])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert calls == []
    assert proc.stdout + proc.stderr == ""


def test_only_chromium_is_requested_when_npm_is_present(tmp_path):
    """npm from NodeSource is left alone: only chromium is installed, on its own."""
    proc, calls = _run(tmp_path, ["npm", *SPEECH])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert calls == ["update -qq", "install -y -qq chromium"]


def test_each_missing_package_is_installed_alone_after_one_update(tmp_path):
    """All missing: one `apt-get update`, then one install per package."""
    proc, calls = _run(tmp_path, [])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert calls == ["update -qq", "install -y -qq chromium", "install -y -qq npm",
                     "install -y -qq espeak-ng", "install -y -qq sox"]  # fmt: skip


def test_a_missing_sox_is_installed_and_its_failure_says_what_it_breaks(tmp_path):
    """The recorder's tests pad espeak-ng's speech with sox: a refusal names both."""
    proc, calls = _run(tmp_path, ["chromium", "npm", "espeak-ng"], fail="sox")
    assert proc.returncode != 0
    assert calls == ["update -qq", "install -y -qq sox"]
    lines = (proc.stdout + proc.stderr).splitlines()
    assert len(lines) == 1 and "'sox'" in lines[0] and "recorder" in lines[0]


def test_a_failed_install_names_the_package_in_one_line(tmp_path):
    """Debian's npm refused: one line naming npm, apt's reason and what it breaks; exit non-zero."""
    proc, calls = _run(tmp_path, ["chromium", *SPEECH], fail="npm")
    assert proc.returncode != 0
    assert calls == ["update -qq", "install -y -qq npm"]
    lines = (proc.stdout + proc.stderr).splitlines()
    assert len(lines) == 1, lines
    assert "'npm'" in lines[0] and "held broken packages" in lines[0] and "CDN" in lines[0]


def test_a_failed_chromium_stops_before_npm(tmp_path):
    """chromium failing stops the script at once, with a line that says why chromium matters."""
    proc, calls = _run(tmp_path, [], fail="chromium")
    assert proc.returncode != 0
    assert calls == ["update -qq", "install -y -qq chromium"]
    lines = (proc.stdout + proc.stderr).splitlines()
    assert len(lines) == 1 and "'chromium'" in lines[0] and "browser tests" in lines[0]


def test_the_browser_named_for_the_tests_counts_as_chromium(tmp_path):
    """CLOSING_KIT_CHROMIUM pointing at a browser means no chromium package is needed."""
    chrome = tmp_path / "google-chrome"
    chrome.write_text("#!/bin/sh\n")
    chrome.chmod(0o755)
    proc, calls = _run(tmp_path, ["npm", *SPEECH], env={"CLOSING_KIT_CHROMIUM": str(chrome)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert calls == []


def _commands(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("python3 -m ")]


def test_ci_run_runs_the_readme_commands_after_the_system_packages():
    """.ci/run installs the system pieces, then runs exactly the README's two commands."""
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)```", readme, flags=re.S)
    readme_commands = [c for block in blocks[:2] for c in _commands(block)]
    run = (ROOT / ".ci" / "run").read_text()
    # `-q` only quiets pip's progress; the command is otherwise the README's.
    run_commands = [c.replace(" -q ", " ") for c in _commands(run)]
    assert readme_commands and run_commands == readme_commands
    assert run.index(".ci/system-packages") < run.index(readme_commands[0].split()[0])
    assert "apt-get" not in run


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash runs the CI scripts")
def test_ci_scripts_parse():
    """Both scripts are valid bash."""
    for script in (ROOT / ".ci" / "run", SCRIPT):
        proc = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
