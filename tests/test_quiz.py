"""The quiz directive's data check and HTML (book/_ext/quiz.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from quiz import QuizError, load_quiz, render_quiz

QUIZZES = sorted((Path(__file__).resolve().parent.parent / "book" / "quizzes").glob("*.yml"))

GOOD = """
questions:
  - prompt: Which is right?
    options:
      - text: This one
        correct: true
        why: Because.
      - text: That one
        why: Not this.
"""


def _write(tmp_path, text):
    path = tmp_path / "q.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("path", QUIZZES, ids=lambda p: p.stem)
def test_every_quiz_in_the_book_is_valid(path):
    """Each quiz has 3-5 questions of 3-4 options, one correct, each option explained."""
    questions = load_quiz(path)
    assert 3 <= len(questions) <= 5
    for q in questions:
        assert 3 <= len(q["options"]) <= 4


def test_every_quiz_is_used_by_a_chapter():
    """No quiz file is orphaned, and every chapter places one."""
    book = QUIZZES[0].parent.parent
    used = {
        line.split()[-1]
        for md in book.glob("*.md")
        for line in md.read_text().splitlines()
        if line.startswith("```{quiz}")
    }
    assert used == {f"quizzes/{p.name}" for p in QUIZZES}
    assert len(QUIZZES) == 10


def test_a_good_quiz_loads(tmp_path):
    """A well-formed file gives its questions back."""
    assert load_quiz(_write(tmp_path, GOOD))[0]["prompt"] == "Which is right?"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "non-empty list 'questions'"),
        ("questions: []", "non-empty list 'questions'"),
        ("questions: [{prompt: x}]", "2 to 6 'options'"),
        (GOOD.replace("correct: true", "correct: false"), "exactly one"),
        (GOOD.replace("        why: Not this.\n", ""), "needs a 'why'"),
        (GOOD.replace("prompt: Which is right?", "prompt: ''"), "needs a 'prompt'"),
        ("questions: [unclosed", "cannot read"),
    ],
)
def test_a_broken_quiz_says_what_is_wrong(tmp_path, text, message):
    """Each kind of mistake is named, so the build warning is actionable."""
    with pytest.raises(QuizError, match=message):
        load_quiz(_write(tmp_path, text))


def test_markup_in_a_quiz_is_shown_as_text(tmp_path):
    """Text from the data file cannot inject HTML or script into the page."""
    hostile = GOOD.replace("Which is right?", "'<script>alert(1)</script>'").replace(
        "Because.", '''"x\\" onmouseover=\\"alert(1)"'''
    )
    html = render_quiz(load_quiz(_write(tmp_path, hostile)), "quiz-t")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert "<script>alert(1)</script>" in soup.legend.get_text()
    radio = soup.find("input", attrs={"data-correct": "true"})
    assert radio.get("onmouseover") is None
    assert radio["data-why"] == 'x" onmouseover="alert(1)'


def test_rendered_quiz_is_accessible(tmp_path):
    """Every radio has a label, every question a legend, feedback is announced."""
    soup = BeautifulSoup(render_quiz(load_quiz(_write(tmp_path, GOOD)), "quiz-t"), "html.parser")
    for radio in soup.find_all("input", type="radio"):
        assert soup.find("label", attrs={"for": radio["id"]})
    assert soup.find("legend")
    assert soup.find(class_="ck-quiz-feedback")["aria-live"] == "polite"
    assert soup.find("button", type="submit").get_text() == "Check"
