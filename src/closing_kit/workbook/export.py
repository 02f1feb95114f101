"""The whole workbook as one document: readable Markdown, or printable HTML.

Both are rendered from one outline (``outline``), so they hold the same
content. Every piece of the learner's text is escaped for the format: HTML
through Jinja's autoescaping, Markdown through ``md_escape``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import jinja2

from closing_kit.analysis import level_info
from closing_kit.practice.history import latest
from closing_kit.workbook._data import load, template_source
from closing_kit.workbook.contacts import card_gaps, missing_people
from closing_kit.workbook.fields import fragments, md_escape, printable
from closing_kit.workbook.followup import plan
from closing_kit.workbook.letters import letters, warnings
from closing_kit.workbook.memory import prompts
from closing_kit.workbook.model import kind_info

__all__ = ["Block", "Section", "outline", "to_html", "to_markdown"]


@dataclass(frozen=True)
class Block:
    """A piece of a section.

    ``kind`` is ``heading`` (``text``), ``rows`` (``items`` of label/value),
    ``list`` (``items`` of text), ``checks`` (``items`` of (done, text)) or
    ``letter`` (``text``, lines kept).
    """

    kind: str
    text: str = ""
    items: tuple = ()


@dataclass(frozen=True)
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)


def _rows(*pairs) -> Block:
    return Block("rows", items=tuple((k, v) for k, v in pairs if v.strip()))


def title(workbook: dict) -> str:
    """ "Interview notes: ROLE, COMPANY" (as much of it as is filled in)."""
    about = [workbook["interview"][k].strip() for k in ("role", "company")]
    about = ", ".join(a for a in about if a)
    return f"Interview notes: {about}" if about else "Interview notes"


def outline(workbook: dict) -> list[Section]:
    """The workbook as sections of blocks, in the order of the course."""
    people_data = load("people.json")
    formats = {f["id"]: f["label"] for f in people_data["formats"]}
    interview = workbook["interview"]
    fmt = formats[interview["format"]] if interview["format"] else ""
    sections = [
        Section(
            "The interview",
            [
                _rows(
                    ("Company", interview["company"]),
                    ("Role", interview["role"]),
                    ("Date", interview["date"]),
                    ("Time", interview["time"]),
                    ("Format", fmt),
                )
            ],
        )  # fmt: skip
    ]
    met = Section("Everyone you met")
    for person in workbook["people"]:
        role = kind_info(person["kind"])["label"] if person["kind"] else ""
        met.blocks.append(Block("heading", person["name"].strip() or "(no name yet)"))
        met.blocks.append(_rows(
            ("Title", person["title"]), ("Role in the decision", role),
            ("Email", person["email"]), ("Phone", person["phone"]),
            ("Talked about", person["talked_about"]),
        ))  # fmt: skip
        gaps = card_gaps(person)
        if gaps:
            met.blocks.append(Block("list", items=(f"Still to find: {', '.join(gaps)}.",)))
    missing = missing_people(workbook)
    if missing:
        met.blocks.append(Block("heading", "Anyone missing?"))
        met.blocks.append(Block("list", items=tuple(missing)))
    sections.append(met)

    steps = workbook["next_steps"]
    asked = set(steps["asked"])
    questions = load("next_steps.json")["questions"]
    answers = load("next_steps.json")["answers"]
    sections.append(Section("Next steps", [
        Block("checks", items=tuple((q["id"] in asked, q["text"]) for q in questions)),
        _rows(*[(a["label"], steps[a["id"]]) for a in answers],
              ("Date they gave", steps["stated_date"])),
    ]))  # fmt: skip

    p = plan(workbook)
    permission = {a["id"]: a["label"] for a in load("followup.json")["permission"]}
    follow = Section("Follow-up plan", [Block("list", items=p.problems + p.reasons)])
    follow.blocks.append(_rows(
        ("Permission to get in touch", permission[workbook["follow_up"]["permission"]]),
        ("Your holidays", ", ".join(workbook["follow_up"]["holidays"])),
    ))  # fmt: skip
    sections.append(follow)

    dump = Section("Memory dump")
    for prompt in prompts():
        lines = fragments(workbook["memory"][prompt.id])
        if lines:
            dump.blocks.extend(
                [Block("heading", prompt.heading), Block("list", items=tuple(lines))]
            )
    sections.append(dump)

    drafts = letters(workbook)
    letter_section = Section("Thank-you letters")
    for letter in drafts:
        letter_section.blocks.extend(
            [Block("heading", f"To {letter.name}"), Block("letter", letter.text)]
        )
    notes = tuple(w.message for w in warnings(workbook, drafts))
    if notes:
        letter_section.blocks.extend(
            [Block("heading", "Before you send"), Block("list", items=notes)]
        )
    sections.append(letter_section)

    results = latest(workbook["practice"])
    if results:
        practice = Section("Practice: your latest answers")
        for value in results:
            words = level_info(value["level"]).label if value["level"] else ""
            score = f" ({value['score']}/100, {words})" if value["score"] is not None else ""
            practice.blocks.extend(
                [Block("heading", f"{value['exercise']}{score}"), Block("letter", value["text"])]
            )
        sections.append(practice)
    for section in sections:
        section.blocks[:] = [b for b in section.blocks if b.items or b.text]
    return [s for s in sections if s.blocks]


def to_markdown(workbook: dict) -> str:
    """The workbook as Markdown; nothing the learner typed can become markup."""
    out = [f"# {md_escape(title(workbook))}"]
    for section in outline(workbook):
        out.append(f"## {md_escape(section.title)}")
        for block in section.blocks:
            out.append(_md_block(block))
    return "\n\n".join(part for part in out if part) + "\n"


def _md_lines(text: str) -> list[str]:
    return [md_escape(line) for line in text.splitlines() if line.strip()]


def _md_item(head: str, text: str) -> str:
    """A list item: one line inline, several as sub-items (no hard-break backslashes)."""
    lines = _md_lines(text)
    if len(lines) <= 1:
        return f"- {head}{''.join(lines)}"
    return "\n".join([f"- {head}".rstrip(), *(f"  - {line}" for line in lines)])


def _md_block(block: Block) -> str:
    if block.kind == "heading":
        return f"### {md_escape(block.text)}"
    if block.kind == "rows":
        return "\n".join(_md_item(f"**{md_escape(k)}:** ", v) for k, v in block.items)
    if block.kind == "list":
        return "\n".join(_md_item("", item) for item in block.items)
    if block.kind == "checks":
        return "\n".join(f"- [{'x' if done else ' '}] {md_escape(t)}" for done, t in block.items)
    return "\n\n".join(line for par in block.text.split("\n\n") for line in _md_lines(par))


@cache
def _html_template() -> jinja2.Template:
    env = jinja2.Environment(
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["printable"] = printable
    return env.from_string(template_source("export.html.j2"))


def to_html(workbook: dict) -> str:
    """The workbook as a standalone HTML page that prints cleanly (no scripts, no links out)."""
    return _html_template().render(title=title(workbook), sections=outline(workbook))
