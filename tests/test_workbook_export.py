"""The whole workbook as Markdown or printable HTML: complete, and nothing typed becomes markup."""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt

from closing_kit.workbook import new_workbook, to_html, to_markdown
from closing_kit.workbook.model import example_workbook

SCRIPT = "<script>alert('x')</script>"
_NOT_TEXT = {"id", "format", "schema_version", "kind", "date", "stated_date", "permission"}
_NOT_TEXT |= {"not_met", "asked", "holidays"}


def _fill(value):
    if isinstance(value, dict):
        return {k: v if k in _NOT_TEXT else _fill(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v) for v in value]
    return SCRIPT if isinstance(value, str) else value


def hostile_workbook() -> dict:
    """The example workbook with ``<script>`` in every text field."""
    return _fill(example_workbook())


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_markdown_holds_every_part_of_the_workbook():
    md = to_markdown(example_workbook())
    for expected in (
        "# Interview notes: account manager, Quillmoor Software",
        "## Everyone you met",
        "### Anna Brandt",
        "- [x] Could you tell me what the next steps in the process are?",
        "## Follow-up plan",
        "Thursday 19 March 2026",
        "### Details worth mentioning",
        "### To Sam Ito",
        "Keep your promise to Anna Brandt",
    ):
        assert expected in md, expected


def test_html_is_a_printable_page_with_the_same_content():
    html = to_html(example_workbook())
    page = _parse(html)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert "@media print" in html
    assert {"h1", "h2", "h3", "dl", "ul"} <= page.tags
    assert "script" not in page.tags and "link" not in page.tags
    text = "".join(page.text)
    assert "Anna Brandt" in text and "they lose too many new clients" in text


def test_script_in_every_field_stays_text_in_html():
    """A workbook with <script> in every field exports to HTML with no script element."""
    html = to_html(hostile_workbook())
    page = _parse(html)
    assert "script" not in page.tags
    assert "<script" not in html.lower()
    assert SCRIPT in "".join(page.text)


def test_script_in_every_field_stays_text_in_markdown():
    """Rendered with raw HTML allowed, the Markdown export has no script element either."""
    md = to_markdown(hostile_workbook())
    rendered = MarkdownIt("commonmark", {"html": True}).render(md)
    assert "<script" not in rendered.lower()
    assert "&lt;script&gt;" in rendered


def test_markdown_structure_cannot_be_faked():
    wb = new_workbook("# Heading\n- item\n1. one\n> quote\n[x](http://example.com) **b**")
    rendered = MarkdownIt("commonmark", {"html": True}).render(to_markdown(wb))
    assert "<h1>Heading" not in rendered and "<blockquote>" not in rendered
    assert "<a " not in rendered and "<strong>b" not in rendered


def test_an_empty_workbook_exports():
    assert to_markdown(new_workbook()).startswith("# Interview notes\n")
    assert "<h1>Interview notes</h1>" in to_html(new_workbook())


def test_markdown_reads_as_typed_without_stray_escapes():
    """Ordinary punctuation is left alone and no line ends in a hard-break backslash:
    the file reads as the learner wrote it, and renders to the same words."""
    from closing_kit.workbook.letter_files import to_markdown as letter_markdown
    from closing_kit.workbook.letters import letters

    typed = "Send my shift availability (April + May)! Call #2 at 5pm; R&D said 50% - fine."
    wb = example_workbook()
    wb["memory"]["promises"] = f"Anna Brandt: {typed}\nAnna Brandt: and the deck."
    for md in (to_markdown(wb), *(letter_markdown(x) for x in letters(wb))):
        assert not any(line.endswith("\\") for line in md.splitlines())
        assert "\\(" not in md and "\\!" not in md and "\\+" not in md
    md = to_markdown(wb)
    assert typed in md
    rendered = MarkdownIt("commonmark").render(md)
    assert typed.replace("&", "&amp;") in rendered
