"""Worked examples read as cards on a phone (book/_ext/worked_cards.py, issue 16).

At 390 px the notebook's 88-column text scrolled sideways or broke words. On the
website each example is a card, its words, score and checks as prose: nothing
overflows, no word is split across two lines, and the cards still print.
"""

from __future__ import annotations

import pytest
from browser_support import Visit, launch, serve
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

#: Practice pages with worked examples, and the kind each shows.
WORKED_PAGES = {
    "notebooks/05-closing-question-drafter.html": "closing",
    "notebooks/06-reservation-drill.html": "reservation",
    "notebooks/07-noncommittal-drill.html": "noncommittal",
}
PHONE = {"width": 390, "height": 844}

#: Per card: how far it reaches past the screen or its own box; and every word of
#: its text that the browser laid out on more than one line (a word ends at a space
#: or after a dash, so "follow-up" may break after its hyphen, never inside a part).
LAYOUT = """() => {
  const out = {page: document.documentElement.scrollWidth, cards: [], broken: []};
  for (const card of document.querySelectorAll('.ck-worked-card')) {
    const box = card.getBoundingClientRect();
    out.cards.push({right: box.right, left: box.left,
                    inner: card.scrollWidth - card.clientWidth, shown: box.height > 0});
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s\\-\\u2013\\u2014]+[\\-\\u2013\\u2014]*/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()]
          .filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) out.broken.push(m[0]);
      }
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def server(site):
    yield from serve(site)


@pytest.fixture(scope="module")
def browser():
    yield from launch()


@pytest.mark.parametrize("rel", WORKED_PAGES)
def test_worked_examples_are_cards_not_fixed_width_text(site, rel):
    """The page shows the examples as cards, each with its score; no printed copy in a <pre>."""
    soup = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")
    worked = soup.select(f'.ck-worked[data-kind="{WORKED_PAGES[rel]}"]')
    assert len(worked) == 1
    answers = worked[0].select(".ck-worked-card.ck-worked-answer")
    assert len(answers) == 2
    assert all(a.select_one(".ck-worked-score") and a.select("li") for a in answers)
    assert not [p for p in soup.select("pre") if "Score:" in p.get_text()]
    assert "worked_examples(" not in soup.get_text()


@pytest.mark.parametrize("rel", WORKED_PAGES)
def test_on_a_phone_the_cards_fit_and_no_word_breaks(server, browser, rel):
    """At 390 x 844: no card reaches past the screen or scrolls inside, no word is split."""
    visit = Visit(browser, f"{server}/{rel}", viewport=PHONE, is_mobile=True, has_touch=True)
    page = visit.page
    page.locator(".ck-worked-card").first.scroll_into_view_if_needed()
    page.locator(".ck-worked-card").last.wait_for(state="visible")
    layout = page.evaluate(LAYOUT)
    assert len(layout["cards"]) >= 2
    assert layout["page"] <= PHONE["width"], layout["page"]
    for card in layout["cards"]:
        assert card["shown"] and card["inner"] <= 0, card
        assert card["left"] >= 0 and card["right"] <= PHONE["width"], card
    assert layout["broken"] == [], layout["broken"]
    assert visit.errors == [] and visit.blocked == []
    visit.close()


def test_the_cards_print_whole(server, browser):
    """On paper the cards are shown and kept whole, one never split across two sheets."""
    rel = "notebooks/06-reservation-drill.html"
    visit = Visit(browser, f"{server}/{rel}", viewport={"width": 700, "height": 1000})
    page = visit.page
    page.emulate_media(media="print")
    page.locator(".ck-worked-card").last.wait_for(state="visible")
    styles = page.evaluate(
        "[...document.querySelectorAll('.ck-worked-card')].map(c => "
        "[getComputedStyle(c).breakInside, c.getBoundingClientRect().height > 0])"
    )
    assert len(styles) >= 4 and all(s == ["avoid", True] for s in styles), styles
    visit.close()
