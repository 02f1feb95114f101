"""The comment bank: every check of every rubric has comments, and it names only real checks."""

from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

from closing_kit.analysis import KINDS, rubric
from closing_kit.classroom.comments import comments_for, load_comments, validate_comments


def _raw() -> dict:
    return json.loads(resources.files("closing_kit").joinpath("data/comments.json").read_text())


@pytest.mark.parametrize("kind", KINDS)
def test_every_check_has_two_to_four_comments(kind):
    """Each check id of the rubric has 2 to 4 distinct, non-empty comments."""
    bank = load_comments()
    assert set(bank[kind]) == set(rubric(kind).check_ids)
    for check_id in rubric(kind).check_ids:
        comments = comments_for(kind, check_id)
        assert 2 <= len(comments) <= 4, check_id
        assert len(set(comments)) == len(comments), check_id
        assert all(c.strip() for c in comments)


def test_the_bank_names_only_real_check_ids():
    """Every key of the file is a kind, and every id under it is a check of that kind."""
    raw = _raw()
    for kind in KINDS:
        assert set(raw[kind]) <= set(rubric(kind).check_ids)
    assert set(raw) <= {*KINDS, "schema_version", "_about"}


def test_comments_never_show_a_check_id():
    """A coach pastes a comment to a learner: no internal id (snake_case) appears in it."""
    ids = {i for kind in KINDS for i in rubric(kind).check_ids if "_" in i}
    for kind in KINDS:
        for check_id in rubric(kind).check_ids:
            for text in comments_for(kind, check_id):
                assert not any(i in text for i in ids), text


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["closing"].__setitem__("thankz", ["Say thanks."]), "closing.thankz"),
        (lambda d: d["reservation"].pop("bridge"), "reservation.bridge has no comments"),
        (lambda d: d["noncommittal"].__setitem__("gracious", []), "noncommittal.gracious"),
        (lambda d: d["closing"].__setitem__("length", ["", "x"]), "closing.length comment 1"),
        (lambda d: d["closing"].__setitem__("length", ["a"] * 5), "closing.length has 5"),
        (lambda d: d.__setitem__("objection", {}), "'objection'"),
        (lambda d: d.pop("noncommittal"), "'noncommittal'"),
        (lambda d: d.__setitem__("schema_version", 2), "schema_version 1"),
    ],
)
def test_a_broken_bank_is_refused_in_one_line_naming_the_entry(change, expected):
    """The loader's error is one line that names the file and the entry."""
    data = copy.deepcopy(_raw())
    change(data)
    with pytest.raises(ValueError) as err:
        validate_comments(data)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith("comments.json")
    assert expected in message


def test_an_unknown_check_gets_no_comments():
    """Asking for an id the rubric does not know gives nothing rather than an error."""
    assert comments_for("closing", "not_a_check") == ()
