"""Practice logic: drafts and versions, drill sessions, the role-play conversation.

Standard library only, like ``closing_kit.analysis``: the same code runs in
Jupyter, on the command line and in a browser's Python. The widgets only lay
out controls and call these; what a learner did is plain data kept in the
workbook's ``practice`` section (see ``history``).
"""

from closing_kit.practice.drafts import ClosingDrafts
from closing_kit.practice.drill import DrillSession, drill_for
from closing_kit.practice.history import EXERCISES, empty_practice, merge_legacy_files
from closing_kit.practice.roleplay import Conversation

__all__ = [
    "EXERCISES",
    "ClosingDrafts",
    "Conversation",
    "DrillSession",
    "drill_for",
    "empty_practice",
    "merge_legacy_files",
]
