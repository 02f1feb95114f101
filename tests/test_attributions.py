"""Every quotation credited to DeCarlo or McKee is in the article, word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT.parent / "shared" / "source" / "how-to-end-a-job-interview.txt"
SOURCES = sorted((ROOT / "book").glob("*.md")) + sorted((ROOT / "book" / "quizzes").glob("*.yml"))
EXPERT = re.compile(r"\b(DeCarlo|McKee)\b")
# A quotation in straight or curly double quotes, of two words or more.
QUOTE = re.compile(r"[\"“]([^\"“”\n]+?)[\"”]")


def normalise(text: str) -> str:
    """Lower case, one kind of apostrophe, single spaces, no punctuation at the ends."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .,;:!?'")


def quotations(text: str) -> list[tuple[int, str]]:
    """(line number, quote) for each quotation on a line that names an expert."""
    found = []
    for n, line in enumerate(text.splitlines(), 1):
        if EXPERT.search(line):
            found += [(n, q) for q in QUOTE.findall(line) if len(q.split()) >= 2]
    return found


@pytest.mark.skipif(not ARTICLE.exists(), reason="the article sits beside the repository")
@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_quotes_credited_to_an_expert_are_in_the_article(path):
    """A quotation on a line that names DeCarlo or McKee appears in the article."""
    article = normalise(ARTICLE.read_text(encoding="utf-8"))
    missing = [
        f"{path.name}:{n}: {q!r}"
        for n, q in quotations(path.read_text(encoding="utf-8"))
        if normalise(q) not in article
    ]
    assert missing == []


def test_the_check_catches_an_invented_quote():
    """A made-up quotation next to an expert's name is found; a real one passes."""
    article = normalise(ARTICLE.read_text(encoding="utf-8")) if ARTICLE.exists() else ""
    text = 'McKee says "always follow up twice".\nDeCarlo: "You don\'t know who has pull."'
    found = {q: normalise(q) in article for _, q in quotations(text)}
    assert found["always follow up twice"] is False
    if article:
        assert found["You don't know who has pull."] is True


def test_the_experts_are_quoted_somewhere():
    """The book does quote both experts, so the check above is not vacuous."""
    quoted = " ".join(q for p in SOURCES for _, q in quotations(p.read_text(encoding="utf-8")))
    assert "pull" in quoted and "totally appropriate" in quoted
