"""Shared by the browser tests: which Chromium, and the flags that keep it quiet offline."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CLOSING_KIT_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
