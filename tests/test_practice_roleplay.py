"""The role-play conversation (closing_kit.practice.roleplay), with no widgets."""

from __future__ import annotations

import pytest

from closing_kit.banks import roleplay_lines
from closing_kit.practice import roleplay
from closing_kit.practice.roleplay import Conversation, permission_channel, reaction_for


def _play(seed: int, last: str | None = None) -> Conversation:
    c = Conversation(seed)
    for step in range(3):
        words = c.move_options()[0][1]
        c.say(last if (last and step == 2) else words)
    return c


def test_the_same_seed_and_words_replay_the_same_conversation():
    assert _play(5).lines == _play(5).lines
    assert _play(5).done


def test_the_reaction_depends_on_the_close():
    kinds = {reaction_for(seed, 100)[0] for seed in range(40)}
    assert kinds == {"yes", "reservation", "noncommittal"}
    strong_yes = sum(reaction_for(s, 100)[0] == "yes" for s in range(200))
    weak_yes = sum(reaction_for(s, 20)[0] == "yes" for s in range(200))
    assert strong_yes > weak_yes


def test_refused_words_leave_the_conversation_where_it_was():
    c = Conversation(1)
    assert "nothing to check" in c.say("  ")
    assert c.step == "close" and len(c.lines) == 1


@pytest.mark.parametrize(
    ("asked", "channel"),
    [
        ("If I haven't heard by then, may I email you?", "email"),
        ("Would it be all right to give you a call next week?", "call"),
        ("May I follow up if I haven't heard?", "any"),
    ],
)
def test_the_permission_reply_follows_what_was_asked(asked, channel):
    """Asked "may I email you?", the interviewer never answers "a quick call is fine"."""
    assert permission_channel(asked) == channel
    script = roleplay_lines()["permission_replies"]
    for seed in range(6):
        c = _play(seed, last=f"Thank you. What happens next, and when? {asked}")
        said = [text for who, text in c.lines[-3:] if who == "Interviewer"]
        assert any(line in script[channel] for line in said), said


def test_any_number_of_yes_lines_works(monkeypatch):
    """One yes line, or ten: no IndexError, and every line can come up."""
    script = dict(roleplay_lines())
    script["yes_replies"] = ["Only one yes."]
    monkeypatch.setattr(roleplay, "roleplay_lines", lambda: script)
    for seed in range(30):
        c = Conversation(seed)
        c.say(c.move_options()[0][1])
    script["yes_replies"] = [f"Yes number {n}." for n in range(10)]
    seen = set()
    for seed in range(400):
        c = Conversation(seed)
        c.say(c.move_options()[0][1])
        if c.reaction[0] == "yes":
            seen.add(c.reaction[1])
    assert len(seen) == 10


def test_the_debrief_names_each_step_and_where_to_read():
    c = _play(3)
    steps = c.debrief()["steps"]
    assert [s["step"] for s in steps][0] == "close" and len(steps) == 3
    assert all(s["chapter"].startswith("chapter") for s in steps)
    assert all("_" not in m for s in steps for m in s["missed"])
    saved = c.to_data()
    assert saved["lines"][0] == {"who": "Interviewer", "text": roleplay_lines()["opening"]}
