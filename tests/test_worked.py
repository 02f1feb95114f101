"""Worked examples: one source, printed as text in notebooks and as cards on the website."""

from __future__ import annotations

from html import unescape

import pytest
from bs4 import BeautifulSoup

from closing_kit.worked import KINDS, _parts, worked_examples, worked_examples_html


@pytest.mark.parametrize("kind", KINDS)
def test_cards_hold_what_the_text_holds(kind):
    """Every example's words, its score and each check's label are on a card, unwrapped."""
    soup = BeautifulSoup(worked_examples_html(kind), "html.parser")
    cards = soup.select(".ck-worked-card")
    parts = _parts(kind)
    assert len(cards) == len(parts)
    for card, (_, title, text, fb) in zip(cards, parts, strict=True):
        assert card.select_one(".ck-worked-text").get_text() == text
        assert title.split(" (")[0].rstrip(":") in card.select_one(".ck-worked-title").get_text()
        if fb is not None:
            assert f"{fb.score}/100" in card.select_one(".ck-worked-score").get_text()
            labels = [li.get_text() for li in card.select(".ck-worked-checks li")]
            assert len(labels) == len(fb.checks)
            assert all(c.label in li for c, li in zip(fb.checks, labels, strict=True))
            assert {"ck-worked-answer", f"ck-worked-{fb.level}"} <= set(card["class"])
        # The notebook's text shows the same example, wrapped to 88 columns.
        assert " ".join(text.split()[:6]) in " ".join(worked_examples(kind).split())


def test_cards_escape_the_bank_text():
    """A bank line is text on the page, never markup."""
    html = worked_examples_html("reservation")
    # The bank's apostrophes ("haven't") arrive escaped.
    assert "haven&#x27;t" in html and "haven't" in unescape(html)


def test_an_unknown_kind_is_named():
    """Asking for a kind there is no example of says which kind."""
    with pytest.raises(ValueError, match="'drill'"):
        worked_examples_html("drill")
