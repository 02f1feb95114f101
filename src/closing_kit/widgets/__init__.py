"""ipywidgets views: a thin skin over the pure logic, tested headless.

Every view is an ``ExerciseView`` (``base``): it saves to the interview's workbook
and keeps its last result as data in ``result``.
"""

from closing_kit.widgets.base import ExerciseView
from closing_kit.widgets.checklist import ChecklistView, show_checklist
from closing_kit.widgets.drafter import ClosingDrafter, show_drafter
from closing_kit.widgets.drill import Drill, show_noncommittal_drill, show_reservation_drill
from closing_kit.widgets.roleplay import RolePlay, show_roleplay
from closing_kit.widgets.workbook_contacts import ContactsView, show_contacts
from closing_kit.widgets.workbook_export import ExportView, show_workbook_export
from closing_kit.widgets.workbook_followup import FollowUpView, show_follow_up
from closing_kit.widgets.workbook_letters import LettersView, show_letters
from closing_kit.widgets.workbook_memory import MemoryDumpView, show_memory_dump
from closing_kit.widgets.workbook_next_steps import NextStepsView, show_next_steps

__all__ = [
    "ExerciseView",
    "ChecklistView",
    "ClosingDrafter",
    "ContactsView",
    "Drill",
    "ExportView",
    "FollowUpView",
    "LettersView",
    "MemoryDumpView",
    "NextStepsView",
    "RolePlay",
    "show_checklist",
    "show_contacts",
    "show_drafter",
    "show_follow_up",
    "show_letters",
    "show_memory_dump",
    "show_next_steps",
    "show_noncommittal_drill",
    "show_reservation_drill",
    "show_roleplay",
    "show_workbook_export",
]
