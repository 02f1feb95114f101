"""A self-check quiz that works on the static site: no kernel, no network.

Usage in a chapter::

    ```{quiz} quizzes/05-close-the-sale.yml
    ```

The questions are data (YAML). The directive validates them at build time
(a broken quiz is a build warning, which `-W` turns into an error) and
renders plain HTML forms: radio buttons in a fieldset with a legend, so a
screen reader and the keyboard work. ``static/quiz.js`` shuffles the options
on every page load, checks an answer and shows the option's explanation;
without JavaScript the form still prints, in the file's order.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"


class QuizError(ValueError):
    """The quiz file does not follow the format in CONTRIBUTING.md."""


def load_quiz(path: Path) -> list[dict]:
    """Read and validate a quiz file; return its questions."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise QuizError(f"cannot read {path.name}: {err}") from err
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, list) or not questions:
        raise QuizError(f"{path.name}: needs a non-empty list 'questions'")
    for n, q in enumerate(questions, 1):
        where = f"{path.name}, question {n}"
        if not isinstance(q, dict) or not str(q.get("prompt", "")).strip():
            raise QuizError(f"{where}: needs a 'prompt'")
        options = q.get("options")
        if not isinstance(options, list) or not 2 <= len(options) <= 6:
            raise QuizError(f"{where}: needs 2 to 6 'options'")
        for o in options:
            if not isinstance(o, dict) or not str(o.get("text", "")).strip():
                raise QuizError(f"{where}: every option needs a 'text'")
            if not str(o.get("why", "")).strip():
                raise QuizError(f"{where}: option {o.get('text')!r} needs a 'why'")
        if sum(1 for o in options if o.get("correct") is True) != 1:
            raise QuizError(f"{where}: exactly one option must have 'correct: true'")
    return questions


def render_quiz(questions: list[dict], quiz_id: str) -> str:
    """The quiz as an HTML fragment; every text is escaped."""
    e = html.escape
    parts = [
        f'<section class="ck-quiz" id="{quiz_id}" aria-label="Self-check quiz" data-ck-quiz>',
        '<p class="ck-quiz-intro">Choose an answer, then press <em>Check</em>. '
        "Nothing is recorded; this is for you. "
        "The answers are in a new order each time you open the page.</p>",
        '<p class="ck-quiz-keys">With a keyboard: press <kbd>Tab</kbd> to reach a '
        "question's answers (<kbd>Shift</kbd>+<kbd>Tab</kbd> to go back), the arrow keys "
        "or <kbd>Space</kbd> to choose one, then <kbd>Tab</kbd> to "
        "<em>Check</em> and <kbd>Space</kbd> or <kbd>Enter</kbd>.</p>",
    ]
    total = len(questions)
    for n, q in enumerate(questions, 1):
        qid = f"{quiz_id}-q{n}"
        parts.append(f'<form class="ck-quiz-question" id="{qid}" data-ck-question>')
        parts.append("<fieldset>")
        parts.append(
            f'<legend><span class="ck-quiz-number">Question {n} of {total}.</span> '
            f"{e(str(q['prompt']))}</legend>"
        )
        for k, o in enumerate(q["options"]):
            oid = f"{qid}-o{k}"
            correct = "true" if o.get("correct") is True else "false"
            parts.append(
                f'<div class="ck-quiz-option"><input type="radio" name="{qid}" id="{oid}" '
                f'value="{k}" data-correct="{correct}" data-why="{e(str(o["why"]))}">'
                f'<label for="{oid}">{e(str(o["text"]))}</label></div>'
            )
        parts.append("</fieldset>")
        parts.append('<button type="submit" class="ck-quiz-check">Check</button>')
        parts.append('<p class="ck-quiz-feedback" role="status" aria-live="polite"></p>')
        parts.append("</form>")
    parts.append('<p class="ck-quiz-score" role="status" aria-live="polite"></p>')
    parts.append("</section>")
    return "\n".join(parts)


class QuizDirective(SphinxDirective):
    """``{quiz} path/to/quiz.yml``: path relative to the chapter."""

    required_arguments = 1
    has_content = False

    def run(self):
        rel, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(rel)
        try:
            questions = load_quiz(Path(path))
        except QuizError as err:
            logger.warning(f"quiz: {err}", location=self.get_location())
            return []
        slug = Path(rel).stem.replace("_", "-").replace(".", "-")
        return [nodes.raw("", render_quiz(questions, f"quiz-{slug}"), format="html")]


def _add_static(app):
    app.config.html_static_path.append(str(STATIC))


def setup(app):
    app.add_directive("quiz", QuizDirective)
    app.connect("builder-inited", _add_static)
    app.add_js_file("quiz.js", loading_method="defer")
    app.add_css_file("quiz.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
