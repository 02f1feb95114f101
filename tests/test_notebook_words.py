"""Each practice notebook's words are written for where the learner reads them (issue 17).

Jupyter and JupyterLite show every cell; the website leaves off the cells
tagged ``remove-cell`` (myst-nb) and adds its own words
(``book/_ext/practice_page.py``). So the instructions for Jupyter sit in one
tagged cell, and no cell the website shows tells a reader to use a menu it
does not have. Learner-facing text uses no programmer's words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
#: Words for Jupyter only: its menu, and how to start the exercise there.
JUPYTER_ONLY = re.compile(r"Run All Cells|Shift\+Enter|grey code cell")
#: Words a learner should not need: a programmer's, or the website's own.
JARGON = re.compile(
    r"\bkernel\b|`seed`|\bseed=|rubrics\.json|as Markdown|launch button|Binder", re.I
)


def _markdown(path):
    cells = json.loads(path.read_text("utf-8"))["cells"]
    return [
        ("".join(c["source"]), c.get("metadata", {}).get("tags", []))
        for c in cells
        if c["cell_type"] == "markdown"
    ]


def test_there_are_practice_notebooks():
    assert len(NOTEBOOKS) >= 10


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_jupyter_instructions_are_one_cell_the_website_leaves_off(path):
    cells = _markdown(path)
    for_jupyter = [text for text, tags in cells if "remove-cell" in tags]
    assert len(for_jupyter) == 1, "one cell of Jupyter instructions, tagged remove-cell"
    assert "Run All Cells" in for_jupyter[0]
    shown = [text for text, tags in cells if "remove-cell" not in tags]
    assert not [t for t in shown if JUPYTER_ONLY.search(t)], "Jupyter's menu on the website"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_programmers_words_in_what_a_learner_reads(path):
    found = [m.group(0) for text, _ in _markdown(path) for m in JARGON.finditer(text)]
    assert found == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_jupyterlite_gets_its_own_words_to_start(path):
    """The "To start" cell says, for JupyterLite, that Python runs in this browser and keeps
    the work there; the lite build puts those words in its copy (``lite.lite_words``)."""
    import lite

    notebook = json.loads(path.read_text("utf-8"))
    start = next(c for c in notebook["cells"] if "remove-cell" in c["metadata"].get("tags", []))
    words = start["metadata"]["closing_kit"]["jupyterlite"]
    assert "browser" in words and "Run All Cells" in words
    assert not JARGON.search(words) and not re.search(r"Shift\+Enter|grey code cell", words)
    copy = lite.lite_words(notebook)
    shown = ["".join(c["source"]) for c in copy["cells"] if c["cell_type"] == "markdown"]
    assert words in shown and "".join(start["source"]) not in shown
    assert [c["metadata"] for c in copy["cells"]] == [c["metadata"] for c in notebook["cells"]]


def test_jupyterlite_shows_stored_output_text_as_one_string():
    """nbformat's list of lines reads ",  Your background" in JupyterLite: the copy joins it."""
    import lite

    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "source": ["print(1)"],
                "outputs": [
                    {"output_type": "stream", "name": "stdout", "text": ["a\n", "b\n"]},
                    {
                        "output_type": "execute_result",
                        "data": {"text/plain": ["x\n", "y"], "application/json": {"k": [1]}},
                    },
                ],
            }
        ]
    }
    stream, result = lite.lite_words(notebook)["cells"][0]["outputs"]
    assert stream["text"] == "a\nb\n"
    assert result["data"] == {"text/plain": "x\ny", "application/json": {"k": [1]}}
    assert notebook["cells"][0]["outputs"][0]["text"] == ["a\n", "b\n"], "the source is untouched"


def test_jupyterlites_pages_get_the_fixes_once(tmp_path):
    """Each app's index.html gets static/lite-fixes.css inline, however often the build runs."""
    import lite

    for app in ("lab", "notebooks", "tree"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "index.html").write_text("<html><head><title>x</title></head></html>")
    assert len(lite.add_page_fixes(tmp_path)) == 3
    assert lite.add_page_fixes(tmp_path) == []
    html = (tmp_path / "notebooks" / "index.html").read_text()
    assert html.count(lite.LITE_CSS_ID) == 1 and ".jp-NotebookTrustedStatus" in html
