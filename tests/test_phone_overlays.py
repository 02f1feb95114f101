"""On a phone (390 px), nothing the theme or JupyterLite adds covers or cuts the course (issue 17).

The theme's "Back to top" button floated over the page at 90 % of the
screen's height, where it covered a live exercise's buttons and its card as
the reader scrolled up; it now sits in the sticky top bar, between the menu
button and the icons. JupyterLite's "Not Trusted" badge wrapped onto a
second line its bar cut in half; it now fits on one. JupyterLite's copy of a
notebook says JupyterLite's own words to start. Each wait is for a state.
"""

from __future__ import annotations

import json

import pytest
from browser_support import Visit

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LIVE_PAGE = "notebooks/06-reservation-drill.html"
LITE_NOTEBOOK = "06-reservation-drill.ipynb"


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["right"] <= b["left"]
        or b["right"] <= a["left"]
        or a["bottom"] <= b["top"]
        or b["bottom"] <= a["top"]
    )


def test_back_to_top_stays_in_the_top_bar_and_off_the_live_exercise(server, browser):
    """Scrolled past the live box and back up, the button shows inside the sticky bar, clear
    of the bar's own buttons and of the live exercise."""
    visit = Visit(browser, f"{server}/{LIVE_PAGE}", viewport=PHONE, is_mobile=True, has_touch=True)
    page = visit.page
    button = page.locator("#pst-back-to-top")
    live = page.locator(".ck-live").first
    top = live.evaluate("e => e.getBoundingClientRect().top + window.scrollY")
    # The theme's scroll listener is added once its deferred bootstrap.js has run, and it shows
    # the button only when a scroll event finds the page higher than the last one it saw
    # (it keeps that as window.oldScroll). So wait for the listener to have seen the page
    # below the live box before scrolling back: under load, both scrolls could otherwise
    # land before the listener, or in one event, and the button would rightly stay hidden.
    page.wait_for_function("() => document.readyState === 'complete'")
    page.evaluate(f"window.scrollTo(0, {top + 600})")
    page.wait_for_function(f"() => window.scrollY > {top} && window.oldScroll > {top}")
    # The theme shows the button as the reader scrolls back up: to just above the live box.
    page.evaluate(f"window.scrollTo(0, {top - 100})")
    button.wait_for(state="visible", timeout=10_000)
    found = page.evaluate(
        """() => {
            const box = e => { const r = e.getBoundingClientRect();
                return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
            const header = document.querySelector('.bd-header-article');
            return {
                button: box(document.getElementById('pst-back-to-top')),
                header: box(header),
                sticky: getComputedStyle(header).position,
                others: [...header.querySelectorAll('button, a, label')]
                    .filter(e => e.offsetParent !== null).map(box),
                live: box(document.querySelector('.ck-live')),
                name: document.getElementById('pst-back-to-top').innerText.trim()
                    || document.getElementById('pst-back-to-top').textContent.trim(),
            };
        }"""
    )
    b, h = found["button"], found["header"]
    assert found["sticky"] == "sticky"
    assert h["top"] <= b["top"] and b["bottom"] <= h["bottom"], found
    assert b["right"] - b["left"] >= 24, "a tap target of at least 24 px"
    assert not [o for o in found["others"] if _overlap(b, o)], found
    assert not _overlap(b, found["live"]), found
    assert found["name"] == "Back to top", "its words stay for screen readers"
    assert visit.errors == []
    visit.close()


def test_jupyterlites_not_trusted_badge_fits_its_bar_on_a_phone(server, browser):
    """One line, inside the menu bar, with the Kernel menu still whole beside it."""
    visit = Visit(
        browser,
        f"{server}/lite/notebooks/index.html?path={LITE_NOTEBOOK}",
        viewport=PHONE,
        service_workers="allow",
    )
    page = visit.page
    page.locator(".jp-NotebookTrustedStatus").wait_for(timeout=120_000)
    found = page.evaluate(
        """() => {
            const badge = document.querySelector('.jp-NotebookTrustedStatus');
            const bar = badge.closest('.lm-Panel');
            const kernel = [...document.querySelectorAll('.lm-MenuBar-itemLabel')]
                .find(e => e.textContent.trim() === 'Kernel');
            const r = badge.getBoundingClientRect(), q = bar.getBoundingClientRect();
            const k = kernel.getBoundingClientRect();
            const lines = document.createRange();
            lines.selectNodeContents(badge);
            return {badge: [r.left, r.top, r.bottom], bar: [q.top, q.bottom],
                    kernel: [k.left, k.right], text: badge.textContent.trim(),
                    lineRects: new Set([...lines.getClientRects()]
                        .map(x => Math.round(x.top))).size,
                    menuBar: document.querySelector('.lm-MenuBar').getBoundingClientRect().bottom};
        }"""
    )
    assert found["text"] == "Not Trusted"
    assert found["lineRects"] == 1, found
    assert found["badge"][2] <= found["menuBar"] + 1, found
    assert found["kernel"][1] <= found["badge"][0], found
    visit.close()


def test_the_lite_copy_says_jupyterlites_words_to_start(site):
    """The served notebook's "To start" cell is the JupyterLite one, and the page has the fixes."""
    import lite

    served = json.loads((site / "lite" / "files" / LITE_NOTEBOOK).read_text("utf-8"))
    start = next(c for c in served["cells"] if "remove-cell" in c["metadata"].get("tags", []))
    assert "".join(start["source"]) == start["metadata"]["closing_kit"]["jupyterlite"]
    assert all(
        isinstance(o.get("text", ""), str) for c in served["cells"] for o in c.get("outputs", [])
    )
    page = (site / "lite" / "notebooks" / "index.html").read_text("utf-8")
    assert page.count(f'id="{lite.LITE_CSS_ID}"') == 1
