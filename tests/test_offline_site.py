"""The site reopens with no connection after one visit: Workbox's service worker, in Chromium.

The worker (book/_ext/service_worker.py) precaches every page and what
pages load, and caches Pyodide, the live engine and lite/ at run time, once
a reader has pressed Start. Each test serves its own copy of the site so it
can stop the server; the context is also set offline.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from book_copy import build_command
from browser_support import Guard, SiteServer, launch, pages, wait_for_widgets

EXT = Path(__file__).resolve().parent.parent / "book" / "_ext"

CHAPTER = "book/05-close-the-sale.html"
OTHER = "notebooks/09-final-five-minutes-checklist.html"
#: How long a live exercise may take to start (Pyodide, from the local server).
START_TIMEOUT = 60_000
#: What a first visit may store for offline reading, at most.
PRECACHE_LIMIT_MB = 15


@pytest.fixture(scope="module")
def browser():
    yield from launch()


def _manifest(site: Path) -> dict[str, str]:
    """The precache manifest Workbox wrote into sw.js: URL -> revision."""
    sw = (site / "sw.js").read_text(encoding="utf-8")
    return dict(re.findall(r'\{url:"([^"]+)",revision:(?:"([^"]*)"|null)\}', sw))


TINY_CONFIG = """\
title: no node
only_build_toc_files: true
sphinx:
  local_extensions:
    theme_fixes: {ext}
    service_worker: {ext}
"""


@pytest.mark.slow  # a (tiny) book build: seconds, not part of the quick loop
def test_build_without_node_still_succeeds_and_says_so(tmp_path):
    """With no npm or node, the build succeeds, one line says so, and no page registers a worker."""
    book = tmp_path / "book"
    book.mkdir()
    (book / "_config.yml").write_text(TINY_CONFIG.format(ext=json.dumps(str(EXT))))
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\n")
    (book / "index.md").write_text("# Index\n\nOne page.\n")
    env = {
        **os.environ,
        "PATH": os.path.dirname(sys.executable),  # python only: no npm, no node
        "CLOSING_KIT_NPM_CACHE": str(tmp_path / "empty-cache"),
    }
    proc = subprocess.run(build_command(book), capture_output=True, text=True, env=env, timeout=300)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    lines = [line for line in output.splitlines() if "closing-kit: no service worker" in line]
    assert len(lines) == 1 and "npm" in lines[0], output[-3000:]
    html = book / "_build" / "html"
    assert not (html / "sw.js").exists()
    assert "ck-sw-register.js" not in (html / "index.html").read_text()


@pytest.mark.browser
def test_the_worker_precaches_the_pages_not_the_heavy_folders(site):
    """Every page and its assets are precached, with revisions; Pyodide, lite/ and the engine
    are left to run-time caching, cache first; the theme's FontAwesome script is not shipped."""
    manifest = _manifest(site)
    assert manifest, "sw.js has a precache manifest"
    missing = [rel for rel in pages(site) if rel not in manifest]
    assert missing == []
    assert all(manifest[u] for u in manifest if u.endswith(".html")), "HTML has revisions"
    for asset in ("_static/quiz.js", "_static/course.css", "_static/widgets/embed-amd.js"):
        assert asset in manifest
    heavy = [u for u in manifest if u.startswith(("lite/", "_pyodide/")) or u.endswith(".zip")]
    assert heavy == []
    assert not any("fontawesome" in u for u in manifest)
    size = sum((site / u).stat().st_size for u in manifest) / 1024 / 1024
    assert size < PRECACHE_LIMIT_MB, f"{size:.1f} MB"
    sw = (site / "sw.js").read_text(encoding="utf-8")
    for folder in ("_pyodide", "lite"):
        assert re.search(rf"registerRoute\(/\\/{folder}\\//,new \w+\.CacheFirst", sw), folder
    assert "skipWaiting" in sw and "clientsClaim" in sw


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
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    return context, guard, page


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
def test_a_started_live_exercise_works_offline_next_time(site, browser, tmp_path):
    """Pressing Start once caches Pyodide and the engine: offline, Start works again."""
    server = SiteServer(_copy(site, tmp_path / "site"))
    context, guard, page = _first_visit(browser, f"{server.url}/{CHAPTER}")
    live = page.locator(".ck-live").first
    if not live.count():
        pytest.skip("no live exercise on the chapter yet")
    live.locator(".ck-live-start").click()
    live.locator(".ck-live-body").wait_for(state="visible", timeout=START_TIMEOUT)
    _go_offline(server, context)
    page.reload(wait_until="load")
    live = page.locator(".ck-live").first
    live.locator(".ck-live-start").click()
    live.locator(".ck-live-body").wait_for(state="visible", timeout=START_TIMEOUT)
    context.close()
    assert guard.blocked == [] and guard.errors == []


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
