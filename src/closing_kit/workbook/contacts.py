"""Everyone you met (chapter 2): what each card lacks, who may be missing, vCard and CSV.

Chapter 2 (after Laura DeCarlo in the article) asks for every person's name,
title and contact details, because you cannot tell who has a say in the
decision; the people data says which fields each kind of person needs.
"""

from __future__ import annotations

import csv
import io

from closing_kit.workbook._data import load
from closing_kit.workbook.model import kind_info
from closing_kit.workbook.text import printable

__all__ = ["card_gaps", "missing_people", "to_csv", "to_vcard"]

CSV_COLUMNS = ("name", "title", "role", "email", "phone", "talked_about", "company")


def card_gaps(person: dict) -> list[str]:
    """The fields this person's card still needs, by label ("job title", "work email")."""
    labels = load("people.json")["fields"]
    return [labels[f] for f in kind_info(person["kind"])["needs"] if not person[f].strip()]


def missing_people(workbook: dict) -> list[str]:
    """A question for each kind of person chapter 2 lists whom the workbook has no card for.

    Kinds the learner marked as not met, and kinds that do not fit the
    interview's format (no receptionist on a phone call), are skipped.
    """
    data = load("people.json")
    group_of = {k["id"]: k["group"] for k in data["kinds"]}
    present = {group_of.get(p["kind"]) for p in workbook["people"] if p["name"].strip()}
    fmt = workbook["interview"]["format"]
    return [
        g["question"]
        for g in data["groups"]
        if g["id"] not in present and g["id"] not in workbook["not_met"] and fmt in g["formats"]
    ]


def _named(workbook: dict) -> list[dict]:
    return [p for p in workbook["people"] if p["name"].strip()]


def _vcard_text(value: str) -> str:
    """Escape a value for a vCard 3.0 text property (RFC 2426, 5.)."""
    value = printable(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out, current = [], ""
    for ch in line:
        limit = 75 if not out else 74
        if len((current + ch).encode("utf-8")) > limit:
            out.append(current)
            current = ""
        current += ch
    out.append(current)
    return "\r\n ".join(out)


def to_vcard(workbook: dict) -> str:
    """Every named person as vCard 3.0, for a phone or address book to import.

    The name is kept whole in ``N`` (given-name slot) rather than guessing which
    part is the family name.
    """
    interview = workbook["interview"]
    cards = []
    for person in _named(workbook):
        note = [kind_info(person["kind"])["label"] if person["kind"] else ""]
        if interview["role"].strip() or interview["date"]:
            met = f"Met at my interview for {interview['role'].strip() or 'a role'}"
            note.append(met + (f" on {interview['date']}" if interview["date"] else ""))
        note.append(person["talked_about"].strip())
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"FN:{_vcard_text(person['name'].strip())}",
            f"N:;{_vcard_text(person['name'].strip())};;;",
        ]
        if person["title"].strip():
            lines.append(f"TITLE:{_vcard_text(person['title'].strip())}")
        if interview["company"].strip():
            lines.append(f"ORG:{_vcard_text(interview['company'].strip())}")
        if person["email"].strip():
            lines.append(f"EMAIL;TYPE=INTERNET:{_vcard_text(person['email'].strip())}")
        if person["phone"].strip():
            lines.append(f"TEL;TYPE=WORK:{_vcard_text(person['phone'].strip())}")
        if any(note):
            lines.append(f"NOTE:{_vcard_text('. '.join(n for n in note if n))}")
        lines.append("END:VCARD")
        cards.extend(_fold(line) for line in lines)
    return "".join(line + "\r\n" for line in cards)


def _csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading = + - @ would start a formula."""
    value = printable(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(workbook: dict) -> str:
    """Every named person as CSV with a header row (write it as UTF-8 with a BOM for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    company = workbook["interview"]["company"]
    for p in _named(workbook):
        role = kind_info(p["kind"])["label"] if p["kind"] else ""
        row = (p["name"], p["title"], role, p["email"], p["phone"], p["talked_about"], company)
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue()
