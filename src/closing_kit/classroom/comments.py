"""The comment bank (``data/comments.json``): coaching comments a coach can paste, by check.

The bank is data so that a coach edits it without Python; this module loads it
once and validates it against the rubric (``data/rubrics.json``): every key
must be a real check of its kind, and every check must have at least one
comment. A problem raises ``ValueError`` with one line naming the entry.
Standard library only.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from closing_kit.analysis import KINDS, rubric

__all__ = ["MAX_PER_CHECK", "comments_for", "load_comments", "validate_comments"]

#: More than this many comments for one check is refused (keep them short and few).
MAX_PER_CHECK = 4
_NAME = "comments.json"


def validate_comments(data, name: str = _NAME) -> dict[str, dict[str, tuple[str, ...]]]:
    """Check a comment bank's data; return ``{kind: {check id: (comment, ...)}}``.

    Raises
    ------
    ValueError
        One line naming the file and the entry that is wrong.
    """
    if not isinstance(data, dict) or data.get("schema_version") != 1:
        raise ValueError(f"{name}: expected a JSON object with schema_version 1")
    unknown = sorted(k for k in data if k not in KINDS and k not in ("schema_version", "_about"))
    if unknown:
        raise ValueError(
            f"{name}: {unknown[0]!r} is not a kind of feedback (use {', '.join(KINDS)})"
        )
    bank: dict[str, dict[str, tuple[str, ...]]] = {}
    for kind in KINDS:
        section = data.get(kind)
        if not isinstance(section, dict):
            raise ValueError(f"{name}: needs an object {kind!r} with comments for its checks")
        known = rubric(kind).check_ids
        for check_id in section:
            if check_id not in known:
                raise ValueError(
                    f"{name}: {kind}.{check_id} is not a {kind} check "
                    f"(the checks are {', '.join(sorted(known))})"
                )
        for check_id in sorted(known):
            if check_id not in section:
                raise ValueError(f"{name}: {kind}.{check_id} has no comments: add at least one")
            comments = section[check_id]
            where = f"{name}: {kind}.{check_id}"
            if not isinstance(comments, list) or not comments:
                raise ValueError(f"{where} should be a list of at least one comment")
            if len(comments) > MAX_PER_CHECK:
                raise ValueError(
                    f"{where} has {len(comments)} comments; keep {MAX_PER_CHECK} at most"
                )
            for n, text in enumerate(comments, start=1):
                if not isinstance(text, str) or not text.strip():
                    raise ValueError(f"{where} comment {n} should be text, not empty")
            bank.setdefault(kind, {})[check_id] = tuple(" ".join(c.split()) for c in comments)
    return bank


@functools.cache
def load_comments() -> dict[str, dict[str, tuple[str, ...]]]:
    """The shipped bank, validated: ``{kind: {check id: (comment, ...)}}``."""
    raw = resources.files("closing_kit").joinpath(f"data/{_NAME}").read_text("utf-8")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise ValueError(f"{_NAME}: not valid JSON (line {err.lineno})") from None
    return validate_comments(data)


def comments_for(kind: str, check_id: str) -> tuple[str, ...]:
    """The comments for one check (empty for an id the rubric does not know)."""
    return load_comments().get(kind, {}).get(check_id, ())
