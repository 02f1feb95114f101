"""One made-up cast for the whole course (book/cast.yml): a name keeps its role."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
CAST = yaml.safe_load((BOOK / "cast.yml").read_text(encoding="utf-8"))
PEOPLE: dict[str, dict] = CAST["people"]
COMPANIES: dict[str, str] = CAST["companies"]
PAGES = sorted(BOOK.glob("*.md")) + sorted((BOOK / "quizzes").glob("*.yml"))
TEXT = {p: p.read_text(encoding="utf-8") for p in PAGES}
ROLES = {"candidate", "interviewer", "recruiter", "coordinator", "receptionist", "colleague"}

#: "Lena Park is interviewing for a customer support team lead role at Northgate Software"
APPLIES = re.compile(
    r"(?P<name>[A-Z][\w]+ [A-Z][\w]+),? is interviewing (?:by \w+ )?for an? "
    r"(?P<job>[\w' -]+?) role at (?P<company>[A-Z][\w ]+?)[,.]"
)
#: "Northgate Software, a made-up company"
MADE_UP = re.compile(r"(?P<company>(?:[A-Z][\w&]* )+?[A-Z][\w]*), a made-up (?:\w+ )?\w+")


def test_every_person_has_one_role_company_and_job():
    """Each entry names a known role, a company in the cast and a job."""
    for name, person in PEOPLE.items():
        assert set(person) == {"role", "company", "job"}, name
        assert person["role"] in ROLES, name
        assert person["company"] in COMPANIES, name
        assert person["job"].strip(), name


def test_first_names_and_surnames_are_not_shared():
    """No two people share a first name or a surname, so a name is never ambiguous."""
    firsts = [n.split()[0] for n in PEOPLE]
    lasts = [n.split()[-1] for n in PEOPLE]
    assert len(set(firsts)) == len(firsts)
    assert len(set(lasts)) == len(lasts)


def test_company_names_do_not_look_alike():
    """No two made-up companies start with the same word or the same four letters."""
    starts = [c.split()[0][:4].lower() for c in COMPANIES]
    assert len(set(starts)) == len(starts), sorted(starts)


def test_every_cast_member_appears_in_the_book():
    """The cast lists no one the course has dropped."""
    text = "\n".join(TEXT.values())
    assert [n for n in PEOPLE if n not in text] == []
    assert [c for c in COMPANIES if c not in text] == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_candidates_apply_for_their_own_job(page):
    """Whoever 'is interviewing for' a role is a candidate in the cast, for that job there."""
    for m in APPLIES.finditer(TEXT[page]):
        person = PEOPLE.get(m["name"])
        assert person is not None, f"{m['name']} is not in book/cast.yml"
        assert person["role"] == "candidate", m["name"]
        assert (m["job"], m["company"]) == (person["job"], person["company"]), m.group(0)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_made_up_companies_are_in_the_cast(page):
    """Every company introduced as made up is one of the cast's companies."""
    for m in MADE_UP.finditer(TEXT[page]):
        company = m["company"]
        if company.split()[0] in {"This", "A", "An", "The"}:
            continue
        assert company in COMPANIES, company


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_a_first_name_always_goes_with_the_same_surname(page):
    """A cast member's first name is never given another surname, on any page."""
    for name in PEOPLE:
        first, last = name.split()
        for m in re.finditer(rf"\b{first} ([A-Z][a-z]+)\b", TEXT[page]):
            assert m.group(1) == last, f"{page.name}: {m.group(0)!r} is not {name}"


def test_the_checks_see_the_worked_examples():
    """The patterns above do find the course's candidates, so they are not vacuous."""
    applying = {m["name"] for t in TEXT.values() for m in APPLIES.finditer(t)}
    assert applying == {n for n, p in PEOPLE.items() if p["role"] == "candidate"}
