"""Feedback and a run of scores as HTML: text first, colour only as a second cue.

The level words and colours are the score bands of ``data/rubrics.json``.
Standard library only: the notebooks' widgets and the website's live
exercises (``closing_kit.web``) show feedback with the same words.
"""

from __future__ import annotations

from html import escape

from closing_kit.analysis import Feedback, level_for, level_info

__all__ = ["debrief_html", "drill_summary_html", "feedback_html", "score_chart_svg"]


def feedback_html(fb: Feedback, title: str = "Feedback") -> str:
    """The feedback as an accessible HTML block (a list, words for pass/fail)."""
    level = level_info(fb.level)
    items = "".join(
        f"<li><strong>{'Yes' if c.passed else 'Not yet'}</strong> "
        f"({escape(c.label)}): {escape(c.message)}</li>"
        for c in fb.checks
    )
    notes = "".join(f"<p>{escape(n)}</p>" for n in fb.notes)
    return (
        f'<div role="status" aria-live="polite" style="border-left:4px solid {level.colour};'
        f'padding:0.3em 0.8em;margin:0.5em 0">'
        f"<p><strong>{escape(title)}: {fb.score}/100, {level.label}.</strong></p>"
        f"<p><strong>Next step:</strong> {escape(fb.suggestion)}</p>{notes}"
        f"<ul>{items}</ul></div>"
    )


def score_chart_svg(scores: list[int], width: int = 360, height: int = 140) -> str:
    """A small bar chart of scores over attempts, with a text alternative."""
    if not scores:
        return "<p>No attempts yet.</p>"
    n = len(scores)
    gap = 4
    bar = max(4, (width - 30 - gap * n) // n)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
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
