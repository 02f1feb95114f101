"""The learner's workbook: everything written about one interview, kept in one JSON file.

Layers: ``model`` (the format, its schema, validation) and ``migrate`` <-
``store`` (atomic saves, unreadable files kept) <- the exercises' logic
(``contacts``, ``followup``, ``memory``, ``letters``, ``letter_files``,
``export``) <- ``cli`` and the widgets.
"""

from closing_kit.workbook.contacts import card_gaps, missing_people, to_csv, to_vcard
from closing_kit.workbook.export import to_html, to_markdown
from closing_kit.workbook.followup import FollowUpPlan, add_business_days, plan, to_ics
from closing_kit.workbook.letter_files import letter_bytes, write_letters
from closing_kit.workbook.letters import Letter, LetterWarning, draft, letters, warnings
from closing_kit.workbook.memory import Countdown, notes_about, prompts
from closing_kit.workbook.migrate import migrate
from closing_kit.workbook.model import (
    FORMAT,
    SCHEMA_VERSION,
    new_person,
    new_workbook,
    problems,
    schema,
)
from closing_kit.workbook.store import (
    WorkbookError,
    free_name,
    load_workbook,
    read_workbook,
    save_sections,
    save_workbook,
)

__all__ = [
    "FORMAT",
    "SCHEMA_VERSION",
    "Countdown",
    "FollowUpPlan",
    "Letter",
    "LetterWarning",
    "WorkbookError",
    "add_business_days",
    "card_gaps",
    "draft",
    "free_name",
    "letter_bytes",
    "letters",
    "load_workbook",
    "migrate",
    "missing_people",
    "new_person",
    "new_workbook",
    "notes_about",
    "plan",
    "problems",
    "prompts",
    "read_workbook",
    "save_sections",
    "save_workbook",
    "schema",
    "to_csv",
    "to_html",
    "to_ics",
    "to_markdown",
    "to_vcard",
    "warnings",
    "write_letters",
]
