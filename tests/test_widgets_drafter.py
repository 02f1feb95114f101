"""The drafter view driven headless: set .value, press .click(), read ``result`` and the file."""

from __future__ import annotations

import re

from closing_kit.widgets import ClosingDrafter
from closing_kit.workbook import read_workbook

GOOD = (
    "Thank you for your time today. You need someone who can run scheduling for three sites, "
    "and I have done exactly that for two years, cutting overtime by a fifth. "
    "Do you see me succeeding in this role, and will you move me forward?"
)


def _closing(path):
    return read_workbook(path)["practice"]["closing"]


def test_live_feedback_and_every_keystroke_saved(tmp_path):
    d = ClosingDrafter(tmp_path / "w.json")
    assert "nothing to check yet" in d.feedback.value and "problem" in d.result
    d.draft.value = GOOD
    assert d.result["score"] == 100 and d.result["level"] == "strong"
    assert re.search(r"About \d+ seconds to say", d.feedback.value)
    assert _closing(tmp_path / "w.json")["draft"] == GOOD


def test_versions_side_by_side_by_the_checks_names(tmp_path):
    d = ClosingDrafter(tmp_path / "w.json")
    d.draft.value = "Thanks. I have led two teams."
    d.save_button.click()
    d.draft.value = GOOD
    d.save_button.click()
    assert "Version 1" in d.comparison.value and "Version 2: 100/100" in d.comparison.value
    assert "Asks" in d.comparison.value or "question" in d.comparison.value.lower()
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", d.comparison.value), "no internal check ids"
    again = ClosingDrafter(tmp_path / "w.json")
    assert len(again.drafts.versions) == 2 and again.draft.value == GOOD


def test_a_huge_paste_is_kept_as_typed_but_never_becomes_a_version(tmp_path):
    """The 5,000-word paste stays in the box; the good close stays the saved result."""
    d = ClosingDrafter(tmp_path / "w.json")
    d.draft.value = GOOD
    d.save_button.click()
    d.draft.value = "word " * 5000
    d.save_button.click()
    assert "5,000 words" in d.feedback.value and "Not saved as a version" in d.status.value
    closing = _closing(tmp_path / "w.json")
    assert [v["text"] for v in closing["versions"]] == [GOOD]
    assert closing["draft"] == "word " * 5000


def test_model_answers_behind_a_toggle(tmp_path):
    d = ClosingDrafter(tmp_path / "w.json")
    assert d.models.layout.display == "none"
    d.models_toggle.value = True
    assert d.models.layout.display is None and "Why it works" in d.models.value
    d.models_toggle.value = False
    assert d.models.layout.display == "none"


def test_markup_shows_as_text(tmp_path):
    d = ClosingDrafter(tmp_path / "w.json")
    d.draft.value = "<script>alert(1)</script> Thank you. Do you see me succeeding?"
    d.save_button.click()
    d.save_button.click()
    assert "<script>" not in d.comparison.value + d.feedback.value


def test_an_unreadable_workbook_is_kept_and_work_goes_to_a_new_file(tmp_path):
    (tmp_path / "w.json").write_text("{broken")
    d = ClosingDrafter(tmp_path / "w.json")
    d.draft.value = GOOD
    assert (tmp_path / "w.json").read_text() == "{broken"
    assert list(tmp_path.glob("w.unreadable-*.json"))
    assert _closing(tmp_path / "w-new.json")["draft"] == GOOD
    assert "w-new.json" in d.status.value


def test_an_unrun_notebook_shows_one_friendly_line(tmp_path):
    bundle = ClosingDrafter(tmp_path / "w.json")._repr_mimebundle_()
    assert "Run All Cells" in bundle["text/plain"] and "VBox" not in bundle["text/plain"]
    assert "application/vnd.jupyter.widget-view+json" in bundle
