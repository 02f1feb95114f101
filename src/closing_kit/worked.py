"""Worked examples from the banks, with their feedback, as plain text for notebooks.

A practice notebook prints one strong and one weak example before the learner
tries their own; the output is deterministic, so nbval can compare it.
"""

from __future__ import annotations

import textwrap

from closing_kit.analysis import (
    analyze_closing,
    analyze_noncommittal,
    analyze_reservation,
    letter_version,
)
from closing_kit.banks import closing_examples, worked_card

__all__ = ["worked_examples"]


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
    if kind == "closing":
        for level in ("strong", "weak"):
            e = closing_examples()[level][0]
            fb = analyze_closing(e["text"], job_ad=e.get("job_ad", ""))
            out += [
                _block(f"A {level} close ({e['role']}):", e["text"]),
                _wrapped(fb.as_text()),
                "",
            ]
    elif kind == "reservation":
        card = worked_card("reservation")
        out.append(_block("The interviewer says:", card["concern"]))
        for label, key in (
            ("A strong answer:", "model_response"),
            ("A weak answer:", "weak_response"),
        ):
            fb = analyze_reservation(card["concern"], card[key])
            out += ["", _block(label, card[key]), _wrapped(fb.as_text())]
        letter = letter_version(card["concern"], card["model_response"])
        out += ["", _block("The strong answer, as a paragraph for a follow-up letter:", letter)]
    elif kind == "noncommittal":
        card = worked_card("noncommittal")
        out.append(_block("The interviewer says:", card["reply"]))
        for label, key in (
            ("A strong answer:", "model_response"),
            ("A weak answer:", "weak_response"),
        ):
            fb = analyze_noncommittal(card["reply"], card[key])
            out += ["", _block(label, card[key]), _wrapped(fb.as_text())]
    else:
        raise ValueError(f"no worked examples for {kind!r}")
    return "\n".join(out).rstrip() + "\n"
