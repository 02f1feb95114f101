"""Practice out loud's costs, on the built site. Not a test: it prints.

    python scripts/benchmark_recorder.py [--site _build/html] [--runs 5] [--minute]

Chromium is given a WAV as its microphone (espeak-ng speech with known
silences, ``tests/speech_wav.py``). Measured on chapter 5's drafter, served
from 127.0.0.1 with gzip (``site_server.SiteServer``):

- **press to recording**: from the press of "Record it" to MediaRecorder's
  ``start`` event (performance marks ``ck-rec-press`` and ``ck-rec-recording``,
  set by recorder.js), each run a fresh page, the microphone allowed;
- **bytes before use**: what a page carries for the recorder before anyone
  opens it: the recorder's markup in the page and the hook in live.js (gzip,
  against main's live.js), and what the page fetches before "Practice out
  loud" (recorder.js must not be among it); then recorder.js itself, fetched
  on first use (gzip, as the server sent it);
- **a one-minute take** (``--minute``; one real minute): the bytes of a
  60-second take in the browser's format (the WAV looped as the microphone).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

import speech_wav  # noqa: E402
from chromium import CHROMIUM, FLAGS  # noqa: E402
from site_server import SiteServer  # noqa: E402

PAGE = "book/05-close-the-sale.html"
LIVE_JS = "book/_ext/static/live/live.js"


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def _browser(p, wav: Path, loop: bool):
    tail = "" if loop else "%noloop"
    args = [*FLAGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-audio-capture={wav}{tail}"]  # fmt: skip
    return p.chromium.launch(executable_path=CHROMIUM, args=args, headless=True)


def _start(page, url: str):
    page.goto(url, wait_until="load")
    live = page.locator(".ck-live").first
    live.get_by_role("button", name="Start practicing").click()
    live.get_by_role("textbox", name="Your close").wait_for(timeout=120_000)
    live.get_by_role("textbox", name="Your close").fill(speech_wav.TEXT)
    return live


def press_to_recording(p, wav: Path, url: str, runs: int) -> list[float]:
    browser = _browser(p, wav, loop=True)
    times = []
    for _ in range(runs):
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        live = _start(page, url)
        live.get_by_role("button", name="Practice out loud").click()
        live.get_by_role("button", name="Record it").click()
        live.get_by_role("button", name="Stop recording").wait_for()
        times.append(
            page.evaluate(
                "performance.getEntriesByName('ck-rec-recording')[0].startTime"
                " - performance.getEntriesByName('ck-rec-press')[0].startTime"
            )
        )
        context.close()
    browser.close()
    return times


def before_use(p, wav: Path, url: str, site: Path) -> dict:
    html = (site / PAGE).read_bytes()
    panels = re.findall(rb'<div class="ck-live-recorder".*?</div></div>', html, flags=re.S)
    main_js = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"main:{LIVE_JS}"], capture_output=True, check=True
    ).stdout
    now_js = (site / "_static" / "live" / "live.js").read_bytes()
    browser = _browser(p, wav, loop=True)
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    fetched = []
    page.on("requestfinished", lambda r: fetched.append(r))
    live = _start(page, url)
    before = [r.url for r in fetched]
    live.get_by_role("button", name="Practice out loud").click()
    live.get_by_role("button", name="Record it").wait_for()
    module = [r for r in fetched if r.url.split("?")[0].endswith("/recorder.js")]
    sent = module[0].sizes()["responseBodySize"] if module else None
    context.close()
    browser.close()
    return {
        "markup_bytes": sum(len(x) for x in panels),
        "markup_gzip_in_page": _gz(html)
        - _gz(re.sub(rb'<div class="ck-live-recorder".*?</div></div>', b"", html, flags=re.S)),
        "live_js_hook_gzip": _gz(now_js) - _gz(main_js),
        "recorder_fetched_before_use": any("recorder.js" in u for u in before),
        "recorder_js_gzip_on_first_use": sent,
        "recorder_js_bytes": (site / "_static" / "live" / "recorder.js").stat().st_size,
    }


def one_minute(p, wav: Path, url: str) -> int:
    browser = _browser(p, wav, loop=True)
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    live = _start(page, url)
    live.get_by_role("button", name="Practice out loud").click()
    live.get_by_role("button", name="Record it").click()
    page.wait_for_function(
        "() => /Recording: (6[0-9]|[7-9][0-9]) s/.test("
        "document.querySelector('.ck-live [data-rec=clock]').textContent)",
        timeout=120_000,
    )
    live.get_by_role("button", name="Stop recording").click()
    live.locator('[data-region="spoken"]').get_by_text("You spoke for").wait_for(timeout=60_000)
    size = page.evaluate(
        """() => new Promise((resolve) => {
          const open = indexedDB.open('closing-kit-takes');
          open.onsuccess = () => {
            const all = open.result.transaction('takes').objectStore('takes').getAll();
            all.onsuccess = () => resolve(all.result.map((t) => [t.type, t.bytes.byteLength]));
          };
        })"""
    )
    wb = json.loads(page.evaluate("localStorage.getItem('closing-kit-workbook')"))
    seconds = wb["practice"]["takes"][-1]["length_ms"] / 1000
    context.close()
    browser.close()
    kind, n = size[-1]
    return {
        "type": kind,
        "bytes": n,
        "seconds": seconds,
        "bytes_per_minute": round(n * 60 / seconds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--minute", action="store_true", help="also record one real minute")
    args = parser.parse_args()
    if not (args.site / PAGE).is_file():
        sys.exit(f"{args.site / PAGE} not found: build the book first (jupyter-book build .)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, SiteServer(args.site) as server:
        wav, _ = speech_wav.make(Path(tmp))
        url = f"{server.url}/{PAGE}"
        with sync_playwright() as p:
            times = press_to_recording(p, wav, url, args.runs)
            print(f"press to recording: median {statistics.median(times):.0f} ms "
                  f"(runs: {', '.join(f'{t:.0f}' for t in times)})")  # fmt: skip
            print("before use:", json.dumps(before_use(p, wav, url, args.site)))
            if args.minute:
                print("one-minute take:", json.dumps(one_minute(p, wav, url)))


if __name__ == "__main__":
    main()
