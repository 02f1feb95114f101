"""closing-kit: exercises for the last five minutes of a job interview.

Layers point one way: ``analysis`` and ``checklist`` (pure logic and data) <-
``storage`` and ``workbook`` (the learner's saved work) <- ``widgets``
(ipywidgets views) <- notebooks. ``cli`` is a thin front door over the same.
"""

from closing_kit.checklist import Checklist, ChecklistGroup, load_checklist
from closing_kit.storage import StorageError, load_json, save_json, work_dir
from closing_kit.workbook import (
    WorkbookError,
    load_workbook,
    new_workbook,
    read_workbook,
    save_workbook,
)

__all__ = [
    "Checklist",
    "ChecklistGroup",
    "StorageError",
    "WorkbookError",
    "load_checklist",
    "load_json",
    "load_workbook",
    "new_workbook",
    "read_workbook",
    "save_json",
    "save_workbook",
    "work_dir",
]
__version__ = "0.1.0"
