"""The small JSON Schema validator (``closing_kit.schema_check``) agrees with jsonschema.

The website checks workbooks with it (``workbook.reader.schema_problems``),
where jsonschema cannot run; the notebooks check them with jsonschema
(``workbook.model.problems``). The banks' shapes are in a schema file too
(``data/banks.schema.json``). On each valid document and every one-step
corruption of it, both validators must say valid or invalid alike.
"""

from __future__ import annotations

import json

import jsonschema
import pytest
from test_web import LEGACY_V2, LEGACY_V3, VERSION_1
from tests_support import mutations

from closing_kit import schema_check
from closing_kit.analysis.compat import data_json
from closing_kit.workbook.model import example_workbook, new_workbook, problems, schema
from closing_kit.workbook.reader import schema_problems

BANKS = {"closings": "closings.json", "reservations": "reservations.json",
         "noncommittal": "noncommittal.json"}  # fmt: skip


def _disagreements(data, mine, theirs, wrong=None):
    extra = {} if wrong is None else {"wrong": wrong}
    out, count = [], 0
    for broken in mutations(data, **extra):
        count += 1
        a, b = mine(broken), theirs(broken)
        if bool(a) != bool(b):
            out.append((json.dumps(broken)[:200], a[:1], b[:1]))
    return count, out


def _with_a_take() -> dict:
    """The example with one rated spoken take (practice.takes, format version 4)."""
    data = example_workbook()
    data["practice"]["takes"].append({
        "id": "a1b2", "exercise": "closing", "card": "", "recorded": "2026-12-07T15:00:00Z",
        "length_ms": 12040, "spoken_ms": 10000, "pauses": 2, "paused_ms": 1600, "words": 24,
        "pace": 144, "checks": [{"id": "thanks", "label": "Thanks them", "typed": True}],
        "self": ["thanks"],
    })  # fmt: skip
    return data


@pytest.mark.parametrize(
    ("version", "data"),
    [
        (4, example_workbook()),
        (4, new_workbook()),
        (4, _with_a_take()),
        (3, json.loads(LEGACY_V3.read_text(encoding="utf-8"))),
        (2, json.loads(LEGACY_V2.read_text(encoding="utf-8"))),
        (1, VERSION_1),
    ],
    ids=["example-v4", "new-v4", "take-v4", "legacy-v3", "legacy-v2", "v1"],
)
def test_the_small_validator_agrees_with_jsonschema_on_workbooks(version, data):
    """On a valid workbook and every one-step corruption of it, both say valid or invalid."""
    assert schema_problems(data, version) == problems(data, version) == []
    count, disagree = _disagreements(
        data, lambda d: schema_problems(d, version), lambda d: problems(d, version)
    )
    assert count > 50 and disagree == []


def _bank_schema(name: str) -> dict:
    spec = data_json("banks.schema.json")
    return dict(spec, **spec["$defs"][name])  # the file's entry, its $refs still resolving


@pytest.mark.parametrize("name", sorted(BANKS))
def test_the_small_validator_agrees_with_jsonschema_on_the_banks(name):
    """Each bank file is valid, and every corruption of it (an empty text too) is refused by
    both validators alike."""
    spec, data = _bank_schema(name), data_json(BANKS[name])
    jsonschema.Draft202012Validator.check_schema(spec)
    validator = jsonschema.Draft202012Validator(spec)
    assert schema_check.problems(data, spec) == [] and not list(validator.iter_errors(data))
    # Every entry of a list has the same schema: corrupting the first two covers them.
    sample = {key: value[:2] if isinstance(value, list) else value for key, value in data.items()}
    count, disagree = _disagreements(
        sample,
        lambda d: schema_check.problems(d, spec),
        lambda d: list(validator.iter_errors(d)),
        wrong=(None, 7, "", [], {}, True, "Not An Id", ["shared", "shared"]),
    )
    assert count > 100 and disagree == []


def test_a_broken_bank_is_named_where_it_breaks():
    data = data_json("reservations.json")
    data = dict(data, cards=[dict(data["cards"][0], model_response="")] + data["cards"][1:])
    assert schema_check.problems(data, _bank_schema("reservations")) == [
        "cards[0].model_response should not be empty"
    ]


@pytest.mark.parametrize("name", ["workbook.schema.json", "workbook-3.schema.json",
                                  "workbook-2.schema.json", "workbook-1.schema.json",
                                  "banks.schema.json"])  # fmt: skip
def test_every_keyword_of_our_schemas_is_one_the_small_validator_checks(name):
    spec = data_json(name if name.startswith("banks") else "workbook/" + name)
    assert schema_check.unknown_keywords(spec) == []


def test_a_keyword_it_does_not_check_is_found():
    assert schema_check.unknown_keywords({"properties": {"a": {"maxLength": 3}}}) == ["maxLength"]


def test_the_workbook_schemas_are_the_ones_checked():
    """No copy of the schema lives in code: the validator reads the published file."""
    assert schema(3)["$id"] == "urn:closing-kit:workbook:3"
