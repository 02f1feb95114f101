"""Lighthouse 12.2.3 on each kind of page, as a phone meets it. Not a test: it prints figures.

    python scripts/benchmark_lighthouse.py [--site _build/html] [--runs 1]

The built site is served from 127.0.0.1 with gzip (as any real host serves
it; Python's own server compresses nothing), and Lighthouse's default mobile
profile (simulated 4x CPU slowdown, 1.6 Mbit/s, 150 ms round trip) measures a
prose chapter, a practice page, the home page and the role-play. For each it
prints performance, accessibility, best practices and SEO, with the largest
contentful paint and total blocking time, and the audits that lost points.

Lighthouse is npm ``lighthouse@12.2.3`` (13 needs Node 22), installed once under
``~/.cache/closing-kit/lighthouse`` (``$CLOSING_KIT_LIGHTHOUSE`` overrides):
``npm i -E --prefix ~/.cache/closing-kit/lighthouse lighthouse@12.2.3``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from chromium import CHROMIUM
from site_server import SiteServer

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_HOME = Path.home() / ".cache" / "closing-kit" / "lighthouse"
LIGHTHOUSE = Path(
    os.environ.get("CLOSING_KIT_LIGHTHOUSE")
    or LIGHTHOUSE_HOME / "node_modules" / ".bin" / "lighthouse"
)
#: kind of page -> its path in the built site.
PAGES = {
    "prose chapter": "book/05-close-the-sale.html",
    "practice page": "notebooks/05-closing-question-drafter.html",
    "home page": "book/index.html",
    "role-play": "notebooks/09-final-five-minutes-role-play.html",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse(url: str) -> dict:
    """One Lighthouse run (mobile profile, the default) of ``url``: its JSON report."""
    with tempfile.TemporaryDirectory(prefix="ck-lh-") as tmp:
        out = Path(tmp) / "report.json"
        proc = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--chrome-flags=--headless --no-sandbox --user-data-dir={tmp}/profile",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode or not out.is_file():
            sys.exit(f"lighthouse failed on {url}: {proc.stderr.strip()[-2000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def summary(report: dict) -> dict:
    cats = report["categories"]
    audits = report["audits"]
    lost = sorted(
        f"{a['id']} ({a['score']:.2f})"
        for c in CATEGORIES
        for ref in cats[c]["auditRefs"]
        if ref["weight"] > 0 and (a := audits[ref["id"]])["score"] is not None and a["score"] < 0.9
    )
    return {
        **{c: round(cats[c]["score"] * 100) for c in CATEGORIES},
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "lost": lost,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is shown")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} not found: npm i -E --prefix {LIGHTHOUSE_HOME} lighthouse@12.2.3")
    if not (args.site / PAGES["home page"]).is_file():
        sys.exit(f"no built site in {args.site}: jupyter-book build . first")
    with SiteServer(args.site) as server:  # gzip, as a host serves it
        base = server.url
        print(f"Lighthouse 12.2.3, mobile profile, gzip, {args.runs} run(s) a page, median")
        print(f"{'page':15} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'LCP':>7} {'TBT':>7}")
        for kind, rel in PAGES.items():
            runs = sorted(
                (summary(lighthouse(f"{base}/{rel}")) for _ in range(args.runs)),
                key=lambda r: r["performance"],
            )
            r = runs[len(runs) // 2]
            print(
                f"{kind:15} {r['performance']:4} {r['accessibility']:4} "
                f"{r['best-practices']:4} {r['seo']:4} {r['lcp_s']:6.1f}s {r['tbt_ms']:5.0f}ms"
                f"  {rel}"
            )
            for audit in r["lost"]:
                print(f"{'':15}   lost: {audit}")


if __name__ == "__main__":
    main()
