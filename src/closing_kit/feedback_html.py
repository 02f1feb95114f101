"""Every word and fragment of HTML the exercises show, written once for the notebook and the page.

The notebooks' widgets (``closing_kit.widgets``) and the website's live
exercises (``closing_kit.web`` for what answers show, ``book/_ext/live_practice.py``
for the boxes and buttons) take their labels from ``LABELS`` and their HTML
from the functions here, so a learner reads the same words in both places;
``tests/test_one_wording.py`` fails when a phrase is written a second time.
The page adds only what the notebook has no use for, by parameter
(``page=True``: its own live region, its stylesheet's classes).

Feedback is text first, colour only as a second cue; the level words and
colours are the score bands of ``data/rubrics.json``. Standard library only,
and the subset MicroPython has: the website runs this module in the browser.
"""

from __future__ import annotations

from html import escape

from closing_kit.analysis import Feedback, level_for, level_info

__all__ = [
    "CONVERSATION_KEPT",
    "LABELS",
    "alert_html",
    "card_html",
    "debrief_html",
    "drill_feedback_html",
    "drill_summary_html",
    "feedback_html",
    "model_answer_html",
    "model_closes_html",
    "notice_html",
    "prompt_html",
    "score_chart_svg",
    "transcript_html",
    "version_html",
]

#: The exercises' boxes, hints and buttons, by name (the notebook's widgets and the page's).
LABELS = {
    # the closing-question drafter (chapter 5)
    "job_ad": "Job ad (optional)",
    "job_ad_hint": "Paste the job ad's main requirements, so your evidence can match the role's "
    "words.",
    "draft": "Your close",
    "draft_hint": "Thank them, sum up why you fit, then ask your closing question. Feedback "
    "appears as you type.",
    "save_version": "Save this version",
    "show_models": "Show model answers",
    "hide_models": "Hide model answers",
    # the drills (chapters 6 and 7)
    "answer": "Your answer",
    "answer_hint": "Say it as you would in the room, then press Check my answer.",
    "check": "Check my answer",
    "next": "Next card",
    "model": "Show a model answer",
    "summary": "End session and see summary",
    "timed": "Timed mode",
    "seconds": "Seconds",
    # the role-play (chapter 9)
    "moves": "Pick a move",
    "words": "Your words",
    "words_hint": "Write what you would say, or pick a move above and edit it.",
    "say": "Say it",
    "restart": "Start again",
    "again": "Practice again",
    # the workbook (chapter 8): the next steps and the follow-up plan both set it
    "stated_date": "Date they gave",
}
#: Said when a role-play conversation has ended and is saved.
CONVERSATION_KEPT = "This conversation is kept in your workbook."


def feedback_html(fb: Feedback, title: str = "Feedback", live: bool = True) -> str:
    """The feedback as an accessible HTML block (a list, words for pass/fail).

    ``live`` makes the block its own live region (``role="status"``), as the
    notebook needs; the page puts it inside a region that is already live.
    """
    level = level_info(fb.level)
    region = ' role="status" aria-live="polite"' if live else ""
    items = "".join(
        f"<li><strong>{'Yes' if c.passed else 'Not yet'}</strong> "
        f"({escape(c.label)}): {escape(c.message)}</li>"
        for c in fb.checks
    )
    notes = "".join(f"<p>{escape(n)}</p>" for n in fb.notes)
    return (
        f'<div{region} style="border-left:4px solid {level.colour};'
        f'padding:0.3em 0.8em;margin:0.5em 0">'
        f"<p><strong>{escape(title)}: {fb.score}/100, {level.label}.</strong></p>"
        f"<p><strong>Next step:</strong> {escape(fb.suggestion)}</p>{notes}"
        f"<ul>{items}</ul></div>"
    )


def score_chart_svg(
    scores: list[int], width: int = 360, height: int = 140, css_class: str = ""
) -> str:
    """A small bar chart of scores over attempts, with a text alternative.

    With ``css_class`` it also has a ``viewBox``, so a stylesheet can scale it
    to a phone's width (the page's).
    """
    if not scores:
        return "<p>No attempts yet.</p>"
    n = len(scores)
    gap = 4
    bar = max(4, (width - 30 - gap * n) // n)
    fit = f'viewBox="0 0 {width} {height}" class="{css_class}" ' if css_class else ""
    parts = [
        f'<svg {fit}xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'role="img" '
        f'aria-label="Scores over {n} attempts: {", ".join(map(str, scores))}">',
        f'<line x1="28" y1="10" x2="28" y2="{height - 20}" stroke="currentColor"/>',
        '<text x="0" y="16" font-size="10" fill="currentColor">100</text>',
        f'<text x="12" y="{height - 20}" font-size="10" fill="currentColor">0</text>',
    ]
    usable = height - 30
    for i, s in enumerate(scores):
        h = round(usable * max(0, min(100, s)) / 100)
        x = 32 + i * (bar + gap)
        colour = level_info(level_for(s)).colour
        parts.append(
            f'<rect x="{x}" y="{height - 20 - h}" width="{bar}" height="{h}" '
            f'fill="{colour}"><title>Attempt {i + 1}: {s}</title></rect>'
        )
        parts.append(
            f'<text x="{x + bar / 2}" y="{height - 6}" font-size="10" text-anchor="middle" '
            f'fill="currentColor">{i + 1}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def drill_summary_html(summary: dict | None, chart: str | None = None) -> str:
    """A drill's summary (``DrillSession.summary()``): count, average, best, what was missed.

    ``chart`` replaces the score chart (the website draws its own, wider one).
    """
    if summary is None:
        return "<p>No attempts yet: answer a card first.</p>"
    n = summary["attempts"]
    common = ", ".join(f"{label} ({times})" for label, times in summary["missed"])
    return (
        f"<p><strong>{n} {'attempt' if n == 1 else 'attempts'}, average "
        f"{summary['average']}/100, best {summary['best']}/100.</strong></p>"
        f"<p>Most often missed: {escape(common) if common else 'nothing'}.</p>"
        + (score_chart_svg(summary["scores"]) if chart is None else chart)
    )


def debrief_html(debrief: dict) -> str:
    """The role-play's debrief (``Conversation.debrief()``): one short block per step.

    A list rather than a four-column table, so that on a 390 px phone every
    word stays whole ("Answering a reservation", not "Answerin g").
    """
    items = "".join(
        f"<li><strong>{escape(s['label'])}: {s['score']}/100</strong> "
        f"({escape(level_info(s['level'] or level_for(s['score'])).label)}). "
        f"Missed: {escape(', '.join(s['missed']) or 'nothing')}. "
        f"Read again: {escape(s['chapter'])}.</li>"
        for s in debrief["steps"]
    )
    notes = "".join(f"<p>{escape(note)}</p>" for note in debrief.get("notes", ()))
    return (
        f'<h4>Debrief</h4><ul class="ck-debrief">{items}</ul>{notes}'
        f"<p>{escape(debrief['after'])}</p>"
    )


# -- the drills ----------------------------------------------------------------------------
def card_html(heading: str, prompt: str) -> str:
    """A drill's card: how far the learner is, and what the interviewer says."""
    return (
        f"<p><strong>{escape(heading)}</strong> "
        f"The interviewer says:</p><blockquote>{escape(prompt)}</blockquote>"
    )


def drill_feedback_html(fb: Feedback, timing: str = "", paragraph: str = "", live=True) -> str:
    """The feedback on a drill answer, then how long it took and the letter's paragraph.

    ``timing`` is ``practice.drill.timing_note`` (timed mode only), ``paragraph``
    the answer as a follow-up letter's paragraph (reservations only).
    """
    out = feedback_html(fb, LABELS["answer"], live)
    if timing:
        out += f"<p>{escape(timing)}</p>"
    if paragraph:
        out += f"<p><strong>In a follow-up letter:</strong> {escape(paragraph)}</p>"
    return out


def model_answer_html(text: str) -> str:
    """A card's model answer."""
    return f"<p><strong>A model answer:</strong> {escape(text)}</p>"


def notice_html(text: str) -> str:
    """A short notice that must be read before going on (``practice.drill.CHECKED_FIRST``)."""
    return f"<p><strong>{escape(text)}</strong></p>"


def alert_html(text: str, page: bool = False) -> str:
    """A one-line problem with what the learner typed, under its box.

    The notebook colours it inline; the page by its stylesheet's class (light
    and dark themes).
    """
    look = 'class="ck-live-problem"' if page else 'style="color:#b00020"'
    return f'<p role="alert" {look}>{escape(text)}</p>'


# -- the drafter ---------------------------------------------------------------------------
def model_closes_html(examples) -> str:
    """Strong closes to learn from (``banks.closing_examples()["strong"]``), each with why."""
    items = "".join(
        f"<li><p>{escape(e['text'])}</p><p><em>Why it works:</em> {escape(e['note'])}</p></li>"
        for e in examples
    )
    return f"<ol>{items}</ol>"


def version_html(number: int, version: dict, still_to_fix: str) -> str:
    """One saved version of the close: its number, score, words and what is left to fix."""
    return (
        f"<strong>Version {number}: {version['score']}/100.</strong>"
        f'<p style="overflow-wrap:anywhere">{escape(version["text"])}</p>'
        f"<p><em>Still to fix:</em> {escape(still_to_fix)}</p>"
    )


# -- the role-play -------------------------------------------------------------------------
def transcript_html(lines) -> str:
    """The conversation so far, ``(who, text)`` a line."""
    return "".join(f"<p><strong>{escape(who)}:</strong> {escape(text)}</p>" for who, text in lines)


def prompt_html(prompt: str) -> str:
    """What the learner should do in this step of the conversation."""
    return f"<p><strong>{escape(prompt)}</strong></p>"
