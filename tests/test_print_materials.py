"""Printed materials: made from the course's data, printed to PDF, linked from the coach guide."""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path

import print_materials as pm
import pytest
import yaml
from bs4 import BeautifulSoup

from closing_kit.analysis.rubric import rubric
from closing_kit.checklist import load_checklist
from closing_kit.classroom import deck_cards
from closing_kit.workbook.memory import prompts

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = pm.find_chromium()
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to print with")

#: Materials that must fit on exactly one page, on either paper.
ONE_PAGE = ("checklist", "script-sheet", "observer-rubric", "memory-dump")
#: (width, height) in millimetres.
SIZES = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def _html_text(name: str, paper: str = "a4") -> str:
    return _flat(BeautifulSoup(pm.render_html(name, paper), "html.parser").get_text(" "))


def _card_sheets() -> int:
    """Sheets of four: ending cards first, then next-steps cards; each sheet has a back."""
    cards = deck_cards()
    steps = sum(c.kind == "next_steps" for c in cards)
    return math.ceil((len(cards) - steps) / 4) + math.ceil(steps / 4)


def test_the_cards_carry_every_line_from_the_banks():
    """Each card's interviewer line, and the next-steps replies, are on the cards page."""
    text = _html_text("cards")
    for card in deck_cards():
        assert _flat(card.line) in text, card.code
        assert card.code in text
        for _, reply in card.permission:
            assert _flat(reply) in text


def test_the_no_cards_say_what_to_answer_and_how_to_end():
    """A no card carries the role-play's no line, its answer to "what would help", its goodbye."""
    from closing_kit.banks import roleplay_lines

    soup = BeautifulSoup(pm.render_html("cards"), "html.parser")
    fronts = {
        _flat(c.select_one(".code").get_text()): _flat(c.get_text(" "))
        for c in soup.select(".card:not(.back)")
        if c.select_one(".code")
    }
    no = [card for card in deck_cards() if card.kind == "no"]
    assert {card.line for card in no} == {n["line"] for n in roleplay_lines()["no_replies"]}
    for card in no:
        text = fronts[card.code]
        assert "A no" in text and _flat(card.line) in text and _flat(card.goodbye) in text
        if card.answer:
            assert _flat(card.answer) in text
    assert any(card.answer for card in no)


def test_the_ready_dealt_decks_are_the_deal_for_every_class_of_6_to_30():
    """One page per class size, holding every turn of ``deal(n, seed=1)``: no Python needed."""
    from closing_kit.classroom import deal

    soup = BeautifulSoup(pm.render_html("deals"), "html.parser")
    pages = soup.select("section.sheet")
    assert [int(p["aria-label"].split()[3]) for p in pages] == list(range(6, 31))
    for page, n in zip(pages, range(6, 31), strict=True):
        text = _flat(page.get_text(" "))
        assert "over the four rounds" in text and "a no (X)" in text
        dealt = deal(n, seed=pm.DEAL_SEED)
        assert len(page.select(".rounds > div")) == len(dealt.rounds) == 4
        for groups in dealt.rounds:
            for group in groups:
                assert group.next_steps_card in text
                for turn in group.turns:
                    assert f"{turn.interviewer} interviews {turn.candidate}: {turn.card}" in text


def test_the_observer_rubric_uses_the_feedback_checks_labels():
    """The observer ticks the same checks the exercises score, by their labels."""
    text = _html_text("observer-rubric")
    for kind in ("closing", "reservation", "noncommittal"):
        for rule in rubric(kind).rules.values():
            assert _flat(rule.label) in text


def test_the_observer_rubric_has_a_column_per_round_and_the_no():
    """Four rounds, four columns in every table; the no's own checks have their own table."""
    from closing_kit.banks import roleplay_lines
    from closing_kit.classroom.deck import ROUNDS

    soup = BeautifulSoup(pm.render_html("observer-rubric"), "html.parser")
    tables = soup.select("table")
    for table in tables:
        assert len(table.select("thead th.round")) == ROUNDS == 4
        assert all(len(row.select("td.round")) == ROUNDS for row in table.select("tbody tr"))
    no = next(t for t in tables if _flat(t.caption.get_text()) == "Taking a no")
    labels = {_flat(td.get_text()) for td in no.select("tbody td:not(.round)")}
    own = {_flat(check["label"]) for check in roleplay_lines()["own_checks"].values()}
    assert own <= labels


def test_the_checklist_and_worksheet_come_from_the_packaged_data():
    """The checklist is chapter 9's; the worksheet has the memory dump's headings."""
    text = _html_text("checklist")
    assert all(_flat(item.text) in text for item in load_checklist().items)
    text = _html_text("memory-dump", "letter")
    assert all(p.heading in text and _flat(p.prompt) in text for p in prompts())


def test_script_sheet_lines_are_still_in_their_chapters():
    """A line the sheet copies from a chapter is still there word for word, so nothing drifts."""
    sheet = yaml.safe_load((ROOT / "book" / "print" / "script-sheet.yml").read_text("utf-8"))
    text = _html_text("script-sheet")
    copied = 0
    for step in sheet["steps"]:
        for line in step["lines"]:
            assert _flat(line["text"]) in text
            if "from" in line:
                chapter = _flat((ROOT / line["from"]).read_text(encoding="utf-8"))
                assert _flat(line["text"]) in chapter, (line["from"], line["text"])
                copied += 1
    assert copied >= 8


def test_script_sheet_lists_the_four_endings():
    """The sheet's answers to the closing question are the chapters' four endings (issue 18)."""
    text = _html_text("script-sheet")
    for ending in ("A yes:", "A reservation:", "A vague answer:", "A no:"):
        assert ending in text, ending


def test_without_chromium_the_html_is_written_and_the_reason_given(tmp_path, monkeypatch):
    """No Chromium: every page is written as HTML, no PDF is left behind, the reason is one line."""
    monkeypatch.setenv("CLOSING_KIT_CHROMIUM", str(tmp_path / "no-such-chromium"))
    assert pm.find_chromium(str(tmp_path / "no-such-chromium")) is None
    assert pm.find_chromium("none") is None
    stale = tmp_path / "print" / "a4" / "cards.pdf"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"%PDF- from an earlier build")
    result = pm.build(tmp_path, None)
    assert result.pdfs == [] and result.reason == "no Chromium found"
    names = sorted(p.relative_to(tmp_path).as_posix() for p in result.html)
    assert names == sorted(f"print/{paper}/{n}.html" for paper in pm.PAPERS for n in pm.MATERIALS)
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_missing_chromium_fails_in_one_line(tmp_path):
    """Printing with an executable that is not there raises PrintError with a one-line reason."""
    html = pm.write_html(tmp_path, papers=("a4",))[0]
    with pytest.raises(pm.PrintError) as err:
        pm.print_pdf(str(tmp_path / "no-such-chromium"), html, tmp_path / "x.pdf")
    assert "\n" not in str(err.value)


def test_the_role_links_to_the_pdf_or_the_html_page():
    """``{printout}`title <name/paper>``` names a material and a paper; A4 by default."""
    assert pm._target("the cards <cards>") == ("the cards", "cards", "a4")
    assert pm._target("Letter <checklist/letter>") == ("Letter", "checklist", "letter")
    for bad in ("no target", "x <nothing>", "x <cards/a3>"):
        with pytest.raises(ValueError):
            pm._target(bad)


@pytest.mark.slow
@needs_chromium
def test_pdfs_have_the_expected_pages_size_and_text(tmp_path):
    """A4 and Letter: one page per sheet, two per sheet of cards, every card's line inside."""
    from pypdf import PdfReader

    result = pm.build(tmp_path, CHROMIUM, cache=tmp_path / "cache.json")
    assert len(result.pdfs) == len(pm.MATERIALS) * len(pm.PAPERS) == result.printed
    for paper, (width, height) in SIZES.items():
        for name in pm.MATERIALS:
            reader = PdfReader(tmp_path / "print" / paper / f"{name}.pdf")
            expected = {"cards": 2 * _card_sheets(), "deals": len(pm.DEAL_SIZES)}.get(name, 1)
            assert len(reader.pages) == expected, (paper, name)
            box = reader.pages[0].mediabox
            size = (float(box.width) * 25.4 / 72, float(box.height) * 25.4 / 72)
            assert size == pytest.approx((width, height), abs=1), (paper, name)
        cards = _flat(
            " ".join(
                p.extract_text() for p in PdfReader(tmp_path / "print" / paper / "cards.pdf").pages
            )
        )
        for card in deck_cards():
            assert _flat(card.line) in cards, (paper, card.code)
        sheet = _flat(
            PdfReader(tmp_path / "print" / paper / "checklist.pdf").pages[0].extract_text()
        )
        assert all(_flat(item.text) in sheet for item in load_checklist().items)
    # A second run reuses every unchanged PDF.
    assert pm.build(tmp_path, CHROMIUM, cache=tmp_path / "cache.json").printed == 0


def test_pdfs_in_site(site):
    """The built site holds every PDF (or, without Chromium, every HTML page) the guide links to."""
    suffix = "pdf" if CHROMIUM else "html"
    for paper in pm.PAPERS:
        for name in pm.MATERIALS:
            path = site / "print" / paper / f"{name}.{suffix}"
            assert path.is_file() and path.stat().st_size > 0, path
    guide = BeautifulSoup((site / "book" / "coach-guide.html").read_text("utf-8"), "html.parser")
    links = {a["href"] for a in guide.select("a.ck-printout")}
    assert {f"../print/a4/{n}.{suffix}" for n in pm.MATERIALS} <= links
    assert all((site / "book" / link).resolve().is_file() for link in links)
