"""Thank-you letters as files: Markdown, a plain-text email, or Word (.docx).

Each format escapes the learner's text its own way: Markdown escapes markup
characters, Word gets plain runs (python-docx escapes XML), and characters
no document can hold (control characters) are dropped from the copy.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from closing_kit.safe_files import write_output
from closing_kit.workbook.fields import md_escape, printable
from closing_kit.workbook.letters import Letter, letters

__all__ = ["FORMATS", "letter_bytes", "write_letters"]

FORMATS = ("md", "txt", "docx")


def _paragraphs(body: str) -> list[list[str]]:
    return [block.split("\n") for block in re.split(r"\n\s*\n", body.strip()) if block.strip()]


def to_markdown(letter: Letter) -> str:
    """The letter as Markdown: the subject in bold, each line its own paragraph (a
    hard break's trailing backslash reads as a stray mark to anyone opening the file)."""
    out = [f"**Subject:** {md_escape(letter.subject)}"]
    if letter.email:
        out.append(f"**To:** {md_escape(letter.email)}")
    for lines in _paragraphs(letter.body):
        out.extend(md_escape(line) for line in lines if line.strip())
    return "\n\n".join(out) + "\n"


def to_text(letter: Letter) -> str:
    """The letter as a plain-text email, ready to paste."""
    head = f"To: {letter.email}\n" if letter.email else ""
    return printable(f"{head}{letter.text}") + "\n"


def to_docx(letter: Letter) -> bytes:
    """The letter as a Word document (one paragraph per paragraph, lines kept)."""
    from docx import Document

    document = Document()
    subject = document.add_paragraph()
    subject.add_run("Subject: ").bold = True
    subject.add_run(printable(letter.subject))
    if letter.email:
        document.add_paragraph(f"To: {printable(letter.email)}")
    for lines in _paragraphs(letter.body):
        paragraph = document.add_paragraph()
        for n, line in enumerate(lines):
            run = paragraph.add_run(printable(line))
            if n < len(lines) - 1:
                run.add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def letter_bytes(letter: Letter, fmt: str) -> bytes:
    """The letter in ``fmt`` (``md``, ``txt`` or ``docx``) as the bytes of a file."""
    if fmt == "md":
        return to_markdown(letter).encode("utf-8")
    if fmt == "txt":
        return to_text(letter).encode("utf-8")
    if fmt == "docx":
        return to_docx(letter)
    raise ValueError(f"unknown letter format {fmt!r}: use one of {', '.join(FORMATS)}")


def _slug(name: str) -> str:
    slug = re.sub(r"[^\w]+", "-", name.casefold(), flags=re.UNICODE).strip("-_")
    return slug[:40].strip("-_") or "letter"


def write_letters(workbook: dict, folder: str | Path, fmt: str = "md") -> list[Path]:
    """Write one file per letter into ``folder`` (created if needed); return the paths.

    Files are named by position and name (``01-anna-brandt.md``) so they sort
    in the order of the contact cards. Each is written atomically
    (``safe_files.write_output``); ``StorageError`` says which one could not be.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for n, letter in enumerate(letters(workbook), 1):
        path = folder / f"{n:02d}-{_slug(letter.name)}.{fmt}"
        # Atomic, and never over a workbook: a failed write leaves an earlier letter whole.
        written.append(write_output(path, letter_bytes(letter, fmt)))
    return written
