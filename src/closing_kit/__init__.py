"""closing-kit: exercises for the last five minutes of a job interview.

Layers point one way: ``analysis``, ``banks``, ``practice`` and ``checklist``
(pure logic and data, standard library only) <- ``workbook`` (the learner's
saved work and its file formats) <- ``widgets`` (ipywidgets views) <-
notebooks. ``cli`` is a thin front door over the same.

Importing ``closing_kit`` imports nothing else: the names below load the
module that holds them on first use, so ``import closing_kit.analysis``
needs only Python, and the feedback command starts fast.
"""

from closing_kit._lazy import lazy_names

__version__ = "0.2.0"

#: Public name -> the module that defines it, imported on first use.
_LAZY = {
    "Checklist": "closing_kit.checklist",
    "ChecklistGroup": "closing_kit.checklist",
    "load_checklist": "closing_kit.checklist",
    "StorageError": "closing_kit.safe_files",
    "load_json": "closing_kit.safe_files",
    "save_json": "closing_kit.safe_files",
    "work_dir": "closing_kit.safe_files",
    "WorkbookError": "closing_kit.workbook.store",
    "load_workbook": "closing_kit.workbook.store",
    "read_workbook": "closing_kit.workbook.store",
    "save_workbook": "closing_kit.workbook.store",
    "new_workbook": "closing_kit.workbook.model",
}

__all__ = sorted(_LAZY)


__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
