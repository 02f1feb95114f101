"""One wording for notebook and page: no learner-facing phrase is written twice.

The widgets (``closing_kit/widgets/``), the website's answers (``web.py``,
``web_session.py``) and the page's boxes and buttons (``book/_ext/live_practice.py``)
take their words from ``closing_kit.feedback_html`` (``LABELS`` and its
fragments). This test reads every string literal of those files (docstrings
aside), cuts it into phrases at tags and punctuation, and fails when one
phrase that a learner would read (two words or more, starting with a capital)
stands in two of them: write it once in ``feedback_html`` and use it from both.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "closing_kit"
#: Where the exercises' words could be written a second time.
FILES = (
    *sorted((PACKAGE / "widgets").glob("*.py")),
    PACKAGE / "web.py",
    PACKAGE / "web_session.py",
    ROOT / "book" / "_ext" / "live_practice.py",
)
#: Phrases that may stand in two files, each with why.
ALLOWED = {
    # The course's name for chapter 9's moment: the checklist's and the role-play's titles.
    "final five minutes",
}
_CUT = re.compile(r"<[^>]*>|[.:;!?()\n\"]")


def _literals(tree: ast.AST):
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if is_text and id(node) not in docstrings:
            yield node.value


def phrases(text: str):
    """The phrases a learner would read in one literal, in lower case."""
    for part in _CUT.split(text):
        words = part.split()
        if len(words) >= 2 and words[0][0].isupper():
            yield " ".join(words).lower()


def written_where(files) -> dict[str, set[str]]:
    where: dict[str, set[str]] = {}
    for path in files:
        for literal in _literals(ast.parse(path.read_text("utf-8"))):
            for phrase in phrases(literal):
                where.setdefault(phrase, set()).add(path.name)
    return where


def test_the_scan_finds_a_phrase_written_twice(tmp_path):
    """The scan itself: a sentence in two files is found, in a docstring it is not."""
    one, two = tmp_path / "one.py", tmp_path / "two.py"
    one.write_text('"""Check my answer."""\nX = f"<p><strong>A model answer:</strong> {y}</p>"\n')
    two.write_text('Y = "<b>A model answer:</b>"\nZ = "Check my answer"\n')
    twice = {p for p, files in written_where([one, two]).items() if len(files) > 1}
    assert twice == {"a model answer"}


def test_no_learner_facing_phrase_is_written_twice():
    twice = {
        phrase: sorted(files)
        for phrase, files in written_where(FILES).items()
        if len(files) > 1 and phrase not in ALLOWED
    }
    assert not twice, f"write these once, in closing_kit/feedback_html.py: {twice}"


def test_the_page_and_the_notebook_show_the_same_labels():
    """The page's buttons carry LABELS' words, the ones the widgets use."""
    import live_practice

    from closing_kit.feedback_html import LABELS

    html = "".join(live_practice.render(kind, "u") for kind in live_practice.KINDS)
    missing = {name for name, text in LABELS.items() if text not in html}
    # Not in the page's first HTML: "Hide model answers" is live.js's, once the models are
    # open; "Pick a move" comes with the moves (web_session); the role-play's "Practice
    # again" and chapter 8's date are the notebooks' only.
    assert missing == {"hide_models", "moves", "again", "stated_date"}
