"""Worked examples from the banks, with feedback: text for notebooks, cards for the site.

A practice notebook prints one strong and one weak example before the learner
tries their own; the text is deterministic, so nbval can compare it. The
website shows the same examples as cards (``worked_examples_html``, placed by
``book/_ext/worked_cards.py``): prose that wraps at word boundaries on a phone,
where the notebook's fixed-width text would not fit.
"""

from __future__ import annotations

import textwrap
from html import escape

from closing_kit.analysis import (
    analyze_closing,
    analyze_noncommittal,
    analyze_reservation,
    letter_version,
)
from closing_kit.analysis.feedback import level_info
from closing_kit.banks import closing_examples, worked_card

__all__ = ["KINDS", "worked_examples", "worked_examples_html"]

#: The kinds of worked example, as the notebooks name them.
KINDS = ("closing", "reservation", "noncommittal")


def _parts(kind: str) -> list[tuple[str, str, str, object]]:
    """The examples as (role, title, text, feedback or None), in the order they are shown.

    ``role`` is ``prompt`` (the interviewer's line), ``answer`` (an example,
    with its feedback) or ``letter`` (the strong answer as a letter paragraph).
    """
    parts = []
    if kind == "closing":
        for level in ("strong", "weak"):
            e = closing_examples()[level][0]
            fb = analyze_closing(e["text"], job_ad=e.get("job_ad", ""))
            parts.append(("answer", f"A {level} close ({e['role']}):", e["text"], fb))
    elif kind in ("reservation", "noncommittal"):
        card = worked_card(kind)
        line = card["concern" if kind == "reservation" else "reply"]
        analyze = analyze_reservation if kind == "reservation" else analyze_noncommittal
        parts.append(("prompt", "The interviewer says:", line, None))
        for label, key in (
            ("A strong answer:", "model_response"),
            ("A weak answer:", "weak_response"),
        ):
            parts.append(("answer", label, card[key], analyze(line, card[key])))
        if kind == "reservation":
            letter = letter_version(line, card["model_response"])
            title = "The strong answer, as a paragraph for a follow-up letter:"
            parts.append(("letter", title, letter, None))
    else:
        raise ValueError(f"no worked examples for {kind!r}")
    return parts


# -- Plain text, for the notebooks -------------------------------------------------


def _block(title: str, text: str) -> str:
    return f"{title}\n" + textwrap.fill(text, 88, initial_indent="  ", subsequent_indent="  ")


def _wrapped(text: str) -> str:
    """Feedback text wrapped to fit a notebook page, continuation lines indented."""
    return "\n".join(
        textwrap.fill(line, 88, subsequent_indent=" " * 8) for line in text.splitlines()
    )


def worked_examples(kind: str) -> str:
    """Text for ``closing``, ``reservation`` or ``noncommittal``: a strong and a weak example."""
    out = []
    for role, title, text, fb in _parts(kind):
        if kind == "closing":
            out += [_block(title, text), _wrapped(fb.as_text()), ""]
        elif role == "prompt":
            out.append(_block(title, text))
        else:
            out += ["", _block(title, text)] + ([_wrapped(fb.as_text())] if fb else [])
    return "\n".join(out).rstrip() + "\n"


# -- Cards, for the website ----------------------------------------------------------


def _card_title(title: str) -> str:
    """ "A strong close (Nurse (in person)):" -> "A strong close", "Nurse (in person)"."""
    title = title.rstrip(":")
    head, _, setting = title.partition(" (")
    return escape(head) + (
        f' <span class="ck-worked-setting">{escape(setting[:-1])}</span>' if setting else ""
    )


def _feedback(fb) -> str:
    level = level_info(fb.level)
    checks = "".join(
        f'<li class="{"ck-pass" if c.passed else "ck-miss"}">'
        f"<strong>{'Yes' if c.passed else 'Not yet'}</strong> "
        f"{escape(c.label)}: {escape(c.message)}</li>"
        for c in fb.checks
    )
    notes = "".join(f'<p class="ck-worked-note">{escape(n)}</p>' for n in fb.notes)
    return (
        f'<p class="ck-worked-score"><strong>Score: {fb.score}/100, '
        f"{escape(level.label)}</strong></p>"
        f'<ul class="ck-worked-checks">{checks}</ul>{notes}'
        f'<p class="ck-worked-next"><strong>Next step:</strong> {escape(fb.suggestion)}</p>'
    )


def worked_examples_html(kind: str) -> str:
    """The same examples as :func:`worked_examples`, as cards: the words, the score, the checks."""
    cards = []
    for role, title, text, fb in _parts(kind):
        css, style = "ck-worked-card ck-worked-" + role, ""
        if fb is not None:
            # The band's colour from rubrics.json, a second cue beside the score's words.
            css += f" ck-worked-{fb.level}"
            style = f' style="border-left-color:{escape(level_info(fb.level).colour)}"'
        body = f'<blockquote class="ck-worked-text"><p>{escape(text)}</p></blockquote>'
        cards.append(
            f'<div class="{css}"{style}>'
            f'<p class="ck-worked-title"><strong>{_card_title(title)}</strong></p>'
            f"{body}{_feedback(fb) if fb is not None else ''}</div>"
        )
    return f'<div class="ck-worked" data-kind="{escape(kind)}">{"".join(cards)}</div>'
