"""Copy the book's sources to a folder and build them there.

Shared by the tests (which build in a temporary copy, so a build never
touches the working tree) and by the benchmark.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: What the book is built from: the same files the README's build uses.
BOOK_FILES = ["_config.yml", "_toc.yml", "book", "notebooks"]

#: `jupyter-book build` through this Python, warnings as errors.
BUILD = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build"]
BUILD_FLAGS = ["-W", "-n", "--keep-going"]


def copy_book(dest: Path) -> Path:
    """Copy the book's sources (no build output, no learner work) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("_build", ".ipynb_checkpoints", "my-work", "__pycache__")
    for name in BOOK_FILES:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, dest / name, ignore=ignore)
        else:
            shutil.copy2(origin, dest / name)
    return dest


#: Where myst-nb keeps executed notebooks (``execute_notebooks: cache``).
EXECUTION_CACHE = Path("_build") / ".jupyter_cache"


def seed_execution_cache(dest: Path, origin: Path = ROOT) -> bool:
    """Start ``dest``'s execution cache from ``origin``'s, if ``origin`` has one.

    After the README's build, CI's test build then runs no notebook a second
    time. This is honest: jupyter-cache looks outputs up by a hash of each
    notebook's code (and kernel), so a notebook whose code differs is run
    again. Outputs depend on the package too: a cache kept across changes to
    src/ is refreshed by deleting ``_build/.jupyter_cache``.
    """
    cache = origin / EXECUTION_CACHE
    if not (cache / "global.db").is_file():
        return False
    shutil.copytree(cache, dest / EXECUTION_CACHE, dirs_exist_ok=True)
    return True


def build_command(book: Path) -> list[str]:
    return [*BUILD, str(book), *BUILD_FLAGS]
