"""The command line: ``closing-kit`` or ``python -m closing_kit``.

Feedback for coaches and scripts::

    echo "Thank you..." | closing-kit feedback closing --json
    echo "Thank you..." | closing-kit feedback closing --job-ad advert.txt
    echo "That's fair..." | closing-kit feedback objection --concern "TEXT" --json
    echo "Thanks..." | closing-kit feedback noncommittal --reply "TEXT"
    closing-kit feedback closing --batch answers.csv --column NAME -o scored.csv

Teaching a class (see ``closing_kit.classroom``)::

    closing-kit class-report DIR -o report.html [--anonymise] [--csv table.csv]
    closing-kit class-link --hub URL [--repo URL] [--branch main]

The learner's workbook (see ``closing_kit.workbook.cli``)::

    closing-kit workbook new FILE | workbook check FILE
    closing-kit letters FILE [--format md|txt|docx] [-o DIR]
    closing-kit remind FILE -o FILE.ics
    closing-kit export FILE [--format md|html] [-o OUT]

Exit status: 0 on success, 2 for input that cannot be used (one line on stderr).
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

from closing_kit.analysis import (
    analyze_closing,
    analyze_noncommittal,
    analyze_reservation,
    input_problem,
    letter_version,
)
from closing_kit.workbook.cli import add_commands as add_workbook_commands
from closing_kit.workbook.fields import for_terminal

__all__ = ["main"]


def _fail(message: str) -> int:
    print(f"closing-kit: {message}", file=sys.stderr)
    return 2


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def _feedback_batch(args) -> int:
    # Imported here: the one-answer path loads nothing but the engine.
    from closing_kit.classroom.batch import BatchError, write_scored

    if not (args.column or "").strip():
        return _fail("name the column that holds the answers: --column NAME")
    prompt, prompt_column = "", None
    if args.kind == "objection":
        prompt, prompt_column = args.concern or "", args.concern_column
        if not prompt.strip() and not prompt_column:
            return _fail(
                "say what the interviewer doubted: --concern TEXT or --concern-column NAME"
            )
    elif args.kind == "noncommittal":
        prompt, prompt_column = args.reply or "", args.reply_column
        if not prompt.strip() and not prompt_column:
            return _fail("give the interviewer's reply: --reply TEXT or --reply-column NAME")
    try:
        result = write_scored(
            args.batch,
            args.output,
            kind=args.kind,
            column=args.column,
            prompt=prompt,
            prompt_column=prompt_column,
            job_ad=args.job_ad or "",
            warn=lambda line: print(f"closing-kit: {line}", file=sys.stderr),
        )
    except BatchError as err:
        return _fail(str(err))
    except OSError as err:
        from closing_kit.safe_files import os_reason

        return _fail(f"cannot write {args.output}: {os_reason(err)}")
    if not result.scored and not result.problems:
        return _fail(
            f"{Path(args.batch).name} has a header row but no answers under it: "
            "add one row per learner and score it again"
        )
    if not result.scored:
        return _fail(f"no row could be scored ({_rows(len(result.problems))} left out, see above)")
    left = f"; {_rows(len(result.problems))} left out (see above)" if result.problems else ""
    where = f" into {args.output}" if args.output not in (None, "-") else ""
    print(f"closing-kit: scored {_rows(result.scored)}{where}{left}", file=sys.stderr)
    return 0


def _class_report(args) -> int:
    """Exit 0 when the report is written, every entry left out named on stderr (one
    line each) as in the report; 2, with one line, when the folder cannot be
    listed or the output may not be written."""
    from pathlib import Path

    folder = Path(args.folder)
    if not folder.is_dir():
        return _fail(f"{args.folder} is not a folder: give the folder that holds the workbooks")
    try:
        from closing_kit.classroom.report import build_report, csv_text
    except ImportError as err:
        return _fail(f"the class report needs the 'class' extra ({err.name} is missing): "
                     "pip install 'closing-kit[class]'")  # fmt: skip
    from closing_kit.classroom.folder import list_class_folder, shown
    from closing_kit.safe_files import StorageError, check_output, write_output

    try:
        inputs = [item.path for item in list_class_folder(folder)[0]]
        for out in filter(None, (args.output, args.csv)):  # before the work: nothing half written
            check_output(out, inputs)
        report = build_report(folder, anonymise=args.anonymise)
    except StorageError as err:
        return _fail(str(err))
    except OSError as err:
        return _fail(f"cannot read the folder {shown(args.folder)} ({err.strerror or err})")
    try:
        write_output(args.output, report.html, inputs=inputs)
        if args.csv:
            write_output(args.csv, csv_text(report).encode("utf-8-sig"), inputs=inputs)
    except StorageError as err:
        return _fail(str(err))
    except OSError as err:
        return _fail(f"cannot write the report ({err.strerror or err}: {err.filename})")
    # The coach's own screen: the real names, even when the report is anonymised.
    for item in report.read.skipped:
        print(f"closing-kit: left out {item.file}: {item.reason}", file=sys.stderr)
    skipped = len(report.data.skipped)
    note = (
        f"; {skipped} file{'s' if skipped != 1 else ''} left out (listed in it)" if skipped else ""
    )
    print(f"closing-kit: {len(report.rows)} learners in {args.output}{note}", file=sys.stderr)
    return 0


def _class_link(args) -> int:
    from closing_kit.classroom.links import DEFAULT_REPO, LinkError, class_link

    try:
        print(class_link(args.hub, args.repo or DEFAULT_REPO, args.branch))
    except LinkError as err:
        return _fail(str(err))
    return 0


def _read_job_ad(path):
    """The job ad's text from ``path``, or a one-line message saying what is wrong."""
    from pathlib import Path

    try:
        raw = Path(path).read_bytes()
    except IsADirectoryError:
        return None, f"{path} is a folder: give the file that holds the job ad (--job-ad FILE)"
    except OSError as err:
        return None, f"cannot read the job ad {path} ({err.strerror or err})"
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, (
            f"{path} is not plain text (UTF-8): save the job ad as a .txt file and try again"
        )
    from closing_kit.analysis.text import MAX_WORDS, words

    count = len(words(text))
    if not count:
        return None, f"{path} has no words in it: paste the job ad's text into it and try again"
    if count > MAX_WORDS:
        return None, (
            f"{path} has about {count:,} words, more than any job ad: keep only the ad's text"
        )
    return text, None


def _feedback(args) -> int:
    if args.job_ad:
        args.job_ad, problem = _read_job_ad(args.job_ad)
        if problem:
            return _fail(problem)
    if args.batch:
        return _feedback_batch(args)
    raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")  # whatever the locale says: answers are UTF-8
        except UnicodeDecodeError:
            return _fail(
                "standard input is not UTF-8 text: save the answer as UTF-8 "
                "(any editor's 'Save as' offers it) and pipe it in again"
            )
    else:
        text = raw
    if not text.strip():
        problem = 'standard input is empty: pipe the answer in, e.g. echo "..." | closing-kit ...'
    else:
        problem = input_problem(text, "the answer")
    if problem:
        print(f"closing-kit: {problem}", file=sys.stderr)
        return 2
    if args.kind == "closing":
        result = analyze_closing(text, job_ad=args.job_ad or "")
        extra = {}
    elif args.kind == "objection":
        if not (args.concern or "").strip():
            print("closing-kit: say what the interviewer doubted: --concern TEXT", file=sys.stderr)
            return 2
        result = analyze_reservation(args.concern, text)
        extra = {"letter_version": letter_version(args.concern, text)}
    else:
        if not (args.reply or "").strip():
            print("closing-kit: give the interviewer's reply with --reply TEXT", file=sys.stderr)
            return 2
        result = analyze_noncommittal(args.reply, text)
        extra = {}
    if args.json:
        print(json.dumps({**result.to_dict(), **extra}, ensure_ascii=False))
    else:
        print(result.as_text())
        if extra.get("letter_version"):
            print(f"In a follow-up letter: {extra['letter_version']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="closing-kit", description="Practice the last five minutes of a job interview."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    fb = commands.add_parser("feedback", help="feedback on an answer read from standard input")
    fb.add_argument("kind", choices=["closing", "objection", "noncommittal"])
    fb.add_argument("--concern", help="objection: what the interviewer is unsure about")
    fb.add_argument("--reply", help="noncommittal: the interviewer's vague answer")
    fb.add_argument(
        "--job-ad",
        metavar="FILE",
        help="closing: a text file with the job ad, to judge your evidence against what it asks",
    )
    fb.add_argument("--json", action="store_true", help="print one JSON object")
    fb.add_argument("--batch", metavar="FILE.csv", help="score every row of a CSV file instead")
    fb.add_argument("--column", help="--batch: the column that holds the answers")
    fb.add_argument("--concern-column", help="--batch, objection: the column with each concern")
    fb.add_argument("--reply-column", help="--batch, noncommittal: the column with each reply")
    fb.add_argument("-o", "--output", help="--batch: the scored CSV (default: standard output)")
    fb.set_defaults(func=_feedback)
    report = commands.add_parser("class-report", help="a report on a folder of learners' workbooks")
    report.add_argument(
        "folder",
        metavar="DIR",
        help="the folder of workbook files (*.json; the folders directly in it too)",
    )
    report.add_argument("-o", "--output", required=True, help="the HTML report to write")
    report.add_argument(
        "--anonymise",
        action="store_true",
        help="Learner 1, 2... for names; no name, contact, company or role left in any text",
    )
    report.add_argument("--csv", metavar="FILE.csv", help="also write the per-learner table")
    report.set_defaults(func=_class_report)
    link = commands.add_parser("class-link", help="a link that opens the notebooks on a JupyterHub")
    link.add_argument(
        "--hub", required=True, help="the hub's address, e.g. https://hub.example.org"
    )
    link.add_argument(
        "--repo", default=None, help="the course repository (default: the public one)"
    )
    link.add_argument("--branch", default="main", help="the branch to open (default: main)")
    link.set_defaults(func=_class_link)
    add_workbook_commands(commands)
    return parser


class _Shown(io.TextIOBase):
    """A terminal stream that drops what would act on the terminal (``for_terminal``)."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(for_terminal(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name):  # encoding, isatty, buffer...
        return getattr(self._stream, name)


def main(argv=None) -> int:
    # jsonschema, at import, builds an IRI grammar with rfc3987_syntax when that is
    # installed (Jupyter's own packages pull it in): 1.2 s of every command. The
    # workbook schema checks only "date", so this process goes without it.
    sys.modules.setdefault("rfc3987_syntax", None)
    args = build_parser().parse_args(argv)
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Shown(out), _Shown(err)
    try:
        return args.func(args)
    finally:
        sys.stdout, sys.stderr = out, err
