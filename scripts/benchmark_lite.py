"""JupyterLite in headless Chromium: from opening a notebook to its first widget feedback.

One section of ``scripts/benchmark.py`` (``lite``). Opens the drafter
notebook in the built site's JupyterLite, chooses Run All Cells, types a close
and waits for its score, as a learner does; first with an empty browser
profile (cold), then three times with the same profile (warm: the browser's
HTTP cache kept, the learner's saved work cleared so each run starts the
same). Every request that is not to 127.0.0.1 fails (the browser resolves no
other host) and fails the measurement; requests are watched, not intercepted,
as interception would turn the HTTP cache off. Also prints what the lite site
adds to the build.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from book_copy import ROOT, copy_book
from browser_waits import CLOSE, KERNEL_READY
from chromium import CHROMIUM, FLAGS, LOCAL, OFFLINE
from site_server import SiteServer

NOTEBOOK = "05-closing-question-drafter.ipynb"


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _run_once(context, base: str, server: SiteServer) -> dict[str, float]:
    """Open, Run All, type: seconds to the kernel, to the widget, to the score; bytes sent."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send(
        "Storage.clearDataForOrigin",
        # The learner's saved work (JupyterLite keeps it in IndexedDB). Not localStorage:
        # a returning learner keeps it, and without its note of the worker's version
        # JupyterLite unregisters and reinstalls its worker on every start.
        {"origin": base, "storageTypes": "indexeddb"},
    )
    server.reset()
    t0 = time.perf_counter()
    page.goto(f"{base}/lite/notebooks/index.html?path={NOTEBOOK}")
    page.wait_for_function("window.__ckKernelReady === true", timeout=180_000)
    t_idle = time.perf_counter() - t0
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_text("Run All Cells", exact=True).click()
    page.wait_for_selector(".ck-exercise textarea", timeout=180_000)
    t_widget = time.perf_counter() - t0
    page.get_by_role("textbox", name="Your close").fill(CLOSE)
    page.wait_for_selector("text=100/100, Strong", timeout=60_000)
    t_feedback = time.perf_counter() - t0
    page.close()
    return {"idle": t_idle, "widget": t_widget, "feedback": t_feedback, "bytes": server.sent}


def lite_section() -> None:
    """JupyterLite: opening the drafter notebook to its first feedback, cold and warm; sizes."""
    from benchmark import human, timed_build
    from playwright.sync_api import sync_playwright

    site = ROOT / "_build" / "html"
    with tempfile.TemporaryDirectory() as tmp:
        if not (site / "lite" / "pypi" / "pyodide-lock.json").is_file():
            book = copy_book(Path(tmp) / "book")
            timed_build(book)
            site = book / "_build" / "html"
        server = SiteServer(site)  # gzip, as a host sends it; counts the bytes it sends
        base = server.url
        blocked: list[str] = []

        def watch(request):
            if not request.url.startswith(LOCAL):
                blocked.append(request.url)

        with sync_playwright() as p:
            # Offline by a resolver rule, watched (not routed): Playwright's routing
            # turns the HTTP cache off, which made every "warm" run download it all.
            context = p.chromium.launch_persistent_context(
                str(Path(tmp) / "profile"), executable_path=CHROMIUM, args=[*FLAGS, OFFLINE]
            )
            context.on("request", watch)
            context.add_init_script(KERNEL_READY)
            cold = _run_once(context, base, server)
            warm = [_run_once(context, base, server) for _ in range(3)]
            context.close()
        server.stop()
        if blocked:
            sys.exit(f"JupyterLite asked the internet for {blocked[:3]}")

        def median(key):
            return statistics.median(run[key] for run in warm)

        print("## JupyterLite (the drafter notebook, headless Chromium, offline, gzip)")
        print("                              cold (empty profile)   warm (median of 3)")
        for key, label in [
            ("idle", "kernel ready"),
            ("widget", "Run All: exercise drawn"),
            ("feedback", "typed close: first score"),
        ]:
            print(f"  {label:28} {cold[key]:8.1f} s {median(key):18.1f} s")
        sent_cold, sent_warm = human(cold["bytes"]), human(median("bytes"))
        print(f"  {'bytes the server sent':28} {sent_cold:>10} {sent_warm:>20}")
        lite, pyodide, total = _size(site / "lite"), _size(site / "_pyodide"), _size(site)
        wheels = _size(site / "lite" / "pypi")
        print(
            f"  site {human(total)}: lite/ {human(lite)} (its wheels {human(wheels)}), "
            f"_pyodide/ {human(pyodide)} shared with the live exercises"
        )
