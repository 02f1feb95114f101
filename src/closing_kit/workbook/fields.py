"""Text helpers: one-line messages about what was typed, note fragments, format escaping.

What the learner typed is always stored as typed; these functions only
describe it (``field_problem``) or clean a copy of it at the edge where it goes:
an export (``printable``, ``md_escape``), a spreadsheet cell
(``spreadsheet_cell``) or a terminal (``for_terminal``).
"""

from __future__ import annotations

import re
import unicodedata

from closing_kit.analysis.text import words

__all__ = [
    "field_problem", "for_terminal", "fragments", "md_escape", "printable", "spreadsheet_cell",
]  # fmt: skip

#: More words than this in one box gets a gentle note (it is still saved).
LONG_WORDS = 2000

# Markdown escapes only what would act as markup, so an export reads as typed:
# "(again)!" stays as it is. Anywhere: a backslash, code, emphasis, a link's
# brackets (so "(url)" and "!" after them are inert), HTML, a table cell, and an
# entity ("&copy;"). At a line's start: a list, heading, quote or underline marker.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<|]|&(?=#?\w+;)|~~)")
_MD_LINE_START = re.compile(r"^(\s*)(\d+(?=[.)])|)([-+=>#.)])", re.M)
# C0 controls other than tab and newline, DEL, the non-characters XML refuses, and
# the bidi controls, which reorder what is shown (U+202E makes "txt.exe" read "exe.txt").
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff{_BIDI}]")
# For a terminal, C1 controls and carriage returns go too (ESC and CSI start sequences
# that rewrite the screen; BEL rings).
_UNSHOWABLE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
# What spreadsheets skip before a formula (spaces, line breaks, quotes) and what
# starts one, checked after NFKC folding, so a full-width "＝" counts as "=".
_BEFORE_FORMULA = " \t\r\n\u00a0\u3000\"'\u2018\u2019\u201c\u201d"
_FORMULA = ("=", "+", "-", "@", "%", "|")


def field_problem(text: str, label: str, required: bool = False) -> str | None:
    """A one-line note about ``text`` typed in the box ``label``, or ``None``.

    Notes cover an empty or blank box (when it is needed), a box of emoji or
    symbols only, and a very long text. The text is kept whatever the note.
    """
    if not text:
        return f"{label} is empty: fill it in when you can." if required else None
    if not text.strip():
        return f"{label} holds only spaces, so it counts as empty."
    count = len(words(text))
    if count == 0:
        return f"{label} has no letters or numbers, only symbols or emoji: is that what you meant?"
    if count > LONG_WORDS:
        return (
            f"{label} is about {count:,} words long. It is saved, "
            "but short fragments are easier to use later."
        )
    return None


def fragments(text: str) -> list[str]:
    """The non-blank lines of a note, without list markers ('- ', '* ', '1. ')."""
    out = []
    for line in (text or "").splitlines():
        line = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s+", "", line).strip()
        if line:
            out.append(line)
    return out


def printable(text: str) -> str:
    """``text`` without control characters that documents (XML, HTML) cannot hold."""
    return _CONTROL.sub("", text or "")


def for_terminal(text: str) -> str:
    """``text`` without the characters that would act on a terminal."""
    return _UNSHOWABLE.sub("", text)


def spreadsheet_cell(value) -> str:
    """A cell a spreadsheet shows as text: one that could start a formula, in any
    form a spreadsheet accepts, gets a leading apostrophe (which it hides)."""
    text = printable("" if value is None else str(value))
    if text[:1] in ("\t", "\r", "\n"):
        return "'" + text
    start = unicodedata.normalize("NFKC", text.lstrip(_BEFORE_FORMULA)[:1])
    return "'" + text if start.startswith(_FORMULA) else text


def md_escape(text: str) -> str:
    """``text`` escaped for Markdown: no markup, HTML or list marker survives as such."""
    text = _MD_SPECIAL.sub(r"\\\1", printable(text))
    return _MD_LINE_START.sub(lambda m: f"{m.group(1)}{m.group(2)}\\{m.group(3)}", text)
