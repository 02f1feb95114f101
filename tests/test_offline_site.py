"""The site reopens with no connection after one visit: Workbox's service worker, in Chromium.

The worker (book/_ext/service_worker.py) precaches every page and what
pages load, the live exercises' MicroPython and engine included, and caches
Pyodide at run time, once a page has asked for it. JupyterLite (lite/) has a Workbox worker of its
own, with JupyterLite's file relay. Each test serves its own copy of the site
so it can stop the server; the context is also set offline.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from browser_support import (
    CLOSE,
    Guard,
    SiteServer,
    download_workbook,
    open_and_run,
    pages,
    type_a_close,
    wait_for_close_back,
    wait_for_widgets,
    wait_for_workers,
)
from browser_waits import KERNEL_READY
from tests_support import build_tiny_book_without_npm

EXT = Path(__file__).resolve().parent.parent / "book" / "_ext"

CHAPTER = "book/05-close-the-sale.html"
OTHER = "notebooks/09-final-five-minutes-checklist.html"
#: How long a live exercise may take to start (from the local server; only stops a hang).
START_TIMEOUT = 60_000
#: What a first visit may store for offline reading, at most.
PRECACHE_LIMIT_MB = 15


def _manifest(site: Path, worker: str = "sw.js") -> dict[str, str]:
    """The precache manifest Workbox wrote into a worker: URL -> revision."""
    sw = (site / worker).read_text(encoding="utf-8")
    return dict(re.findall(r'\{url:"([^"]+)",revision:(?:"([^"]*)"|null)\}', sw))


@pytest.mark.slow  # a (tiny) book build: seconds, not part of the quick loop
def test_build_without_node_still_succeeds_and_says_so(tmp_path):
    """With no npm or node, the build succeeds, one line says so, and no page registers a worker."""
    code, output, html = build_tiny_book_without_npm(
        tmp_path, {"theme_fixes": EXT, "service_worker": EXT}, "# Index\n\nOne page.\n"
    )
    assert code == 0, output[-3000:]
    lines = [line for line in output.splitlines() if "closing-kit: no service worker" in line]
    assert len(lines) == 1 and "npm" in lines[0], output[-3000:]
    assert not (html / "sw.js").exists()
    assert "ck-sw-register.js" not in (html / "index.html").read_text()


@pytest.mark.browser
def test_the_worker_precaches_the_pages_not_the_heavy_folders(site):
    """Every page and its assets are precached, with revisions, and so are the live exercises'
    MicroPython and engine; Pyodide and lite/ are left to run-time caching, cache first; the
    theme's FontAwesome script is not shipped."""
    manifest = _manifest(site)
    assert manifest, "sw.js has a precache manifest"
    missing = [rel for rel in pages(site) if rel not in manifest]
    assert missing == []
    assert all(manifest[u] for u in manifest if u.endswith(".html")), "HTML has revisions"
    for asset in ("_static/quiz.js", "_static/course.css", "_static/widgets/embed-amd.js"):
        assert asset in manifest
    for asset in ("_micropython/micropython.mjs", "_micropython/micropython.wasm"):
        assert manifest.get(asset), f"{asset} is precached with a revision"
    # MicroPython's engine (bytecode) is precached; the sources' file is Pyodide's, run time.
    engine = [u for u in manifest if re.fullmatch(r"_static/live/closing-kit-mpy-\w+\.json", u)]
    assert len(engine) == 1 and (site / engine[0]).is_file()
    assert not any("closing-kit-engine-" in u for u in manifest)
    heavy = [u for u in manifest if u.startswith(("lite/", "_pyodide/")) or u.endswith(".zip")]
    assert heavy == []
    assert not any("fontawesome" in u for u in manifest)
    size = sum((site / u).stat().st_size for u in manifest) / 1024 / 1024
    assert size < PRECACHE_LIMIT_MB, f"{size:.1f} MB"
    sw = (site / "sw.js").read_text(encoding="utf-8")
    assert re.search(r"registerRoute\(/\\/_pyodide\\//,new \w+\.CacheFirst", sw)
    assert not re.search(r"registerRoute\(/\\/lite", sw), "lite/ is its own worker's"
    assert "skipWaiting" in sw and "clientsClaim" in sw
    assert "cleanupOutdatedCaches" not in sw, "it would delete the lite worker's precache"


@pytest.mark.browser
def test_jupyterlite_has_a_workbox_worker_with_its_file_relay(site):
    """lite/service-worker.js (the URL JupyterLite registers) is Workbox's: it relays the
    kernel's file requests, precaches the app's pages, config, our wheel and the lock, and
    shares the site's one Pyodide cache."""
    if not (site / "lite" / "jupyter-lite.json").is_file():
        pytest.skip("no JupyterLite site in this build")
    worker = (site / "lite" / "service-worker.js").read_text(encoding="utf-8")
    assert 'importScripts("ck-lite-drive.js")' in worker
    relay = (site / "lite" / "ck-lite-drive.js").read_text(encoding="utf-8")
    assert '"/sw-api.v1"' in relay and "/api/drive" in relay
    manifest = _manifest(site / "lite", "service-worker.js")
    wheel = next(p.name for p in (site / "lite" / "pypi").glob("closing_kit-*.whl"))
    for url in (
        "notebooks/index.html",
        "lab/index.html",
        "jupyter-lite.json",
        "bootstrap.js",
        "pypi/pyodide-lock.json",
        f"pypi/{wheel}",
        "api/contents/all.json",
        "files/07-noncommittal-drill.ipynb",
    ):
        assert manifest.get(url), url
    assert not [u for u in manifest if u.startswith("build/")], "hashed bundles: cache first"
    size = sum((site / "lite" / u).stat().st_size for u in manifest) / 1024 / 1024
    assert size < 3, f"{size:.1f} MB precached by a notebook page's reader"
    root = (site / "sw.js").read_text(encoding="utf-8")
    assert re.search(r'importScripts\("lite/ck-lite-drive\.js"', root), "the site's worker relays"
    pyodide = re.search(r'cacheName:"(closing-kit-pyodide-\w+)"', worker).group(1)
    assert f'cacheName:"{pyodide}"' in (site / "sw.js").read_text(encoding="utf-8")
    assert "cleanupOutdatedCaches" not in worker
    register = (site / "_static" / "ck-sw-register.js").read_text(encoding="utf-8")
    version = json.loads((site / "lite" / "jupyter-lite.json").read_text())
    assert f'"version": "{version["jupyter-config-data"]["appVersion"]}"' in register


@pytest.mark.browser
def test_every_page_registers_the_worker_at_the_site_root(site):
    """Each of the book's pages loads the small script that registers sw.js for the root scope.

    (The printed materials under print/ are precached but register nothing: they are
    documents to print, opened from a chapter that already has.)"""
    book = [rel for rel in pages(site) if "data-content_root" in (site / rel).read_text()]
    assert len(book) >= 20
    for rel in book:
        assert "ck-sw-register.js" in (site / rel).read_text(encoding="utf-8"), rel


def _copy(site: Path, dest: Path) -> Path:
    """The built site, to be changed or taken offline by one test."""
    shutil.copytree(site, dest, ignore=shutil.ignore_patterns("*.map"))
    return dest


def _first_visit(browser, url):
    context = browser.new_context(service_workers="allow")
    guard = Guard(context)
    page = guard.watch(context.new_page())
    page.goto(url, wait_until="load")
    page.wait_for_selector("html[data-ck-offline='registered']", state="attached")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    return context, guard, page


#: The worker's caches hold MicroPython's engine: the offline copy is made.
OFFLINE_COPY = """async () => {
  for (const name of await caches.keys()) {
    for (const req of await (await caches.open(name)).keys()) {
      if (/closing-kit-mpy-/.test(req.url)) return true;
    }
  }
  return false;
}"""


def _go_offline(server, context):
    server.stop()
    context.set_offline(True)


@pytest.mark.browser
def test_the_site_reopens_offline_after_one_visit(site, browser, tmp_path):
    """Visit once, go offline: the chapter reloads, and another page (widgets and all) opens."""
    server = SiteServer(_copy(site, tmp_path / "site"))
    context, guard, page = _first_visit(browser, f"{server.url}/{CHAPTER}")
    title = page.locator("h1").first.inner_text()
    _go_offline(server, context)
    page.reload(wait_until="load")
    assert page.locator("h1").first.inner_text() == title
    assert page.locator("[data-ck-question]").count() > 0
    page.goto(f"{server.url}/{OTHER}", wait_until="load")
    wait_for_widgets(page)
    assert page.locator(".widget-checkbox").count() > 0
    page.goto(f"{server.url}/search.html", wait_until="load")
    context.close()
    assert guard.blocked == [] and guard.errors == []


@pytest.mark.browser
def test_with_the_offline_copy_the_exercise_gets_ready_while_the_reader_reads(
    site, browser, tmp_path
):
    """Once the offline copy holds MicroPython and its engine, a page with an exercise loads
    and imports it while idle, with no network at all; it keeps nothing and shows nothing
    until Start, which then opens the exercise, and a close scores."""
    server = SiteServer(_copy(site, tmp_path / "site"))
    context, guard, page = _first_visit(browser, f"{server.url}/{CHAPTER}")
    page.wait_for_function(OFFLINE_COPY, polling=200)
    _go_offline(server, context)
    page.reload(wait_until="load")
    page.wait_for_function("performance.getEntriesByName('ck-live-warm').length > 0")
    live = page.locator(".ck-live").first
    assert live.locator(".ck-live-body").is_hidden()
    assert page.evaluate("[window.ckLive.call, localStorage.getItem('closing-kit-workbook')]") == [
        None,
        None,
    ]
    live.get_by_role("button", name="Start practicing").click()
    live.get_by_role("textbox", name="Your close").fill(CLOSE)
    live.get_by_role("status").filter(has_text=re.compile(r"\d+/100")).first.wait_for()
    marks = page.evaluate("performance.getEntriesByType('mark').map((m) => m.name)")
    assert marks.index("ck-live-warm") < marks.index("ck-live-opened")  # ready before Start
    context.close()
    assert guard.blocked == [] and guard.errors == []


@pytest.mark.browser
def test_live_practice_works_offline_without_ever_pressing_start(site, browser, tmp_path):
    """One visit to a chapter, Start never pressed; offline, that chapter's exercise and a
    drill page never opened both start on MicroPython and score."""
    server = SiteServer(_copy(site, tmp_path / "site"))
    context, guard, page = _first_visit(browser, f"{server.url}/{CHAPTER}")
    _go_offline(server, context)
    page.reload(wait_until="load")
    live = page.locator(".ck-live").first
    live.get_by_role("button", name="Start practicing").click()
    live.get_by_role("textbox", name="Your close").fill(CLOSE)  # waits for the box
    live.get_by_role("status").filter(has_text=re.compile(r"\d+/100")).first.wait_for()
    assert page.evaluate("window.ckLive.engine") == "micropython"
    page.goto(f"{server.url}/notebooks/06-reservation-drill.html", wait_until="load")
    live = page.locator(".ck-live").first
    live.get_by_role("button", name="Start practicing").click()
    live.get_by_role("textbox", name="Your answer").fill("That's fair. What are the next steps?")
    live.get_by_role("button", name="Check my answer").click()
    live.get_by_role("status").filter(has_text=re.compile(r"\d+/100")).first.wait_for()
    context.close()
    assert guard.blocked == [] and guard.errors == []


@pytest.mark.browser
def test_a_started_pyodide_exercise_works_offline_next_time(site, browser, tmp_path):
    """With ?ck-engine=pyodide, pressing Start once caches Pyodide: offline, Start works again."""
    server = SiteServer(_copy(site, tmp_path / "site"))
    url = f"{server.url}/{CHAPTER}?ck-engine=pyodide"
    context, guard, page = _first_visit(browser, url)
    live = page.locator(".ck-live").first
    live.locator(".ck-live-start").click()
    live.locator(".ck-live-body").wait_for(state="visible", timeout=START_TIMEOUT)
    assert page.evaluate("window.ckLive.engine") == "pyodide"
    _go_offline(server, context)
    page.reload(wait_until="load")
    live = page.locator(".ck-live").first
    live.locator(".ck-live-start").click()
    live.locator(".ck-live-body").wait_for(state="visible", timeout=START_TIMEOUT)
    assert page.evaluate("window.ckLive.engine") == "pyodide"
    context.close()
    assert guard.blocked == [] and guard.errors == []


@pytest.mark.browser
def test_with_the_data_saver_on_no_offline_copy_is_stored(site, browser):
    """A reader whose browser saves data gets the page, and no worker downloading 8 MB."""
    server = SiteServer(site)
    context = browser.new_context(service_workers="allow")
    context.add_init_script(
        "Object.defineProperty(navigator, 'connection', {value: {saveData: true}})"
    )
    page = context.new_page()
    page.goto(f"{server.url}/{CHAPTER}", wait_until="load")
    page.wait_for_selector("html[data-ck-offline='data-saver']", state="attached")
    assert page.evaluate("navigator.serviceWorker.getRegistrations()") == []
    page.reload(wait_until="load")
    assert page.evaluate("navigator.serviceWorker.controller") is None
    context.close()
    server.stop()


@pytest.mark.browser
def test_a_new_build_reaches_a_returning_reader(site, browser, tmp_path):
    """A page changed by a new build (new revision in sw.js) is what the reader sees next."""
    copy = _copy(site, tmp_path / "site")
    server = SiteServer(copy)
    url = f"{server.url}/{CHAPTER}"
    context, guard, page = _first_visit(browser, url)
    chapter = copy / CHAPTER
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace("<h1>", "<h1>Rebuilt: ", 1), encoding="utf-8"
    )
    sw = copy / "sw.js"
    sw.write_text(
        re.sub(
            rf'(\{{url:"{re.escape(CHAPTER)}",revision:")[^"]*"',
            r'\1rebuilt-0001"',
            sw.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    page.evaluate("window.ckOld = navigator.serviceWorker.controller")
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    page.wait_for_function("() => navigator.serviceWorker.controller !== window.ckOld")
    page.reload(wait_until="load")
    assert page.locator("h1").first.inner_text().startswith("Rebuilt: ")
    server.stop()
    context.close()
    assert guard.blocked == [] and guard.errors == []


DRAFTER_PAGE = "notebooks/05-closing-question-drafter.html"
REGISTERED = (
    "navigator.serviceWorker.getRegistrations()"
    ".then(rs => rs.filter(r => r.active).map(r => new URL(r.scope).pathname).sort())"
)


@pytest.mark.browser
def test_jupyterlite_reopens_offline_with_the_work_and_the_site_keeps_its_worker(
    site, browser, tmp_path
):
    """The drafter's notebook page, then the drafter in JupyterLite: type a close (saved through
    the lite worker's file relay). Both workers are still there. Offline, the drafter reopens,
    runs, and the close and its score come back; a notebook not opened before opens and runs;
    the notebook page reopens too."""
    if not (site / "lite" / "jupyter-lite.json").is_file():
        pytest.skip("no JupyterLite site in this build")
    server = SiteServer(_copy(site, tmp_path / "site"))
    context, guard, page = _first_visit(browser, f"{server.url}/{DRAFTER_PAGE}")
    context.add_init_script(KERNEL_READY)
    assert wait_for_workers(page, 2) == ["/", "/lite/"]  # a notebook page registers both
    open_and_run(page, server.url, "05-closing-question-drafter.ipynb")
    type_a_close(page)
    # Before: JupyterLite found its page under the site's worker and unregistered them all.
    assert page.evaluate(REGISTERED) == ["/", "/lite/"]
    _go_offline(server, context)
    open_and_run(page, server.url, "05-closing-question-drafter.ipynb")
    wait_for_close_back(page)
    open_and_run(page, server.url, "07-noncommittal-drill.ipynb")
    page.get_by_text("cards practiced so far").first.wait_for()
    page.goto(f"{server.url}/{DRAFTER_PAGE}", wait_until="load")
    assert page.locator("a.ck-lite-link").count() == 1
    context.close()
    assert guard.blocked == []


@pytest.mark.browser
def test_jupyterlite_opened_under_the_sites_worker_saves_and_leaves_it_registered(
    site, browser, tmp_path
):
    """A chapter (no link to JupyterLite, so only the site's worker), then JupyterLite by its
    address: the page runs under the site's worker, whose copy of the relay saves the work,
    and the site's worker is still registered afterwards."""
    if not (site / "lite" / "jupyter-lite.json").is_file():
        pytest.skip("no JupyterLite site in this build")
    server = SiteServer(_copy(site, tmp_path / "site"))
    context, guard, page = _first_visit(browser, f"{server.url}/{CHAPTER}")
    context.add_init_script(KERNEL_READY)
    assert wait_for_workers(page, 1) == ["/"]
    open_and_run(page, server.url, "05-closing-question-drafter.ipynb")
    type_a_close(page)
    assert page.evaluate(REGISTERED)[0] == "/"
    context.close()
    server.stop()
    assert guard.blocked == []


@pytest.mark.browser
def test_a_readers_evening_on_a_phone_then_offline(site, browser, tmp_path):
    """The issue's whole story at 390 px: a chapter, the drafter in place, the workbook
    downloaded (and valid); later, with no connection, the chapter and the drafter again,
    the close still there and scored. Nothing scrolls sideways."""
    server = SiteServer(_copy(site, tmp_path / "site"))
    context = browser.new_context(
        service_workers="allow",
        accept_downloads=True,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    guard = Guard(context)
    page = guard.watch(context.new_page())
    page.goto(f"{server.url}/{CHAPTER}", wait_until="load")
    page.wait_for_selector("html[data-ck-offline='registered']", state="attached")
    wait_for_workers(page, 1)  # a chapter registers the site's worker; notebook pages, lite's
    live = page.locator(".ck-live").first
    live.get_by_role("button", name="Start practicing").click()
    box = live.get_by_role("textbox", name="Your close")
    box.wait_for(state="visible", timeout=START_TIMEOUT)
    box.fill(CLOSE)
    score = live.get_by_role("status").filter(has_text=re.compile(r"\d+/100")).first
    score.wait_for()
    _, data = download_workbook(page, live, tmp_path)
    assert data["practice"]["closing"]["draft"] == CLOSE

    _go_offline(server, context)
    page.reload(wait_until="load")
    live = page.locator(".ck-live").first
    live.get_by_role("button", name="Start practicing").click()
    box = live.get_by_role("textbox", name="Your close")
    box.wait_for(state="visible", timeout=START_TIMEOUT)
    assert box.input_value() == CLOSE
    live.get_by_role("status").filter(has_text=re.compile(r"\d+/100")).first.wait_for()
    wide = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert wide <= 0, f"the page scrolls {wide} px sideways"
    context.close()
    assert guard.blocked == [] and guard.errors == []
