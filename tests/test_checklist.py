"""The final-five-minutes checklist data and logic (closing_kit.checklist)."""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

from closing_kit.checklist import Checklist, load_checklist

RAW = json.loads(resources.files("closing_kit").joinpath("data/checklist.json").read_text("utf-8"))


def test_the_packaged_checklist_loads_in_order():
    """Before, in the room, after: the sequence chapter 9 teaches."""
    checklist = load_checklist()
    assert [g.title for g in checklist.groups] == [
        "Before you go in",
        "In the room",
        "After you leave",
    ]
    assert len(checklist.items) == len(set(checklist.ids)) >= 10


def test_every_item_points_at_a_chapter_that_exists():
    """Each item links to the chapter that explains it."""
    from pathlib import Path

    book = Path(__file__).resolve().parent.parent / "book"
    for item in load_checklist().items:
        assert (book / f"{item.chapter}.md").exists(), item


def test_progress_ignores_unknown_ids():
    """Saved ticks from an older checklist do not count or crash."""
    checklist = load_checklist()
    first = checklist.ids[0]
    assert checklist.progress({first, "no-such-item", 7}) == (1, len(checklist.items))


def test_markdown_marks_ticked_items():
    """The export shows ticked items as [x] and the rest as [ ]."""
    checklist = load_checklist()
    text = checklist.markdown({checklist.ids[0]})
    assert f"- [x] {checklist.items[0].text}" in text
    assert f"- [ ] {checklist.items[1].text}" in text
    assert text.rstrip().endswith(f"1 of {len(checklist.items)} done.")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(schema_version=99), "schema_version"),
        (lambda d: d.update(groups=[]), "non-empty list 'groups'"),
        (lambda d: d["groups"][0]["items"][0].update(text="  "), "non-empty text 'text'"),
        (lambda d: d["groups"][1]["items"].append(dict(d["groups"][0]["items"][0])), "used twice"),
    ],
)
def test_invalid_data_is_refused_with_a_reason(mutate, message):
    """A coach who edits the data file is told what is wrong."""
    data = copy.deepcopy(RAW)
    mutate(data)
    with pytest.raises(ValueError, match=message):
        Checklist.from_dict(data)
