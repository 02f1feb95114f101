"""Shared by the tests: which Chromium and its quiet flags, waiting for a file, stray files."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# One definition, shared with the benchmarks (scripts/chromium.py); re-exported here.
from chromium import CHROMIUM, FLAGS  # noqa: F401


def wait_for_file(
    path: str | os.PathLike[str],
    predicate: Callable[[Any], bool] = lambda data: True,
    timeout: float = 30.0,
    interval: float = 0.1,
) -> Any:
    """Wait until ``path`` holds JSON for which ``predicate`` is true; return that data.

    A file still being written (missing, empty, cut short) is read again, and
    so is one the check cannot read yet (``predicate`` raising ``KeyError``,
    ``IndexError`` or ``TypeError``), until ``timeout`` seconds have passed;
    then the test fails showing the last content seen, so a wrong value is
    told apart from a file never written.
    """
    path = Path(path)
    deadline = time.monotonic() + timeout
    last = "the file was never created"
    while True:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            pass
        except OSError as err:
            last = f"unreadable: {err}"
        else:
            try:
                data = json.loads(text)
            except json.JSONDecodeError as err:
                last = f"not (yet) valid JSON ({err}): {text[:2000]!r}"
            else:
                shown = json.dumps(data, indent=2, ensure_ascii=False)[:2000]
                try:
                    if predicate(data):
                        return data
                    last = shown
                except (KeyError, IndexError, TypeError) as err:  # a key not written yet
                    last = f"{shown}\n(the check raised {err!r})"
        if time.monotonic() >= deadline:
            raise AssertionError(
                f"{path}: no JSON matching the expectation after {timeout:g} s; last seen:\n{last}"
            )
        time.sleep(interval)


_BROKEN_MYST = """\
# {marker}

```{{this-directive-does-not-exist}}
Sphinx would warn here.
```

See {{ref}}`a-label-nobody-defined` and [a missing page](missing-page.md).

```{{toctree}}
missing-page
```
"""

_BROKEN_RST = """\
{marker}
{underline}

.. this-directive-does-not-exist::

See :ref:`a-label-nobody-defined` and :doc:`missing-page`.

.. toctree::

   missing-page
"""

_PYVENV_CFG = "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n"


def _notebook(marker: str) -> str:
    """A valid notebook that fails its build if it is ever read or run."""
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": f"# {marker}\n\n{{ref}}`nowhere`"},
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": f"raise RuntimeError({marker!r})",
        },
    ]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = {"cells": cells, "metadata": {"kernelspec": kernel}, "nbformat": 4}
    return json.dumps({**notebook, "nbformat_minor": 5})


def stray_files() -> dict[str, str]:
    """What a user may keep in a clone, none of it part of the book: path -> content.

    Each file carries a marker (its own path) so a test can look for it in the
    built site; the Markdown and reST are broken in ways ``-W -n`` reports, and
    one notebook is not even JSON.
    """
    files = {}
    site_packages = [
        ".venv/lib/python3.11/site-packages/somepkg",  # the README's own venv
        "venv/lib/python3.11/site-packages/otherpkg",  # the other usual name
        "kit-env/lib/python3.11/site-packages/thirdpkg",  # a venv under any name
    ]
    for env in (".venv", "venv", "kit-env"):
        files[f"{env}/pyvenv.cfg"] = _PYVENV_CFG
        files[f"{env}/share/jupyter/labextensions/somewidget/README.md"] = "MYST"
    for package in site_packages:
        files[f"{package}/README.md"] = "MYST"
        files[f"{package}/docs/index.rst"] = "RST"
        files[f"{package}/examples/demo.ipynb"] = '{"cells": [ this is not JSON'
        files[f"{package}/examples/valid.ipynb"] = "NOTEBOOK"
    files.update(
        {
            "node_modules/somepkg/README.md": "MYST",
            ".scratch/notes.md": "MYST",  # a hidden folder
            "notes.md": "MYST",  # stray files at the top of the clone
            "draft.rst": "RST",
            "book/todo.md": "MYST",  # and next to the real pages
            "notebooks/scratch.ipynb": "NOTEBOOK",
        }
    )
    for path, kind in files.items():
        marker = f"STRAY {path}"
        if kind == "MYST":
            files[path] = _BROKEN_MYST.format(marker=marker)
        elif kind == "RST":
            files[path] = _BROKEN_RST.format(marker=marker, underline="=" * len(marker))
        elif kind == "NOTEBOOK":
            files[path] = _notebook(marker)
    return files


def plant_strays(book: Path) -> dict[str, str]:
    """Write :func:`stray_files` into the book folder ``book``; return them."""
    files = stray_files()
    for rel, content in files.items():
        target = book / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return files


def _paths(node, path, wrong):
    """Each place in ``node`` to break: ``(path, value)``; ``+``/``-`` add or remove a key."""
    if isinstance(node, dict):
        yield path + ("+",), None
        for key, value in node.items():
            yield path + (key, "-"), None
            yield from _paths(value, path + (key,), wrong)
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _paths(value, path + (n,), wrong)
    for bad in wrong:
        yield path, bad


def mutations(data, wrong=(None, 7, "x", [], {}, True, "2026-02-30", -1)):
    """``data`` with one thing broken: each value replaced by each of ``wrong``, each key
    removed, an unknown key added (for validators that must agree on every case)."""
    import copy

    for path, bad in _paths(data, (), wrong):
        if not path:
            yield copy.deepcopy(bad)
            continue
        broken = copy.deepcopy(data)
        parent = broken
        *parents, last = path
        if last == "+":
            for part in parents:
                parent = parent[part]
            parent["surprise"] = 1
        elif last == "-":
            for part in parents[:-1]:
                parent = parent[part]
            del parent[parents[-1]]
        else:
            for part in parents:
                parent = parent[part]
            parent[last] = copy.deepcopy(bad)
        yield broken


def build_tiny_book_without_npm(
    folder: Path, extensions: dict[str, Path], page: str
) -> tuple[int, str, Path]:
    """Build a one-page book in ``folder/book`` with Python alone on PATH (no npm, no node)
    and an empty cache: ``(returncode, output, html folder)``.

    ``extensions`` are the local Sphinx extensions it loads (name -> folder),
    ``page`` the Markdown of its one page.
    """
    import subprocess
    import sys

    from book_copy import build_command

    book = folder / "book"
    book.mkdir()
    lines = "".join(f"    {name}: {json.dumps(str(path))}\n" for name, path in extensions.items())
    (book / "_config.yml").write_text(
        f"title: no npm\nonly_build_toc_files: true\nsphinx:\n  local_extensions:\n{lines}"
    )
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\n")
    (book / "index.md").write_text(page)
    env = {
        **os.environ,
        "PATH": os.path.dirname(sys.executable),  # python only: no npm, no node
        "CLOSING_KIT_CACHE": str(folder / "empty-cache"),
    }
    proc = subprocess.run(build_command(book), capture_output=True, text=True, env=env, timeout=300)
    return proc.returncode, proc.stdout + proc.stderr, book / "_build" / "html"
