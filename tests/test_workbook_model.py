"""The workbook format: its published schema, new workbooks, validation messages."""

from __future__ import annotations

import jsonschema
import pytest

from closing_kit.workbook import SCHEMA_VERSION, new_person, new_workbook, problems, schema
from closing_kit.workbook._data import load
from closing_kit.workbook.model import example_workbook


def test_published_schemas_are_valid_json_schema():
    """Every format version's schema is a valid Draft 2020-12 schema."""
    for version in range(1, SCHEMA_VERSION + 1):
        jsonschema.Draft202012Validator.check_schema(schema(version))
    assert schema()["properties"]["schema_version"]["const"] == SCHEMA_VERSION


def test_a_new_workbook_is_valid_and_empty():
    wb = new_workbook("Fernhill", "team lead", "2026-03-06")
    assert problems(wb) == []
    assert wb["people"] == [] and wb["interview"]["company"] == "Fernhill"
    assert new_workbook()["id"] != new_workbook()["id"]


def test_the_made_up_example_is_valid():
    assert problems(example_workbook()) == []


def test_new_people_get_fresh_ids():
    wb = new_workbook()
    ids = [new_person(wb, name=n)["id"] for n in ("A", "B", "C")]
    wb["people"].pop(1)
    ids.append(new_person(wb)["id"])
    assert len(set(ids)) == 4
    assert problems(wb) == []


def test_data_files_and_schema_agree():
    """Every id the data files offer is one the schema accepts, and the other way round."""
    props = schema()["properties"]
    people = load("people.json")
    kinds = schema()["$defs"]["person"]["properties"]["kind"]["enum"]
    assert {k["id"] for k in people["kinds"]} | {""} == set(kinds)
    assert [g["id"] for g in people["groups"]] == props["not_met"]["items"]["enum"]
    assert [f["id"] for f in people["formats"]] == props["interview"]["properties"]["format"][
        "enum"
    ]
    questions = [q["id"] for q in load("next_steps.json")["questions"]]
    assert questions == props["next_steps"]["properties"]["asked"]["items"]["enum"]
    answers = {a["id"] for a in load("next_steps.json")["answers"]}
    assert answers <= set(props["next_steps"]["required"])
    permissions = [p["id"] for p in load("followup.json")["permission"]]
    assert permissions == props["follow_up"]["properties"]["permission"]["enum"]
    prompts = [p["id"] for p in load("memory.json")["prompts"]]
    assert prompts == props["memory"]["required"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda wb: wb["people"].append({"id": "p1", "name": 3}), "people[0]"),
        (lambda wb: wb["interview"].update(date="2026-02-30"), "interview.date"),
        (lambda wb: wb["interview"].update(date="next Tuesday"), "interview.date"),
        (lambda wb: wb["next_steps"].update(asked="process"), "next_steps.asked should be"),
        (lambda wb: wb.update(extra=1), "the file has a field"),
        (lambda wb: wb["follow_up"].update(buffer_days="2"), "follow_up.buffer_days"),
    ],
)
def test_problems_name_the_place_in_one_line(change, expected):
    """A validation problem says where it is, in one short line."""
    wb = new_workbook()
    change(wb)
    found = problems(wb)
    assert found and expected in found[0]
    assert all("\n" not in p and len(p) < 200 for p in found)


def test_duplicate_person_ids_are_a_problem():
    wb = new_workbook()
    new_person(wb, name="A")
    wb["people"].append(dict(wb["people"][0]))
    assert problems(wb) == ["people: two cards share an id"]
