"""closing_kit.web, the live pages' front door, in CPython: the same answers as the engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from closing_kit import web
from closing_kit.analysis import analyze_closing, analyze_noncommittal, analyze_reservation
from closing_kit.banks import closing_examples, noncommittal_cards, reservation_cards
from closing_kit.workbook.model import example_workbook, new_workbook, problems

LEGACY_V2 = Path(__file__).parent / "data" / "legacy-v2" / "my-interview.json"
LEGACY_V3 = Path(__file__).parent / "data" / "legacy-v3" / "my-interview.json"
VERSION_1 = {
    "format": "closing-kit workbook",
    "schema_version": 1,
    "id": "old-one",
    "interview": {"company": "Fernhill", "role": "lead", "date": "2026-03-06", "format": "panel"},
    "people": [{"name": "Tom", "title": "Head", "contact": "tom@fernhill.example", "notes": ""}],
    "next_steps": {"heard": "shortlist by Friday", "stated_date": "2026-03-13"},
    "memory": {"went_well": "the billing story"},
}


def ask(op: str, **args) -> dict:
    return json.loads(web.call(json.dumps({"op": op, **args})))


@pytest.fixture(autouse=True)
def fresh():
    ask("start")


def test_feedback_is_the_engines():
    """`feedback` returns exactly what the analysis returns (the CLI's --json object)."""
    strong = closing_examples()["strong"][0]["text"]
    assert ask("feedback", kind="closing", text=strong) == analyze_closing(strong).to_dict()
    card = reservation_cards()[0]
    got = ask("feedback", kind="objection", text=card["weak_response"], prompt=card["concern"])
    want = analyze_reservation(card["concern"], card["weak_response"]).to_dict()
    assert {k: got[k] for k in want} == want and got["letter_version"]
    card = noncommittal_cards()[0]
    got = ask("feedback", kind="noncommittal", text=card["model_response"], prompt=card["reply"])
    assert got == analyze_noncommittal(card["reply"], card["model_response"]).to_dict()


def test_the_drafter_shows_the_score_and_keeps_the_draft():
    """Typing gives the notebook's feedback block and a workbook holding the draft."""
    text = closing_examples()["strong"][0]["text"]
    out = ask("closing_edit", draft=text)
    score = analyze_closing(text).score
    assert f"Your close: {score}/100" in out["regions"]["feedback"]
    assert "role=" not in out["regions"]["feedback"]  # the page's region is the live one
    saved = json.loads(out["saved"])
    assert saved["practice"]["closing"]["draft"] == text and problems(saved) == []
    out = ask("closing_save")
    assert "Kept as version 1" in out["regions"]["note"]
    assert json.loads(out["saved"])["practice"]["closing"]["versions"][0]["score"] == score


def test_a_refused_draft_is_not_kept_as_a_version():
    out = ask("closing_edit", draft="   ")
    assert "nothing to check yet" in out["regions"]["feedback"]
    out = ask("closing_save")
    assert "Not saved as a version" in out["regions"]["note"] and "saved" not in out


def test_a_drill_keeps_each_attempt_and_sums_up():
    first = ask("drill_show", kind="noncommittal")["regions"]["card"]
    assert "0 of 14 cards practiced so far" in first
    out = ask("drill_check", kind="noncommittal", answer="ok")
    assert "Your answer:" in out["regions"]["feedback"]
    out = ask("drill_next", kind="noncommittal", answer="ok")  # seen already: moves on
    assert "1 of 14 cards practiced" in out["regions"]["card"] and out["regions"]["card"] != first
    assert "A model answer" in ask("drill_model", kind="noncommittal")["regions"]["model"]
    card = out["regions"]["card"]
    out = ask("drill_next", kind="noncommittal", answer="What are the next steps?")
    # Typed but not checked: checked and shown, on the same card; nothing scored unseen.
    assert (
        "Your answer:" in out["regions"]["feedback"] and "Next card again" in out["regions"]["note"]
    )
    assert "card" not in out["regions"]
    attempts = json.loads(out["saved"])["practice"]["noncommittal"]["attempts"]
    assert len(attempts) == 2
    out = ask("drill_next", kind="noncommittal", answer="What are the next steps?")
    assert out["regions"]["card"] != card and "2 of 14" in out["regions"]["card"]
    assert "2 attempts" in ask("drill_summary", kind="noncommittal")["regions"]["summary"]


def test_a_reservation_answer_gets_its_letter_paragraph():
    ask("drill_show", kind="reservation")
    out = ask("drill_check", kind="reservation", answer="That's fair. I ran a budget of 40k.")
    assert "In a follow-up letter" in out["regions"]["feedback"]


def test_a_role_play_runs_to_its_debrief_and_is_kept():
    out = ask("roleplay_show")
    assert out["moves"] and not out["done"]
    assert ask("roleplay_say", words="")["regions"]["note"]  # refused, nothing said
    while not out["done"]:
        out = ask("roleplay_say", words=out["moves"][0]["text"])
        assert problems(json.loads(out["saved"])) == []  # saved at every turn, valid
    assert out["done"] and "Debrief" in out["regions"]["debrief"]
    assert "<table" not in out["regions"]["debrief"]
    saved = json.loads(out["saved"])
    assert len(saved["practice"]["roleplay"]["runs"]) == 1 and problems(saved) == []
    assert "current" not in saved["practice"]["roleplay"]


def test_a_reloaded_page_carries_on_the_role_play_then_shows_its_debrief():
    """The page is reloaded mid-way (the engine starts again from the kept workbook)."""
    out = ask("roleplay_show")
    out = ask("roleplay_say", words=out["moves"][0]["text"])
    kept = out["saved"]
    assert json.loads(kept)["practice"]["roleplay"]["current"]["lines"][1]["who"] == "You"
    web.start(kept)
    again = ask("roleplay_show")
    assert again["regions"]["transcript"] == out["regions"]["transcript"]
    assert not again["done"] and again["moves"] == out["moves"]
    while not again["done"]:
        again = ask("roleplay_say", words=again["moves"][0]["text"])
    web.start(again["saved"])
    shown = ask("roleplay_show")
    assert shown["done"] and shown["regions"]["debrief"] == again["regions"]["debrief"]
    fresh = ask("roleplay_show", restart=True)
    assert not fresh["done"] and fresh["regions"]["debrief"] == ""


def test_the_exported_file_is_a_valid_workbook():
    ask("closing_edit", draft=closing_examples()["weak"][0]["text"])
    ask("closing_save")
    out = ask("export")
    assert out["file_name"].endswith(".json")
    data = json.loads(out["text"])
    assert data["format"] == "closing-kit workbook" and data["schema_version"] == 4
    assert problems(data) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ("", "it is empty"),
        ('{"hello": 1}', "not a closing-kit workbook"),
        ("[1, 2]", "not a closing-kit workbook"),
        (json.dumps({**new_workbook(), "schema_version": 9}), "newer closing-kit"),
        (json.dumps({**new_workbook(), "schema_version": "3"}), "no valid format version"),
        (json.dumps({**new_workbook(), "people": "Tom"}), "people should be a list"),
        ("[" * 100_000, "nested far too deeply"),
        (" " * (web.MAX_BYTES + 1), "larger than 5 MB"),
    ],
    # Ids from the expected message: the texts hold random workbook ids, and
    # pytest-xdist needs every worker to collect the same test names.
    ids=[
        "half-json",
        "empty",
        "other-json",
        "a-list",
        "newer",
        "version-as-text",
        "people-as-text",
        "too-deep",
        "too-big",
    ],  # fmt: skip
)
def test_a_bad_file_is_refused_in_one_line_and_the_work_stays(text, message):
    ask("closing_edit", draft="My draft.")
    before = ask("export")["text"]
    out = ask("load", text=text)
    assert out["ok"] is False and message in out["message"] and "\n" not in out["message"]
    assert ask("export")["text"] == before


def test_older_workbooks_are_migrated_on_load():
    for text in (LEGACY_V2.read_text(encoding="utf-8"), json.dumps(VERSION_1)):
        out = ask("load", text=text)
        assert out["ok"], out["message"]
        data = json.loads(out["saved"])
        assert data["schema_version"] == 4 and problems(data) == []


def test_kept_work_that_cannot_be_read_is_not_thrown_away():
    out = ask("start", stored="{not json")
    assert out["ok"] is False and out["unreadable"] and "kept aside" in out["message"]
    good = web.to_file_text(example_workbook())
    assert ask("start", stored=good) == {"ok": True, "message": "", "saved": good}


def test_only_the_sessions_own_requests_are_run():
    """Nothing before `start`, and no private method by name."""
    web._session = None
    with pytest.raises(ValueError):
        web.call('{"op": "closing_show"}')
    ask("start")
    with pytest.raises(ValueError):
        web.call('{"op": "_drill", "kind": "noncommittal"}')


def test_a_timed_check_keeps_the_seconds_and_says_how_long():
    ask("drill_show", kind="noncommittal")
    out = ask("drill_check", kind="noncommittal", answer="What are the next steps?",
              seconds=75, limit="60")  # fmt: skip
    assert "You took 75 s; in the room, aim for under 60 s." in out["regions"]["feedback"]
    attempt = json.loads(out["saved"])["practice"]["noncommittal"]["attempts"][-1]
    assert attempt["seconds"] == 75
    out = ask("drill_check", kind="noncommittal", answer="What are the next steps?",
              seconds=12.4, limit="not a number")  # fmt: skip
    assert "Answered in 12 s, inside your 60 s." in out["regions"]["feedback"]


def test_an_untimed_check_keeps_no_seconds():
    ask("drill_show", kind="noncommittal")
    out = ask("drill_check", kind="noncommittal", answer="What are the next steps?")
    assert " s, inside your" not in out["regions"]["feedback"]
    attempt = json.loads(out["saved"])["practice"]["noncommittal"]["attempts"][-1]
    assert attempt["seconds"] is None


def test_work_kept_by_another_tab_is_carried_on_not_overwritten():
    """Two sessions on one stored workbook (two tabs): each keeps what the other saved."""
    ask("closing_edit", draft=closing_examples()["strong"][0]["text"])
    first = ask("closing_save")["saved"]  # tab A: version 1
    other = web.Session(json.loads(first))  # tab B opened on it
    other.closing_edit(closing_examples()["strong"][1]["text"])
    from_b = other.closing_save()["saved"]  # tab B: version 2
    ask("drill_show", kind="noncommittal")
    on = ask("drill_next", kind="noncommittal")["regions"]["card"]  # tab A's second card
    out = ask("sync", stored=from_b)
    assert out["ok"] and "saved" not in out and "Version 2" in out["regions"]["versions"]
    assert ask("drill_show", kind="noncommittal")["regions"]["card"] == on
    ask("closing_edit", draft=closing_examples()["strong"][2]["text"])
    kept = json.loads(ask("closing_save")["saved"])["practice"]["closing"]["versions"]
    assert len(kept) == 3
    assert ask("sync", stored="{not json") == {"ok": False}


def test_every_request_the_page_sends_is_in_the_table():
    """The buttons' data-op and live.js's own requests are all answered (web.OPS, SESSION_OPS)."""
    import re

    import live_practice

    html = "".join(live_practice.render(kind, "u") for kind in live_practice.KINDS)
    script = Path(live_practice.STATIC, "live", "live.js").read_text(encoding="utf-8")
    sent = set(re.findall(r'data-op="(\w+)"', html)) | set(re.findall(r'op: "(\w+)"', script))
    assert len(sent) > 10 and sent <= set(web.OPS) | set(web.SESSION_OPS)


def test_another_module_answers_requests_of_its_own(monkeypatch):
    """``add_op``: a module's request runs on the open session; a taken name is refused."""
    monkeypatch.setattr(web, "SESSION_OPS", dict(web.SESSION_OPS))
    web.add_op(
        "take_note", lambda session, seconds: {"seconds": seconds, "id": session.workbook["id"]}
    )
    ask("start")
    assert ask("take_note", seconds=3) == {"seconds": 3, "id": web._session.workbook["id"]}
    with pytest.raises(ValueError, match="already answered"):
        web.add_op("closing_show", lambda session: {})
