"""MicroPython's WebAssembly port, served by the site, for the live exercises.

The live exercises (``live_practice``) run ``closing_kit.web`` in the reader's
browser. MicroPython's port (npm ``@micropython/micropython-webassembly-pyscript``
at ``VERSION``) is about 540 KB unpacked and 220 KB gzipped, against Pyodide's
13 MB, and runs the same engine sources (``tests/test_web_micropython.py``
proves the answers are CPython's). At build time it is fetched with ``npm
pack`` (``npm_fetch``), checked against the registry's sha512 (``INTEGRITY``),
cached under ``npm_fetch.cache_base()`` and copied into the built site at
``_micropython/`` (``SERVED_DIR``). It is never committed.

Without npm, or with no registry to reach, the build still succeeds: it says
so in one line and the live exercises run on the site's Pyodide instead
(``pyodide_assets``), as they do on any page opened with ``?ck-engine=pyodide``.

How a page finds it: ``app.config.closing_kit_micropython_url`` is
``"_micropython/"`` (relative to the site root) when served, ``""`` when not;
set at ``config-inited`` (priority 800). Run this file on its own (``python
book/_ext/micropython_assets.py``) to fill the cache and print the folder.
"""

from __future__ import annotations

import hashlib
import shutil
import tarfile
import tempfile
from pathlib import Path

from npm_fetch import VendorError, cache_base, integrity, npm_pack

VERSION = "1.27.0"
SPEC = f"@micropython/micropython-webassembly-pyscript@{VERSION}"
#: sha512 of the npm tarball, as the registry publishes it (``npm view SPEC dist.integrity``).
INTEGRITY = (
    "sha512-DnXx4EqxgkeaFESrS3uKrL7mLMk4mRTd0mMzaOd3HUSiZUOAE7t11uLnjf3ftF87N2xm4knHnWEKcVK4IYIUDA"
    "=="
)
#: What a page loads: the ES module and the wasm it fetches next to itself.
FILES = ("micropython.mjs", "micropython.wasm")
#: Where the files sit in the built site, relative to its root.
SERVED_DIR = "_micropython"


def cache_root() -> Path:
    """The cache folder for this version, under ``npm_fetch.cache_base()``."""
    key = hashlib.sha256(f"{SPEC} {INTEGRITY} {FILES}".encode()).hexdigest()[:12]
    return cache_base() / f"micropython-{VERSION}-{key}"


def fetch(root: Path | None = None) -> Path:
    """Fill ``root/site/_micropython/`` if it is not complete; return ``root``.

    ``root/site`` is the tree added to ``html_extra_path``: its content lands
    at the top of the built site.
    """
    root = root or cache_root()
    target = root / "site" / SERVED_DIR
    if all((target / name).is_file() for name in FILES):
        return root
    with tempfile.TemporaryDirectory() as tmp:
        tarballs = npm_pack([SPEC], Path(tmp))
        if len(tarballs) != 1 or integrity(tarballs[0]) != INTEGRITY:
            raise VendorError(f"the {SPEC} tarball does not match its pinned integrity hash")
        staging = Path(tmp) / SERVED_DIR
        staging.mkdir()
        with tarfile.open(tarballs[0]) as tar:
            for name in FILES:
                source = tar.extractfile(f"package/{name}")
                if source is None:
                    raise VendorError(f"package/{name} is missing from {tarballs[0].name}")
                (staging / name).write_bytes(source.read())
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(staging), target)
    return root


def _configure(app, config):
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    try:
        root = fetch()
    except VendorError as err:
        config.closing_kit_micropython_url = ""
        logger.info(
            f"closing-kit: MicroPython {VERSION} is not served, so live exercises load "
            f"Pyodide instead ({err}; install npm for the small engine)"
        )
        return
    config.html_extra_path.append(str(root / "site"))
    config.closing_kit_micropython_url = f"{SERVED_DIR}/"
    logger.info(f"closing-kit: MicroPython {VERSION} served from the site ({root})")


def setup(app):
    # "_micropython/" (site-relative) when served, "" when not; set at config-inited.
    app.add_config_value("closing_kit_micropython_url", "", "html", types=[str])
    app.connect("config-inited", _configure, priority=800)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}


if __name__ == "__main__":
    print(fetch() / "site" / SERVED_DIR)
