"""Shared by the browser tests: the built site served locally, Chromium, offline visits, axe.

The site is served from 127.0.0.1 by ``scripts/site_server.py``, the one
server for it, as a real host serves it (the MIME types a browser insists on,
gzip); every request a page makes that is not to 127.0.0.1 is aborted and
recorded (:class:`Guard`), so a page that needs the internet fails its test.
The ``server`` and ``browser`` fixtures built on :func:`serve` and
:func:`launch` are in ``tests/conftest.py``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pytest
from browser_waits import CLOSE, WORKERS_INSTALLED
from chromium import INSTALL, LOCAL, installed
from npm_fetch import cache_dir
from site_server import MIME, SiteHandler, SiteServer
from tests_support import CHROMIUM, FLAGS

#: Names the browser tests import from here (the served site's pieces live in scripts/).
__all__ = ["CLOSE", "MIME", "SiteHandler", "SiteServer", "serve", "launch", "Guard", "Visit"]

#: axe-core, pinned: the npm tarball's registry integrity.
AXE = (
    "axe-core@4.14.1",
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==",
)


def serve(site: Path):
    """A fixture body: the site's URL while the fixture lasts."""
    server = SiteServer(site)
    yield server.url
    server.stop()


def launch():
    """A fixture body: Debian's Chromium, headless, with the quiet flags."""
    if not installed():
        pytest.fail(INSTALL)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


def is_redirect(path: Path) -> bool:
    return b'http-equiv="Refresh"' in path.read_bytes()[:300]


def pages(site: Path) -> list[str]:
    """Every page of the course: not the theme's template copies, redirects or the lite app."""
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if not {"_static", "lite", "_pyodide"} & set(p.relative_to(site).parts)
        and not is_redirect(p)
    )


class Guard:
    """Aborts and records every request not to 127.0.0.1 (of a page or a context); errors."""

    def __init__(self, target):
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        target.route("**/*", self._route)

    def watch(self, page):
        page.on("console", self._console)
        page.on("pageerror", self._page_error)
        return page

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(LOCAL):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _page_error(self, exc):
        self.errors.append(f"page error: {exc}")

    def _console(self, msg):
        # Any error fails: no allowance for a known one (issue 16).
        if msg.type == "error":
            self.errors.append(f"console: {msg.text}")


class Visit:
    """A page opened offline, with what went wrong on the way.

    Service workers are blocked unless asked for: a page controlled by one
    fetches through it, out of the route's sight (Playwright's documented
    limit), and these checks are about what the page itself asks for.
    """

    def __init__(self, browser, url, *, service_workers="block", **context):
        self.context = browser.new_context(service_workers=service_workers, **context)
        self.page = self.context.new_page()
        self.guard = Guard(self.page)
        self.guard.watch(self.page)
        self.blocked = self.guard.blocked
        self.errors = self.guard.errors
        self.page.goto(url, wait_until="load")

    def close(self):
        self.context.close()


def set_colour_mode(context, mode: str) -> None:
    """Open every page of ``context`` in ``mode``, as the theme's own switch leaves it.

    pydata-sphinx-theme reads ``localStorage`` ``mode`` and ``theme`` before
    the page paints and sets ``html[data-mode]`` and ``html[data-theme]``.
    """
    context.add_init_script(
        f"try {{ localStorage.setItem('mode', '{mode}');"
        f" localStorage.setItem('theme', '{mode}'); }} catch (e) {{}}"
    )


def wait_for_widgets(page) -> None:
    """On a page with embedded widget state, wait until the widgets are drawn."""
    if page.locator('script[type="application/vnd.jupyter.widget-state+json"]').count():
        page.wait_for_selector(".jupyter-widgets", timeout=20_000)


def wait_for_workers(page, n: int, timeout_ms: int = 120_000) -> list[str]:
    """Wait until the page's origin has ``n`` installed service workers; their scopes' paths."""
    return page.evaluate(WORKERS_INSTALLED, [n, timeout_ms])


def open_and_run(page, base: str, notebook: str, until: str = ".ck-exercise textarea") -> None:
    """Open ``notebook`` in JupyterLite, Run All Cells as a learner would, wait for ``until``.

    If the kernel never starts, the failure says what the page showed and logged, so a
    failure seen only under the whole suite's load can be read from CI's log.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    said = []
    page.on("console", lambda m: said.append(f"{m.type}: {m.text}"[:300]))
    page.on("requestfailed", lambda r: said.append(f"failed: {r.url} {r.failure}"[:300]))
    page.goto(f"{base}/lite/notebooks/index.html?path={notebook}")
    try:
        page.wait_for_function("window.__ckKernelReady === true", timeout=180_000)
    except PlaywrightTimeout:
        status = page.evaluate(
            "[...document.querySelectorAll('.jp-Notebook-ExecutionIndicator')]"
            ".map(e => e.getAttribute('data-status'))"
        )
        raise AssertionError(
            f"{notebook}: no kernel after 180 s; indicator {status}; the page logged: {said[-25:]}"
        ) from None
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_text("Run All Cells", exact=True).click()
    page.wait_for_selector(until, timeout=180_000)


def type_a_close(page, close: str = CLOSE) -> None:
    """In a JupyterLite drafter: type the close; it is scored and saved to the workbook."""
    page.get_by_role("textbox", name="Your close").fill(close)
    page.wait_for_selector("text=100/100, Strong", timeout=60_000)
    page.wait_for_selector("text=Saved to my-interview.json", timeout=60_000)


def wait_for_close_back(page, close: str = CLOSE) -> None:
    """In a JupyterLite drafter run again: the saved close is back in its box, scored."""
    page.wait_for_function(
        "close => [...document.querySelectorAll('.ck-exercise textarea')]"
        ".some(t => t.value === close)",
        arg=close,
        timeout=60_000,
    )
    page.wait_for_selector("text=100/100, Strong", timeout=60_000)


def download_workbook(page, live, folder: Path) -> tuple[Path, dict]:
    """Press a live exercise's "Download my workbook"; the file passes
    ``closing-kit workbook check``. Returns where it was saved and its data."""
    with page.expect_download() as download:
        live.get_by_role("button", name="Download my workbook").click()
    saved = folder / download.value.suggested_filename
    download.value.save_as(saved)
    check = subprocess.run(
        [sys.executable, "-m", "closing_kit", "workbook", "check", str(saved)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    return saved, json.loads(saved.read_text(encoding="utf-8"))


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def axe_source() -> str:
    """``axe.min.js`` of the pinned axe-core, fetched once with ``npm pack`` into a cache."""
    spec, sri = AXE
    target = cache_dir(spec.replace("@", "-")) / "axe.min.js"
    if target.is_file():
        return target.read_text(encoding="utf-8")
    npm = shutil.which("npm")
    if not npm:
        pytest.fail("npm is needed to fetch axe-core for the accessibility tests")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [npm, "pack", spec, "--pack-destination", tmp, "--silent"],
            check=True,
            capture_output=True,
            timeout=300,
            cwd=tmp,
        )
        tarball = next(Path(tmp).glob("*.tgz"))
        assert _integrity(tarball.read_bytes()) == sri, f"{spec}: integrity does not match"
        with tarfile.open(tarball) as tar:
            source = tar.extractfile("package/axe.min.js").read()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(source)
    return source.decode("utf-8")


def run_axe(page, source: str) -> list[dict]:
    """axe's serious and critical violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict]) -> list[str]:
    """One line per failing element: rule, element, why."""
    out = []
    for v in violations:
        for node in v["nodes"]:
            why = re.sub(r"\s+", " ", node.get("failureSummary", ""))[:160]
            out.append(f"{v['id']} {node['target']}: {why}")
    return out
