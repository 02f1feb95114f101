"""Widget scripts: served by the site when npm is there, from the CDN when not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import offline_widgets
import pytest
from book_copy import build_command
from bs4 import BeautifulSoup

EXT = Path(offline_widgets.__file__).resolve().parent


def test_the_cache_is_keyed_on_the_pinned_versions(tmp_path, monkeypatch):
    """Changing a pin gives a new cache folder, so an old bundle is never reused."""
    monkeypatch.setenv("CLOSING_KIT_CACHE", str(tmp_path))
    before = offline_widgets.cache_root()
    monkeypatch.setitem(offline_widgets.PACKAGES, "requirejs@9.9.9", ("a", "b", "c"))
    assert offline_widgets.cache_root() != before
    assert before.parent == tmp_path


def test_fetch_without_npm_says_so(tmp_path, monkeypatch):
    """No npm on PATH and nothing cached: a one-line reason, not a crash."""
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(offline_widgets.VendorError, match="npm is not installed"):
        offline_widgets.fetch(tmp_path / "cache")


#: A one-page book with one widget notebook: enough to see which scripts a
#: widget page loads, in seconds rather than the whole book's minutes.
TINY_CONFIG = """\
title: no npm
only_build_toc_files: true
execute:
  execute_notebooks: "off"   # the stored widget state is what the page shows
sphinx:
  local_extensions:
    offline_widgets: {ext}
"""
TINY_TOC = "format: jb-book\nroot: index\nchapters:\n  - file: widget\n"


def _widget_notebook() -> dict:
    """A notebook as Jupyter saves it after showing one button: a view and its state."""
    model = "6f1e0c7a4b2d4e8f9a1b2c3d4e5f6a7b"
    state = {
        "model_name": "ButtonModel",
        "model_module": "@jupyter-widgets/controls",
        "model_module_version": "2.0.0",
        "state": {"description": "Check my close", "tooltip": None},
    }
    output = {
        "output_type": "execute_result",
        "execution_count": 1,
        "metadata": {},
        "data": {
            "text/plain": "Button(description='Check my close', style=ButtonStyle())",
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2,
                "version_minor": 0,
                "model_id": model,
            },
        },
    }
    cell = {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "outputs": [output],
        "source": 'import ipywidgets\nipywidgets.Button(description="Check my close")',
    }
    widgets = {
        "application/vnd.jupyter.widget-state+json": {
            "version_major": 2,
            "version_minor": 0,
            "state": {model: state},
        }
    }
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return {
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": "# A widget"}, cell],
        "metadata": {"kernelspec": kernel, "widgets": widgets},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


@pytest.mark.slow  # a (tiny) book build: seconds, not part of the quick loop
def test_build_without_npm_still_succeeds_and_says_so(tmp_path):
    """With no npm, a widget page builds, one line says so, and its scripts come from the CDN."""
    book = tmp_path / "book"
    book.mkdir()
    (book / "_config.yml").write_text(TINY_CONFIG.format(ext=json.dumps(str(EXT))))
    (book / "_toc.yml").write_text(TINY_TOC)
    (book / "index.md").write_text("# Index\n\nOne page, one widget notebook.\n")
    (book / "widget.ipynb").write_text(json.dumps(_widget_notebook()))
    env = {
        **os.environ,
        "PATH": os.path.dirname(sys.executable),  # python only: no npm
        "CLOSING_KIT_CACHE": str(tmp_path / "empty-cache"),
    }
    proc = subprocess.run(build_command(book), capture_output=True, text=True, env=env, timeout=300)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    lines = [line for line in output.splitlines() if "closing-kit: widget scripts" in line]
    assert len(lines) == 1 and "load from their CDN" in lines[0] and "npm" in lines[0]
    page = BeautifulSoup((book / "_build" / "html" / "widget.html").read_text(), "html.parser")
    srcs = [s.get("src", "") for s in page("script")]
    assert any(s.startswith("https://") and "embed-amd.js" in s for s in srcs)
    assert page.find("script", type="application/vnd.jupyter.widget-state+json")
    assert not (book / "_build" / "html" / "_static" / "widgets").exists()
