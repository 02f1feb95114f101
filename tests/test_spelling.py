"""One spelling convention, US English, in everything a reader, learner or coach reads.

CONTRIBUTING.md states the convention. The feedback engine still *recognizes*
British spellings in what learners type (``lexicon.json``, the rubric's cue
lists), so those lists are not read here: only the words the course shows.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: British forms with a US twin the course uses instead (CONTRIBUTING.md, "Spelling").
BRITISH = re.compile(
    r"\b(practis(?:e|ed|es|ing)|organis(?:e|ed|es|ing|ation)|apologis(?:e|ed|es|ing)"
    r"|realis(?:e|ed|es|ing)|recognis(?:e|ed|es|ing)|summaris(?:e|ed|es|ing)"
    r"|prioritis(?:e|ed|es|ing)|colour(?:s|ful)?|favour(?:ite|ites|s|ed)?|behaviour(?:s)?"
    r"|honour|judgement|rota|(?-i:CV))\b",
    re.IGNORECASE,
)


def _texts():
    """(where, text) for every page, sheet, quiz, notebook cell and message the course shows."""
    for path in sorted((ROOT / "book").glob("*.md")):
        yield path.name, path.read_text("utf-8")
    for folder in ("quizzes", "print"):
        for path in sorted((ROOT / "book" / folder).glob("*.yml")):
            yield f"{folder}/{path.name}", path.read_text("utf-8")
    for path in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        for cell in json.loads(path.read_text("utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                yield path.name, "".join(cell["source"])
    data = ROOT / "src" / "closing_kit" / "data"
    for name in ("checklist.json", "comments.json"):
        yield name, (data / name).read_text("utf-8")
    for path in sorted((data / "classroom").glob("*.j2")):
        yield path.name, path.read_text("utf-8")
    yield "README.md", (ROOT / "README.md").read_text("utf-8")


def test_the_check_knows_a_british_spelling():
    # The check itself can fail: each of these is caught.
    for word in ("Practised", "colour", "organisation", "judgement", "your CV"):
        assert BRITISH.search(word), word
    for word in ("practiced", "color", "organization", "judgment", "CVS pharmacy"):
        assert not BRITISH.search(word), word


@pytest.mark.parametrize("where,text", list(_texts()), ids=lambda v: v if len(v) < 60 else "")
def test_the_course_is_spelled_in_us_english(where, text):
    found = sorted({m.group(0) for m in BRITISH.finditer(text)})
    assert not found, f"{where}: British spelling {found} (CONTRIBUTING.md asks for US English)"


def test_the_command_line_help_is_spelled_in_us_english():
    done = subprocess.run(
        [sys.executable, "-m", "closing_kit", "--help"], capture_output=True, text=True, check=True
    )
    assert not BRITISH.findall(done.stdout), done.stdout
