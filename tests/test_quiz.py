"""The quiz directive's data check and HTML (book/_ext/quiz.py)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
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


# -- Fairness: the answer is found by thinking, not by its length or place ----------

#: A quiz fails when its right answer is the strict longest in more than this share.
LONGEST_SHARE_MAX = 0.4


def _strict_longest(q: dict) -> bool:
    lengths = [len(str(o["text"])) for o in q["options"]]
    right = next(len(str(o["text"])) for o in q["options"] if o.get("correct") is True)
    return right == max(lengths) and lengths.count(right) == 1


def _right_position(q: dict) -> int:
    return next(k for k, o in enumerate(q["options"]) if o.get("correct") is True)


def longest_share(questions: list[dict]) -> float:
    """The share of questions whose right answer is the strict longest option."""
    return sum(_strict_longest(q) for q in questions) / len(questions)


@pytest.mark.parametrize("path", QUIZZES, ids=lambda p: p.stem)
def test_the_right_answer_is_not_given_away_by_its_length(path):
    """The right answer is the longest option in at most 40% of a quiz's questions."""
    assert longest_share(load_quiz(path)) <= LONGEST_SHARE_MAX


@pytest.mark.parametrize("path", QUIZZES, ids=lambda p: p.stem)
def test_the_right_answer_is_not_always_in_the_same_place(path):
    """In the file (and so in print), the right answer moves between questions."""
    assert len({_right_position(q) for q in load_quiz(path)}) > 1


@pytest.mark.parametrize("path", QUIZZES, ids=lambda p: p.stem)
def test_wrong_answers_are_about_as_long_as_the_right_one(path):
    """No right answer is more than half as long again as the average wrong one."""
    for q in load_quiz(path):
        right = next(len(o["text"]) for o in q["options"] if o.get("correct") is True)
        wrong = [len(o["text"]) for o in q["options"] if o.get("correct") is not True]
        assert right <= 1.5 * sum(wrong) / len(wrong), q["prompt"]


def test_no_prompt_is_asked_twice_across_quizzes():
    """Each quiz asks its own questions: no prompt repeats in another quiz."""
    seen: dict[str, str] = {}
    for path in QUIZZES:
        for q in load_quiz(path):
            key = " ".join(str(q["prompt"]).lower().split())
            assert key not in seen, f"{path.name} repeats {seen.get(key)}"
            seen[key] = path.name


def test_a_quiz_that_gives_its_answer_away_fails(tmp_path):
    """The fairness check catches a quiz whose right answer is always the longest."""
    biased = "questions:\n" + "".join(
        f"""  - prompt: Question {n}?
    options:
      - text: The long, careful, right answer number {n}
        correct: true
        why: Yes.
      - text: Short
        why: No.
      - text: Brief
        why: No.
"""
        for n in range(4)
    )
    assert longest_share(load_quiz(_write(tmp_path, biased))) == 1.0


# -- Understanding, not test-taking tricks (issue 18) --------------------------------
#
# Two habits of quiz writers give the answer away without the reader thinking:
# absolute words ("never", "only", "must") that mark the wrong options, and a
# right option that repeats the chapter's own sentence. Both figures are held
# over the whole bank; a third check keeps an expert's name from pointing at
# the right answer.

#: Words that make a claim absolute; a reader learns to distrust them in options.
ABSOLUTE = re.compile(
    r"\b(never|always|only|must|all|every|everyone|everybody|everything|none|nothing"
    r"|nobody|no one|completely|entirely|definitely|certainly)\b",
    re.IGNORECASE,
)
#: The longest run of words an option may share with its chapter (6 is an echo).
SHARED_RUN_MAX = 5
EXPERTS = ("DeCarlo", "McKee", "Steen")

BOOK = Path(__file__).resolve().parent.parent / "book"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))


def absolute_shares(quizzes: list[list[dict]]) -> tuple[float, float]:
    """(share of wrong options, share of right options) holding an absolute word."""
    counts = {True: [0, 0], False: [0, 0]}  # correct -> [with an absolute word, all]
    for questions in quizzes:
        for q in questions:
            for o in q["options"]:
                tally = counts[o.get("correct") is True]
                tally[0] += bool(ABSOLUTE.search(str(o["text"])))
                tally[1] += 1
    return counts[False][0] / counts[False][1], counts[True][0] / counts[True][1]


def longest_shared_run(option: str, chapter: str) -> int:
    """The length of the longest run of consecutive words in both texts."""
    a, b = _words(option), _words(chapter)
    best, prev = 0, [0] * (len(b) + 1)
    for word in a:
        cur = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            if word == other:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def _chapter_of(path: Path) -> str:
    """The text of the chapter that places this quiz."""
    for md in BOOK.glob("*.md"):
        text = md.read_text(encoding="utf-8")
        if f"```{{quiz}} quizzes/{path.name}" in text:
            return text
    raise AssertionError(f"no chapter places {path.name}")


def experts_point_at_the_answer(q: dict) -> bool:
    """True when an expert is named in the right option and in no wrong one."""

    def named(o):
        return any(e in str(o["text"]) for e in EXPERTS)

    right = [o for o in q["options"] if o.get("correct") is True]
    wrong = [o for o in q["options"] if o.get("correct") is not True]
    return named(right[0]) and not any(named(o) for o in wrong)


def test_absolute_words_do_not_mark_the_wrong_options():
    """Across the bank, wrong options hold absolute words no more often than right ones."""
    wrong, right = absolute_shares([load_quiz(p) for p in QUIZZES])
    assert wrong <= right, f"wrong {wrong:.0%}, right {right:.0%}"


@pytest.mark.parametrize("path", QUIZZES, ids=lambda p: p.stem)
def test_no_option_echoes_its_chapter(path):
    """No option shares a run of six words or more with the chapter it tests."""
    chapter = _chapter_of(path)
    echoes = [
        (n, o["text"])
        for q in load_quiz(path)
        for o in q["options"]
        if (n := longest_shared_run(str(o["text"]), chapter)) > SHARED_RUN_MAX
    ]
    assert echoes == []


@pytest.mark.parametrize("path", QUIZZES, ids=lambda p: p.stem)
def test_an_expert_s_name_does_not_point_at_the_answer(path):
    """No question names an expert in its right option alone."""
    assert [q["prompt"] for q in load_quiz(path) if experts_point_at_the_answer(q)] == []


def test_the_understanding_checks_catch_a_quiz_that_gives_itself_away(tmp_path):
    """A copied option, absolutes in wrong options and a lone expert are all caught."""
    tricky = load_quiz(
        _write(
            tmp_path,
            """
questions:
  - prompt: Why ask?
    options:
      - text: McKee says the doubt is your best chance to answer it
        correct: true
        why: Yes.
      - text: You must never ask anything at all
        why: No.
      - text: Only a yes is worth hearing
        why: No.
""",
        )
    )
    assert absolute_shares([tricky]) == (1.0, 0.0)
    chapter = "As McKee says, the doubt is your best chance to answer it, so listen."
    assert longest_shared_run(tricky[0]["options"][0]["text"], chapter) == 11
    assert experts_point_at_the_answer(tricky[0])


# -- The shuffle in quiz.js --------------------------------------------------------

QUIZ_JS = Path(__file__).resolve().parent.parent / "book" / "_ext" / "static" / "quiz.js"
NODE = shutil.which("node")


def _node(script: str):
    proc = subprocess.run(
        [NODE, "-e", f"const q = require({json.dumps(str(QUIZ_JS))});\n{script}"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.skipif(NODE is None, reason="node runs the page's script outside a browser")
def test_shuffle_is_repeatable_with_a_seed_and_keeps_every_option():
    """With a seed the order repeats; every option is kept exactly once."""
    first, again, other = _node(
        "const items = [0, 1, 2, 3];"
        "const out = [q.shuffle(items, 7), q.shuffle(items, 7), q.shuffle(items, 8)];"
        "console.log(JSON.stringify(out));"
    )
    assert first == again
    assert sorted(first) == sorted(other) == [0, 1, 2, 3]


@pytest.mark.skipif(NODE is None, reason="node runs the page's script outside a browser")
def test_shuffle_puts_the_first_option_everywhere():
    """Over many seeds the first option lands in each place about equally often."""
    counts = _node(
        "const counts = [0, 0, 0, 0];"
        "for (let s = 0; s < 4000; s++) counts[q.shuffle(['a', 'b', 'c', 'd'], s).indexOf('a')]++;"
        "console.log(JSON.stringify(counts));"
    )
    assert all(800 <= c <= 1200 for c in counts), counts


def test_the_quiz_says_how_to_use_the_keyboard(tmp_path):
    """The quiz tells keyboard users how to reach, choose and check an answer."""
    text = BeautifulSoup(
        render_quiz(load_quiz(_write(tmp_path, GOOD)), "quiz-t"), "html.parser"
    ).get_text(" ")
    for key in ("Tab", "arrow keys", "Space", "Enter"):
        assert key in text
