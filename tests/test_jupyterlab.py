"""The learner's path in real JupyterLab: open a practice notebook, run it, type, get saved.

Starts JupyterLab on 127.0.0.1 with the notebooks copied to a temporary
folder, drives it with Debian's headless Chromium, and checks that what the
learner typed reaches their work file.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from tests_support import CHROMIUM, FLAGS

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CLOSE = (
    "Thank you for your time today. You need someone who can run scheduling for three sites, "
    "and I have done exactly that for two years, cutting overtime by a fifth. "
    "Do you see me succeeding in this role, and will you move me forward?"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
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
    yield base, home
    proc.terminate()
    proc.wait(timeout=30)


def test_learner_drafts_a_close_in_jupyterlab_and_it_is_saved(lab):
    base, home = lab
    base_dir = home.parent
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:"))
                else route.abort()
            ),
        )
        page.goto(f"{base}/lab/tree/05-closing-question-drafter.ipynb")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        # A fresh JupyterLab may ask which kernel to use: take the one it offers.
        select = page.get_by_role("button", name="Select", exact=True)
        try:
            select.wait_for(timeout=10_000)
            select.click()
        except PlaywrightTimeout:
            pass
        # Wait for the kernel, then Run > Run All Cells, as a learner would.
        page.wait_for_selector(
            ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000
        )
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_text("Run All Cells", exact=True).click()
        # JupyterLab only draws cells near the viewport: scroll down as a learner would.
        deadline = time.monotonic() + 60
        while not page.locator(".widget-textarea textarea").count():
            if time.monotonic() > deadline:
                page.screenshot(path=str(base_dir / "jupyterlab-failure.png"))
                pytest.fail(f"the drafter never appeared (screenshot in {base_dir})")
            page.locator(".jp-WindowedPanel-outer").first.evaluate(
                "e => e.scrollTop = e.scrollHeight"
            )
            page.wait_for_timeout(500)
        drafts = page.locator(".widget-textarea textarea")
        assert drafts.count() == 2  # the job ad and the close
        drafts.nth(1).fill(CLOSE)
        page.wait_for_selector("text=100/100, Strong", timeout=30_000)
        saved = home / "closing-drafts.json"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not saved.exists():
            time.sleep(0.2)
        assert json.loads(saved.read_text())["draft"] == CLOSE
        page.get_by_role("button", name="Save this version").click()
        page.wait_for_selector("text=Save two versions to compare them", timeout=10_000)
        assert len(json.loads(saved.read_text())["versions"]) == 1
        browser.close()
