"""Widget scripts: served by the site when npm is there, from the CDN when not."""

from __future__ import annotations

import os
import subprocess
import sys

import offline_widgets
import pytest
from book_copy import build_command, copy_book
from bs4 import BeautifulSoup


def test_the_cache_is_keyed_on_the_pinned_versions(tmp_path, monkeypatch):
    """Changing a pin gives a new cache folder, so an old bundle is never reused."""
    monkeypatch.setenv("CLOSING_KIT_NPM_CACHE", str(tmp_path))
    before = offline_widgets.cache_root()
    monkeypatch.setitem(offline_widgets.PACKAGES, "requirejs@9.9.9", ("a", "b", "c"))
    assert offline_widgets.cache_root() != before
    assert before.parent == tmp_path


def test_fetch_without_npm_says_so(tmp_path, monkeypatch):
    """No npm on PATH and nothing cached: a one-line reason, not a crash."""
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(offline_widgets.VendorError, match="npm is not installed"):
        offline_widgets.fetch(tmp_path / "cache")


def test_build_without_npm_still_succeeds_and_says_so(tmp_path):
    """The book builds with no npm; one line says widgets will need the internet."""
    book = copy_book(tmp_path / "book")
    # The notebooks' stored outputs (widget state included) are enough here;
    # executing them again would only repeat what test_book_build does.
    config = book / "_config.yml"
    config.write_text(
        config.read_text().replace("execute_notebooks: cache", 'execute_notebooks: "off"')
    )
    env = {
        **os.environ,
        "PATH": os.path.dirname(sys.executable),  # python only: no npm
        "CLOSING_KIT_NPM_CACHE": str(tmp_path / "empty-cache"),
    }
    proc = subprocess.run(build_command(book), capture_output=True, text=True, env=env, timeout=600)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    lines = [line for line in output.splitlines() if "closing-kit: widget scripts" in line]
    assert len(lines) == 1 and "load from their CDN" in lines[0] and "npm" in lines[0]
    page = book / "_build" / "html" / "notebooks" / "09-final-five-minutes-checklist.html"
    srcs = [s.get("src", "") for s in BeautifulSoup(page.read_text(), "html.parser")("script")]
    assert any(s.startswith("https://") and "embed-amd.js" in s for s in srcs)
