"""The workbook's commands, added to the ``closing-kit`` command line by ``add_commands``.

::

    closing-kit workbook new FILE [--company C] [--role R] [--date YYYY-MM-DD]
    closing-kit workbook check FILE
    closing-kit letters FILE [--format md|txt|docx] [-o DIR]
    closing-kit remind FILE -o FILE.ics
    closing-kit export FILE [--format md|html] [-o OUT]

Exit status: 0 when done, 2 for input that cannot be used (one line on stderr).
These commands only read a workbook (``new`` only creates one), so an
unreadable file is reported and left exactly as it is.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["add_commands"]

#: The letter file formats (``letter_files.FORMATS``; repeated here so that
#: building the parser does not load the letter and Word libraries).
LETTER_FORMATS = ("md", "txt", "docx")

# The commands below import the modules (and libraries: jinja2, icalendar,
# python-docx) they need when they run, so `closing-kit feedback` stays fast.


class _Refused(Exception):
    """Input that cannot be used; the message is the one line the user sees."""


def _fail(message: str) -> int:
    print(f"closing-kit: {' '.join(str(message).split())}", file=sys.stderr)
    return 2


def _guarded(func):
    def run(args) -> int:
        from closing_kit.safe_files import StorageError, os_reason

        try:
            return func(args)
        except (StorageError, _Refused) as err:  # a WorkbookError is a StorageError
            return _fail(str(err))
        except OSError as err:
            name = Path(err.filename).name if err.filename else "the file"
            return _fail(f"could not write {name}: {os_reason(err)}")

    return run


def _open(path: str) -> dict:
    from closing_kit.workbook.store import read_workbook

    return read_workbook(Path(path))


def _output(workbook_path: str, out: str) -> Path:
    target = Path(out)
    if target.exists() and target.resolve() == Path(workbook_path).resolve():
        raise _Refused(f"{target.name} is the workbook itself: choose another output name")
    if target.is_dir():
        raise _Refused(f"{target.name} is a folder: give a file name to write")
    return target


def _write(workbook_path: str, target: Path, content) -> Path:
    """Write an export atomically, never over the workbook or another learner's."""
    from closing_kit.safe_files import StorageError, write_output

    try:
        return write_output(target, content, inputs=[workbook_path])
    except StorageError as err:
        raise _Refused(str(err)) from None


def _new(args) -> int:
    from closing_kit.workbook.model import SCHEMA_VERSION, new_workbook, parse_date
    from closing_kit.workbook.store import save_workbook

    path = Path(args.file)
    if path.exists():
        raise _Refused(f"{path.name} already exists: choose another name, nothing was changed")
    if args.date and parse_date(args.date) is None:
        raise _Refused(f"--date {args.date!r} is not a date: write it as YYYY-MM-DD")
    save_workbook(path, new_workbook(args.company or "", args.role or "", args.date or ""))
    print(f"Created {path.name} (workbook format version {SCHEMA_VERSION}).")
    return 0


def _check(args) -> int:
    from closing_kit.workbook.model import SCHEMA_VERSION

    data = _open(args.file)
    people = sum(1 for p in data["people"] if p["name"].strip())
    print(
        f"{Path(args.file).name}: a valid workbook (format version {SCHEMA_VERSION}), "
        f"{people} {'person' if people == 1 else 'people'}."
    )
    return 0


def _letters(args) -> int:
    from closing_kit.workbook.letter_files import write_letters
    from closing_kit.workbook.letters import warnings

    data = _open(args.file)
    if not any(p["name"].strip() for p in data["people"]):
        raise _Refused(f"{Path(args.file).name} has no named people yet, so there is no letter")
    source = Path(args.file)
    folder = Path(args.output) if args.output else source.with_name(f"{source.stem}-letters")
    if folder.exists() and not folder.is_dir():
        raise _Refused(f"{folder.name} is a file, not a folder: give a folder with -o")
    from closing_kit.safe_files import StorageError

    try:
        written = write_letters(data, folder, args.format)
    except StorageError as err:
        raise _Refused(str(err)) from None
    for path in written:
        print(f"wrote {path}")
    for warning in warnings(data):
        print(f"check: {warning.message}")
    return 0


def _remind(args) -> int:
    from closing_kit.workbook.followup import plan, to_ics

    data = _open(args.file)
    target = _output(args.file, args.output)
    try:
        calendar = to_ics(data)
    except ValueError as err:
        raise _Refused(f"{Path(args.file).name}: {err}") from None
    target = _write(args.file, target, calendar)
    for line in plan(data).reasons:
        print(line)
    print(f"wrote {target}")
    return 0


def _export(args) -> int:
    from closing_kit.workbook.export import to_html, to_markdown

    data = _open(args.file)
    text = to_html(data) if args.format == "html" else to_markdown(data)
    if args.output:
        target = _output(args.file, args.output)
        target = _write(args.file, target, text)
        print(f"wrote {target}")
    else:
        sys.stdout.write(text)
    return 0


def add_commands(subparsers) -> None:
    """Add ``workbook``, ``letters``, ``remind`` and ``export`` to an argparse subparsers action.

    Each command sets ``func``: a callable taking the parsed arguments and
    returning the exit status.
    """
    wb = subparsers.add_parser("workbook", help="create or check a workbook file")
    actions = wb.add_subparsers(dest="workbook_command", required=True, metavar="ACTION")
    new = actions.add_parser("new", help="create an empty workbook for one interview")
    new.add_argument("file", metavar="FILE")
    new.add_argument("--company", help="the company you are interviewing with")
    new.add_argument("--role", help="the role you are interviewing for")
    new.add_argument("--date", help="the interview date, YYYY-MM-DD")
    new.set_defaults(func=_guarded(_new))
    check = actions.add_parser("check", help="say whether FILE is a valid workbook")
    check.add_argument("file", metavar="FILE")
    check.set_defaults(func=_guarded(_check))

    letters = subparsers.add_parser("letters", help="write a thank-you letter per person")
    letters.add_argument("file", metavar="FILE")
    letters.add_argument("--format", choices=LETTER_FORMATS, default="md")
    letters.add_argument("-o", "--output", metavar="DIR", help="folder for the letters")
    letters.set_defaults(func=_guarded(_letters))

    remind = subparsers.add_parser("remind", help="write the follow-up plan as a calendar file")
    remind.add_argument("file", metavar="FILE")
    remind.add_argument("-o", "--output", metavar="FILE.ics", required=True)
    remind.set_defaults(func=_guarded(_remind))

    export = subparsers.add_parser("export", help="the whole workbook as Markdown or HTML")
    export.add_argument("file", metavar="FILE")
    export.add_argument("--format", choices=("md", "html"), default="md")
    export.add_argument("-o", "--output", metavar="OUT", help="file to write (default: print)")
    export.set_defaults(func=_guarded(_export))
