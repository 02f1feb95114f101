"""The drafter's logic (closing_kit.practice.drafts): versions, and what is never kept."""

from __future__ import annotations

from closing_kit.practice.drafts import ClosingDrafts

GOOD = (
    "Thank you for your time today. You need someone who can run scheduling for three sites, "
    "and I have done exactly that for two years, cutting overtime by a fifth. "
    "Do you see me succeeding in this role, and will you move me forward?"
)


def test_a_version_keeps_text_score_level_and_failed_checks():
    drafts = ClosingDrafts({})
    drafts.data["draft"] = "Thanks. I have led two teams."
    version, message = drafts.save_version()
    assert version["score"] < 75 and version["level"] != "strong"
    assert "closing_question" in version["failed"] and "version 1" in message
    drafts.data["draft"] = GOOD
    drafts.save_version()
    assert [v["score"] for v in drafts.versions][-1] == 100


def test_text_the_engine_refuses_is_never_a_version():
    """A 5,000-word paste, an empty box or emoji alone: not kept, and the message says why."""
    drafts = ClosingDrafts({})
    drafts.data["draft"] = GOOD
    drafts.save_version()
    for refused in ("word " * 5000, "   ", "🙂🙂🙂"):
        drafts.data["draft"] = refused
        version, message = drafts.save_version()
        assert version is None and message.startswith("Not saved as a version:")
    assert len(drafts.versions) == 1
    assert drafts.best()["text"] == GOOD


def test_the_best_version_is_the_highest_score_latest_of_equals():
    drafts = ClosingDrafts({"versions": [
        {"text": "a", "score": 80, "level": "strong", "failed": []},
        {"text": "b", "score": 40, "level": "weak", "failed": ["thanks"]},
        {"text": "c", "score": 80, "level": "strong", "failed": []},
    ]})  # fmt: skip
    assert drafts.best()["text"] == "c"
    assert ClosingDrafts({}).best() is None


def test_still_to_fix_uses_the_checks_short_names():
    text = ClosingDrafts.still_to_fix({"failed": ["fit_summary", "closing_question"]})
    assert "_" not in text and "Sums up why you fit" in text


def test_broken_saved_data_is_tidied_not_fatal():
    drafts = ClosingDrafts({"draft": 7, "versions": [{"text": 1}, "x", None]})
    assert drafts.data["draft"] == "" and drafts.versions == []
