"""ipywidgets views: a thin skin over the pure logic, tested headless."""

from closing_kit.widgets.checklist import ChecklistView, show_checklist

__all__ = ["ChecklistView", "show_checklist"]
