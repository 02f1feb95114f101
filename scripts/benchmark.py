"""Measure the build, what a reader downloads and the test suite. Not a test: it prints figures.

    python scripts/benchmark.py            # build times, site size, page weights
    python scripts/benchmark.py --suite    # also the whole test suite (long)

Reports: a clean build with an empty npm cache (first build on a machine),
a clean build with the widget scripts cached, a rebuild with nothing
changed, a rebuild after one chapter changed, the built site's size, and the
bytes a reader's browser fetches to open each page (from headless Chromium,
with what dominates). With ``--suite``: the wall time of ``python3 -m pytest``
on this machine, and of the quick loop ``python3 -m pytest -m "not slow"``.
With ``--startup``: live practice's start on a phone's profile, MicroPython
against Pyodide (``benchmark_startup.py``).

Each section is one function in ``SECTIONS`` (name, what it measures,
whether it runs by default); add a figure by adding a function there.
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmark_engine import engine_section
from benchmark_lite import lite_section
from benchmark_startup import startup_section
from book_copy import EXECUTION_CACHE, ROOT, build_command, copy_book
from browser_waits import WORKERS_INSTALLED
from chromium import CHROMIUM, FLAGS
from site_server import SiteServer


def timed_build(book: Path, env=None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        build_command(book),
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    if proc.returncode:
        sys.exit(proc.stdout[-3000:] + proc.stderr[-3000:])
    return time.perf_counter() - start


def human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"


def page_weights(site: Path) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """Per page: the bytes a fresh browser receives (gzipped, as a host sends them)."""
    from playwright.sync_api import sync_playwright

    server = SiteServer(site)
    base = server.url
    pages = sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        # Not lite/: JupyterLite's own app pages (benchmark_lite.py measures them).
        if not {"_static", "lite"} & set(p.relative_to(site).parts)
        and p.name not in {"genindex.html", "search.html"}
    )
    out = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for rel in pages:
            context = browser.new_context()
            page = context.new_page()
            finished = []
            page.on("requestfinished", lambda r, finished=finished: finished.append(r))
            page.goto(f"{base}/{rel}", wait_until="networkidle")
            sizes = {
                r.url.split("?")[0].replace(base, ""): r.sizes()["responseBodySize"]
                for r in finished
            }
            context.close()
            top = sorted(sizes.items(), key=lambda kv: -kv[1])[:3]
            out.append((rel, sum(sizes.values()), top))
        browser.close()
    server.stop()
    return out


def build_section() -> None:
    """Build times, the built site's size and what a reader downloads per page."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        cold = copy_book(tmp / "cold")
        t_cold = timed_build(cold, {"CLOSING_KIT_CACHE": str(tmp / "npm-cache")})
        warm = copy_book(tmp / "warm")
        t_clean = timed_build(warm)
        t_cached = timed_build(warm)
        chapter = warm / "book" / "05-close-the-sale.md"
        chapter.write_text(chapter.read_text() + "\n")
        t_one = timed_build(warm)
        site = warm / "_build" / "html"
        files = [p for p in site.rglob("*") if p.is_file()]
        by_kind = collections.Counter()
        for f in files:
            by_kind[f.suffix or "(none)"] += f.stat().st_size
        total = sum(by_kind.values())

        print("## Build (jupyter-book build -W -n --keep-going)")
        print(f"clean build, empty npm cache (first build):  {t_cold:6.1f} s")
        print(f"clean build, widget scripts cached:         {t_clean:6.1f} s")
        print(f"rebuild, nothing changed:                   {t_cached:6.1f} s")
        print(f"rebuild, one chapter changed:               {t_one:6.1f} s")
        print()
        print(f"## Built site: {human(total)} in {len(files)} files")
        for suffix, size in by_kind.most_common(6):
            print(f"  {suffix:8} {human(size):>9}")
        print()
        print("## What a reader downloads to open a page (fresh browser, no cache, gzip)")
        for rel, size, top in page_weights(site):
            biggest = ", ".join(f"{Path(u).name} {human(s)}" for u, s in top)
            print(f"  {rel:50} {human(size):>9}   largest: {biggest}")


def live_section() -> None:
    """Live practice in headless Chromium: Start to first feedback, cold and warm, and bytes."""
    from playwright.sync_api import sync_playwright

    site = ROOT / "_build" / "html"
    with tempfile.TemporaryDirectory() as tmp:
        if not list(site.glob("_static/live/closing-kit-engine-*.json")):
            book = copy_book(Path(tmp) / "book")
            timed_build(book)
            site = book / "_build" / "html"

        server = SiteServer(site)  # gzip, as a host sends it; counts the bytes it sends
        url = f"{server.url}/book/05-close-the-sale.html"
        close = (
            "Thank you for today. I led a team of five and cut costs by 20%. "
            "Do you see me succeeding in this role?"
        )

        # The site's service worker stores the offline copy right after the first page
        # loads (a chapter registers only the site's; notebook pages, JupyterLite's too).
        # Start is timed once it has.
        workers = int((site / "sw.js").is_file())
        visits = []

        def start(page) -> tuple[float, float, int]:
            server.reset()
            page.goto(url, wait_until="networkidle")
            page.evaluate(WORKERS_INSTALLED, [workers, 120_000])
            visits.append(server.sent)
            server.reset()
            live = page.locator(".ck-live")
            t0 = time.perf_counter()
            live.get_by_role("button", name="Start practicing").click()
            page.wait_for_function(
                "document.querySelector('.ck-live [role=status]').textContent.trim() !== ''",
                timeout=120_000,
            )
            ready = time.perf_counter() - t0
            t1 = time.perf_counter()
            live.get_by_role("textbox", name="Your close").fill(close)
            page.wait_for_function(
                "/\\d+\\/100/.test(document.querySelector('.ck-live [role=status]').textContent)"
            )
            scored = time.perf_counter() - t1
            return ready, scored, server.sent

        cold, warm = [], []
        with sync_playwright() as p:
            for n in range(3):
                # A profile on disk, as a reader's browser has: its HTTP and code caches.
                context = p.chromium.launch_persistent_context(
                    Path(tmp) / f"profile-{n}",
                    executable_path=CHROMIUM,
                    args=FLAGS,
                    headless=True,
                )
                cold.append(start(context.new_page()))  # an empty cache
                warm.append(start(context.new_page()))  # the same cache, a new visit
                context.close()
        server.stop()

    def median(runs, i):
        return sorted(r[i] for r in runs)[len(runs) // 2]

    print("## Live practice (headless Chromium, localhost, gzip, median of 3)")
    print("press Start to first feedback shown (MicroPython, engine, workbook opened):")
    print(f"  cold (empty browser cache):  {median(cold, 0):5.2f} s   target < 10 s")
    print(f"  warm (cached):               {median(warm, 0):5.2f} s   target < 3 s")
    print(f"a first close typed to its score (incl. 0.25 s debounce): {median(cold, 1):5.2f} s")
    print(f"downloaded for Start, cold: {human(median(cold, 2))}; warm: {human(median(warm, 2))}")
    first = sorted(visits[::2])[len(visits[::2]) // 2]
    print(f"first visit to a chapter, page and offline copy (service workers): {human(first)}")


def _timed_pytest(*args: str) -> tuple[float, str]:
    """Wall time of ``python3 -m pytest *args`` in the repository, and its summary line."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    summary = lines[-1].strip("= ") if lines else f"exit status {proc.returncode}"
    return seconds, summary


def suite_section() -> None:
    """The whole test suite, as the README runs it, and the quick loop."""
    cached = (ROOT / EXECUTION_CACHE / "global.db").is_file()
    t_all, all_summary = _timed_pytest()
    t_quick, quick_summary = _timed_pytest("-m", "not slow")
    print("## Test suite (wall time, this machine)")
    note = "seeded from _build/" if cached else "none: every notebook is executed"
    print(f"notebook execution cache for the test build: {note}")
    print(f"python3 -m pytest:                   {t_all:6.1f} s   {all_summary}")
    print(f'python3 -m pytest -m "not slow":     {t_quick:6.1f} s   {quick_summary}')


#: The report's sections, in order: (name, function, runs without being asked).
#: A new figure (the feedback CLI's latency, import times, ...) is one more
#: function here; the command line gets ``--<name>`` for it automatically.
SECTIONS = [
    ("build", build_section, True),
    ("suite", suite_section, False),
    ("engine", engine_section, True),
    ("live", live_section, True),
    # issue 16's phone profile, MicroPython against Pyodide (scripts/benchmark_startup.py)
    ("startup", startup_section, False),
    ("lite", lite_section, True),
]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name, function, default in SECTIONS:
        if not default:
            parser.add_argument(f"--{name}", action="store_true", help=function.__doc__)
    parser.add_argument(
        "--only",
        choices=[name for name, _, _ in SECTIONS],
        action="append",
        help="run only these sections (repeatable)",
    )
    args = parser.parse_args(argv)
    chosen = [
        (name, function)
        for name, function, default in SECTIONS
        if (name in args.only if args.only else default or getattr(args, name, False))
    ]
    print("# closing-kit benchmark")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for _, function in chosen:
        print()
        function()


if __name__ == "__main__":
    main()
