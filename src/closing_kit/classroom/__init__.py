"""Teaching a class: comments, the class report, batch scoring, a hub link, the role-play deal.

Pure logic and report rendering over the learners' workbook files; nothing is
uploaded and no file read is ever changed. ``comments``, ``batch``, ``links``
``learners`` and ``charts`` need only the standard library (and the workbook
extra to read workbooks); ``report`` needs the ``class`` extra (jinja2). The
names below load their module on first use.
"""

from __future__ import annotations

from closing_kit._lazy import lazy_names

_LAZY = {
    "comments_for": "comments", "load_comments": "comments", "validate_comments": "comments",
    "BatchError": "batch", "score_csv": "batch", "write_scored": "batch",
    "LinkError": "links", "class_link": "links", "parse_class_link": "links",
    "read_class": "learners", "summarise": "learners",
    "build_report": "report", "safe_cell": "report", "write_csv": "report",
    "score_chart": "charts", "text_alternative": "charts",
    "sample_workbook": "sample",
    "deal": "deck", "deck_cards": "deck",
}  # fmt: skip

__all__ = sorted(_LAZY)


__getattr__, __dir__ = lazy_names(__name__, _LAZY, globals())
