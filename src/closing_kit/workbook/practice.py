"""Practice results (chapters 5-7, 9) kept in the interview's workbook too.

The practice widgets keep their full history in their own files (every
version, every attempt); the latest result of each exercise is also copied
into the workbook's ``drafts`` section, so one file per interview holds
everything the learner wrote, and the workbook's export shows it.
"""

from __future__ import annotations

from pathlib import Path

from closing_kit.workbook.model import new_workbook
from closing_kit.workbook.store import read_workbook, save_sections

__all__ = ["record_practice"]


def record_practice(path: str | Path, exercise: str, text: str, score: int | None, level: str):
    """Store ``text`` and its feedback under ``drafts[exercise]`` in the workbook at ``path``.

    Creates the workbook if there is none. Raises ``WorkbookError`` (and
    writes nothing) when the file exists but cannot be read.
    """
    path = Path(path)
    workbook = read_workbook(path) if path.exists() else new_workbook()
    workbook["drafts"][exercise] = {"text": text, "score": score, "level": level}
    save_sections(path, workbook, ["drafts"])
