"""One self-hosted Pyodide for the whole site, fetched with npm at build time.

The live exercises (``live_practice``) and the JupyterLite site both run
Python in the reader's browser. Both use this one copy: the npm package
``pyodide`` at exactly the version jupyterlite-pyodide-kernel pins
(``VERSION``), checked against its registry integrity, cached outside the
repository (``npm_fetch.cache_base``) and
copied into the built site at ``_pyodide/`` (``SERVED_DIR``). It is never
committed. The core is about 13.4 MB: enough for our standard-library-only
engine, no packages from Pyodide's repository are needed.

Without npm, or with no registry to reach, the build still succeeds: it says
so in one line and the pages load the same version from jsDelivr (``CDN``).

How another extension finds it (the JupyterLite build, for one)::

    import pyodide_assets
    url = app.config.closing_kit_pyodide_url
    # "_pyodide/" (relative to the site root) when served by the site,
    # or the CDN's absolute URL, always ending in "/"
    folder = pyodide_assets.served_folder(app)
    # the local folder of core files (pyodide.mjs, pyodide.asm.wasm, ...), or None

Both are set at ``config-inited`` (priority 800), so read them from
``builder-inited`` on. Run this file on its own (``python
book/_ext/pyodide_assets.py``) to fill the cache and print the folder.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from npm_fetch import VendorError, cache_dir, cached_folder, extract, pinned_tarballs

#: Pyodide's version: jupyterlite-pyodide-kernel 0.8.6 pins 314.0.6 (Python 3.14).
VERSION = "314.0.6"
SPEC = f"pyodide@{VERSION}"
#: sha512 of the npm tarball, as the registry publishes it (``npm view pyodide@X dist.integrity``).
INTEGRITY = (
    "sha512-BKDTJyIqFxC4BExLqeRS3f5xvXZIjOt8C3zGLN/Cc7tFxSwvKVhVkchQQ2AGLOtR4YrVOIFxbV8poyDOOmWwxQ"
    "=="
)
#: The core files a page needs (no source maps, no type declarations, no demo consoles).
FILES = (
    "pyodide.js",
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
    "package.json",
)
#: Where the files sit in the built site, relative to its root.
SERVED_DIR = "_pyodide"
#: The same version from a CDN, when npm could not fetch it (it mirrors the npm package).
CDN = f"https://cdn.jsdelivr.net/npm/pyodide@{VERSION}/"


def cache_root() -> Path:
    """This version's folder in the cache (``npm_fetch.cache_dir``)."""
    return cache_dir(f"pyodide-{VERSION}", f"{SPEC} {INTEGRITY} {FILES}")


def fetch(root: Path | None = None) -> Path:
    """Fill ``root/site/_pyodide/`` with the core files if it is not complete; return ``root``.

    ``root/site`` is the tree added to ``html_extra_path``: its content lands
    at the top of the built site.
    """
    root = root or cache_root()
    cached_folder(root / "site" / SERVED_DIR, FILES, _fill)
    return root


def _fill(folder: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tarball = pinned_tarballs({SPEC: INTEGRITY}, Path(tmp), timeout=600)[SPEC]
        extract(tarball, {f"package/{name}": folder / name for name in FILES})


def served_folder(app) -> Path | None:
    """The local folder holding the core files the site serves, or ``None`` (CDN in use)."""
    return getattr(app, "closing_kit_pyodide_folder", None)


def _configure(app, config):
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    app.closing_kit_pyodide_folder = None
    try:
        root = fetch()
    except VendorError as err:
        config.closing_kit_pyodide_url = CDN
        logger.info(
            f"closing-kit: Pyodide {VERSION} will load from {CDN}, so live exercises need "
            f"internet ({err}; install npm for an offline site)"
        )
        return
    config.html_extra_path.append(str(root / "site"))
    config.closing_kit_pyodide_url = f"{SERVED_DIR}/"
    app.closing_kit_pyodide_folder = root / "site" / SERVED_DIR
    logger.info(f"closing-kit: Pyodide {VERSION} served from the site ({root})")


def setup(app):
    # The URL pages use: "_pyodide/" (site-relative) or the CDN's; set at config-inited.
    app.add_config_value("closing_kit_pyodide_url", CDN, "html", types=[str])
    app.connect("config-inited", _configure, priority=800)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}


if __name__ == "__main__":
    print(fetch() / "site" / SERVED_DIR)
