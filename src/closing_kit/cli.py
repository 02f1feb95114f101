"""The command line: ``closing-kit`` or ``python -m closing_kit``.

Feedback for coaches and scripts::

    echo "Thank you..." | closing-kit feedback closing --json
    echo "That's fair..." | closing-kit feedback objection --concern "TEXT" --json
    echo "Thanks..." | closing-kit feedback noncommittal --reply "TEXT"

The learner's workbook (see ``closing_kit.workbook.cli``)::

    closing-kit workbook new FILE | workbook check FILE
    closing-kit letters FILE [--format md|txt|docx] [-o DIR]
    closing-kit remind FILE -o FILE.ics
    closing-kit export FILE [--format md|html] [-o OUT]

Exit status: 0 on success, 2 for input that cannot be used (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys

from closing_kit.analysis import (
    analyze_closing,
    analyze_noncommittal,
    analyze_reservation,
    input_problem,
    letter_version,
)
from closing_kit.workbook.cli import add_commands as add_workbook_commands

__all__ = ["main"]


def _feedback(args) -> int:
    text = sys.stdin.read()
    if not text.strip():
        problem = 'standard input is empty: pipe the answer in, e.g. echo "..." | closing-kit ...'
    else:
        problem = input_problem(text, "only the answer")
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
        prog="closing-kit", description="Practise the last five minutes of a job interview."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    fb = commands.add_parser("feedback", help="feedback on an answer read from standard input")
    fb.add_argument("kind", choices=["closing", "objection", "noncommittal"])
    fb.add_argument("--concern", help="objection: what the interviewer is unsure about")
    fb.add_argument("--reply", help="noncommittal: the interviewer's vague answer")
    fb.add_argument("--job-ad", help="closing: the job ad's requirements, to match evidence")
    fb.add_argument("--json", action="store_true", help="print one JSON object")
    fb.set_defaults(func=_feedback)
    add_workbook_commands(commands)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
