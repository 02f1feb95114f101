"""ipywidgets views: a thin skin over the pure logic, tested headless."""

from closing_kit.widgets.checklist import ChecklistView, show_checklist
from closing_kit.widgets.drafter import ClosingDrafter, show_drafter
from closing_kit.widgets.drill import Drill, show_noncommittal_drill, show_reservation_drill
from closing_kit.widgets.roleplay import RolePlay, show_roleplay

__all__ = [
    "ChecklistView",
    "ClosingDrafter",
    "Drill",
    "RolePlay",
    "show_checklist",
    "show_drafter",
    "show_noncommittal_drill",
    "show_reservation_drill",
    "show_roleplay",
]
