"""The role-play conversation (closing_kit.practice.roleplay), with no widgets."""

from __future__ import annotations

import itertools

import pytest

from closing_kit.analysis import analyze_closing, analyze_reservation
from closing_kit.banks import (
    closing_examples,
    noncommittal_cards,
    reservation_cards,
    roleplay_lines,
)
from closing_kit.practice import roleplay
from closing_kit.practice.roleplay import (
    ENDINGS,
    Conversation,
    contradictions,
    permission_channel,
    reaction_for,
)

SCRIPT = roleplay_lines()
MODEL_CLOSE = closing_examples()["strong"][0]["text"]
CLOSE_SCORE = analyze_closing(MODEL_CLOSE).score


def _cards(kind: str) -> list[dict]:
    if kind == "reservation":
        return list(reservation_cards())
    if kind == "noncommittal":
        return list(noncommittal_cards())
    if kind == "no":
        return SCRIPT["no_replies"]
    return [{"id": f"yes-{n}"} for n in range(len(SCRIPT["yes_replies"]))]


def _seed_for(kind: str, index: int) -> int:
    """A seed whose model close meets ``kind``'s ``index``-th line (found, not forced)."""
    size = len(_cards(kind))
    for seed in range(20000):
        got, pick = reaction_for(seed, CLOSE_SCORE)
        if got == kind and pick % size == index:
            return seed
    raise AssertionError(f"no seed reaches {kind} {index}")


EVERY_LINE = [(k, i) for k in ENDINGS for i in range(len(_cards(k)))]


def _play(seed: int, choices=(), close: str = MODEL_CLOSE) -> Conversation:
    """The close, then the n-th offered move at each later step (the first by default)."""
    c = Conversation(seed)
    c.say(close)
    for turn in itertools.count():
        if c.done:
            return c
        moves = c.move_options()
        pick = choices[turn] if turn < len(choices) else 0
        c.say(moves[pick][1])
        assert turn < 3, "a conversation of more than four turns"


def _interviewer(c: Conversation) -> list[str]:
    return [text for who, text in c.lines if who == "Interviewer"]


def test_the_same_seed_and_words_replay_the_same_conversation():
    assert _play(5).lines == _play(5).lines
    assert _play(5).done


def test_the_reaction_depends_on_the_close():
    kinds = {reaction_for(seed, 100)[0] for seed in range(60)}
    assert kinds == set(ENDINGS) == {"yes", "reservation", "noncommittal", "no"}
    strong_yes = sum(reaction_for(s, 100)[0] == "yes" for s in range(200))
    weak_yes = sum(reaction_for(s, 20)[0] == "yes" for s in range(200))
    assert strong_yes > weak_yes


def test_refused_words_leave_the_conversation_where_it_was():
    c = Conversation(1)
    assert "nothing to check" in c.say("  ")
    assert c.step == "close" and len(c.lines) == 1


def test_every_path_in_the_script_reaches_the_end():
    """From the data alone: every state leads on, with no loop, and every path ends at done."""
    states = SCRIPT["states"]

    def paths(name, seen):
        assert name not in seen, f"a loop through {name!r}"
        if name == "done":
            return 1
        assert states[name]["next"], f"{name!r} leads nowhere"
        return sum(paths(n, seen | {name}) for n in states[name]["next"])

    assert paths("close", frozenset()) >= len(ENDINGS)
    assert set(states["close"]["next"]) == set(ENDINGS)


@pytest.mark.parametrize(("kind", "index"), EVERY_LINE)
@pytest.mark.parametrize("choices", [(0, 0), (1, 1), (0, 1), (1, 0)])
def test_every_ending_and_every_move_reach_a_debrief(kind, index, choices):
    """Each line of each ending, with good and weak moves: done in at most three turns,
    the interviewer never speaks twice in a row, and says nothing about the process that
    disagrees with what was said before."""
    c = _play(_seed_for(kind, index), choices)
    assert c.done and c.reaction[0] == kind
    whos = [who for who, _ in c.lines]
    assert all(a != b for a, b in zip(whos, whos[1:], strict=False)), whos
    assert whos[0] == whos[-1] == "Interviewer"
    assert contradictions(c.facts) == []
    assert [s["step"] for s in c.steps][:2] == ["close", kind]
    assert c.debrief()["steps"] == c.steps


def test_the_facts_in_the_data_never_disagree():
    """Each vague reply's own process answer agrees with it; after any ending there is a
    process answer that agrees with what was said."""
    for card in noncommittal_cards():
        said = SCRIPT["vague_facts"][card["id"]]
        answer = SCRIPT["vague_process"][card["id"]]["facts"]
        assert contradictions(said + answer) == [], card["id"]
    generic = SCRIPT["next_steps_facts"]
    for facts in SCRIPT["yes_facts"] + [r["facts"] for r in SCRIPT["no_replies"]]:
        assert any(contradictions(facts + g) == [] for g in generic), facts


def test_two_values_for_one_topic_are_a_contradiction():
    assert contradictions(["decider:hr", "decider:panel"]) == [("decider:hr", "decider:panel")]
    assert contradictions(["decider:hr", "hear:next_week", "decider:hr"]) == []


def test_a_question_about_the_process_is_answered_and_not_asked_again():
    """Issue 17: "decisions go through HR"; the learner asks how it works and when HR
    decides. The interviewer answers that, in HR's terms, and the next step asks only
    whether they may follow up, and scores the question already asked as asked."""
    index = [c["id"] for c in noncommittal_cards()].index("hr-handles")
    c = Conversation(_seed_for("noncommittal", index))
    c.say(MODEL_CLOSE)
    assert c.lines[-1][1] == noncommittal_cards()[index]["reply"]
    c.say("Thanks, that makes sense. How does the process work from here, and when does HR decide?")
    assert c.lines[-1] == ("Interviewer", SCRIPT["vague_process"]["hr-handles"]["text"])
    assert c.state == "next_steps" and c.remaining == ["door_open"]
    assert "what happens next" not in c.prompt.lower() and "follow up" in c.prompt
    assert all("next" not in words.lower() for _label, words in c.move_options())
    c.say("That's really helpful. If I haven't heard in two weeks, may I email you?")
    assert c.done
    assert "panel" not in " ".join(_interviewer(c)).lower()
    last = c.steps[-1]
    assert last["step"] == "next_steps" and last["failed"] == [] and last["score"] == 100


def test_asking_everything_at_once_skips_the_last_step():
    """Process and follow-up both asked in the answer: the goodbye comes in the same line."""
    c = Conversation(_seed_for("noncommittal", 0))
    c.say(MODEL_CLOSE)
    c.say(noncommittal_cards()[0]["model_response"])
    assert c.done and len(_interviewer(c)) == 3
    assert any(c.lines[-1][1].endswith(g) for g in SCRIPT["goodbyes"])
    assert [s["step"] for s in c.steps] == ["close", "noncommittal", "next_steps"]


def test_a_reply_that_ignores_the_concern_is_told_so():
    """The reservation check's own verdict picks the interviewer's reaction and the note."""
    card = reservation_cards()[0]
    off_topic = (
        "Thank you for saying so. I really enjoyed meeting the team, and I think the office "
        "is lovely. I'm a hard worker and I get on with everyone."
    )
    assert "addresses_concern" in analyze_reservation(card["concern"], off_topic).failed
    c = Conversation(_seed_for("reservation", 0))
    c.say(MODEL_CLOSE)
    c.say(off_topic)
    assert c.lines[-1][1].split(" What")[0] in " ".join(SCRIPT["after_reservation"]["ignored"])
    assert c.lines[-1][1] not in SCRIPT["after_reservation"]["answered"]
    _finish(c)
    assert SCRIPT["ignored_note"] in c.debrief()["notes"]


def test_a_reply_that_answers_the_concern_is_thanked():
    card = reservation_cards()[0]
    c = Conversation(_seed_for("reservation", 0))
    c.say(MODEL_CLOSE)
    c.say(card["model_response"])
    assert c.lines[-1][1] in SCRIPT["after_reservation"]["answered"]
    _finish(c)
    assert c.debrief()["notes"] == []


def _finish(c: Conversation) -> None:
    while not c.done:
        c.say(c.move_options()[0][1])


@pytest.mark.parametrize("index", range(len(SCRIPT["no_replies"])))
def test_the_no_ending_judges_what_the_chapters_advise(index):
    """Gracious, asks what would help where they may say, keeps the door open, no arguing:
    the model reply scores strong and the weak one weak."""
    reply = SCRIPT["no_replies"][index]
    scores = {}
    for key in ("model_response", "weak_response"):
        c = Conversation(_seed_for("no", index))
        c.say(MODEL_CLOSE)
        assert c.lines[-1][1] == reply["line"] and c.state == "no"
        c.say(reply[key])
        scores[key] = c.steps[-1]
        assert c.steps[-1]["label"] == "Taking a no"
    assert scores["model_response"]["level"] == "strong", scores
    assert scores["weak_response"]["level"] == "weak", scores


def test_after_a_no_the_learner_who_asks_gets_an_honest_answer_and_a_goodbye():
    index = [r["id"] for r in SCRIPT["no_replies"]].index("not-fit")
    reply = SCRIPT["no_replies"][index]
    c = Conversation(_seed_for("no", index))
    c.say(MODEL_CLOSE)
    c.say(reply["model_response"])
    assert c.done and c.lines[-1][1].startswith(reply["feedback_answer"])
    assert "asks_feedback" not in c.steps[-1]["failed"]


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
    script = SCRIPT["permission_replies"]
    others = [line for ch, lines in script.items() if ch != channel for line in lines]
    for seed in range(8):
        c = Conversation(seed)
        c.say(MODEL_CLOSE)
        if c.reaction[0] == "no" and not c.reaction[1]["needs"]:
            continue  # a clear no: nothing to follow up
        c.say(f"Thank you. What happens next, and when? {asked}")
        _finish(c)
        said = " ".join(_interviewer(c)[1:])
        assert any(line in said for line in script[channel]), said
        assert not any(line in said for line in others), said


def test_a_half_finished_conversation_resumes_where_it_stopped():
    c = Conversation(_seed_for("reservation", 2))
    c.say(MODEL_CLOSE)
    again = Conversation.from_data(c.to_data())
    assert again.lines == c.lines and again.state == c.state == "reservation"
    assert again.move_options() == c.move_options()
    _finish(c)
    _finish(again)
    assert again.lines == c.lines
    done = Conversation.from_data(c.to_data())
    assert done.done and done.debrief() == c.debrief()


def test_any_number_of_yes_lines_works(monkeypatch):
    """One yes line, or ten: no IndexError, and every line can come up."""
    script = dict(SCRIPT)
    script["yes_replies"] = ["Only one yes."]
    script["yes_facts"] = [[]]
    monkeypatch.setattr(roleplay, "roleplay_lines", lambda: script)
    for seed in range(30):
        c = Conversation(seed)
        c.say(MODEL_CLOSE)
    script["yes_replies"] = [f"Yes number {n}." for n in range(10)]
    script["yes_facts"] = [[] for _ in range(10)]
    seen = set()
    for seed in range(400):
        c = Conversation(seed)
        c.say(MODEL_CLOSE)
        if c.reaction[0] == "yes":
            seen.add(c.reaction[1]["line"])
    assert len(seen) == 10


def test_the_debrief_names_each_step_and_where_to_read():
    c = _play(3)
    steps = c.debrief()["steps"]
    assert [s["step"] for s in steps][0] == "close" and len(steps) in (2, 3)
    assert all(s["chapter"].startswith("chapter") for s in steps)
    assert all("_" not in m for s in steps for m in s["missed"])
    saved = c.to_data()
    assert saved["lines"][0] == {"who": "Interviewer", "text": SCRIPT["opening"]}


@pytest.mark.parametrize(("kind", "index"), [("yes", 0), ("no", 1), ("noncommittal", 0)])
def test_a_reply_that_pushes_is_not_thanked(kind, index):
    """A push ("just tell me now") gets "that is all I can say", never a thank-you."""
    c = Conversation(_seed_for(kind, index))
    c.say(MODEL_CLOSE)
    c.say("Brilliant, so I've got it? Just tell me now so I can hand in my notice.")
    assert "no_pushing" in c.steps[-1]["failed"] or "no_arguing" in c.steps[-1]["failed"]
    pushing = SCRIPT["after_pushing"]["yes" if kind == "yes" else "other"]
    assert any(c.lines[-1][1].startswith(line) for line in pushing), c.lines[-1]
    assert "thank" not in c.lines[-1][1].lower()


def test_a_finished_run_from_an_older_file_is_shown_as_it_was_saved():
    """A run kept before the script changed (or brought in with no seed) is not replayed
    into a different conversation: its own lines and scores are shown."""
    run = {
        "seed": None,
        "lines": [
            {"who": "Interviewer", "text": "Any questions?"},
            {"who": "You", "text": MODEL_CLOSE},
            {"who": "Interviewer", "text": "Thank you, that's helpful to know."},
        ],
        "steps": [{"step": "close", "label": "Your close", "score": 90, "level": "strong",
                   "failed": [], "missed": [], "chapter": "chapter 5"}],
    }  # fmt: skip
    c = Conversation.from_data(run, finished=True)
    assert c.done and c.lines[2] == ("Interviewer", "Thank you, that's helpful to know.")
    assert c.debrief()["steps"] == run["steps"] and c.move_options() == []
