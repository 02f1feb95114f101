"""ruff is clean over the whole repository (code and notebooks), eslint over its JavaScript."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from npm_fetch import VendorError, npm_ci

ROOT = Path(__file__).resolve().parent.parent
#: eslint's pinned project (package.json, package-lock.json) and its flat config.
LINT = ROOT / "book" / "_ext" / "lint"
#: The site's own JavaScript: the pages' scripts and what the service worker loads.
JS = ("book/_ext/static/**/*.js", "book/_ext/sw/*.js")
NO_NPM = (
    "eslint needs node and npm: install them (Debian/Ubuntu: apt-get install nodejs npm), "
    "then run the tests again"
)


def _ruff(*args):
    exe = shutil.which("ruff")
    assert exe, "ruff is installed by requirements.txt"
    return subprocess.run([exe, *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_check():
    proc = _ruff("check", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format():
    proc = _ruff("format", "--check", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _eslint(*args, stdin: str | None = None):
    """Run the pinned eslint (``npm ci`` into the one cache the first time) on ``args``."""
    node = shutil.which("node")
    try:
        modules = npm_ci(LINT, "eslint", "eslint")
    except VendorError as err:
        pytest.fail(NO_NPM if "not installed" in str(err) else str(err), pytrace=False)
    if not node:
        pytest.fail(NO_NPM, pytrace=False)
    return subprocess.run(
        [node, str(modules / "eslint" / "bin" / "eslint.js"), "--config",
         str(LINT / "eslint.config.mjs"), "--max-warnings", "0", *args],
        cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NODE_PATH": str(modules)},
    )  # fmt: skip


def test_eslint():
    proc = _eslint(*JS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(
    ("path", "code", "rule"),
    [
        ("book/_ext/static/live/planted.js", "undefinedName();\n", "no-undef"),
        ("book/_ext/static/live/planted.js", "if (location.hash == 1) {}\n", "eqeqeq"),
        ("book/_ext/static/ck-sw-register.js", "const lost = 1;\nlost;\n", "Parsing error"),
        ("book/_ext/sw/planted.js", "document.title;\n", "no-undef"),
    ],
    ids=["undefined-name", "loose-equality", "es5-only", "no-document-in-a-worker"],
)
def test_eslint_finds_what_it_is_there_for(path, code, rule):
    """The config applies to each group of files: a planted mistake is reported."""
    proc = _eslint("--stdin", "--stdin-filename", path, stdin=code)
    assert proc.returncode == 1 and rule in proc.stdout, proc.stdout + proc.stderr
