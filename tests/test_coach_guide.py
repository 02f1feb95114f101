"""The coach guide's timings add up, and every plan teaches before it practises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "book" / "coach-guide.md"
STATED = re.compile(r"\b(\d+)-minute\b")
ENDINGS_ROW = (
    "| The endings: a yes, a reservation, a vague answer, a no | 4 | 13 | "
    "{doc}`05-close-the-sale`, {doc}`06-reservations`, {doc}`07-noncommittal-answers` |"
)


def tables(text: str) -> list[dict]:
    """Each Markdown table: its header, its rows (cells), and the total it states.

    The stated total is the "N-minute" in the nearest heading, or in a line
    ending with a colon, above the table.
    """
    lines = text.splitlines()
    found, i = [], 0
    while i < len(lines):
        if lines[i].startswith("|") and i + 1 < len(lines) and lines[i + 1].startswith("| ---"):
            header = [c.strip() for c in lines[i].strip("|").split("|")]
            rows, j = [], i + 2
            while j < len(lines) and lines[j].startswith("|"):
                rows.append([c.strip() for c in lines[j].strip("|").split("|")])
                j += 1
            stated = None
            for k in range(i - 1, -1, -1):
                above = lines[k]
                if above.startswith("#") or above.rstrip().endswith(":"):
                    m = STATED.search(above)
                    if m:
                        stated = int(m.group(1))
                        break
                    if above.startswith("## "):
                        break
            section = next(
                (lines[k] for k in range(i - 1, -1, -1) if lines[k].startswith("## ")), ""
            )
            found.append({"header": header, "rows": rows, "stated": stated, "section": section})
            i = j
        else:
            i += 1
    return found


def minutes(cell: str) -> float:
    return float(cell.strip("*"))


def plans(text: str) -> list[dict]:
    return [t for t in tables(text) if t["header"][:3] == ["Block", "Minutes", "Running total"]]


def turn_length(text: str) -> float:
    turn = next(t for t in tables(text) if t["header"][:2] == ["Step", "Minutes"])
    return minutes(turn["rows"][-1][1])


def problems(text: str) -> list[str]:
    """What does not add up, one line each."""
    bad = []
    demo = turn_length(text)
    for plan in plans(text):
        name = f"{plan['section']} ({plan['stated']} minutes)"
        total = 0.0
        for row in plan["rows"]:
            total += minutes(row[1])
            if minutes(row[2]) != total:
                bad.append(f"{name}: {row[0]!r} ends at {row[2]}, the blocks add up to {total:g}")
            if "demonstration turn" in row[0] and minutes(row[1]) < demo:
                bad.append(f"{name}: {row[0]!r} has {row[1]} minutes for a {demo:g}-minute turn")
        if plan["stated"] is None or total != plan["stated"]:
            bad.append(f"{name}: the blocks add up to {total:g}")
        before = []
        for row in plan["rows"]:
            if row[0].lower().startswith("role-play"):
                taught = " ".join(" ".join(r) for r in before).lower()
                for chapter, word in (("06-reservations", "reservation"), ("07-", "vague")):
                    if chapter not in taught and word not in taught:
                        bad.append(
                            f"{name}: chapter {chapter[:2]} is practised before it is taught"
                        )
                break
            before.append(row)
    for t in tables(text):
        if t["header"][0] in ("Pair round", "Trio round"):
            total = sum(minutes(r[1]) for r in t["rows"])
            if total != minutes(t["rows"][-1][2]) or total != 10:
                bad.append(f"{t['header'][0]}: {total:g} minutes, not the round's 10")
    return bad


def test_every_plan_adds_up_and_teaches_before_it_practises():
    """Each plan's blocks sum to its stated total, the running totals follow, the set-up holds a
    whole demonstration turn, and chapters 6 and 7 come before the role-play."""
    assert problems(GUIDE.read_text(encoding="utf-8")) == []


def test_the_plans_the_guide_promises_are_all_there():
    """The 60- and 90-minute workshops, the one-to-one and the video call each have a table."""
    found = {(p["section"], p["stated"]) for p in plans(GUIDE.read_text(encoding="utf-8"))}
    assert found == {
        ("## A 60-minute workshop", 60),
        ("## A 90-minute workshop", 90),
        ("## A 45-minute one-to-one session", 45),
        ("## On a video call", 60),
    }


@pytest.mark.parametrize(
    "change, complaint",
    [
        (("| Memory dump | 2 | 57 |", "| Memory dump | 3 | 58 |"), "add up to 61"),
        (
            (
                "one demonstration turn (4.5 minutes) | 6 | 38 |",
                "one demonstration turn | 4 | 36 |",
            ),
            "4.5-minute turn",
        ),
        (
            (
                ENDINGS_ROW,
                "| Practice | 5 | 16 | |",
            ),
            "chapter 06 is practised before it is taught",
        ),
    ],
)
def test_the_check_catches_a_plan_that_does_not_add_up(change, complaint):
    """A block too long, a set-up too short for its demonstration, a role-play never taught."""
    text = GUIDE.read_text(encoding="utf-8")
    assert change[0] in text
    assert any(complaint in p for p in problems(text.replace(change[0], change[1], 1)))


def test_every_plan_teaches_the_fourth_ending():
    """Each plan names a no among the endings it teaches, and the guide teaches four (issue 18)."""
    text = GUIDE.read_text(encoding="utf-8")
    for plan in plans(text):
        assert any("a no" in row[0] for row in plan["rows"]), plan["section"]
    assert "four endings" in text and "**A no**" in text


def test_every_workshop_plays_a_round_per_ending():
    """Four endings, four rounds: each workshop plan gives the role-play four ten-minute rounds
    (the video call adds a minute a round to move between rooms)."""
    from closing_kit.classroom.deck import ROUNDS

    text = GUIDE.read_text(encoding="utf-8")
    for plan in plans(text):
        if "one-to-one" in plan["section"]:
            continue
        rounds = [r for r in plan["rows"] if r[0].lower().startswith("role-play round")]
        played = sum(minutes(r[1]) for r in rounds)
        per_round = 11 if "video" in plan["section"] else 10
        assert played == ROUNDS * per_round == 4 * per_round, plan["section"]
    assert "three rounds" not in text
