"""The built site in a real browser (Debian's headless Chromium), offline.

A local server serves the built HTML; every request that is not to
127.0.0.1 is aborted and recorded, so a page that needs the internet fails.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from tests_support import CHROMIUM, FLAGS

pytestmark = pytest.mark.browser

#: sphinx-thebe 0.3.1 writes its setup script twice into each page (FINDINGS.md).
KNOWN_CONSOLE_ERRORS = ["Identifier 'THEBE_JS_URL' has already been declared"]


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: `apt-get install chromium` (.ci/run does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


class Visit:
    """A page opened offline, with what went wrong on the way."""

    def __init__(self, browser, url, **context):
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", self._page_error)
        self.page.goto(url, wait_until="load")

    def _route(self, route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _page_error(self, exc):
        if not any(k in str(exc) for k in KNOWN_CONSOLE_ERRORS):
            self.errors.append(f"page error: {exc}")

    def _console(self, msg):
        if msg.type == "error" and not any(k in msg.text for k in KNOWN_CONSOLE_ERRORS):
            self.errors.append(f"console: {msg.text}")

    def close(self):
        self.context.close()


def _pages(site: Path) -> list[str]:
    return sorted(
        str(p.relative_to(site)) for p in site.rglob("*.html") if "_static" not in p.parts
    )


def test_every_page_loads_offline_without_errors(site, server, browser):
    """No page reaches for the network or logs an error."""
    problems = []
    for rel in _pages(site):
        visit = Visit(browser, f"{server}/{rel}")
        visit.page.wait_for_timeout(300)
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
    assert page.get_by_role("button", name="Show as Markdown").count() == 1
    assert page.locator(".widget-checkbox input").first.is_visible()
    assert visit.errors == [] and visit.blocked == []
    visit.close()


def test_every_widget_page_renders_its_widgets(site, server, browser):
    """Each practice page shows real widget views (not just their text) offline."""
    pages = sorted((site / "notebooks").glob("*.html"))
    assert len(pages) >= 5
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


def test_chapter_reads_on_a_phone(server, browser):
    """On a 390-pixel-wide screen nothing makes the page scroll sideways."""
    visit = Visit(
        browser,
        f"{server}/book/05-close-the-sale.html",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    width = visit.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1
    visit.close()
