"""The practice widgets driven headless: set .value, press .click(), read what shows."""

from __future__ import annotations

import json
import re

from closing_kit.banks import noncommittal_cards, reservation_cards
from closing_kit.widgets import ClosingDrafter, Drill, RolePlay
from closing_kit.widgets.drill import show_reservation_drill
from closing_kit.widgets.roleplay import reaction_for

GOOD = (
    "Thank you for your time today. You need someone who can run scheduling for three sites, "
    "and I have done exactly that for two years, cutting overtime by a fifth. "
    "Do you see me succeeding in this role, and will you move me forward?"
)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_drafter_gives_live_feedback_and_saves_every_keystroke(tmp_path):
    d = ClosingDrafter(store=tmp_path / "d.json")
    assert "nothing to check yet" in d.feedback.value
    d.draft.value = GOOD
    assert "100/100" in d.feedback.value and "Strong" in d.feedback.value
    assert re.search(r"About \d+ seconds to say", d.feedback.value)
    assert json.loads((tmp_path / "d.json").read_text())["draft"] == GOOD


def test_drafter_versions_side_by_side(tmp_path):
    d = ClosingDrafter(store=tmp_path / "d.json")
    d.draft.value = "Thanks. I have led two teams."
    d.save_button.click()
    d.draft.value = GOOD
    d.save_button.click()
    assert "Version 1" in d.comparison.value and "Version 2: 100/100" in d.comparison.value
    again = ClosingDrafter(store=tmp_path / "d.json")
    assert len(again.versions) == 2 and again.draft.value == GOOD


def test_drafter_model_answers_behind_a_toggle():
    d = ClosingDrafter()
    assert d.models.layout.display == "none"
    d.models_toggle.value = True
    assert d.models.layout.display is None and "Why it works" in d.models.value
    d.models_toggle.value = False
    assert d.models.layout.display == "none"


def test_drafter_escapes_markup_and_keeps_huge_paste(tmp_path):
    """Markup shows as text; a 10,000-word paste gets a message and is kept."""
    d = ClosingDrafter(store=tmp_path / "d.json")
    d.draft.value = "<script>alert(1)</script> Thank you. Do you see me succeeding?"
    d.save_button.click()
    d.draft.value = "word " * 10_000
    assert "10,000 words" in d.feedback.value
    assert "<script>" not in d.comparison.value + d.feedback.value
    assert json.loads((tmp_path / "d.json").read_text())["draft"] == "word " * 10_000


def test_drafter_survives_a_corrupt_file(tmp_path):
    (tmp_path / "d.json").write_text("{oops")
    d = ClosingDrafter(store=tmp_path / "d.json")
    assert "Could not read d.json" in d.status.value
    assert list(tmp_path.glob("d.unreadable-*.json"))


def test_drill_is_seeded_and_reproducible():
    a = Drill(reservation_cards(), "concern", lambda c, r: None, "x", seed=7)
    b = Drill(reservation_cards(), "concern", lambda c, r: None, "x", seed=7)
    c = Drill(reservation_cards(), "concern", lambda c, r: None, "x", seed=8)
    assert a.order == b.order and a.order != c.order


def test_reservation_drill_round(tmp_path, monkeypatch):
    monkeypatch.setenv("CLOSING_KIT_HOME", str(tmp_path))
    drill = show_reservation_drill(seed=3)
    clock = Clock()
    drill.clock = clock
    drill._show_card()
    card = drill.card
    assert card["concern"] in drill.card_html.value.replace("&#x27;", "'").replace("&quot;", '"')
    drill.check_button.click()
    assert "nothing to check yet" in drill.status.value and drill.attempts == []
    drill.timed.value = True
    drill.limit.value = 30
    clock.now = 45
    drill.answer.value = card["model_response"]
    drill.check_button.click()
    assert "Strong" in drill.feedback.value
    assert "You took 45 s" in drill.feedback.value
    assert "In a follow-up letter" in drill.feedback.value
    drill.model_button.click()
    assert "A model answer" in drill.feedback.value
    drill.next_button.click()
    drill.answer.value = drill.card["weak_response"]
    drill.next_button.click()  # typed but not checked: checked and kept
    assert len(drill.attempts) == 2
    drill.end_button.click()
    assert "2 attempts" in drill.summary.value and "<svg" in drill.summary.value
    saved = json.loads((tmp_path / "reservation-drill.json").read_text())
    assert [a["card"] for a in saved["attempts"]] == [a["card"] for a in drill.attempts]


def test_noncommittal_drill_uses_the_reply(tmp_path):
    from closing_kit.widgets.drill import show_noncommittal_drill

    drill = show_noncommittal_drill(store=None)
    drill.answer.value = drill.card["model_response"]
    drill.check_button.click()
    assert "Strong" in drill.feedback.value
    assert len(noncommittal_cards()) >= 10


def test_roleplay_replays_the_same_way():
    """Same seed and same words give the same conversation, for a coach's demo."""
    transcripts = []
    for _ in range(2):
        rp = RolePlay(seed=5)
        for _step in range(3):
            rp.moves.value = rp.moves.options[0][1]
            rp.say_button.click()
        transcripts.append(rp.transcript.value)
        assert rp.step == "done" and "Debrief" in rp.debrief.value
        assert rp.say_button.disabled
    assert transcripts[0] == transcripts[1]


def test_roleplay_reaction_depends_on_the_close():
    kinds = {reaction_for(seed, 100)[0] for seed in range(40)}
    assert kinds == {"yes", "reservation", "noncommittal"}
    strong_yes = sum(reaction_for(s, 100)[0] == "yes" for s in range(200))
    weak_yes = sum(reaction_for(s, 20)[0] == "yes" for s in range(200))
    assert strong_yes > weak_yes


def test_roleplay_refuses_empty_words_and_saves_runs(tmp_path):
    rp = RolePlay(seed=1, store=tmp_path / "r.json")
    rp.say_button.click()
    assert "nothing to check yet" in rp.status.value and rp.step == "close"
    rp.words.value = GOOD
    rp.say_button.click()
    assert rp.step == "respond"
    saved = json.loads((tmp_path / "r.json").read_text())
    assert saved["runs"][-1]["lines"][1] == ["You", GOOD]


def test_every_control_is_labelled():
    for view in (ClosingDrafter(), RolePlay(), show_reservation_drill(store=None)):
        for child in _walk(view.widget):
            if hasattr(child, "description") and type(child).__name__ in {
                "Textarea", "Button", "ToggleButton", "Checkbox", "Dropdown",
                "RadioButtons", "BoundedIntText",
            }:  # fmt: skip
                assert child.description.strip(), child
                assert not getattr(child, "icon", "")


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def test_practice_results_reach_the_interview_workbook(tmp_path, monkeypatch):
    """The drafter, the drills and the role-play copy their latest result into my-interview.json."""
    from closing_kit.widgets import show_drafter, show_roleplay
    from closing_kit.workbook import read_workbook

    monkeypatch.setenv("CLOSING_KIT_HOME", str(tmp_path))
    drafter = show_drafter()
    drafter.draft.value = GOOD
    drafter.save_button.click()
    drill = show_reservation_drill(seed=2)
    drill.answer.value = drill.card["model_response"]
    drill.check_button.click()
    rp = show_roleplay(seed=4)
    for _step in range(3):
        rp.moves.value = rp.moves.options[0][1]
        rp.say_button.click()
    drafts = read_workbook(tmp_path / "my-interview.json")["drafts"]
    assert drafts["closing-question"] == {"text": GOOD, "score": 100, "level": "strong"}
    assert drafts[f"reservation-drill:{drill.card['id']}"]["level"] == "strong"
    assert drafts["roleplay"]["text"].startswith("Interviewer: ")


def test_an_unreadable_workbook_is_not_overwritten_by_practice(tmp_path, monkeypatch):
    from closing_kit.widgets import show_drafter

    monkeypatch.setenv("CLOSING_KIT_HOME", str(tmp_path))
    (tmp_path / "my-interview.json").write_text("{broken")
    drafter = show_drafter()
    drafter.draft.value = GOOD
    drafter.save_button.click()
    assert (tmp_path / "my-interview.json").read_text() == "{broken"
    assert "not copied into my-interview.json" in drafter.status.value
    assert json.loads((tmp_path / "closing-drafts.json").read_text())["draft"] == GOOD
