"""The closing-question drafter's logic (chapter 5): a draft, its feedback, saved versions.

State is the workbook's ``practice["closing"]``: ``{"job_ad", "draft", "versions"}``,
each version ``{"text", "score", "level", "failed"}``. Text the engine refuses
(empty, symbols only, a huge paste) is never saved as a version, so it can
never stand in for a learner's better close.
"""

from __future__ import annotations

from closing_kit.analysis import Feedback, analyze_closing, check_label, input_problem

__all__ = ["ClosingDrafts"]


class ClosingDrafts:
    """The drafter's state and moves; ``data`` is changed in place (it is the saved section)."""

    def __init__(self, data: dict):
        self.data = data
        data["job_ad"] = data.get("job_ad") if isinstance(data.get("job_ad"), str) else ""
        data["draft"] = data.get("draft") if isinstance(data.get("draft"), str) else ""
        data["versions"] = [v for v in data.get("versions", []) if _is_version(v)]

    @property
    def versions(self) -> list[dict]:
        return self.data["versions"]

    def problem(self) -> str | None:
        """Why the current draft cannot be judged (one line), or ``None``."""
        return input_problem(self.data["draft"], "your close")

    def feedback(self) -> Feedback | None:
        """Feedback on the current draft, or ``None`` when it cannot be judged."""
        if self.problem():
            return None
        return analyze_closing(self.data["draft"], job_ad=self.data["job_ad"])

    def save_version(self) -> tuple[dict | None, str]:
        """Keep the current draft as a version; returns it and a one-line message.

        A draft the engine refuses is not kept: the version is ``None`` and the
        message says why.
        """
        problem = self.problem()
        if problem:
            return None, f"Not saved as a version: {problem}"
        fb = self.feedback()
        version = {
            "text": self.data["draft"],
            "score": fb.score,
            "level": fb.level,
            "failed": list(fb.failed),
        }
        self.versions.append(version)
        return version, f"Kept as version {len(self.versions)} ({fb.score}/100)."

    def best(self) -> dict | None:
        """The highest-scoring version (the latest of equals), or ``None``."""
        best = None
        for version in self.versions:
            if best is None or version["score"] >= best["score"]:
                best = version
        return best

    @staticmethod
    def still_to_fix(version: dict) -> str:
        """The checks a version misses, by their short names, or "nothing"."""
        return ", ".join(check_label(c, "closing") for c in version["failed"]) or "nothing"


def _is_version(value) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("text"), str)
        and isinstance(value.get("score"), int)
        and isinstance(value.get("level"), str)
        and isinstance(value.get("failed"), list)
    )
