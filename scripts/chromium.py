"""Which Chromium drives the browser tests and the benchmarks, and its quiet flags.

One place for both (``tests/tests_support.py`` re-exports them): Debian's
``/usr/bin/chromium`` unless ``$CLOSING_KIT_CHROMIUM`` names another, launched
with the flags that keep it quiet on a closed network.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM = os.environ.get("CLOSING_KIT_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
#: Every host but this machine fails to resolve: the browser is offline, and unlike a
#: Playwright route (which turns the HTTP cache off) this keeps the cache as a reader's.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
#: Where a page may go without the internet.
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")
#: What to do about a missing Chromium, in one line.
INSTALL = (
    f"{CHROMIUM} not found: install Debian's Chromium (sudo apt-get install chromium; "
    ".ci/run does this) or name another in CLOSING_KIT_CHROMIUM"
)


def installed() -> bool:
    """Is the Chromium the tests and benchmarks launch on this machine?"""
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None
