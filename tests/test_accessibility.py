"""Accessibility in a real browser, offline: axe on every page, the keyboard, the checklist, print.

axe-core (pinned, fetched with npm into a cache, see ``browser_support``)
runs inside each page in light and in dark mode, set the way the theme's
own switch sets it; the live exercises are checked once started. The
quizzes are answered with the keyboard alone; chapter 9's checklist is
ticked, kept and printed to PDF on one A4 and one Letter page.
"""

from __future__ import annotations

import io
import unicodedata

import pytest
from browser_support import (
    Guard,
    axe_source,
    describe,
    pages,
    run_axe,
    set_colour_mode,
    wait_for_widgets,
)

pytestmark = pytest.mark.browser

CHECKLIST_PAGE = "book/09-final-five-minutes.html"
QUIZ_PAGE = "book/02-dont-leave-empty-handed.html"
#: How long a live exercise may take to start (Pyodide, from the local server).
START_TIMEOUT = 60_000


@pytest.fixture(scope="module")
def axe():
    return axe_source()


def _context(browser, mode, **options):
    context = browser.new_context(color_scheme=mode, service_workers="block", **options)
    set_colour_mode(context, mode)
    guard = Guard(context)
    return context, guard


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_page_has_a_serious_axe_violation(site, server, browser, axe, mode):
    """axe finds nothing serious or critical on any page, live exercises started, in either mode."""
    context, guard = _context(browser, mode)
    page = guard.watch(context.new_page())
    problems, checked, live = [], 0, 0
    for rel in pages(site):
        page.goto(f"{server}/{rel}", wait_until="load")
        if page.evaluate("document.documentElement.hasAttribute('data-content_root')"):
            # A book page (not a printed handout): in the mode asked for.
            assert page.evaluate("document.documentElement.dataset.theme") == mode, rel
        wait_for_widgets(page)
        problems += [f"{rel}: {line}" for line in describe(run_axe(page, axe))]
        checked += 1
        starts = page.locator(".ck-live .ck-live-start")
        if starts.count():
            starts.first.click()
            page.locator(".ck-live .ck-live-body:not([hidden])").first.wait_for(
                state="visible", timeout=START_TIMEOUT
            )
            problems += [f"{rel} (started): {line}" for line in describe(run_axe(page, axe))]
            live += 1
    context.close()
    assert checked >= 20
    assert problems == []
    assert guard.blocked == [] and guard.errors == []


def _focused(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement;
          return {id: el.id, type: el.type || '', tag: el.tagName,
                  checked: !!el.checked, form: el.form ? el.form.id : null}; }"""
    )


def test_every_quiz_answer_can_be_chosen_from_the_keyboard(server, browser):
    """Tab reaches each question, the arrow keys choose every answer in turn, Space chooses,
    Tab then Space checks it, and Shift+Tab goes back; the quiz says how."""
    context, guard = _context(browser, "light")
    page = guard.watch(context.new_page())
    page.goto(f"{server}/{QUIZ_PAGE}", wait_until="load")
    keys = page.locator(".ck-quiz-keys").inner_text()
    assert all(k in keys for k in ("Tab", "arrow keys", "Space")), keys
    questions = page.locator("[data-ck-question]")
    assert questions.count() >= 2
    # Start from the intro text, just above the first question, as a reader tabbing down would.
    page.locator(".ck-quiz-keys").click()
    for n in range(questions.count()):
        form = questions.nth(n)
        form_id = form.get_attribute("id")
        options = form.locator("input[type=radio]")
        ids = [options.nth(k).get_attribute("id") for k in range(options.count())]
        for _ in range(40):  # Tab until the question's answers have the focus
            page.keyboard.press("Tab")
            if _focused(page)["form"] == form_id:
                break
        focus = _focused(page)
        assert focus["type"] == "radio" and focus["id"] == ids[0], focus
        page.keyboard.press("Space")
        assert options.nth(0).is_checked()
        for k in range(1, len(ids)):  # each arrow chooses the next answer
            page.keyboard.press("ArrowDown")
            focus = _focused(page)
            assert focus["id"] == ids[k] and focus["checked"], focus
        page.keyboard.press("ArrowUp")
        assert options.nth(len(ids) - 2).is_checked()
        page.keyboard.press("Tab")
        assert _focused(page)["tag"] == "BUTTON"
        page.keyboard.press("Space")
        feedback = form.locator(".ck-quiz-feedback").inner_text()
        assert feedback.startswith(("Right.", "Not quite.")), feedback
        page.keyboard.press("Shift+Tab")
        assert _focused(page)["id"] == ids[len(ids) - 2]
        page.keyboard.press("Tab")  # back on Check, ready for the next question
    score = page.locator(".ck-quiz-score").inner_text()
    assert score.startswith("You have ") and f"of {questions.count()} right" in score
    context.close()
    assert guard.blocked == [] and guard.errors == []


def test_the_keyboard_hint_shows_only_with_a_keyboard(server, browser):
    """A phone (touch, no hover) is not told to press Tab and Space; a laptop is."""
    shown = {}
    for name, options in {
        "laptop": {},
        "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    }.items():
        context, guard = _context(browser, "light", **options)
        page = guard.watch(context.new_page())
        page.goto(f"{server}/{QUIZ_PAGE}", wait_until="load")
        hint = page.locator(".ck-quiz-keys").first
        hint.wait_for(state="attached")
        shown[name] = hint.is_visible()
        context.close()
    assert shown == {"laptop": True, "phone": False}


def test_checklist_boxes_tick_from_the_keyboard_and_stay_ticked(server, browser):
    """The checklist's boxes are real, labelled checkboxes; ticks survive a reload."""
    context, guard = _context(browser, "light")
    page = guard.watch(context.new_page())
    page.goto(f"{server}/{CHECKLIST_PAGE}", wait_until="load")
    boxes = page.locator(".ck-checklist input[type=checkbox]")
    from closing_kit import load_checklist

    items = load_checklist().items
    assert boxes.count() == len(items)
    first = page.get_by_role("checkbox", name=items[0].text)
    first.focus()
    page.keyboard.press("Space")
    page.get_by_label(items[-1].text).check()
    page.reload(wait_until="load")
    assert page.get_by_role("checkbox", name=items[0].text).is_checked()
    assert page.get_by_role("checkbox", name=items[-1].text).is_checked()
    assert not page.get_by_role("checkbox", name=items[1].text).is_checked()
    context.close()
    assert guard.blocked == [] and guard.errors == []


def _page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return unicodedata.normalize("NFKC", text)  # the "fi" ligature as two letters


#: A browser's print dialog leaves about this much margin (and room for its header and footer).
MARGIN = {"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"}


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_the_checklist_prints_on_one_page(server, browser, mode):
    """Its Print button prints the checklist alone: one A4 page, one Letter page, every line,
    no mention of links; in dark mode as in light (dark text on white)."""
    from closing_kit import load_checklist

    context, guard = _context(browser, mode)
    page = guard.watch(context.new_page())
    page.goto(f"{server}/{CHECKLIST_PAGE}", wait_until="load")
    page.get_by_label(load_checklist().items[0].text).check()
    page.evaluate("window.print = () => {}")  # the dialog itself is the browser's
    button = page.get_by_role("button", name="Print the checklist")
    for paper in ("A4", "Letter"):
        button.click()  # each print ends with "afterprint", which closes the print view
        page.emulate_media(media="print")
        colour = page.evaluate(
            "getComputedStyle(document.querySelector('#ck-print-view li label')).color"
        )
        assert colour == "rgb(17, 17, 17)" or mode == "light", colour
        pdf = page.pdf(format=paper, margin=MARGIN, print_background=True)
        page.emulate_media(media="screen")
        assert _page_count(pdf) == 1, f"{paper}: {_page_count(pdf)} pages"
        text = " ".join(_pdf_text(pdf).split())
        for item in load_checklist().items:
            assert " ".join(item.text.split()) in text, (paper, item.text)
        assert "link" not in text.lower() and "Print the checklist" not in text
    context.close()
    assert guard.blocked == [] and guard.errors == []


def test_the_whole_chapter_prints_without_pointing_at_hidden_links(server, browser):
    """Printed from the browser's menu, chapter 9 keeps each checklist line's chapter as text."""
    context, guard = _context(browser, "light")
    page = guard.watch(context.new_page())
    page.goto(f"{server}/{CHECKLIST_PAGE}", wait_until="load")
    page.emulate_media(media="print")
    refs = page.locator(".ck-checklist .ck-checklist-ref")
    assert refs.count() > 0
    assert all(refs.nth(k).is_visible() for k in range(refs.count()))
    assert not page.get_by_role("button", name="Print the checklist").is_visible()
    context.close()
