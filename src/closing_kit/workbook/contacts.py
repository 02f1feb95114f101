"""Everyone you met (chapter 2): what each card lacks, who may be missing, vCard and CSV.

Chapter 2 asks, as the article does, for every person's name, title and
contact details; Laura DeCarlo gives the reason in the article (you cannot
tell who has a say). The people data says which fields each kind of person needs.

Emails and phone numbers are checked with maintained libraries
(email-validator, syntax only; phonenumbers). What the learner typed is kept
on the card whatever the check says, but a value that fails it is left out
of the contact files and the letters, and :func:`left_out` says which.
"""

from __future__ import annotations

import csv
import io
import os

from closing_kit.workbook._data import load
from closing_kit.workbook.fields import printable, spreadsheet_cell
from closing_kit.workbook.model import kind_info

__all__ = [
    "card_gaps",
    "card_problems",
    "email_problem",
    "left_out",
    "missing_people",
    "phone_problem",
    "phone_region",
    "present_groups",
    "to_csv",
    "to_vcard",
    "usable",
]

CSV_COLUMNS = ("name", "title", "role", "email", "phone", "talked_about", "company")
_LOCALE_VARIABLES = ("LC_ALL", "LC_TELEPHONE", "LANG")


def card_gaps(person: dict) -> list[str]:
    """The fields this person's card still needs, by label ("job title", "work email")."""
    labels = load("people.json")["fields"]
    return [labels[f] for f in kind_info(person["kind"])["needs"] if not person[f].strip()]


def phone_region() -> str:
    """The region a phone number without ``+`` is read for (two letters, e.g. "GB").

    ``CLOSING_KIT_PHONE_REGION`` first, then the locale (``en_GB.UTF-8`` gives
    "GB"), then the default in ``people.json``.
    """
    import phonenumbers

    candidates = [os.environ.get("CLOSING_KIT_PHONE_REGION", "")]
    for variable in _LOCALE_VARIABLES:
        language = os.environ.get(variable, "").split(".")[0].split("@")[0]
        candidates.append(language.partition("_")[2])
    for candidate in candidates:
        if candidate.strip().upper() in phonenumbers.SUPPORTED_REGIONS:
            return candidate.strip().upper()
    return load("people.json")["phone"]["default_region"]


def email_problem(text: str) -> str | None:
    """Why ``text`` is not an email address, in one line; ``None`` when empty or fine.

    Only the form is checked (no look-up on the network).
    """
    from email_validator import EmailNotValidError, validate_email

    if not text.strip():
        return None
    try:
        validate_email(text.strip(), check_deliverability=False)
    except EmailNotValidError as err:
        why = str(err).strip().rstrip(".")
        why = why[:1].lower() + why[1:]  # "An email address must have an @-sign."
        return (
            f"The email {text.strip()!r} does not look right ({why}): "
            "copy it from their card or email signature"
        )
    return None


def phone_problem(text: str, region: str | None = None) -> str | None:
    """Why ``text`` is not a phone number, in one line; ``None`` when empty or fine.

    A number starting with ``+`` is read as international; any other for
    ``region`` (default :func:`phone_region`).
    """
    import phonenumbers

    if not text.strip():
        return None
    region = region or phone_region()
    try:
        number = phonenumbers.parse(text.strip(), region)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_valid_number(number):
        return None
    return (
        f"The phone number {text.strip()!r} does not look right for {region}: "
        "check the digits, or start with + and the country code."
    )


def card_problems(person: dict, region: str | None = None) -> dict[str, str]:
    """The card's fields whose value fails its check: ``{"email": "...", "phone": "..."}``."""
    found = {
        "email": email_problem(person["email"]),
        "phone": phone_problem(person["phone"], region),
    }
    return {key: message for key, message in found.items() if message}


def usable(person: dict, key: str, region: str | None = None) -> str:
    """The card's ``email`` or ``phone`` for an export: stripped, or "" when it fails its check."""
    value = person[key].strip()
    check = email_problem if key == "email" else lambda text: phone_problem(text, region)
    return "" if check(value) else value


def left_out(workbook: dict, region: str | None = None) -> list[str]:
    """One line per value an export leaves out ("Tom Reyes's email"), for the learner."""
    labels = {"email": "email", "phone": "phone number"}
    out = []
    for person in _named(workbook):
        for key in card_problems(person, region):
            out.append(f"{' '.join(person['name'].split())}'s {labels[key]}")
    return out


def present_groups(workbook: dict) -> set[str]:
    """The groups of chapter 2's list that a named card already covers ("recruiter")."""
    group_of = {k["id"]: k["group"] for k in load("people.json")["kinds"]}
    return {group_of[p["kind"]] for p in _named(workbook) if p["kind"] in group_of} - {""}


def missing_people(workbook: dict) -> list[str]:
    """A question for each kind of person chapter 2 lists whom the workbook has no card for.

    Kinds the learner marked as not met, and kinds that do not fit the
    interview's format (no receptionist on a phone call), are skipped.
    """
    data = load("people.json")
    present = present_groups(workbook)
    fmt = workbook["interview"]["format"]
    return [
        g["question"]
        for g in data["groups"]
        if g["id"] not in present and g["id"] not in workbook["not_met"] and fmt in g["formats"]
    ]


def _named(workbook: dict) -> list[dict]:
    return [p for p in workbook["people"] if p["name"].strip()]


def _note(workbook: dict, person: dict) -> str:
    interview = workbook["interview"]
    note = [kind_info(person["kind"])["label"] if person["kind"] else ""]
    if interview["role"].strip() or interview["date"]:
        met = f"Met at my interview for {interview['role'].strip() or 'a role'}"
        note.append(met + (f" on {interview['date']}" if interview["date"] else ""))
    note.append(person["talked_about"].strip())
    return printable(". ".join(n for n in note if n))


def to_vcard(workbook: dict, region: str | None = None) -> str:
    """Every named person as vCard 3.0 (written by vobject), for a phone or address book.

    The name is kept whole in ``N`` (given-name slot) rather than guessing which
    part is the family name. An email or phone number that fails its check is
    left out (see :func:`left_out`).
    """
    import vobject

    company = printable(workbook["interview"]["company"].strip())
    out = []
    for person in _named(workbook):
        name = printable(" ".join(person["name"].split()))
        card = vobject.vCard()
        card.add("fn").value = name
        card.add("n").value = vobject.vcard.Name(given=name)
        if person["title"].strip():
            card.add("title").value = printable(person["title"].strip())
        if company:
            card.add("org").value = [company]
        email = usable(person, "email", region)
        if email:
            line = card.add("email")
            line.value = printable(email)
            line.type_param = "INTERNET"
        phone = usable(person, "phone", region)
        if phone:
            line = card.add("tel")
            line.value = printable(phone)
            line.type_param = "WORK"
        note = _note(workbook, person)
        if note:
            card.add("note").value = note
        out.append(card.serialize())
    return "".join(out)


def _csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text (``fields.spreadsheet_cell``)."""
    return spreadsheet_cell(value)


def to_csv(workbook: dict, region: str | None = None) -> str:
    """Every named person as CSV with a header row (write it as UTF-8 with a BOM for Excel).

    An email or phone number that fails its check is left out, as in the vCard.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    company = workbook["interview"]["company"]
    for p in _named(workbook):
        role = kind_info(p["kind"])["label"] if p["kind"] else ""
        email, phone = usable(p, "email", region), usable(p, "phone", region)
        row = (p["name"], p["title"], role, email, phone, p["talked_about"], company)
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue()
