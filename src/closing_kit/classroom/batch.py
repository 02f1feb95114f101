"""Score every row of a CSV file (a form's export): the same rows, plus score, level, failed.

Standard library only, like the engine, so ``closing-kit feedback --batch`` stays quick.
The file is read as a stream, line by line: an over-long line or one that is not
UTF-8 spoils only its own row. A row that cannot be scored is reported (its
line number and why) and written with its score cells empty; the rest are scored.
"""

from __future__ import annotations

import codecs
import csv
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from closing_kit.analysis import analyze_closing, analyze_noncommittal, analyze_reservation
from closing_kit.analysis.text import MAX_WORDS, words
from closing_kit.workbook.fields import spreadsheet_cell

__all__ = ["BatchError", "BatchResult", "score_csv", "write_scored"]

#: A line longer than this (in bytes) is not an answer anyone typed into a form.
MAX_LINE_BYTES = 256 * 1024
#: The CSV module's own limit on one field, in characters (a field may span lines).
MAX_FIELD_CHARS = 512 * 1024
ADDED = ("score", "level", "failed")
# Private-use markers for lines that could not be read; a row holding one is reported.
_TOO_LONG, _NOT_TEXT = "\ufdd0long\ufdd0", "\ufdd0text\ufdd0"


class BatchError(Exception):
    """The file or the column cannot be used at all; ``str(err)`` is one line."""


@dataclass
class BatchResult:
    scored: int = 0
    #: (line number, reason) for each row left unscored.
    problems: list[tuple[int, str]] = field(default_factory=list)


def _cell(text: str) -> str:
    return spreadsheet_cell(text)


def _lines(handle, first_encoding: str) -> Iterator[str]:
    """Decoded lines; an over-long or undecodable line comes back as a marker."""
    first = True
    while True:
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of that line
                raw = handle.readline(MAX_LINE_BYTES)
            yield _TOO_LONG + "\n"
            first = False
            continue
        try:
            text = raw.decode(first_encoding if first else "utf-8")
        except UnicodeDecodeError:
            text = _NOT_TEXT + ("\n" if raw.endswith(b"\n") else "")
        first = False
        yield text


def _find_column(header: list[str], name: str, what: str, path: Path) -> int:
    if name in header:
        return header.index(name)
    loose = [i for i, h in enumerate(header) if h.strip().casefold() == name.strip().casefold()]
    if len(loose) == 1:
        return loose[0]
    shown = ", ".join(repr(_short(h)) for h in header[:12]) + (" ..." if len(header) > 12 else "")
    raise BatchError(f"{path.name} has no {what} column {name!r} (its columns: {shown})")


def _short(name: str, limit: int = 40) -> str:
    """A column's name as a message shows it: a 20,000-character header stays one short line."""
    return name if len(name) <= limit else name[: limit - 1] + "\u2026"


def _answer_problem(text: str) -> str | None:
    if _TOO_LONG in text:
        return "the row is far too long to be an answer"
    if _NOT_TEXT in text:
        return "the row is not UTF-8 text"
    if not text.strip():
        return "the answer is empty"
    count = len(words(text))
    if count == 0:
        return "the answer has no words in it (only symbols)"
    if count > MAX_WORDS:
        return f"the answer is about {count:,} words, far more than anyone says"
    return None


def score_csv(
    source: str | Path,
    out,
    kind: str,
    column: str,
    prompt: str = "",
    prompt_column: str | None = None,
    job_ad: str = "",
    warn: Callable[[str], None] | None = None,
) -> BatchResult:
    """Score the ``column`` of every row of ``source``, writing the rows to ``out`` (text).

    ``kind`` is "closing", "objection" (``prompt`` is the concern, or it comes
    from ``prompt_column``) or "noncommittal" (the interviewer's reply).
    ``warn`` gets one line per row left unscored.

    Raises
    ------
    BatchError
        The file cannot be read as CSV text, or has no such column.
    """
    path = Path(source)
    warn = warn or (lambda line: print(line, file=sys.stderr))
    if path.is_dir():
        raise BatchError(f"{path.name} is a folder, not a CSV file")
    try:
        handle = open(path, "rb")  # noqa: SIM115  (closed below)
    except OSError as err:
        raise BatchError(f"cannot read {path.name} ({err.strerror or err})") from None
    with handle:
        start = handle.read(4)
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise BatchError(f"{path.name} is UTF-16 text: save it as 'CSV UTF-8' and try again")
        handle.seek(0)
        return _score(handle, path, out, kind, column, prompt, prompt_column, job_ad, warn)


def _score(handle, path, out, kind, column, prompt, prompt_column, job_ad, warn) -> BatchResult:
    lines = _lines(handle, "utf-8-sig")
    try:
        first = next(lines)
    except StopIteration:
        raise BatchError(
            f"{path.name} is empty: it needs a header row naming the columns"
        ) from None
    if _NOT_TEXT in first or _TOO_LONG in first:
        raise BatchError(f"{path.name} is not a CSV file of UTF-8 text (its first line)")
    # A form's export uses commas; a spreadsheet in some languages, semicolons or tabs.
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=counts.get) if any(counts.values()) else ","

    def all_lines():
        yield first
        yield from lines

    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        # strict: a quote left open would otherwise swallow the rows after it into one
        # cell, so one learner would be scored on another's text and rows would vanish.
        reader = csv.reader(all_lines(), delimiter=delimiter, strict=True)
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            raise BatchError(f"{path.name} has no header row naming the columns")
        col = _find_column(header, column, "answer", path)
        pcol = _find_column(header, prompt_column, "prompt", path) if prompt_column else None
        names = [n if n not in header else f"{n} (closing-kit)" for n in ADDED]
        writer = csv.writer(out)
        writer.writerow([_cell(h) for h in header] + names)
        result = BatchResult()
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                problem = _csv_problem(str(err), line, reader.line_num, delimiter)
                result.problems.append((line, problem))
                warn(f"line {line}: {problem}")
                continue
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line
            problem = _row_problem(row, col, pcol, kind, prompt, column, prompt_column)
            if problem:
                result.problems.append((line, problem))
                warn(f"line {line}: {problem}; not scored")
                if _TOO_LONG in "".join(row) or _NOT_TEXT in "".join(row):
                    continue  # nothing of it can be written back faithfully
                writer.writerow([_cell(c) for c in row] + ["", "", ""])
                continue
            fb = _analyze(kind, row[col], row[pcol] if pcol is not None else prompt, job_ad)
            writer.writerow(
                [_cell(c) for c in row] + [str(fb.score), fb.level, "; ".join(fb.failed_labels)]
            )
            result.scored += 1
        return result
    finally:
        csv.field_size_limit(old_limit)


def _csv_problem(error: str, start: int, end: int, delimiter: str) -> str:
    """What went wrong reading the row that starts on line ``start``, and what to do."""
    lines = f"line {start}" if end <= start else f"lines {start} to {end}"
    if "unexpected end of data" in error:
        return (
            f'a quote (") opened on line {start} is never closed, so {lines} could not be '
            f"read: close or remove that quote and score the file again"
        )
    if "expected after" in error:
        shown = "a tab" if delimiter == "\t" else repr(delimiter)
        return (
            f'a quote (") closes on line {end} in the middle of a cell (not before {shown}), '
            f"so {lines} could not be read: check the quotes from line {start}"
        )
    return f"{lines} cannot be read as CSV ({error}): check that row and score again"


def _row_problem(row, col, pcol, kind, prompt, column, prompt_column) -> str | None:
    joined = "".join(row)
    if _TOO_LONG in joined:
        return "the row is far too long to be an answer"
    if _NOT_TEXT in joined:
        return "the row is not UTF-8 text"
    if col >= len(row):
        return f"the row has no {column!r} cell (it has {len(row)} cells)"
    problem = _answer_problem(row[col])
    if problem:
        return problem
    if pcol is not None:
        if pcol >= len(row) or not row[pcol].strip():
            return f"the {prompt_column!r} cell is empty: no concern to answer"
    elif kind == "objection" and not prompt.strip():
        return "no concern given"
    return None


def _analyze(kind: str, answer: str, prompt: str, job_ad: str):
    if kind == "closing":
        return analyze_closing(answer, job_ad=job_ad)
    if kind == "objection":
        return analyze_reservation(prompt, answer)
    return analyze_noncommittal(prompt, answer)


def write_scored(source, target, **kwargs) -> BatchResult:
    """``score_csv`` into ``target`` (a path; atomically), or standard output for ``None``/"-".

    ``target`` is written only when at least one row was scored.
    """
    if target in (None, "-"):
        return score_csv(source, sys.stdout, **kwargs)
    from closing_kit.safe_files import StorageError, check_output

    try:  # never over the answers (under any name), a workbook or a folder
        target = check_output(target, inputs=[source])
    except StorageError as err:
        raise BatchError(f"{err} (-o)") from None
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            result = score_csv(source, handle, **kwargs)
        if result.scored:  # a file with no score in it would only mislead
            os.replace(tmp, target)
        else:
            Path(tmp).unlink()
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return result
