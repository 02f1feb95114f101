"""A class on a JupyterHub: two learners follow the class link, draft a close, each keeps their own.

Starts a real JupyterHub on 127.0.0.1 (the DummyAuthenticator with a shared
password; SimpleLocalProcessSpawner, each learner's home in a temporary
folder; JupyterLab from this Python, with nbgitpuller), behind
configurable-http-proxy from npm. The class link points at a temporary clone
of this repository's committed HEAD (file://). Each learner logs in through
the real login form in headless Chromium, lands in the cloned notebooks, runs
the closing-question drafter and types a close; the test waits for each state
(text on the page, the workbook file's content), never for a moment. Then the
class report reads both workbooks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from lab_support import _free_port, lab_page, run_all
from npm_fetch import cache_base
from tests_support import wait_for_file

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "class-of-2027"
CHP_VERSION = "5.3.0"
CHP_CACHE = cache_base() / "chp"  # where .ci/run installs it
CLOSES = {
    "ana": (
        "Thank you for your time today. You need someone who can run scheduling for three sites, "
        "and I have done exactly that for two years, cutting overtime by a fifth. "
        "Do you see me succeeding in this role, and will you move me forward?"
    ),
    "ben": (
        "Thank you for today. You need a coordinator who keeps suppliers on time, and I cut late "
        "deliveries by a third in my last job. "
        "Based on today, do you see me succeeding in this role, and will you move me forward?"
    ),
}


def _proxy_command() -> str:
    """configurable-http-proxy: on PATH, in the cache, or installed there from npm."""
    found = shutil.which("configurable-http-proxy")
    if found:
        return found
    cached = CHP_CACHE / "node_modules" / ".bin" / "configurable-http-proxy"
    if not cached.exists():
        npm = shutil.which("npm")
        if not npm:
            pytest.fail("configurable-http-proxy is not installed and npm is not there to fetch it")
        CHP_CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(CHP_CACHE),
             f"configurable-http-proxy@{CHP_VERSION}"],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
    return str(cached)


def _clone_head(target: Path) -> Path:
    """A clone of this repository's committed HEAD, on a branch named main."""
    subprocess.run(["git", "clone", "--quiet", "--no-local", str(ROOT), str(target)], check=True)
    subprocess.run(["git", "-C", str(target), "checkout", "--quiet", "-B", "main"], check=True)
    return target


def _config(root: Path, port: int, proxy: str) -> Path:
    homes = root / "homes"
    config = root / "jupyterhub_config.py"
    config.write_text(
        f"""
import sys
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {_free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{_free_port()}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{root / "hub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(root / "cookie_secret")!r}
c.JupyterHub.pid_file = {str(root / "hub.pid")!r}
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {str(homes / "{username}")!r}
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
c.Spawner.args = ["--LabApp.news_url=", "--ServerApp.open_browser=False", "--allow-root"]
""",
        encoding="utf-8",
    )
    return config


@contextmanager
def running_hub(root: Path):
    """A JupyterHub on 127.0.0.1; yields its base URL and the folder of learners' homes."""
    port = _free_port()
    config = _config(root, port, _proxy_command())
    env = {k: v for k, v in os.environ.items() if k != "CLOSING_KIT_HOME"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    log = open(root / "hub.log", "w")  # noqa: SIM115  (closed below)
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(config)],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/hub/api/", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                log.close()
                tail = (root / "hub.log").read_text()[-3000:]
                pytest.fail(f"JupyterHub did not start within 60 s:\n{tail}")
            time.sleep(0.3)
    try:
        yield base, root / "homes"
    finally:
        proc.terminate()  # the hub stops the proxy and the user servers it started
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _learner_drafts_a_close(page, base: str, link: str, user: str, close: str, shots: Path):
    page.goto(link)
    page.wait_for_selector("#username_input", timeout=30_000)
    page.fill("#username_input", user)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    # The hub starts their server; nbgitpuller clones the course and opens the notebooks.
    page.wait_for_url(f"**/user/{user}/lab/tree/closing-kit/notebooks**", timeout=90_000)
    run_all(
        page, f"{base}/user/{user}", "closing-kit/notebooks/05-closing-question-drafter.ipynb",
        ".ck-exercise textarea", shots,
    )  # fmt: skip
    page.get_by_role("textbox", name="Your close").fill(close)
    page.wait_for_selector("text=100/100", timeout=30_000)


def test_two_learners_follow_the_class_link_and_keep_their_own_work(tmp_path):
    """Each learner's close lands in their own home's workbook; the class report reads both."""
    from playwright.sync_api import sync_playwright

    from closing_kit.classroom.links import class_link
    from closing_kit.classroom.report import build_report

    repo = _clone_head(tmp_path / "course" / "closing-kit")
    (tmp_path / "hub").mkdir()
    with running_hub(tmp_path / "hub") as (base, homes):
        link = class_link(base, repo.as_uri(), "main")
        with sync_playwright() as p:
            for user, close in CLOSES.items():
                with lab_page(p) as page:
                    _learner_drafts_a_close(page, base, link, user, close, tmp_path)
                workbook = (
                    homes / user / "closing-kit" / "notebooks" / "my-work" / "my-interview.json"
                )
                wait_for_file(workbook, lambda wb, c=close: wb["practice"]["closing"]["draft"] == c)
        collected = tmp_path / "collected"
        collected.mkdir()
        for user, close in CLOSES.items():
            mine = homes / user / "closing-kit" / "notebooks" / "my-work" / "my-interview.json"
            data = wait_for_file(mine, lambda wb: True)
            others = [c for u, c in CLOSES.items() if u != user]
            assert data["practice"]["closing"]["draft"] == close
            assert all(c not in mine.read_text(encoding="utf-8") for c in others)
            shutil.copy(mine, collected / f"{user}.json")
    report = build_report(collected)
    assert [learner.name for learner in report.data.learners] == ["ana", "ben"]
    assert not report.data.skipped
