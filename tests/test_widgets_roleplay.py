"""The role-play view driven headless."""

from __future__ import annotations

from closing_kit.widgets import RolePlay, show_roleplay
from closing_kit.workbook import read_workbook

GOOD = (
    "Thank you for your time today. You need someone who can run scheduling for three sites, "
    "and I have done exactly that for two years, cutting overtime by a fifth. "
    "Do you see me succeeding in this role, and will you move me forward?"
)


def _play(view: RolePlay) -> None:
    for _step in range(3):
        view.moves.value = view.moves.options[0][1]
        view.say_button.click()


def test_a_whole_conversation_is_kept_in_the_workbook(tmp_path):
    view = show_roleplay(seed=5, store=tmp_path / "w.json")
    _play(view)
    assert view.conversation.done and view.say_button.disabled
    assert "Debrief" in view.debrief.value and len(view.result["steps"]) == 3
    runs = read_workbook(tmp_path / "w.json")["practice"]["roleplay"]["runs"]
    assert len(runs) == 1 and runs[0]["lines"][1]["who"] == "You"
    again = RolePlay(store=tmp_path / "w.json")
    assert len(again.runs) == 1


def test_the_same_seed_replays_the_same_conversation(tmp_path):
    transcripts = []
    for n in range(2):
        view = RolePlay(seed=5, store=tmp_path / f"w{n}.json")
        _play(view)
        transcripts.append(view.transcript.value)
    assert transcripts[0] == transcripts[1]


def test_empty_words_get_a_message_beside_the_box(tmp_path):
    view = RolePlay(seed=1, store=tmp_path / "w.json")
    view.say_button.click()
    assert "nothing to check yet" in view.words_note.value
    assert view.conversation.step == "close"
    view.words.value = GOOD
    view.say_button.click()
    assert view.conversation.step == "respond" and view.words_note.value == ""


def test_start_again_keeps_earlier_conversations(tmp_path):
    view = RolePlay(seed=2, store=tmp_path / "w.json")
    _play(view)
    view.restart_button.click()
    _play(view)
    assert len(read_workbook(tmp_path / "w.json")["practice"]["roleplay"]["runs"]) == 2
