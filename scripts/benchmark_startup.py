"""Live practice's start on a phone's profile, MicroPython against Pyodide. Not a test: it prints.

    python scripts/benchmark_startup.py [--site _build/html] [--runs 3]
    python scripts/benchmark.py --startup    # the same, as a section of the benchmark

The profile is issue 16's, Lighthouse's mobile one applied for real through
the Chrome DevTools Protocol: CPU slowed 4x (``Emulation.setCPUThrottlingRate``),
1.6 Mbit/s down, 750 kbit/s up and 150 ms round trip
(``Network.emulateNetworkConditions``), a 390x844 touch screen. The built site
is served from 127.0.0.1 with gzip (``site_server.SiteServer``, as any real
host serves it, plus GitHub Pages' ``Cache-Control: max-age=600``); every
other host is unreachable through the resolver (a Playwright route would
turn the HTTP cache off).

For each engine (the default MicroPython, and Pyodide through
``?ck-engine=pyodide``) and each run, a fresh browser profile on disk:

- **cold**: opens chapter 5 with an empty cache, and as soon as the page has
  loaded the reader taps "Start practicing" (the tap is the first move:
  nothing was fetched for the exercise before it);
- **warm, HTTP cache**: a new tab of the same profile does the same (the
  browser's HTTP cache; service workers blocked, so no offline copy);
- **warm, offline copy** (MicroPython only): a profile whose service worker
  is allowed opens the chapter once and waits until the worker has made the
  offline copy; a new tab opens the chapter and, once it has loaded, the
  reader taps Start at once (``offline copy``), or, in another tab, once the
  page has got the exercise ready (``offline, ready``: a reader who reads
  for a few seconds first; ``booted before the tap`` says how long). The
  page may have got the exercise ready while idle (it does when the files
  are in the offline copy): what of that is still running at the tap
  counts, and so does its main-thread cost
  (``idle long tasks``: the part over 50 ms of every long task from the
  page's start to the tap, Lighthouse's TBT measure, paid by a reader who
  never practises too).

Measured, in the page's own clock: from the tap (its ``pointerdown``, the
reader's first move) to the exercise on screen, and to the first score of a
typed close: that plus the time from the close's ``input`` event to its
score (the drafter scores 0.25 s after the last keystroke), so the test
driver's own delay before typing is left out; ``(wall)`` is the driver's
whole wait, delays included. And the bytes the server sent from the tap
(gzipped bodies).
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from pathlib import Path

from chromium import CHROMIUM
from site_server import SiteHandler, SiteServer

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = "book/05-close-the-sale.html"
ENGINES = {"MicroPython": "", "Pyodide": "?ck-engine=pyodide"}
#: issue 16's phone: Lighthouse's mobile throttling, applied for real.
CPU_SLOWDOWN = 4
NETWORK = {
    "offline": False,
    "latency": 150,  # ms, round trip
    "downloadThroughput": 1.6e6 / 8,  # bytes/s
    "uploadThroughput": 750e3 / 8,
}
VIEWPORT = {"width": 390, "height": 844}
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
CLOSE = (
    "Thank you for today. I led a team of five and cut costs by 20%. "
    "Do you see me succeeding in this role?"
)
#: live.js's marks, in ms since the page opened: boot, Python and sources
#: there, closing_kit.web imported, the workbook opened.
MARKS = "performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])"
#: Issue 16's targets for the first score on this profile.
TARGET_COLD_S, TARGET_WARM_S, TARGET_KB = 2.0, 0.5, 400


#: What GitHub Pages sends with every file: a warm visit within ten minutes
#: reads the HTTP cache without asking (Python's server sends no Cache-Control).
CACHE_CONTROL = "max-age=600"
#: In the page's own clock: long tasks (the idle start's main-thread cost), the reader's
#: first move (the tap's pointerdown), the exercise on screen, the close typed (its
#: input event) and the first score shown. The driver's own delays are left out.
PAGE_CLOCK = """
window.ckLongTasks = [];
window.ckClock = {};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.ckLongTasks.push([e.startTime, e.duration]);
}).observe({ type: "longtask", buffered: true });
const ckOnce = (name) => {
  if (!(name in window.ckClock)) window.ckClock[name] = performance.now();
};
addEventListener("pointerdown", () => ckOnce("move"), { capture: true });
addEventListener("input", () => ckOnce("input"), { capture: true });
new MutationObserver(() => {
  if (document.querySelector(".ck-live .ck-live-body:not([hidden])")) ckOnce("ready");
  const status = document.querySelector(".ck-live [role=status]");
  // The typed close's score: a draft kept from an earlier visit shows its own at Start.
  const typed = "input" in window.ckClock;
  if (typed && status && /\\d+\\/100/.test(status.textContent)) ckOnce("scored");
}).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
"""
#: The offline copy is made: the service worker is active and holds MicroPython's engine.
OFFLINE_COPY = """async () => {
  await navigator.serviceWorker.ready;
  for (const name of await caches.keys()) {
    for (const req of await (await caches.open(name)).keys()) {
      if (/closing-kit-mpy-/.test(req.url)) return true;
    }
  }
  return false;
}"""


class _CachingHandler(SiteHandler):
    def end_headers(self):
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()


def serve(site: Path) -> SiteServer:
    """The site on 127.0.0.1, gzipped, with a host's Cache-Control."""
    server = SiteServer(site)
    server.httpd.RequestHandlerClass = functools.partial(_CachingHandler, directory=str(site))
    return server


def _visit(context, url: str, server: SiteServer, *, when_ready: bool = False) -> dict:
    """Open ``url`` throttled, tap Start, type a close: seconds to ready and to score, bytes.

    ``when_ready``: the reader taps once the page has got the exercise ready while idle
    (live.js's last mark), not as soon as it has loaded.
    """
    page = context.new_page()
    page.add_init_script(PAGE_CLOCK)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(url, wait_until="networkidle", timeout=300_000)
    if when_ready:
        page.wait_for_function(
            "performance.getEntriesByName('ck-live-warm').length > 0", timeout=300_000
        )
    live = page.locator(".ck-live").first
    live.scroll_into_view_if_needed()
    server.reset()
    tapped = page.evaluate("performance.now()")
    t0 = time.perf_counter()
    live.get_by_role("button", name="Start practicing").tap()
    box = live.get_by_role("textbox", name="Your close")
    box.wait_for(state="visible", timeout=300_000)
    box.fill(CLOSE)
    page.wait_for_function("'scored' in window.ckClock", timeout=300_000)
    wall = time.perf_counter() - t0
    clock = page.evaluate("window.ckClock")
    ready = (clock["ready"] - clock["move"]) / 1000
    scored = ready + (clock["scored"] - clock["input"]) / 1000
    sent = server.sent
    engine = page.evaluate("window.ckLive.engine")
    marks = dict(page.evaluate(MARKS))
    tasks = page.evaluate("window.ckLongTasks")
    page.close()
    phases = {
        "python": marks["ck-live-python"] - marks["ck-live-boot"],
        "import": marks["ck-live-imported"] - marks["ck-live-python"],
        "open": marks["ck-live-opened"] - max(marks["ck-live-imported"], tapped),
        "warm": marks.get("ck-live-warm", 0) - marks.get("ck-live-warming", 0),
        # Boot before the tap (an idle start): its time is not the reader's.
        "early": max(0.0, tapped - marks["ck-live-boot"]),
    }
    blocking = sum(max(0.0, d - 50) for start, d in tasks if start < tapped)
    return {"ready": ready, "scored": scored, "wall": wall, "bytes": sent, "engine": engine,
            "blocking": blocking, **phases}  # fmt: skip


def _context(p, folder: Path, service_workers: str):
    return p.chromium.launch_persistent_context(
        folder,
        executable_path=CHROMIUM,
        args=FLAGS,
        headless=True,
        viewport=VIEWPORT,
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        service_workers=service_workers,
    )


def measure(site: Path, runs: int = 3, engines=tuple(ENGINES)) -> dict:
    """engine -> visit kind -> [visit, ...] (``_visit``'s dicts), ``runs`` each."""
    from playwright.sync_api import sync_playwright

    server = serve(site)
    out = {name: {"cold": [], "warm": []} for name in engines}
    out["MicroPython"]["offline copy"] = []
    out["MicroPython"]["offline, ready"] = []
    try:
        with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
            for n in range(runs):
                for name in engines:
                    query = ENGINES[name]
                    url = f"{server.url}/{CHAPTER}{query}"
                    context = _context(p, Path(tmp) / f"{name}-{n}", "block")
                    out[name]["cold"].append(_visit(context, url, server))  # an empty cache
                    out[name]["warm"].append(_visit(context, url, server))  # the same cache
                    context.close()
                context = _context(p, Path(tmp) / f"sw-{n}", "allow")
                first = context.new_page()
                first.goto(f"{server.url}/{CHAPTER}", wait_until="load", timeout=300_000)
                first.wait_for_function(OFFLINE_COPY, timeout=600_000, polling=500)
                first.close()
                url = f"{server.url}/{CHAPTER}"
                out["MicroPython"]["offline copy"].append(_visit(context, url, server))
                visit = _visit(context, url, server, when_ready=True)
                out["MicroPython"]["offline, ready"].append(visit)
                context.close()
    finally:
        server.stop()
    return out


def _median(visits: list[dict], key: str) -> float:
    values = sorted(v[key] for v in visits)
    return values[len(values) // 2]


def report(results: dict, runs: int) -> None:
    print(
        f"## Live practice on a phone's profile (CPU {CPU_SLOWDOWN}x slower, 1.6 Mbit/s, "
        f"150 ms RTT, 390x844, gzip), median of {runs}"
    )
    print(
        f"{'engine':12} {'visit':14} {'to ready':>9} {'to score':>9} {'(wall)':>8} {'sent':>8}"
        "   of which: Python and engine there, imported, workbook opened, feedback warmed up;"
        " booted before the tap; idle long tasks"
    )
    for name, by_visit in results.items():
        for visit, visits in by_visit.items():
            ran = {v["engine"] for v in visits}
            assert ran == {name.lower()}, f"{name} runs asked for, {ran} ran"
            m = functools.partial(_median, visits)
            print(
                f"{name:12} {visit:14} {m('ready'):8.2f}s {m('scored'):8.2f}s ({m('wall'):5.2f}s) "
                f"{m('bytes') / 1000:5.0f} KB   {m('python'):6.0f} ms {m('import'):6.0f} ms "
                f"{m('open'):6.0f} ms {m('warm'):6.0f} ms; {m('early'):6.0f} ms; "
                f"{m('blocking'):5.0f} ms"
            )
    print(
        f"issue 16's targets: first score < {TARGET_COLD_S} s cold, < {TARGET_WARM_S} s warm, "
        f"< {TARGET_KB} KB"
    )


def startup_section(site: Path | None = None, runs: int = 3, engines=tuple(ENGINES)) -> None:
    """Start to first score on a phone's profile (gzip), MicroPython and Pyodide, cold and warm."""
    site = site or ROOT / "_build" / "html"
    if not (site / CHAPTER).is_file():
        sys.exit(f"no built site in {site}: jupyter-book build . first")
    report(measure(site, runs, engines), runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--runs", type=int, default=3, help="runs per engine; the median is shown")
    parser.add_argument("--micropython-only", action="store_true", help="no Pyodide (minutes cold)")
    args = parser.parse_args()
    engines = ("MicroPython",) if args.micropython_only else tuple(ENGINES)
    startup_section(args.site, args.runs, engines)


if __name__ == "__main__":
    main()
