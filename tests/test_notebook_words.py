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
