"""Shared fixtures: one book build per test run, shared by every xdist worker.

Also marks the slow tests (the book build and everything that reads it, the
browser tests, the notebooks nbval runs), so ``python3 -m pytest -m "not slow"``
runs the units and widget tests alone in about half a minute.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT / "book" / "_ext", ROOT / "scripts"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from book_copy import build_command, copy_book, seed_execution_cache  # noqa: E402
from chromium import INSTALL, installed  # noqa: E402
from tests_support import plant_strays  # noqa: E402

# Notebooks run by nbval save the learner's work here, never into notebooks/.
os.environ.setdefault("CLOSING_KIT_HOME", tempfile.mkdtemp(prefix="closing-kit-home-"))


def _build(target: Path) -> dict:
    """Copy the book to ``target/src`` and build it with warnings as errors.

    The copy also holds what a user may keep in a clone (a .venv/, a venv/,
    notes.md, a scratch notebook, ...; see ``tests_support.stray_files``), so
    ``test_build_has_no_warnings`` proves the build never reads them. The
    notebooks' execution cache starts from the repository's, when the
    README's build made one: CI then executes every notebook once.
    """
    src = copy_book(target / "src")
    strays = plant_strays(src)
    seeded = seed_execution_cache(src)
    start = time.perf_counter()
    proc = subprocess.run(build_command(src), capture_output=True, text=True, timeout=1200)
    return {
        "returncode": proc.returncode,
        "output": proc.stdout + proc.stderr,
        "html": str(src / "_build" / "html"),
        "strays": sorted(strays),
        "cache_seeded": seeded,
        "seconds": round(time.perf_counter() - start, 1),
    }


@pytest.fixture(scope="session")
def built_book(tmp_path_factory, worker_id) -> dict:
    """Build the book once for the whole run (all workers), in a temporary copy."""
    # Under xdist each worker's base temp is a child of this run's folder.
    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent
    result_file = shared / "book-build.json"
    with FileLock(str(shared / "book-build.lock")):
        if not result_file.exists():
            target = shared / "book"
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            result_file.write_text(json.dumps(_build(target)))
    result = json.loads(result_file.read_text())
    result["html"] = Path(result["html"])
    return result


@pytest.fixture(scope="session")
def site(built_book) -> Path:
    """The built site's folder; fails (not skips) when the build failed."""
    assert built_book["returncode"] == 0, built_book["output"][-5000:]
    return built_book["html"]


@pytest.fixture(scope="module")
def server(site) -> str:
    """The built site served on 127.0.0.1 (gzip, as a host serves it): its base URL."""
    from browser_support import serve

    yield from serve(site)


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, quiet flags; a test opens its own contexts in it."""
    from browser_support import launch

    yield from launch()


def _toc_notebooks() -> set[Path]:
    """The notebooks the table of contents lists: the course's, as opposed to a learner's own."""
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    return {(ROOT / f"{name}.ipynb").resolve() for name in re.findall(r"notebooks/[\w.-]+", toc)}


class _Notebooks:
    """Hooks for the notebooks nbval runs.

    A conftest's own hooks only see the files under its folder, and the
    notebooks are in notebooks/, so these are registered as a plugin for the
    whole run (``pytest_configure`` below).
    """

    def __init__(self) -> None:
        self.homes: dict[Path, str] = {}
        self.course = _toc_notebooks()

    def pytest_ignore_collect(self, collection_path, config):
        """nbval runs the course's notebooks: a scratch notebook kept in notebooks/ is skipped.

        The build ignores it too (only_build_toc_files); a course notebook
        missing from _toc.yml fails test_toc_lists_only_notebooks_that_exist.
        """
        path = Path(collection_path).resolve()
        if path.suffix == ".ipynb" and path.parent == self.notebooks_dir:
            return path not in self.course or None
        return None

    notebooks_dir = (ROOT / "notebooks").resolve()

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        """Each notebook gets its own empty work folder, set before its kernel starts.

        The exercises save the learner's work there; a fresh folder per notebook
        keeps the outputs nbval compares independent of which notebook ran first.
        """
        path = Path(item.path)
        if path.suffix == ".ipynb" and path not in self.homes:
            self.homes[path] = tempfile.mkdtemp(prefix="closing-kit-notebook-")
            os.environ["CLOSING_KIT_HOME"] = self.homes[path]


#: What a test module that drives Chromium says in its source.
_BROWSER_WORDS = ("browser_support", "lab_support", "CHROMIUM")


def _drives_chromium(path: Path) -> bool:
    if path.is_dir():
        return any(_drives_chromium(f) for f in path.glob("test_*.py"))
    if path.suffix != ".py" or not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    return any(word in text for word in _BROWSER_WORDS)


def pytest_sessionstart(session):
    """A run that needs Chromium on a machine without it stops at once, in one line
    saying what to install (not 50 Playwright tracebacks later). It is a failure,
    never a skip: the browser checks are part of the suite."""
    config = session.config
    if hasattr(config, "workerinput") or installed():
        return
    marks = config.option.markexpr or ""
    if "not slow" in marks or "not browser" in marks:
        return
    if not any(_drives_chromium(ROOT / a.split("::")[0]) for a in config.args):
        return
    raise pytest.UsageError(  # printed as one "ERROR:" line; the run exits with 4
        f"{INSTALL}; the browser tests need it, and "
        '`python3 -m pytest -m "not slow"` runs the rest without it'
    )


def pytest_configure(config):
    if not config.pluginmanager.has_plugin("closing-kit-notebooks"):
        config.pluginmanager.register(_Notebooks(), "closing-kit-notebooks")


#: Fixtures that need the whole book built: a test using one is slow.
BOOK_FIXTURES = {"built_book", "site"}


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    """Mark as ``slow`` the notebooks, the browser tests and whatever needs the built book.

    A notebook's cells also form one xdist group (``--dist loadgroup``), so they
    run in order in one kernel rather than split between workers.
    """
    slow = pytest.mark.slow
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.xdist_group(item.path.name))
        if (
            item.path.suffix == ".ipynb"
            or item.get_closest_marker("browser")
            or BOOK_FIXTURES & set(getattr(item, "fixturenames", ()))
        ):
            item.add_marker(slow)
