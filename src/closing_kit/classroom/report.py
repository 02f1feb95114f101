"""The class report: one HTML page (and, if asked, a CSV table) from a folder of workbooks.

Needs the ``class`` extra (jinja2). Everything a learner wrote is
escaped by jinja2's autoescaping; ``anonymise`` replaces each name by
"Learner 1", "Learner 2"... in the order of the file names, the same in the
page and in the table, and leaves no name, file name or interview detail behind:
inside the learners' own texts too (``classroom._anonymise`` says what goes).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from closing_kit.classroom.comments import comments_for
from closing_kit.classroom.learners import ClassData, Learner, Miss, read_class
from closing_kit.workbook.fields import spreadsheet_cell

__all__ = ["CSV_COLUMNS", "ClassReport", "build_report", "safe_cell", "write_csv"]

KINDS = {
    "closing": "Closing question",
    "reservation": "Reservations",
    "noncommittal": "Vague answers",
}
DRILLS = {"reservation": "Reservation drill", "noncommittal": "Vague-answer drill"}
#: The per-learner table, as in the page and the CSV file.
CSV_COLUMNS = (
    "learner", "file", "closing versions", "closing first", "closing best", "closing latest",
    "reservation attempts", "reservation average", "vague-answer attempts",
    "vague-answer average", "role-play runs", "role-play best", "checklist ticked",
    "checklist items", "missed most",
)  # fmt: skip


@dataclass
class ClassReport:
    """What ``build_report`` made: the page, the table's rows, and the class's data."""

    html: str
    header: tuple[str, ...]
    rows: list[list[str]]
    #: What the page shows (file names and reasons anonymised when asked).
    data: ClassData
    #: The class as read, real file names included (for the coach's own screen).
    read: ClassData | None = None


def safe_cell(value) -> str:
    """A cell a spreadsheet shows as text (``plain_text.spreadsheet_cell``)."""
    return spreadsheet_cell(value)


def build_report(folder: str | Path, anonymise: bool = False) -> ClassReport:
    """Read the class's workbooks in ``folder`` and make the report."""
    data = read_class(folder)
    names = _names(data.learners, anonymise)
    if anonymise:
        from closing_kit.classroom._anonymise import reason

        shared, scrubs = _scrubbers(data.learners)
    header = tuple(c for c in CSV_COLUMNS if not (anonymise and c == "file"))
    rows, items = [], []
    for n, learner in enumerate(data.learners, start=1):
        row = _row(learner, names[n - 1])
        if anonymise:
            del row[CSV_COLUMNS.index("file")]
        rows.append(row)
        series = learner.series()
        from closing_kit.classroom.charts import score_chart, text_alternative

        items.append(
            {
                "learner": learner,
                "name": names[n - 1],
                "file": "" if anonymise else learner.file,
                "practiced": _practiced(learner),
                "chart": score_chart(series, f"chart{n}") if series else "",
                "alt": text_alternative(series),
                "latest_close": scrubs[n - 1](learner.latest_close)
                if anonymise
                else learner.latest_close,
            }
        )
    skipped = [
        type(s)(f"Skipped file {n}", reason(s.reason, shared)) if anonymise else s
        for n, s in enumerate(data.skipped, start=1)
    ]
    page_data = ClassData(data.learners, skipped, data.misses, data.least_cards)
    count = len(data.learners)
    intro = (
        f"{count} {'learner' if count == 1 else 'learners'}"
        + (
            f"; {len(skipped)} {'file' if len(skipped) == 1 else 'files'} left out"
            if skipped
            else ""
        )
        + ". Scores are out of 100, from the same checks the exercises use."
    )
    html = _template().render(
        title="Class report",
        intro=intro,
        data=page_data,
        learners=items,
        kinds=KINDS,
        drills=DRILLS,
        comments=_comments,
        table_head=header,
        table_rows=rows,
    )
    return ClassReport(html, header, rows, page_data, data)


def csv_text(report: ClassReport) -> str:
    """The per-learner table as CSV text (write it as UTF-8 with a BOM for spreadsheets)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(report.header)
    writer.writerows([safe_cell(c) for c in row] for row in report.rows)
    return out.getvalue()


def write_csv(report: ClassReport, path: str | Path) -> None:
    """The per-learner table as a CSV file, written atomically (UTF-8 with a BOM)."""
    from closing_kit.safe_files import write_output

    write_output(path, csv_text(report).encode("utf-8-sig"))


def _comments(miss: Miss) -> tuple[str, ...]:
    return comments_for(miss.kind, miss.check_id)


def _names(learners: list[Learner], anonymise: bool) -> list[str]:
    # Learners come in file-name order: the same folder always numbers them the same way.
    if anonymise:
        return [f"Learner {n}" for n in range(1, len(learners) + 1)]
    return [learner.name for learner in learners]


def _scrubbers(learners: list[Learner]):
    """One scrubber per learner: the class's names and files, and the learner's own details."""
    from closing_kit.classroom._anonymise import Scrubber

    shared = Scrubber()
    for learner in learners:
        shared.add_name(learner.name)
        for name in (Path(learner.file).stem, Path(learner.file).name, learner.file):
            shared.add_name(name, parts=False)
    return shared, [shared.add(learner.details) for learner in learners]


def _average(scores: list[int]) -> str:
    return str(round(sum(scores) / len(scores))) if scores else ""


def _row(learner: Learner, name: str) -> list[str]:
    c = learner.closing
    return [
        name,
        learner.file,
        str(len(c)),
        str(c[0]) if c else "",
        str(max(c)) if c else "",
        str(c[-1]) if c else "",
        str(len(learner.reservation)),
        _average(learner.reservation),
        str(len(learner.noncommittal)),
        _average(learner.noncommittal),
        str(len(learner.roleplay)),
        str(max(learner.roleplay)) if learner.roleplay else "",
        str(learner.checklist_done),
        str(learner.checklist_total),
        "; ".join(m.label for m in learner.misses),
    ]


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _practiced(learner: Learner) -> str:
    parts = []
    if learner.closing:
        parts.append(_plural(len(learner.closing), "closing version", "closing versions"))
    if learner.reservation:
        parts.append(_plural(len(learner.reservation), "reservation answer", "reservation answers"))
    if learner.noncommittal:
        parts.append(
            _plural(len(learner.noncommittal), "vague-answer response", "vague-answer responses")
        )
    if learner.roleplay:
        parts.append(_plural(len(learner.roleplay), "role-play", "role-plays"))
    ticked = f"checklist: {learner.checklist_done} of {learner.checklist_total} ticked"
    if not parts:
        return f"No scored practice saved yet; {ticked}."
    return "Practiced: " + ", ".join(parts) + f"; {ticked}."


@cache
def _template():
    import jinja2
    from markupsafe import Markup

    from closing_kit.workbook.fields import printable

    def finalize(value):
        # Control characters (which HTML cannot hold) go; the charts' SVG is kept as it is.
        return (
            value if isinstance(value, Markup) or not isinstance(value, str) else printable(value)
        )

    source = resources.files("closing_kit").joinpath("data/classroom/report.html.j2")
    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize,
    )
    return env.from_string(source.read_text("utf-8"))
