"""Live practice's start on a phone's profile, MicroPython against Pyodide. Not a test: it prints.

    python scripts/benchmark_startup.py [--site _build/html] [--runs 3]
    python scripts/benchmark.py --startup    # the same, as a section of the benchmark

The profile is issue 16's, Lighthouse's mobile one applied for real through
the Chrome DevTools Protocol: CPU slowed 4x (``Emulation.setCPUThrottlingRate``),
1.6 Mbit/s down, 750 kbit/s up and 150 ms round trip
(``Network.emulateNetworkConditions``), a 390x844 touch screen. The built site
is served from 127.0.0.1 with gzip (``benchmark_lighthouse.serve``, as any real
host serves it); every other host is unreachable through the resolver (a
Playwright route would turn the HTTP cache off).

For each engine (the default MicroPython, and Pyodide through
``?ck-engine=pyodide``) and each run, a fresh browser profile on disk opens
chapter 5 and the reader taps "Start practicing" (cold: empty cache), then
a new tab does the same (warm: the HTTP cache of the first; files are sent
with GitHub Pages' ``Cache-Control: max-age=600``). Measured: from
the tap to the exercise ready, and to the first score of a typed close (the
drafter scores 0.25 s after the last keystroke); and the bytes over the wire
from the tap (CDP ``encodedDataLength``: compressed bodies and headers).
Service workers are blocked, so warm is the browser's HTTP cache, not the
offline copy.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmark_lighthouse import CHROMIUM, GzipHandler

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


class _CachingGzipHandler(GzipHandler):
    def end_headers(self):
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """The site on 127.0.0.1, gzipped, with a host's Cache-Control."""
    handler = functools.partial(_CachingGzipHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def _visit(context, url: str) -> dict:
    """Open ``url`` throttled, tap Start, type a close: seconds to ready and to score, bytes."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    wire = [0]

    def finished(event):
        wire[0] += event["encodedDataLength"]

    cdp.on("Network.loadingFinished", finished)
    page.goto(url, wait_until="networkidle", timeout=300_000)
    live = page.locator(".ck-live").first
    wire[0] = 0
    t0 = time.perf_counter()
    live.get_by_role("button", name="Start practicing").tap()
    box = live.get_by_role("textbox", name="Your close")
    box.wait_for(state="visible", timeout=300_000)
    ready = time.perf_counter() - t0
    box.fill(CLOSE)
    page.wait_for_function(
        "/\\d+\\/100/.test(document.querySelector('.ck-live [role=status]').textContent)",
        timeout=300_000,
    )
    scored = time.perf_counter() - t0
    engine = page.evaluate("window.ckLive.engine")
    marks = dict(page.evaluate(MARKS))
    page.close()
    phases = {
        "python": marks["ck-live-python"] - marks["ck-live-boot"],
        "import": marks["ck-live-imported"] - marks["ck-live-python"],
        "open": marks["ck-live-opened"] - marks["ck-live-imported"],
    }
    return {"ready": ready, "scored": scored, "bytes": wire[0], "engine": engine, **phases}


def measure(site: Path, runs: int = 3) -> dict:
    """engine -> {"cold": [visit, ...], "warm": [...]} (``_visit``'s dicts), ``runs`` each."""
    from playwright.sync_api import sync_playwright

    httpd, base = serve(site)
    out = {name: {"cold": [], "warm": []} for name in ENGINES}
    try:
        with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
            for n in range(runs):
                for name, query in ENGINES.items():
                    context = p.chromium.launch_persistent_context(
                        Path(tmp) / f"{name}-{n}",
                        executable_path=CHROMIUM,
                        args=FLAGS,
                        headless=True,
                        viewport=VIEWPORT,
                        device_scale_factor=3,
                        is_mobile=True,
                        has_touch=True,
                        service_workers="block",
                    )
                    url = f"{base}/{CHAPTER}{query}"
                    out[name]["cold"].append(_visit(context, url))  # an empty cache
                    out[name]["warm"].append(_visit(context, url))  # the same cache, a new tab
                    context.close()
    finally:
        httpd.shutdown()
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
        f"{'engine':12} {'visit':5} {'to ready':>9} {'to score':>9} {'over the wire':>14}"
        f"   of which: Python and sources there, engine imported, workbook opened"
    )
    for name, by_visit in results.items():
        for visit, visits in by_visit.items():
            ran = {v["engine"] for v in visits}
            assert ran == {name.lower()}, f"{name} runs asked for, {ran} ran"
            print(
                f"{name:12} {visit:5} {_median(visits, 'ready'):8.2f}s "
                f"{_median(visits, 'scored'):8.2f}s {_median(visits, 'bytes') / 1000:11.0f} KB"
                f"   {_median(visits, 'python'):7.0f} ms {_median(visits, 'import'):7.0f} ms "
                f"{_median(visits, 'open'):6.0f} ms"
            )
    print(
        f"issue 16's targets: first score < {TARGET_COLD_S} s cold, < {TARGET_WARM_S} s warm, "
        f"< {TARGET_KB} KB"
    )


def startup_section(site: Path | None = None, runs: int = 3) -> None:
    """Start to first score on a phone's profile (gzip), MicroPython and Pyodide, cold and warm."""
    site = site or ROOT / "_build" / "html"
    if not (site / CHAPTER).is_file():
        sys.exit(f"no built site in {site}: jupyter-book build . first")
    report(measure(site, runs), runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--runs", type=int, default=3, help="runs per engine; the median is shown")
    args = parser.parse_args()
    startup_section(args.site, args.runs)


if __name__ == "__main__":
    main()
