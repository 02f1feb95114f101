"""The live exercises on the built site, in a real browser (Debian's headless Chromium), offline.

The site is served from 127.0.0.1 with the right types for .wasm and .mjs;
every other request is aborted, and an abort fails the test. The browser runs
the site's own MicroPython (or, with ?ck-engine=pyodide, its Pyodide) and our
engine, and its answers are compared with the command line's.
"""

from __future__ import annotations

import concurrent.futures
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import live_practice
import pytest
from browser_support import Guard, download_workbook

from closing_kit.banks import closing_examples, noncommittal_cards, reservation_cards

DRAFTER = "book/05-close-the-sale.html"
LIVE_PAGES = {
    "book/05-close-the-sale.html": "drafter",
    "book/06-reservations.html": "reservation",
    "book/07-noncommittal-answers.html": "noncommittal",
    "notebooks/05-closing-question-drafter.html": "drafter",
    "notebooks/06-reservation-drill.html": "reservation",
    "notebooks/07-noncommittal-drill.html": "noncommittal",
    "notebooks/09-final-five-minutes-role-play.html": "roleplay",
}
#: A start on this 2-core machine is about 2 s warm and 8 s cold; the limit only stops a hang.
START_TIMEOUT = 90_000
STRONG = closing_examples()["strong"][0]["text"]


# -- without a browser -----------------------------------------------------------------------
def test_the_engine_file_holds_the_engine_and_nothing_that_needs_a_library():
    """Analysis, practice, web, the workbook model and the data; never the widgets' package."""
    name, data = live_practice.engine_json()
    assert name == live_practice.engine_json()[0]  # the same sources give the same file
    bundle = json.loads(data)
    assert bundle == live_practice.engine_sources()  # what test_web_micropython.py runs
    names = set(bundle["files"])
    for needed in (
        "closing_kit/__init__.py",
        "closing_kit/web.py",
        "closing_kit/analysis/closing.py",
        "closing_kit/practice/roleplay.py",
        "closing_kit/workbook/migrate.py",
        "closing_kit/feedback_html.py",
        "closing_kit/data/rubrics.json",
        "closing_kit/data/workbook/workbook.schema.json",
    ):
        assert needed in names
    assert "closing_kit/widgets/__init__.py" not in names
    assert not any(n.startswith(("closing_kit/classroom", "closing_kit/cli")) for n in names)
    assert len(gzip.compress(data)) < 150_000


def test_each_exercise_is_labelled_and_inert_until_start():
    """The boxes have labels, feedback has a status role, and the body waits for Start."""
    html = live_practice.render("drafter", "x")
    assert '<label for="x-draft">Your close</label>' in html
    assert 'role="status" aria-live="polite"' in html
    assert '<div class="ck-live-body" hidden>' in html
    assert "nothing leaves your browser" in html


def test_without_npm_the_build_uses_the_cdn_and_says_so_in_one_line(tmp_path, monkeypatch, caplog):
    """No npm and nothing cached: the same Pyodide version from jsDelivr, one log line."""
    import logging
    import types

    import pyodide_assets

    monkeypatch.setenv("CLOSING_KIT_CACHE", str(tmp_path))
    monkeypatch.setattr("shutil.which", lambda name: None)
    config = types.SimpleNamespace(html_extra_path=[], closing_kit_pyodide_url="")
    app = types.SimpleNamespace()
    with caplog.at_level(logging.INFO):
        pyodide_assets._configure(app, config)
    assert config.closing_kit_pyodide_url == pyodide_assets.CDN
    assert pyodide_assets.VERSION in pyodide_assets.CDN and config.html_extra_path == []
    assert pyodide_assets.served_folder(app) is None
    lines = [r.getMessage() for r in caplog.records if "Pyodide" in r.getMessage()]
    assert len(lines) == 1 and "npm is not installed" in lines[0] and "\n" not in lines[0]


def test_without_npm_the_build_runs_the_exercises_on_pyodide_and_says_so_in_one_line(
    tmp_path, monkeypatch, caplog
):
    """No npm and nothing cached: no MicroPython is served, the pages use Pyodide, one log line."""
    import logging
    import types

    import micropython_assets

    monkeypatch.setenv("CLOSING_KIT_CACHE", str(tmp_path))
    monkeypatch.setattr("npm_fetch.shutil.which", lambda name: None)
    config = types.SimpleNamespace(html_extra_path=[], closing_kit_micropython_url="x")
    with caplog.at_level(logging.INFO):
        micropython_assets._configure(types.SimpleNamespace(), config)
    assert config.closing_kit_micropython_url == "" and config.html_extra_path == []
    lines = [r.getMessage() for r in caplog.records if "MicroPython" in r.getMessage()]
    assert len(lines) == 1 and "npm is not installed" in lines[0] and "\n" not in lines[0]
    assert "Pyodide" in lines[0]


@pytest.mark.slow  # a (tiny) book build: seconds, not part of the quick loop
def test_a_build_without_npm_succeeds_and_its_exercise_uses_pyodide(tmp_path):
    """No npm, nothing cached: a book with a live exercise builds, one line says MicroPython is
    not served, and its page announces Pyodide's size and gives live.js no MicroPython."""
    from tests_support import build_tiny_book_without_npm

    ext = Path(live_practice.__file__).parent
    code, output, html = build_tiny_book_without_npm(
        tmp_path, {"live_practice": ext}, "# Index\n\n```{live-practice} drafter\n```\n"
    )
    assert code == 0, output[-3000:]
    lines = [line for line in output.splitlines() if "MicroPython" in line]
    assert len(lines) == 1 and "Pyodide instead" in lines[0], output[-3000:]
    page = (html / "index.html").read_text(encoding="utf-8")
    assert live_practice.PYODIDE_NOTE in page and 'data-micropython=""' in page
    assert not (html / "_micropython").exists()


def test_a_site_without_micropython_announces_pyodides_size():
    """The page says what its Start will fetch: 13 MB with Pyodide, a few hundred KB without."""
    assert "about 13 MB" in live_practice.render("drafter", "x", live_practice.PYODIDE_NOTE)
    assert "KB" in live_practice.render("drafter", "x")


# -- the browser --------------------------------------------------------------------------------
class Visit:
    """A page opened offline, recording what it fetched and what went wrong."""

    def __init__(self, browser, url, context=None, init_script=None, **options):
        self.own = context is None
        # Service workers blocked: a request a worker answers is invisible to
        # Playwright's interception, so "nothing fetched before Start" would be unproven.
        options.setdefault("service_workers", "block")
        self.context = context or browser.new_context(accept_downloads=True, **options)
        self.page = self.context.new_page()
        self.guard = Guard(self.page)
        self.guard.watch(self.page)
        self.requests = self.guard.requests
        self.blocked = self.guard.blocked
        self.errors = self.guard.errors
        if init_script:  # runs before the page's own scripts
            self.page.add_init_script(init_script)
        self.page.goto(url, wait_until="load")
        # The live exercise; a notebook page also shows its inert widgets, with the same labels.
        self.live = self.page.locator(".ck-live")

    def start(self, name="Your close"):
        """Press Start and wait until the exercise's first box is there."""
        self.live.get_by_role("button", name="Start practicing").click()
        box = self.live.get_by_role("textbox", name=name)
        box.wait_for(state="visible", timeout=START_TIMEOUT)
        return box

    def clean(self):
        assert self.errors == [] and self.blocked == []

    def close(self):
        self.clean()
        if self.own:
            self.context.close()
        else:
            self.page.close()


def _status(page):
    return page.locator(".ck-live [role=status]").first


def _wait_score(page):
    page.wait_for_function(
        "() => /\\d+\\/100/.test(document.querySelector('.ck-live [role=status]').textContent)"
    )
    return _status(page).inner_text()


@pytest.mark.browser
def test_a_page_downloads_nothing_extra_before_start(server, browser):
    """Until Start: no Python, no engine; a page without an exercise has no live script."""
    for rel in LIVE_PAGES:
        visit = Visit(browser, f"{server}/{rel}")
        visit.page.wait_for_load_state("networkidle")
        heavy = [u for u in visit.requests if re.search(r"_pyodide|_micropython|engine-", u)]
        assert heavy == [], rel
        assert visit.live.get_by_role("button", name="Start practicing").count() == 1
        assert "nothing leaves your browser" in visit.page.locator(".ck-live").inner_text()
        visit.close()
    visit = Visit(browser, f"{server}/book/01-introduction.html")
    assert not any("live.js" in u for u in visit.requests)
    visit.close()


@pytest.mark.browser
def test_a_touch_in_the_exercise_starts_its_download_before_start(server, browser):
    """The reader's first move in an exercise (a touch, a focus) fetches MicroPython and its
    engine of bytecode, before Start's click lands; the exercise still waits for Start."""
    visit = Visit(browser, f"{server}/{DRAFTER}")
    live = visit.live.first
    with visit.page.expect_request(re.compile(r"/_static/live/closing-kit-mpy-\w+\.json$")):
        live.dispatch_event("pointerdown")
    assert live.locator(".ck-live-body").is_hidden()
    assert visit.page.evaluate("localStorage.getItem('closing-kit-workbook')") is None
    box = visit.start()
    box.fill(STRONG)
    assert "/100" in _wait_score(visit.page)
    assert not any("closing-kit-engine-" in u for u in visit.requests)  # the sources are Pyodide's
    visit.close()


@pytest.mark.browser
def test_the_drafter_scores_a_close_in_place_and_keeps_it(server, browser):
    """Start, type a close, read the score; the draft is there again on the next visit."""
    visit = Visit(browser, f"{server}/{DRAFTER}")
    box = visit.start()
    box.fill(STRONG)
    shown = _wait_score(visit.page)
    from closing_kit.analysis import analyze_closing

    assert f"{analyze_closing(STRONG).score}/100" in shown
    assert visit.page.evaluate("window.ckLive.engine") == "micropython"
    assert any(u.endswith("/_micropython/micropython.wasm") for u in visit.requests)
    assert not any("_pyodide/" in u for u in visit.requests)
    kept = json.loads(visit.page.evaluate("localStorage.getItem('closing-kit-workbook')"))
    assert kept["practice"]["closing"]["draft"] == STRONG
    context = visit.context
    visit.own = False
    visit.close()
    again = Visit(browser, f"{server}/notebooks/05-closing-question-drafter.html", context)
    box = again.start()
    assert box.input_value() == STRONG
    assert "/100" in _wait_score(again.page)
    again.close()
    context.close()


@pytest.mark.browser
def test_a_start_that_fails_says_so_in_one_line_and_the_next_press_works(server, browser):
    """MicroPython's wasm unreachable: one line says the exercise could not start and what to
    do, Start can be pressed again, and once the file is back the exercise starts."""
    visit = Visit(browser, f"{server}/{DRAFTER}")
    page, live = visit.page, visit.live
    page.route("**/_micropython/micropython.wasm", lambda route: route.abort())
    live.get_by_role("button", name="Start practicing").click()
    loading = live.locator('[data-region="loading"]')
    loading.filter(has_text="could not start").wait_for(timeout=START_TIMEOUT)
    message = loading.inner_text()
    assert "\n" not in message and "Press Start practicing to try again" in message
    assert live.get_by_role("button", name="Start practicing").is_enabled()
    assert live.locator(".ck-live-body").is_hidden()
    page.unroute("**/_micropython/micropython.wasm")
    visit.errors.clear()  # the aborted fetch, as the browser reports it
    box = visit.start()
    box.fill(STRONG)
    assert "/100" in _wait_score(page)
    visit.close()


def _three_versions_in_two_tabs(server, browser, init_script=None, heard=None):
    """Tab A saves version 1, tab B version 2, then A version 3: the versions kept at the end.

    ``init_script`` runs in tab A before the page's own scripts; ``heard(a, b)``
    waits, after B's save, for what the test needs before A saves again.
    """
    from closing_kit.banks import closing_examples

    strong = [e["text"] for e in closing_examples()["strong"][:3]]
    url = f"{server}/notebooks/05-closing-question-drafter.html"
    a = Visit(browser, url, init_script=init_script)
    a.own = False  # the tabs share the context, closed below
    b = Visit(browser, url, a.context)

    def save(visit, text, number):
        visit.live.get_by_role("textbox", name="Your close").fill(text)
        visit.live.get_by_role("button", name="Save this version").click()
        visit.live.get_by_text(f"Kept as version {number}").wait_for()

    a.start()
    save(a, strong[0], 1)
    b.start()
    save(b, strong[1], 2)
    heard(a, b)
    save(a, strong[2], 3)
    kept = json.loads(a.page.evaluate("localStorage.getItem('closing-kit-workbook')"))
    a.close()
    b.close()
    a.context.close()
    return strong, [v["text"] for v in kept["practice"]["closing"]["versions"]]


@pytest.mark.browser
def test_two_tabs_keep_each_others_versions(server, browser):
    """Tab A saves a version, tab B another, tab A a third: all three are kept."""

    def shown(a, b):
        a.live.get_by_text("Version 2:").wait_for()  # tab A shows tab B's version

    strong, kept = _three_versions_in_two_tabs(server, browser, heard=shown)
    assert kept == strong


@pytest.mark.browser
def test_a_save_before_the_other_tabs_news_arrives_keeps_both(server, browser):
    """Tab B saves while tab A has not yet heard of it (its storage event held back):
    A's next save still carries B's version on, instead of writing its older copy over it."""
    # Registered before live.js's own listener, this one runs first and stops the event.
    held = "window.addEventListener('storage', (e) => e.stopImmediatePropagation())"

    def stored(a, b):
        b.page.wait_for_function(
            "() => localStorage.getItem('closing-kit-workbook').includes('\"versions\"')"
        )

    strong, kept = _three_versions_in_two_tabs(server, browser, held, stored)
    assert kept == strong


def _cli(kind: str, text: str, prompt: str = "") -> dict:
    args = {"closing": [], "objection": ["--concern", prompt], "noncommittal": ["--reply", prompt]}
    proc = subprocess.run(
        [sys.executable, "-m", "closing_kit", "feedback", kind, *args[kind], "--json"],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


@pytest.mark.browser
@pytest.mark.parametrize("engine", ["micropython", "pyodide"])
def test_every_bank_answer_scores_as_on_the_command_line(server, browser, engine):
    """For every example and card answer, in MicroPython and (?ck-engine=pyodide) in Pyodide:
    the browser's score, failed checks and wording are the CLI's."""
    bank = closing_examples()
    cases = [("closing", e["text"], "") for level in ("strong", "weak") for e in bank[level]]
    answers = ("model_response", "weak_response")
    for card in reservation_cards():
        cases += [("objection", card[k], card["concern"]) for k in answers]
    for card in noncommittal_cards():
        cases += [("noncommittal", card[k], card["reply"]) for k in answers]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        expected = list(pool.map(lambda c: _cli(*c), cases))
    query = "?ck-engine=pyodide" if engine == "pyodide" else ""
    visit = Visit(browser, f"{server}/{DRAFTER}{query}")
    visit.start()
    assert visit.page.evaluate("window.ckLive.engine") == engine
    python = "_pyodide/pyodide.asm.wasm" if engine == "pyodide" else "_micropython/micropython.wasm"
    assert any(u.endswith(python) for u in visit.requests)
    requests = [{"op": "feedback", "kind": k, "text": t, "prompt": p} for k, t, p in cases]
    got = visit.page.evaluate("(reqs) => reqs.map((r) => window.ckLive.call(r))", requests)
    mine = [(g["score"], [c["id"] for c in g["checks"] if not c["passed"]]) for g in got]
    theirs = [(e["score"], [c["id"] for c in e["checks"] if not c["passed"]]) for e in expected]
    assert len(cases) > 50 and mine == theirs
    assert [g["checks"] for g in got] == [e["checks"] for e in expected]  # the wording too
    visit.close()


@pytest.mark.browser
def test_a_downloaded_workbook_checks_and_loads_back(server, browser, tmp_path):
    """Download, `closing-kit workbook check` it, load it back; a bad file is refused."""
    visit = Visit(browser, f"{server}/{DRAFTER}")
    page, live = visit.page, visit.live
    box = visit.start()
    box.fill(STRONG)
    _wait_score(page)
    live.get_by_role("button", name="Save this version").click()
    live.get_by_text("Kept as version 1").wait_for()
    saved, data = download_workbook(page, live, tmp_path)
    assert data["schema_version"] == 4
    assert data["practice"]["closing"]["versions"][0]["text"] == STRONG

    loader = live.get_by_label("Load a workbook")
    note = page.locator('.ck-live [data-region="file"]')
    kept_before = page.evaluate("localStorage.getItem('closing-kit-workbook')")
    bad = tmp_path / "notes.json"
    bad.write_text("this is not JSON", encoding="utf-8")
    for path, message in (
        (bad, "not valid JSON"),
        (_write(tmp_path, {"format": "closing-kit workbook", "schema_version": 99}), "newer"),
        (_write(tmp_path, {"hello": 1}), "not a closing-kit workbook"),
    ):
        loader.set_input_files(str(path))
        page.wait_for_function(
            "(m) => document.querySelector('.ck-live [data-region=file]').textContent.includes(m)",
            arg=message,
        )
        assert note.inner_text().startswith("Could not load that file")
        assert box.input_value() == STRONG
        assert page.evaluate("localStorage.getItem('closing-kit-workbook')") == kept_before

    box.fill("A different close.")
    _wait_score(page)
    loader.set_input_files(str(saved))
    live.get_by_text("Loaded your workbook").wait_for()
    assert box.input_value() == STRONG
    visit.close()


def _write(folder: Path, data: dict) -> Path:
    path = folder / f"file-{len(list(folder.iterdir()))}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.browser
def test_a_drill_deals_cards_scores_answers_and_sums_up(server, browser):
    """Check an answer, see the score and the letter version, move on, end with a summary."""
    visit = Visit(browser, f"{server}/book/06-reservations.html")
    page, live = visit.page, visit.live
    box = visit.start("Your answer")
    card = page.locator('[data-region="card"]')
    assert "0 of 21 cards practiced so far" in card.inner_text()
    box.fill("That's fair. I ran a budget of 40,000 for two years. Does that answer it?")
    live.get_by_role("button", name="Check my answer").click()
    shown = _wait_score(page)
    assert "Your answer:" in shown and "In a follow-up letter" in shown
    live.get_by_role("button", name="Next card").click()
    live.get_by_text("1 of 21 cards practiced").wait_for()
    live.get_by_role("button", name="Show a model answer").click()
    live.get_by_text("A model answer:").wait_for()
    # Typed but not checked: Next card checks it and shows the feedback, on the same card.
    second = card.inner_text()
    box.fill("I see. Thank you for being open about it.")
    live.get_by_role("button", name="Next card").click()
    live.get_by_text("press Next card again").wait_for()
    assert card.inner_text() == second and "Your answer:" in _status(page).inner_text()
    live.get_by_role("button", name="Next card").click()
    live.get_by_text("2 of 21 cards practiced").wait_for()
    live.get_by_role("button", name="End session and see summary").click()
    live.get_by_text("2 attempts, average").wait_for()
    visit.close()


@pytest.mark.browser
def test_timed_mode_says_how_long_the_answer_took_and_keeps_it(server, browser):
    """Tick Timed mode, set the seconds, answer: the feedback says how long; the attempt too."""
    visit = Visit(browser, f"{server}/notebooks/07-noncommittal-drill.html")
    page, live = visit.page, visit.live
    box = visit.start("Your answer")
    live.get_by_role("checkbox", name="Timed mode").check()
    live.get_by_role("spinbutton", name="Seconds").fill("600")
    box.fill("Thank you. What are the next steps, and when should I expect to hear?")
    live.get_by_role("button", name="Check my answer").click()
    live.get_by_text(re.compile(r"Answered in \d+ s, inside your 600 s\.")).wait_for()
    stored = page.wait_for_function(
        "() => JSON.parse(localStorage.getItem('closing-kit-workbook') || 'null')"
        "?.practice?.noncommittal?.attempts?.at(-1)"
    ).json_value()
    assert isinstance(stored["seconds"], int) and 0 <= stored["seconds"] <= 600
    live.get_by_role("checkbox", name="Timed mode").uncheck()
    live.get_by_role("button", name="Check my answer").click()
    page.wait_for_function(
        "() => !/inside your/.test(document.querySelector('.ck-live [role=status]').textContent)"
    )
    visit.close()


@pytest.mark.browser
def test_the_role_play_runs_from_the_keyboard_to_its_debrief(server, browser):
    """Tab to Start, Enter; pick a move with the arrow keys, say it; three steps, a debrief."""
    visit = Visit(browser, f"{server}/notebooks/09-final-five-minutes-role-play.html")
    page, live = visit.page, visit.live
    live.get_by_role("button", name="Start practicing").focus()
    page.keyboard.press("Enter")
    words = live.get_by_role("textbox", name="Your words")
    words.wait_for(state="visible", timeout=START_TIMEOUT)
    for _ in range(3):  # two or three turns, as the conversation goes
        said = live.locator('[data-region="transcript"] p').count()
        live.get_by_role("radio").first.focus()
        page.keyboard.press("Space")
        assert words.input_value()
        live.get_by_role("button", name="Say it").focus()
        page.keyboard.press("Enter")
        page.wait_for_function(
            "(n) => document.querySelectorAll('.ck-live [data-region=transcript] p').length > n",
            arg=said,
        )
        if live.get_by_text("Debrief").count():
            break
    live.get_by_text("Debrief").wait_for()
    assert "/100" in _status(page).inner_text()
    # No empty "Your words" box, and no "Say it", once the interview is over.
    words.wait_for(state="hidden")
    assert live.get_by_role("button", name="Say it").is_hidden()
    runs = json.loads(page.evaluate("localStorage.getItem('closing-kit-workbook')"))
    assert len(runs["practice"]["roleplay"]["runs"]) == 1
    visit.close()


def _say_first_move(live) -> None:
    live.get_by_role("radio").first.check()
    live.get_by_role("button", name="Say it").click()


def _play_to_the_end(visit) -> None:
    """The first move at each step, each time waiting for the interviewer's answer."""
    for _ in range(3):
        if visit.live.get_by_text("Debrief").count():
            return
        said = visit.live.locator('[data-region="transcript"] p').count()
        _say_first_move(visit.live)
        visit.page.wait_for_function(
            "(n) => document.querySelectorAll('.ck-live [data-region=transcript] p').length > n",
            arg=said,
        )


@pytest.mark.browser
def test_the_role_play_resumes_after_a_reload_and_keeps_its_debrief(server, browser):
    """Reload mid-way: the same transcript, the next step; reload after: the debrief."""
    url = f"{server}/notebooks/09-final-five-minutes-role-play.html"
    visit = Visit(browser, url)
    live = visit.live
    visit.start("Your words")
    _say_first_move(live)
    transcript = live.locator('[data-region="transcript"]')
    transcript.locator("p").nth(2).wait_for()
    before = transcript.inner_text()
    again = Visit(browser, url, context=visit.context)
    again.start("Your words")
    again.live.locator('[data-region="transcript"] p').nth(2).wait_for()
    assert again.live.locator('[data-region="transcript"]').inner_text() == before
    _play_to_the_end(again)
    again.live.get_by_text("Debrief").wait_for()
    debrief = again.live.locator('[data-region="debrief"]').inner_text()
    third = Visit(browser, url, context=visit.context)
    third.live.get_by_role("button", name="Start practicing").click()
    third.live.get_by_text("Debrief").wait_for(timeout=START_TIMEOUT)
    assert third.live.locator('[data-region="debrief"]').inner_text() == debrief
    assert third.live.get_by_role("textbox", name="Your words").is_hidden()
    for v in (third, again, visit):
        assert v.blocked == [] and v.errors == []
    visit.close()


#: Every word of an element on one line: a word split over two lines has two boxes.
BROKEN_WORDS = """(el) => {
  const broken = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const m of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""


@pytest.mark.browser
def test_the_debrief_breaks_no_word_on_a_phone(server, browser):
    """At 390 px, "Answering a reservation" and every other word stay whole."""
    visit = Visit(
        browser,
        f"{server}/notebooks/09-final-five-minutes-role-play.html",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
    )
    visit.start("Your words")
    _play_to_the_end(visit)
    debrief = visit.live.locator('[data-region="debrief"]')
    assert debrief.locator("li").count() >= 2
    assert debrief.evaluate(BROKEN_WORDS) == []
    visit.close()


@pytest.mark.browser
@pytest.mark.parametrize("rel", ["book/05-close-the-sale.html", *list(LIVE_PAGES)[5:]])
def test_nothing_is_cut_off_or_scrolls_sideways_on_a_phone(server, browser, rel):
    """At 390 px, after Start and some feedback, the page is no wider than the screen."""
    visit = Visit(
        browser, f"{server}/{rel}", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page, live = visit.page, visit.live
    kind = LIVE_PAGES[rel]
    box = visit.start({"drafter": "Your close", "roleplay": "Your words"}.get(kind, "Your answer"))
    if kind == "roleplay":
        for _ in range(3):
            if live.get_by_role("button", name="Say it").is_hidden():
                break
            said = live.locator('[data-region="transcript"] p').count()
            _say_first_move(live)
            page.wait_for_function(
                "(n) => document.querySelectorAll('.ck-live [data-region=transcript] p')"
                ".length > n",
                arg=said,
            )
        live.get_by_text("Debrief").wait_for()
    else:
        box.fill(STRONG if kind == "drafter" else "That makes sense. What are the next steps?")
        if kind != "drafter":
            live.get_by_role("button", name="Check my answer").click()
            live.get_by_role("button", name="End session and see summary").click()
            page.locator("svg.ck-live-chart").wait_for()
        _wait_score(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    wide = page.evaluate(
        """() => [...document.querySelectorAll('.ck-live, .ck-live *')]
            .filter((el) => el.getBoundingClientRect().width > 1)  // not the hidden file input
            .filter((el) => el.getBoundingClientRect().right > 391
                            || el.scrollWidth > el.clientWidth + 1)
            .map((el) => el.tagName + '.' + el.className)"""
    )
    assert wide == []
    visit.close()


CONTRAST = """() => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const bg = (el) => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const ratio = (el) => {
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(bg(el));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  };
  return [...document.querySelectorAll('.ck-live :is(button, label, textarea, p, li, blockquote)')]
    .filter((el) => el.getClientRects().length)
    .filter((el) => el.textContent.trim() || el.tagName === 'TEXTAREA')
    .map((el) => [el.tagName + ' ' + el.textContent.trim().slice(0, 30), ratio(el)])
    .filter(([, r]) => r < 4.5);
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_and_buttons_have_good_contrast(server, browser, scheme):
    """Every label, button, box and line of feedback reaches 4.5:1 in light and dark mode."""
    visit = Visit(browser, f"{server}/{DRAFTER}", color_scheme=scheme)
    page = visit.page
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    assert page.evaluate(CONTRAST) == []
    visit.start().fill("Thanks. Maybe I could perhaps ask, do you think I might fit?")
    _wait_score(page)
    assert page.evaluate(CONTRAST) == []
    visit.close()


def test_the_pages_say_how_much_start_downloads(site):
    """The "about N KB" on the page is what Start fetches from a host that compresses:
    MicroPython's mjs and wasm and its engine's JSON (bytecode), gzipped."""
    served = site / "_micropython"
    files = [served / "micropython.mjs", served / "micropython.wasm"]
    files += list(site.glob("_static/live/closing-kit-mpy-*.json"))
    assert len(files) == 3 and all(f.is_file() for f in files)
    kilobytes = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files) / 1000
    said = int(re.search(r"about (\d+) KB", live_practice.DOWNLOAD_NOTE).group(1))
    assert abs(said - kilobytes) < 20, f"the page says {said} KB, Start fetches {kilobytes:.0f}"
    assert kilobytes < 400  # issue 16: the first score needs under 400 KB
    html = (site / DRAFTER).read_text(encoding="utf-8")
    assert f"({live_practice.DOWNLOAD_NOTE})" in html
