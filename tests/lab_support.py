"""Real JupyterLab for the learner's-path tests: start it on 127.0.0.1, open and run a notebook.

Every wait here waits for a state (a server answering, a widget on the
page), never for a fixed moment.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from tests_support import CHROMIUM, FLAGS

ROOT = Path(__file__).resolve().parent.parent
#: A strong close the learner's-path tests type into the drafter.
CLOSE = (
    "Thank you for your time today. You need someone who can run scheduling for three sites, "
    "and I have done exactly that for two years, cutting overtime by a fifth. "
    "Do you see me succeeding in this role, and will you move me forward?"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_lab(root: Path):
    """JupyterLab serving a copy of ``notebooks/`` in ``root``; yields (base URL, work folder)."""
    shutil.copytree(
        ROOT / "notebooks", root / "notebooks", ignore=shutil.ignore_patterns("my-work")
    )
    home = root / "learner-work"
    port = _free_port()
    env = {**os.environ, "CLOSING_KIT_HOME": str(home), "JUPYTER_CONFIG_DIR": str(root / "cfg")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
         f"--port={port}", "--ServerApp.ip=127.0.0.1", "--ServerApp.token=",
         "--ServerApp.password=", f"--ServerApp.root_dir={root / 'notebooks'}",
         "--LabApp.news_url=", "--ServerApp.disable_check_xsrf=True"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/api/status", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("JupyterLab did not start within 90 s")
    try:
        yield base, home
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@contextmanager
def lab_page(playwright, viewport=(1400, 1000)):
    """A Chromium page that may reach 127.0.0.1 only."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:"))
            else route.abort()
        ),
    )
    try:
        yield page
    finally:
        browser.close()


def run_all(page, base: str, notebook: str, until: str, shots: Path, workspace: str = "") -> None:
    """Open ``notebook``, run all cells as a learner would, and scroll until ``until`` shows.

    ``until`` is a CSS selector for something the exercise draws. Pages open at once
    each name their own ``workspace``, so neither restores the other's tabs.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    where = f"workspaces/{workspace}/tree" if workspace else "tree"
    page.goto(f"{base}/lab/{where}/{notebook}")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    # A fresh JupyterLab may ask which kernel to use: take the one it offers.
    select = page.get_by_role("button", name="Select", exact=True)
    try:
        select.wait_for(timeout=10_000)
        select.click()
    except PlaywrightTimeout:
        pass
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_text("Run All Cells", exact=True).click()
    # JupyterLab only draws cells near the viewport: scroll down as a learner would.
    deadline = time.monotonic() + 90
    while not page.locator(until).count():
        if time.monotonic() > deadline:
            page.screenshot(path=str(shots / "jupyterlab-failure.png"))
            pytest.fail(f"{until} never appeared in {notebook} (screenshot in {shots})")
        page.locator(".jp-WindowedPanel-outer").first.evaluate("e => e.scrollTop = e.scrollHeight")
        page.wait_for_timeout(300)
