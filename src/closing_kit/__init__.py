"""closing-kit: exercises for the last five minutes of a job interview.

Layers point one way: ``checklist`` (pure logic and data) <- ``storage``
(the learner's saved work) <- ``widgets`` (ipywidgets views) <- notebooks.
"""

from closing_kit.checklist import Checklist, ChecklistGroup, load_checklist
from closing_kit.storage import StorageError, load_json, save_json, work_dir

__all__ = [
    "Checklist",
    "ChecklistGroup",
    "StorageError",
    "load_checklist",
    "load_json",
    "save_json",
    "work_dir",
]
__version__ = "0.1.0"
