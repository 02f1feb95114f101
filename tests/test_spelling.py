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
    r"|honour|judgement|rota|(?-i:CV)|licence|centres?|per cent|programmes?|neighbours?|maths"
    r"|lorr(?:y|ies)|give you a ring|ring you)\b|£",
    re.IGNORECASE,
)


#: Data files whose prose a learner reads (model answers, roles, concerns, labels, lines).
BANKS = ("closings.json", "reservations.json", "noncommittal.json", "roleplay.json", "rubrics.json")


#: Where the data files keep what the engine matches (both spellings) or notes for maintainers.
NOT_SHOWN = {"id", "cues", "own_checks", "_about"}


def _shown(node):
    """Every string of the prose a data file holds: its texts, labels and interviewer lines."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in NOT_SHOWN:
                yield from _shown(value)
    elif isinstance(node, list):
        for value in node:
            yield from _shown(value)
    elif isinstance(node, str):
        yield node


def _stored_outputs(notebook):
    """The text of every output stored in a notebook, and the values of its stored widgets."""
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            if "text" in output:
                yield "".join(output["text"])
            for mime in ("text/plain", "text/html", "text/markdown"):
                value = output.get("data", {}).get(mime)
                if value:
                    yield "".join(value)
    widgets = notebook["metadata"].get("widgets", {})
    stored = widgets.get("application/vnd.jupyter.widget-state+json", {})
    for state in stored.get("state", {}).values():
        yield from _shown(state.get("state", {}))


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


def _data_texts():
    """(where, text) for the prose the data files and the stored notebook outputs show."""
    for path in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        notebook = json.loads(path.read_text("utf-8"))
        yield f"{path.name} (stored outputs)", "\n".join(_stored_outputs(notebook))
    data = ROOT / "src" / "closing_kit" / "data"
    for name in BANKS:
        yield name, "\n".join(_shown(json.loads((data / name).read_text("utf-8"))))


def test_the_check_knows_a_british_spelling():
    # The check itself can fail: each of these is caught.
    for word in ("Practised", "colour", "organisation", "judgement", "your CV", "licence", "£400"):
        assert BRITISH.search(word), word
    for word in ("practiced", "color", "organization", "judgment", "CVS pharmacy", "license"):
        assert not BRITISH.search(word), word


@pytest.mark.parametrize(
    "where,text", [*_texts(), *_data_texts()], ids=lambda v: v if len(v) < 60 else ""
)
def test_the_course_is_spelled_in_us_english(where, text):
    found = sorted({m.group(0) for m in BRITISH.finditer(text)})
    assert not found, f"{where}: British spelling {found} (CONTRIBUTING.md asks for US English)"


def test_the_command_line_help_is_spelled_in_us_english():
    done = subprocess.run(
        [sys.executable, "-m", "closing_kit", "--help"], capture_output=True, text=True, check=True
    )
    assert not BRITISH.findall(done.stdout), done.stdout
