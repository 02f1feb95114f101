"""A practice page on the website holds one exercise, the live one (book/_ext/practice_page.py)."""

from __future__ import annotations

import pytest
from browser_support import Visit
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

#: The practice notebooks that have a live exercise.
LIVE_NOTEBOOKS = [
    "notebooks/05-closing-question-drafter.html",
    "notebooks/06-reservation-drill.html",
    "notebooks/07-noncommittal-drill.html",
    "notebooks/09-final-five-minutes-role-play.html",
]
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("rel", LIVE_NOTEBOOKS)
def test_the_page_holds_the_live_exercise_and_no_widget(site, rel):
    """One exercise: the live one, where the widget's cell was; no widget view, state or bundle."""
    soup = BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")
    assert len(soup.select("section.ck-live")) == 1
    assert not soup.select('script[type^="application/vnd.jupyter.widget"]')
    assert not [s["src"] for s in soup.select("script[src]") if "/widgets/" in s["src"]]
    # The JupyterLite box sits at the end, under "Run it as a notebook", not first.
    end = soup.select_one("section#ck-notebook")
    assert end is not None and end.select(".ck-lite")
    main = soup.select_one("main") or soup
    # Jupyter's own instructions are under the notebook links, not first.
    runs = [p for p in main.find_all("p") if "Run All Cells" in p.get_text()]
    assert runs and all(p.find_parent("section", id="ck-notebook") for p in runs)
    blocks = main.select("p.ck-live-lead, section.ck-live, section#ck-notebook")
    assert [b.get("id") or b["class"][0] for b in blocks] == [
        "ck-live-lead",
        "ck-live",
        "ck-notebook",
    ]


@pytest.mark.parametrize("rel", LIVE_NOTEBOOKS)
def test_on_a_phone_the_first_screen_says_the_page_is_live(server, browser, rel):
    """At 390 x 844: the line about the live exercise is on the first screen, nothing
    scrolls sideways, no widget bundle is requested and nothing logs an error."""
    visit = Visit(browser, f"{server}/{rel}", viewport=PHONE, is_mobile=True, has_touch=True)
    page = visit.page
    page.wait_for_load_state("networkidle")
    lead = page.locator(".ck-live-lead")
    lead.wait_for(state="visible")
    box = lead.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    assert [u for u in visit.guard.requests if "/widgets/" in u] == []
    assert visit.errors == [] and visit.blocked == []
    visit.close()
