"""The learner's workbook: everything written about one interview, kept in one JSON file.

Layers: ``model`` (the format, its schema, validation) and ``migrate`` <-
``store`` (atomic saves, unreadable files kept) <- the exercises' logic
(``contacts``, ``followup``, ``memory``, ``letters``, ``letter_files``,
``export``) <- ``cli`` and the widgets.

The file formats need the ``workbook`` extra (jsonschema, jinja2, icalendar,
python-docx); each is imported by the module that uses it, when it is used,
and the names below load their module on first use. (``letters()`` and
``migrate()`` share their module's name: import them from
``closing_kit.workbook.letters`` and ``closing_kit.workbook.migrate``.)
"""

from __future__ import annotations

from closing_kit._lazy import lazy_names

_LAZY = {
    "card_gaps": "contacts", "missing_people": "contacts", "to_csv": "contacts",
    "to_vcard": "contacts",
    "to_html": "export", "to_markdown": "export",
    "FollowUpPlan": "followup", "add_business_days": "followup", "plan": "followup",
    "to_ics": "followup",
    "letter_bytes": "letter_files", "write_letters": "letter_files",
    "Letter": "letters", "LetterWarning": "letters", "draft": "letters", "warnings": "letters",
    "Countdown": "memory", "notes_about": "memory", "prompts": "memory",
    "FORMAT": "model", "SCHEMA_VERSION": "model", "new_person": "model",
    "new_workbook": "model", "problems": "model", "schema": "model",
    "WorkbookError": "store", "free_name": "store", "load_workbook": "store",
    "read_workbook": "store", "save_sections": "store", "save_workbook": "store",
}  # fmt: skip

__all__ = sorted(_LAZY)


__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
