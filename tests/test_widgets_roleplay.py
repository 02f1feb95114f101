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
    while not view.conversation.done:
        view.moves.value = view.moves.options[0][1]
        view.say_button.click()


def test_a_whole_conversation_is_kept_in_the_workbook(tmp_path):
    view = show_roleplay(seed=5, store=tmp_path / "w.json")
    _play(view)
    assert view.conversation.done and view.say_button.disabled
    assert "Debrief" in view.debrief.value and len(view.result["steps"]) >= 2
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
    assert view.conversation.step in ("yes", "reservation", "noncommittal", "no")
    assert view.words_note.value == ""


def test_start_again_keeps_earlier_conversations(tmp_path):
    view = RolePlay(seed=2, store=tmp_path / "w.json")
    _play(view)
    view.restart_button.click()
    _play(view)
    assert len(read_workbook(tmp_path / "w.json")["practice"]["roleplay"]["runs"]) == 2


def test_a_half_finished_conversation_comes_back_where_it_stopped(tmp_path):
    """Run the notebook again mid-way: the same lines, the same step, nothing lost."""
    view = RolePlay(seed=3, store=tmp_path / "w.json")
    view.words.value = GOOD
    view.say_button.click()
    lines, step = view.conversation.lines, view.conversation.step
    assert "kept in your workbook" in view.status.value
    again = RolePlay(store=tmp_path / "w.json")
    assert again.conversation.lines == lines and again.conversation.step == step
    assert escape_free(GOOD) in again.transcript.value
    _play(again)
    saved = read_workbook(tmp_path / "w.json")["practice"]["roleplay"]
    assert "current" not in saved and len(saved["runs"]) == 1


def test_a_finished_conversation_is_shown_with_its_debrief(tmp_path):
    view = RolePlay(seed=4, store=tmp_path / "w.json")
    _play(view)
    again = RolePlay(store=tmp_path / "w.json")
    assert again.conversation.done and again.debrief.value == view.debrief.value
    assert again.result == view.result


def test_after_the_end_no_empty_box_is_left(tmp_path):
    """The words box, its prompt and Say it are hidden; only the debrief and Practice again."""
    view = RolePlay(seed=4, store=tmp_path / "w.json")
    assert view.words.layout.display != "none"
    _play(view)
    for widget in (view.words, view.moves, view.prompt, view.say_button):
        assert widget.layout.display == "none"
    assert view.restart_button.description == "Practice again"
    view.restart_button.click()
    assert view.words.layout.display != "none" and not view.conversation.done


def test_the_debrief_is_a_list_not_a_table(tmp_path):
    """A four-column table broke words on a phone; the debrief is one short item a step."""
    view = RolePlay(seed=4, store=tmp_path / "w.json")
    _play(view)
    assert "<table" not in view.debrief.value
    assert view.debrief.value.count("<li>") == len(view.result["steps"])


def escape_free(text: str) -> str:
    return text.replace("'", "&#x27;")


def test_a_workbook_from_before_the_role_play_resumed_opens_as_it_was(tmp_path):
    """No ``current`` (an older workbook) and a run kept as it was: shown, debriefed."""
    import json

    from closing_kit.workbook.model import example_workbook

    data = example_workbook()
    data["practice"]["roleplay"].pop("current", None)
    data["practice"]["roleplay"]["runs"] = [
        {
            "seed": None,
            "lines": [{"who": "Interviewer", "text": "Any questions?"},
                      {"who": "You", "text": GOOD}],
            "steps": [{"step": "close", "label": "Your close", "score": 80, "level": "strong",
                       "failed": [], "missed": [], "chapter": "chapter 5"}],
        }
    ]  # fmt: skip
    (tmp_path / "w.json").write_text(json.dumps(data), encoding="utf-8")
    view = RolePlay(store=tmp_path / "w.json")
    assert view.conversation.done and "Any questions?" in view.transcript.value
    assert "Your close: 80/100" in view.debrief.value
