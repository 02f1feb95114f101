"""The built site in a real browser (Debian's headless Chromium), offline.

A local server serves the built HTML; every request that is not to
127.0.0.1 is aborted and recorded, so a page that needs the internet fails.
"""

from __future__ import annotations

import pytest
from browser_support import SiteServer, Visit, pages, wait_for_widgets

pytestmark = pytest.mark.browser


def test_every_page_loads_offline_without_errors(site, server, browser):
    """No page reaches for the network or logs an error (lite/'s own app: tests/test_lite.py)."""
    problems = []
    for rel in pages(site):
        visit = Visit(browser, f"{server}/{rel}")
        visit.page.wait_for_load_state("networkidle")
        problems += [f"{rel}: blocked {u}" for u in visit.blocked]
        problems += [f"{rel}: {e}" for e in visit.errors]
        visit.close()
    assert problems == []


def test_quiz_reacts_to_a_click(server, browser):
    """Choosing an answer and pressing Check says whether it is right, and why."""
    visit = Visit(browser, f"{server}/book/05-close-the-sale.html")
    page = visit.page
    question = page.locator("[data-ck-question]").first
    question.get_by_role("button", name="Check").click()
    feedback = question.locator(".ck-quiz-feedback")
    assert feedback.inner_text() == "Choose one of the answers first."
    question.locator('input[data-correct="false"]').first.check()
    question.get_by_role("button", name="Check").click()
    assert feedback.inner_text().startswith("Not quite.")
    question.locator('input[data-correct="true"]').check()
    question.get_by_role("button", name="Check").click()
    assert feedback.inner_text().startswith("Right.")
    total = page.locator("[data-ck-question]").count()
    assert page.locator(".ck-quiz-score").inner_text() == f"You have 1 of {total} right so far."
    assert visit.errors == [] and visit.blocked == []
    visit.close()


def test_quiz_works_from_the_keyboard(server, browser):
    """Tab to an answer, Space to choose it, Enter to check: no mouse needed."""
    visit = Visit(browser, f"{server}/book/02-dont-leave-empty-handed.html")
    page = visit.page
    question = page.locator("[data-ck-question]").first
    correct = question.locator('input[data-correct="true"]')
    correct.focus()
    page.keyboard.press("Space")
    assert correct.is_checked()
    page.keyboard.press("Enter")
    assert question.locator(".ck-quiz-feedback").inner_text().startswith("Right.")
    visit.close()


def test_widgets_render_offline(server, browser):
    """The practice page shows its real widgets from the embedded state, with no network."""
    from closing_kit import load_checklist

    visit = Visit(browser, f"{server}/notebooks/09-final-five-minutes-checklist.html")
    page = visit.page
    page.wait_for_selector(".widget-checkbox", timeout=20_000)
    assert page.locator(".widget-checkbox").count() == len(load_checklist().items)
    assert page.get_by_role("button", name="Show as text to copy").count() == 1
    assert page.locator(".widget-checkbox input").first.is_visible()
    assert visit.errors == [] and visit.blocked == []
    visit.close()


def test_every_widget_page_renders_its_widgets(site, server, browser):
    """Each practice page shows real widget views (not just their text) offline; a page
    with a live exercise shows that instead (test_practice_page.py checks those)."""
    pages = sorted((site / "notebooks").glob("*.html"))
    assert len(pages) >= 5
    live = [p for p in pages if "ck-live-start" in p.read_text(encoding="utf-8")]
    pages = [p for p in pages if p not in live]
    assert len(pages) >= 5 and len(live) >= 4, (pages, live)
    for page_file in pages:
        visit = Visit(browser, f"{server}/notebooks/{page_file.name}")
        visit.page.wait_for_selector(".jupyter-widgets", timeout=20_000)
        assert visit.page.locator(".jupyter-widgets :is(input, textarea, select)").count() >= 1
        assert visit.errors == [] and visit.blocked == [], page_file.name
        visit.close()


def test_diagram_follows_dark_mode_and_prints_light(server, browser):
    """Dark mode shows the dark diagram; printing always uses the light one."""
    url = f"{server}/book/09-final-five-minutes.html"
    dark = Visit(browser, url, color_scheme="dark")
    assert dark.page.locator("img.only-dark").is_visible()
    assert not dark.page.locator("img.only-light").is_visible()
    dark.page.emulate_media(media="print")
    assert dark.page.locator("img.only-light").is_visible()
    assert not dark.page.locator("img.only-dark").is_visible()
    dark.close()
    light = Visit(browser, url, color_scheme="light")
    assert light.page.locator("img.only-light").is_visible()
    light.close()


#: Where a page is wider than the screen, or a text is cut with "...": run in the page.
PHONE_CHECK = """() => {
  const cut = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth) {
      cut.push(el.tagName + '.' + el.className + ': ' + el.textContent.trim().slice(0, 50));
    }
  }
  return {width: document.documentElement.scrollWidth, viewport: window.innerWidth, cut: cut};
}"""


def test_every_page_reads_on_a_phone(site, server, browser):
    """At 390 x 844 no page scrolls sideways and no visible text is cut short with an ellipsis."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        service_workers="block",
    )
    page = context.new_page()
    problems = []
    # The printed materials (print/) too: on a screen narrower than paper they reflow.
    for rel in pages(site):
        page.goto(f"{server}/{rel}", wait_until="load")
        wait_for_widgets(page)
        found = page.evaluate(PHONE_CHECK)
        if found["width"] > 390 or found["viewport"] > 390:
            problems.append(f"{rel}: {found['width']} px wide")
        problems += [f"{rel}: cut {c}" for c in found["cut"]]
    context.close()
    assert problems == []


#: A default Jupyter Book page with the same theme (1.x): what a reader downloads, in KiB.
DEFAULT_PAGE_KIB = 2332


def test_a_prose_chapter_weighs_under_six_tenths_of_a_default_page(site, browser):
    """Opening a chapter fetches at most 0.6 x a default Jupyter Book page: no FontAwesome JS.

    Served uncompressed, as the default page's figure was measured: like with like.
    """
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    with SiteServer(site, gzip=False) as server:
        page.goto(f"{server.url}/book/05-close-the-sale.html", wait_until="networkidle")
        sizes = {r.url: r.sizes()["responseBodySize"] for r in finished}
    context.close()
    assert not any("fontawesome" in u for u in sizes), "the theme's FontAwesome assets"
    total_kib = sum(sizes.values()) / 1024
    assert total_kib <= 0.6 * DEFAULT_PAGE_KIB, f"{total_kib:.0f} KiB"


def test_every_icon_the_pages_show_is_in_the_cut_down_font(site):
    """The theme's icons come from its own fonts cut to the glyphs in use: none goes missing."""
    import theme_fixes
    from fontTools.ttLib import TTFont

    theme = theme_fixes._theme_static()
    unicodes = theme_fixes.icon_unicodes((theme / "scripts" / "fontawesome.js").read_text())
    names = set(theme_fixes.SCRIPT_ICONS)
    for rel in pages(site):
        names |= theme_fixes.icon_names((site / rel).read_text(encoding="utf-8"))
    assert {"bars", "magnifying-glass", "github"} <= names
    shown = {unicodes[n] for n in names if n in unicodes}
    assert len(shown) >= 15
    kept = set()
    for *_, font in theme_fixes.FONTS:
        kept |= set(TTFont(site / "_static" / font).getBestCmap())
    assert shown - kept == set()
    css = (site / "_static" / "ck-icons.css").read_text()
    assert all(font in css for *_, font in theme_fixes.FONTS)
