"""The whole practice notebooks in the reader's browser: JupyterLite inside the site.

jupyterlite-sphinx builds a JupyterLite site into ``_build/html/lite/`` after
the book. This extension sets it up so every practice notebook runs there as
it does in Jupyter, with no server and no install cell:

* **Contents**: the notebooks the book builds (``notebooks/*.ipynb`` in the
  table of contents), at the top of JupyterLite's file tree.
* **One Pyodide**: the kernel loads the site's own copy (``pyodide_assets``,
  served at ``_pyodide/``; the CDN when npm is missing), never a second one.
* **Bytecode**: the wheels (ours aside) are served compiled by the browser's
  own Python, as Pyodide serves its packages (``bytecode.py``), so a start
  imports them without compiling them.
* **Packages**: a Pyodide lock file of our own, ``lite/pypi/pyodide-lock.json``,
  lists our wheel (built from ``src/`` at build time), the workbook's and the
  widgets' pure-Python dependencies, and the kernel's own (micropip, IPython,
  jedi and theirs), each with the sha256 of the file the site serves. The
  kernel calls Pyodide's ``loadPackagesFromImports`` on every cell, so the
  notebook's own ``from closing_kit... import ...`` loads the package and
  everything it depends on. The wheels are fetched from PyPI with pinned hashes
  (``pip download --require-hashes``), MarkupSafe is built without its C
  speed-up from its source, and all of it is cached outside the repository
  (``npm_fetch.cache_base``). Pyodide's other
  packages stay listed, pointing at Pyodide's CDN, for a learner online.
* **Not in the browser**: python-docx needs lxml, a compiled library whose
  browser build only Pyodide's CDN has (neither PyPI nor npm): Word letters are
  not offered there, and the page says so (``BROWSER_LIMITS``).
* **Offline**: jupyterlite-sphinx's Google Fonts stylesheet is dropped, and
  ``service_worker.py`` writes lite/'s worker (Workbox, with JupyterLite's
  file relay), so a notebook opened once reopens with no connection.
* **The way in**: each notebook page starts with a link to the same notebook in
  JupyterLite.
* **Its own words**: a notebook cell whose metadata holds
  ``closing_kit.jupyterlite`` (the "To start" cell) says that instead in
  JupyterLite's copy (``lite_words``): Python starts in the browser, and work is
  kept in this browser. JupyterLite's pages get ``static/lite-fixes.css``
  inline (``add_page_fixes``): its "Not Trusted" badge fits a phone's bar.

Without the wheels (no PyPI and an empty cache) the build still succeeds: it
says so in one line and builds no JupyterLite site and no links to it.

Run this file on its own (``python book/_ext/lite.py``) to fill the wheel cache.
"""

from __future__ import annotations

import email.parser
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

import upstream
from npm_fetch import VendorError, cache_dir, cached_folder, run

#: Where jupyterlite-sphinx writes the JupyterLite site, relative to the html output.
LITE_DIR = "lite"
#: Our lock file, next to the wheels piplite serves (``lite/pypi/``).
LOCK_PATH = "pypi/pyodide-lock.json"
#: JupyterLite's own pages get these rules, inline in each app's index.html.
LITE_CSS = Path(__file__).resolve().parent / "static" / "lite-fixes.css"
#: The inline style's id, so a page is never given it twice.
LITE_CSS_ID = "ck-lite-fixes"
#: The Pyodide kernel's settings key in jupyter-lite.json.
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
#: Pyodide's own repository for its version (the kernel's default), for packages we do not serve.
PYODIDE_CDN = "https://cdn.jsdelivr.net/pyodide/v{version}/full/"
#: The lock's header when the site's Pyodide is the CDN's (no local lock to copy it from).
LOCK_INFO = {
    "abi_version": "2026_0",
    "arch": "wasm32",
    "platform": "emscripten_5_0_3",
    "python": "3.14.2",
}


def _pins(table: str) -> dict[str, str]:
    """``file`` then its indented sha256, one pair per two lines -> {file: sha256}."""
    words = table.split()
    return dict(zip(words[::2], words[1::2], strict=True))


#: The kernel's own packages: what jupyterlite-pyodide-kernel installs at start
#: (micropip, then jedi and IPython, and what they depend on in Pyodide's lock),
#: the same versions as Pyodide 314.0.6's lock. Wheel file -> sha256 on PyPI.
KERNEL_WHEELS = _pins(
    """
asttokens-3.0.1-py3-none-any.whl
    15a3ebc0f43c2d0a50eeafea25e19046c68398e487b9f1f5b517f7c0f40f976a
decorator-5.2.1-py3-none-any.whl
    d316bb415a2d9e2d2b3abcc4084c6502fc09240e292cd76a76afc106a1c8e04a
executing-2.2.1-py2.py3-none-any.whl
    760643d3452b4d777d295bb167ccc74c64a81df23fb5e08eff250c425a4b2017
ipython-9.12.0-py3-none-any.whl
    0f2701e8ee86e117e37f50563205d36feaa259d2e08d4a6bc6b6d74b18ce128d
jedi-0.19.2-py2.py3-none-any.whl
    a8ef22bde8490f57fe5c7681a3c83cb58874daf72b4784de3cce5b6ef6edb5b9
matplotlib_inline-0.2.1-py3-none-any.whl
    d56ce5156ba6085e00a9d54fead6ed29a9c47e215cd1bba2e976ef39f5710a76
micropip-0.11.1-py3-none-any.whl
    768de165adb8e66906039d8fec4127a57f522dfdf8e6fbff877a4616941ecfd3
parso-0.8.6-py2.py3-none-any.whl
    2c549f800b70a5c4952197248825584cb00f033b29c692671d3bf08bf380baff
prompt_toolkit-3.0.52-py3-none-any.whl
    9aac639a3bbd33284347de5ad8d68ecc044b91a762dc39b7c21095fcd6a19955
pure_eval-0.2.3-py3-none-any.whl
    1db8e35b67b3d218d818ae653e27f06c3aa420901fa7b081ca98cbedc874e0d0
pygments-2.20.0-py3-none-any.whl
    81a9e26dd42fd28a23a2d169d86d7ac03b46e2f8b59ed4698fb4785f946d0176
six-1.17.0-py2.py3-none-any.whl
    4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274
stack_data-0.6.3-py3-none-any.whl
    d5558e0c25a4cb0853cddad3d77da9891a08cb85dd9f9f91b9f8cd66e511e695
traitlets-5.14.3-py3-none-any.whl
    b74e89e397b1ed28cc831db7aea759ba6640cb3de13090ca145426688ff1ac4f
wcwidth-0.6.0-py3-none-any.whl
    1a3a1e510b553315f8e146c54764f4fb6264ffad731b3d78088cdb1478ffbdad
"""
)
#: The notebooks' own needs: the widgets and the workbook extra, the versions the
#: tests use (requirements.txt) except jsonschema: 4.18 and later need rpds-py,
#: compiled, so the browser gets 4.17.3 (attrs and pyrsistent, both pure Python).
PACKAGE_WHEELS = _pins(
    """
attrs-26.1.0-py3-none-any.whl
    c647aa4a12dfbad9333ca4e71fe62ddc36f4e63b2d260a37a8b83d2f043ac309
comm-0.2.3-py3-none-any.whl
    c615d91d75f7f04f095b30d1c1711babd43bdc6419c1be9886a85f2f4e489417
dnspython-2.9.2-py3-none-any.whl
    af15f7d385a6ae2fb35a796fde2138004c8c42c7389090e2addc83e3b3340fd8
email_validator-2.4.0-py3-none-any.whl
    4454e41c4e1c6b6caee34a1dc71d5e736791562be8fd179b02e298f796522684
icalendar-7.3.2-py3-none-any.whl
    f95ce4ff8f41d8ad9ca253a676ef40c672abd3774458d197c215055a0d805cc4
idna-3.13-py3-none-any.whl
    892ea0cde124a99ce773decba204c5552b69c3c67ffd5f232eb7696135bc8bb3
ipywidgets-8.1.9-py3-none-any.whl
    f2b8cbcaae10252b809fbe4d7470db75c09b769a32cbf816d20e5ca6d3c5a79d
jinja2-3.1.6-py3-none-any.whl
    85ece4451f492d0c13c5dd7c13a64681a86afae63a5f347908daf103ce6d2f67
jsonschema-4.17.3-py3-none-any.whl
    a870ad254da1a8ca84b6a2905cac29d265f805acc57af304784962a2aa6508f6
phonenumbers-9.0.43-py2.py3-none-any.whl
    349bc799f15e010e35bd2c7d28149950ae74479cb1e11fb054ed9a95ecb4b437
pyrsistent-0.20.0-py3-none-any.whl
    c55acc4733aad6560a7f5f818466631f07efc001fd023f34a6c203f8b6df0f0b
python_dateutil-2.9.0.post0-py2.py3-none-any.whl
    a8b2bc7bffae282281c8140a97d3aa9c14da0b136dfe83f850eea9a5f7470427
pytz-2026.6-py2.py3-none-any.whl
    7fed3fee8fd6bd4a2b7b75a8d56021d0624127bf69bd5691f115db929ac570b3
typing_extensions-4.16.0-py3-none-any.whl
    481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8
tzdata-2026.6-py2.py3-none-any.whl
    0a10eec6e13ef16b627fabed9a5f2ba61a62b1c67f327305f4e7e412a70b4aec
vobject-0.9.9-py2.py3-none-any.whl
    0fbdb982065cf4d1843a5d5950c88510041c6de026bda49c3502721de1c6ac3d
"""
)
#: Source distributions built here into a pure-Python wheel: PyPI has only
#: compiled MarkupSafe wheels, and its C speed-up is optional.
SDISTS = _pins(
    """
markupsafe-3.0.3.tar.gz
    722695808f4b6457b320fdc131280796bdceb04ab50fe1795cd540799ebe1698
"""
)
#: Dependencies deliberately left out of the browser, and why (said on the pages).
NOT_IN_BROWSER = {
    "python-docx": "it needs lxml, a compiled library whose browser build only Pyodide's "
    "CDN serves, so it cannot be part of a site that works offline",
}
#: Dependencies that are JupyterLab front ends, not Python the kernel imports.
FRONT_END_ONLY = {"widgetsnbextension", "jupyterlab-widgets"}
#: Our package's extras the notebooks need.
EXTRAS = ("workbook", "widgets")

#: What a notebook page says about what its exercise cannot do in JupyterLite.
BROWSER_LIMITS = {
    "notebooks/08-thank-you-letters": (
        "In JupyterLite the letters are saved as Markdown or plain text, not as Word "
        "(.docx): python-docx needs lxml, a compiled library this offline site cannot "
        "bring to your browser's Python. Open the notebook in Jupyter for .docx files."
    ),
}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cache_root() -> Path:
    """The wheels' folder in the cache (``npm_fetch.cache_dir``), named after the pins."""
    pins = json.dumps([KERNEL_WHEELS, PACKAGE_WHEELS, SDISTS], sort_keys=True)
    return cache_dir("lite-wheels", pins)


def _requirement(file_name: str, sha256: str) -> str:
    name, version = file_name.split("-")[:2]
    version = version.removesuffix(".tar.gz")
    return f"{name}=={version} --hash=sha256:{sha256}"


def fetch(root: Path | None = None) -> Path:
    """Fill ``root/wheels/`` with the pinned wheels (and MarkupSafe built pure); return it."""
    built = [f"{name.removesuffix('.tar.gz')}-py3-none-any.whl" for name in SDISTS]
    names = [*KERNEL_WHEELS, *PACKAGE_WHEELS, *built]
    return cached_folder((root or cache_root()) / "wheels", names, _download)


def _download(staging: Path) -> None:
    """The pinned wheels from PyPI into ``staging``, MarkupSafe built there without C."""
    pip = [sys.executable, "-m", "pip"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        wheels = {**KERNEL_WHEELS, **PACKAGE_WHEELS}
        (tmp / "wheels.txt").write_text("\n".join(_requirement(*kv) for kv in wheels.items()))
        (tmp / "sdists.txt").write_text("\n".join(_requirement(*kv) for kv in SDISTS.items()))
        run([*pip, "download", "--quiet", "--no-deps", "--require-hashes", "--only-binary=:all:",
             "--python-version", "3.14", "--implementation", "py", "--abi", "none",
             "--platform", "any", "-r", str(tmp / "wheels.txt"), "-d", str(staging)],
            "pip download (the browser kernel's wheels)")  # fmt: skip
        run([*pip, "download", "--quiet", "--no-deps", "--require-hashes", "--no-binary=:all:",
             "-r", str(tmp / "sdists.txt"), "-d", str(tmp / "sdists")],
            "pip download (MarkupSafe's source)")  # fmt: skip
        for sdist in SDISTS:
            # CC=false: the optional C speed-up fails to compile, setup.py falls
            # back to the pure-Python package, tagged py3-none-any.
            run([*pip, "wheel", "--quiet", "--no-deps", "-w", str(staging),
                 str(tmp / "sdists" / sdist)],
                f"building {sdist} without its C speed-up",
                env={**os.environ, "CC": "false"})  # fmt: skip


def project_root() -> Path:
    """The source tree of the installed closing_kit (``pip install -e .``)."""
    import closing_kit

    root = Path(closing_kit.__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file():
        raise VendorError(f"closing_kit is not installed from a source tree ({root})")
    return root


def own_wheel(cache: Path, root: Path | None = None) -> Path:
    """Our wheel, built with ``pip wheel`` from a copy of ``src/`` (cached by content).

    The cache is shared by every clone on the machine, so each clone's wheels
    sit in folders keyed by its path too (``closing-kit-<clone>-<content>``),
    and a build deletes only its own clone's older wheels: two builds from
    two trees at once never delete each other's.
    """
    root = root or project_root()
    sources = [root / "pyproject.toml", root / "README.md"]
    sources += sorted(p for p in (root / "src").rglob("*") if p.is_file() and _packaged(p))
    digest = hashlib.sha256()
    for path in sources:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    clone = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:8]
    folder = cache / f"closing-kit-{clone}-{digest.hexdigest()[:12]}"
    found = sorted(folder.glob("closing_kit-*.whl"))
    if found:
        return found[0]
    with tempfile.TemporaryDirectory() as tmp:
        # A copy, so the build leaves no build/ or .egg-info in the clone.
        copy = Path(tmp) / "project"
        shutil.copytree(root / "src", copy / "src", ignore=shutil.ignore_patterns(
            "__pycache__", "*.egg-info"))  # fmt: skip
        for path in sources[:2]:
            shutil.copy2(path, copy / path.name)
        run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w",
             str(Path(tmp) / "out"), str(copy)], "pip wheel (closing-kit)")  # fmt: skip
        built = sorted((Path(tmp) / "out").glob("closing_kit-*.whl"))
        if not built:
            raise VendorError("pip wheel built no closing_kit wheel")
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{built[0].name}.partial"  # never a half-copied wheel in the cache
        shutil.copy2(built[0], partial)
        partial.replace(folder / built[0].name)
    for old in cache.glob(f"closing-kit-{clone}-*"):
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
    return folder / built[0].name


def _packaged(path: Path) -> bool:
    return "__pycache__" not in path.parts and not any(
        part.endswith(".egg-info") for part in path.parts
    )


def _wheel_facts(wheel: Path) -> dict:
    """Name, version, top-level imports and requirements (as text) of a wheel."""
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(z.read(f"{info}/METADATA").decode())
        if f"{info}/top_level.txt" in names:
            tops = z.read(f"{info}/top_level.txt").decode().split()
        else:
            tops = sorted(
                {
                    n.split("/")[0].removesuffix(".pyc").removesuffix(".py")
                    for n in names
                    if (n.endswith((".py", ".pyc")) or "/" in n)
                    and not n.split("/")[0].endswith((".dist-info", ".data"))
                }
            )
    return {
        "name": meta["Name"],
        "version": meta["Version"],
        "imports": [t for t in tops if t and "/" not in t],
        "requires": meta.get_all("Requires-Dist") or [],
    }


def _depends(
    requires: list[str], extras: tuple[str, ...], served: set[str], name: str, strict: bool
) -> list[str]:
    """The served packages a wheel needs in Pyodide (Python 3.14, Emscripten).

    ``strict``: a need that is not served, not a front end and not known to be
    left out (``NOT_IN_BROWSER``) fails the build, naming it.
    """
    from packaging.requirements import Requirement

    out = []
    for text in requires:
        req = Requirement(text)
        env = {"python_version": "3.14", "python_full_version": "3.14.2",
               "sys_platform": "emscripten", "platform_system": "Emscripten",
               "implementation_name": "cpython", "platform_machine": "wasm32"}  # fmt: skip
        if req.marker and not any(
            req.marker.evaluate({**env, "extra": extra}) for extra in ("", *extras)
        ):
            continue
        dep = _canonical(req.name)
        if dep == _canonical(name):  # closing-kit[workbook] inside closing-kit's own extras
            continue
        if dep in served:
            out.append(dep)
        elif strict and dep not in FRONT_END_ONLY and dep not in NOT_IN_BROWSER:
            raise VendorError(f"{name} needs {req.name}, which the browser kernel is not given")
    return sorted(set(out))


def lite_lock(wheels: list[Path], base: dict | None, cdn: str) -> dict:
    """A Pyodide lock: Pyodide's own (files on its CDN) plus the wheels the site serves.

    ``wheels`` sit next to the lock, so their ``file_name`` is the bare name;
    their sha256 is that of the file served.
    """
    packages = {}
    for key, entry in (base or {}).get("packages", {}).items():
        packages[key] = {**entry, "file_name": cdn + entry["file_name"]}
    facts = {wheel: _wheel_facts(wheel) for wheel in wheels}
    served = {_canonical(f["name"]) for f in facts.values()}
    for wheel, fact in facts.items():
        key = _canonical(fact["name"])
        known = (base or {}).get("packages", {}).get(key)
        if wheel.name in KERNEL_WHEELS and known and known["version"] == fact["version"]:
            # The kernel's own: Pyodide's entry, for the file the site serves.
            packages[key] = {
                **known,
                "file_name": wheel.name,
                "sha256": _sha256(wheel),
                "depends": sorted(_canonical(d) for d in known["depends"]),
            }
            continue
        extras = EXTRAS if key == "closing-kit" else ()
        strict = wheel.name not in KERNEL_WHEELS
        packages[key] = {
            "name": fact["name"],
            "version": fact["version"],
            "file_name": wheel.name,
            "install_dir": "site",
            "sha256": _sha256(wheel),
            "package_type": "package",
            "imports": fact["imports"],
            "depends": _depends(fact["requires"], extras, served, fact["name"], strict),
            "unvendored_tests": False,
        }
    info = (base or {}).get("info") or LOCK_INFO
    return {"info": info, "packages": dict(sorted(packages.items()))}


# -- Sphinx ------------------------------------------------------------------------


def _logger():
    from sphinx.util import logging

    return logging.getLogger(__name__)


def _lite_src(app) -> Path:
    """The generated JupyterLite source folder, in the build output (``_build/jupyterlite``)."""
    return Path(app.doctreedir).parent / "jupyterlite"


def _content_dir(app, config):
    """Before jupyterlite-sphinx empties it: its staging folder goes in the build output."""
    folder = _lite_src(app) / "contents"
    config.jupyterlite_content_dir = os.path.relpath(folder, app.srcdir)
    app.closing_kit_lite = None


def _configure(app, config):
    """Point jupyterlite-sphinx at a generated lite folder, or turn the lite build off."""
    import pyodide_assets

    # Offline pages: jupyterlite-sphinx adds a Google Fonts stylesheet to every page,
    # and its own script and stylesheet, which only its directives (unused here) need.
    upstream.drop_page_assets(app, ("fonts.googleapis", "jupyterlite_sphinx."))
    import bytecode

    lite_src = _lite_src(app)
    try:
        wheels = [*sorted(fetch().glob("*.whl")), own_wheel(cache_dir("lite-own"))]
    except VendorError as err:
        config.jupyterlite_contents = []
        app.closing_kit_lite = None
        _logger().info(
            f"closing-kit: no JupyterLite site, the notebooks run only in Jupyter ({err}; "
            f"the wheels come from PyPI)"
        )
        return
    folder = pyodide_assets.served_folder(app)
    wheels, how = bytecode.compiled(wheels, folder, cache_dir("lite-bytecode"))
    base = json.loads((folder / "pyodide-lock.json").read_text()) if folder else None
    if folder:
        pyodide_url = f"./../{config.closing_kit_pyodide_url}pyodide.mjs"
    else:
        pyodide_url = f"{config.closing_kit_pyodide_url}pyodide.mjs"
    lock = lite_lock(wheels, base, PYODIDE_CDN.format(version=pyodide_assets.VERSION))
    shutil.rmtree(lite_src / "site", ignore_errors=True)
    (lite_src / "site").mkdir(parents=True)
    lock_text = json.dumps(lock, indent=1, sort_keys=True)
    (lite_src / "pyodide-lock.json").write_text(lock_text)
    lock_hash = hashlib.sha256(lock_text.encode()).hexdigest()[:16]
    (lite_src / "site" / "jupyter-lite.json").write_text(json.dumps({
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "litePluginSettings": {KERNEL_PLUGIN: {
                # "./" is the lite site's root; the site's Pyodide is one level up.
                "pyodideUrl": pyodide_url,
                # Resolved against the lite root by the kernel; the hash keeps
                # a browser from pairing a cached lock with new wheels.
                "loadPyodideOptions": {"lockFileURL": f"./{LOCK_PATH}?sha256={lock_hash}"},
            }},
        },
    }, indent=2))  # fmt: skip
    (lite_src / "site" / "jupyter_lite_config.json").write_text(json.dumps({
        "LiteBuildConfig": {
            "cache_dir": str(cache_dir("lite-build-cache")),
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
        },
        "PipliteAddon": {"piplite_urls": [str(w) for w in wheels]},
    }, indent=2))  # fmt: skip
    config.jupyterlite_dir = str(lite_src / "site")
    config.jupyterlite_config = str(lite_src / "site" / "jupyter_lite_config.json")
    app.closing_kit_lite = lite_src
    _logger().info(
        f"closing-kit: JupyterLite with {len(wheels)} wheels, {how} ({cache_root()}), Pyodide from "
        f"{'the site' if folder else 'its CDN'}"
    )


def _notebooks(app) -> list[str]:
    """The notebooks the book builds (docnames), as JupyterLite's contents."""
    return sorted(
        name for name in app.env.found_docs
        if app.env.doc2path(name, False).endswith(".ipynb")
    )  # fmt: skip


def lite_words(notebook: dict) -> dict:
    """The notebook as JupyterLite shows it.

    Each cell with ``closing_kit.jupyterlite`` in its metadata says that text
    instead (the same cell, tags and all). Each stored output's text is one
    string, not nbformat's list of lines: JupyterLite shows such a list joined
    by commas (",  Your background is strong").
    """
    cells = []
    for cell in notebook.get("cells", []):
        words = cell.get("metadata", {}).get("closing_kit", {}).get("jupyterlite")
        if isinstance(words, str) and words.strip():
            cell = {**cell, "source": words.splitlines(keepends=True)}
        if cell.get("outputs"):
            cell = {**cell, "outputs": [_joined(o) for o in cell["outputs"]]}
        cells.append(cell)
    return {**notebook, "cells": cells}


def _is_text(mime: str) -> bool:
    return mime.startswith("text/") or mime == "image/svg+xml"


def _joined(output: dict) -> dict:
    out = dict(output)
    if isinstance(out.get("text"), list):
        out["text"] = "".join(out["text"])
    if isinstance(out.get("data"), dict):
        out["data"] = {
            mime: "".join(value) if isinstance(value, list) and _is_text(mime) else value
            for mime, value in out["data"].items()
        }
    return out


def _lite_copies(app, notebooks: list[str]) -> list[str]:
    """Each notebook with JupyterLite's words, staged beside the lite source; their paths."""
    folder = _lite_src(app) / "notebooks"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    out = []
    for name in notebooks:
        source = Path(app.srcdir) / app.env.doc2path(name, False)
        copy = folder / source.name
        notebook = lite_words(json.loads(source.read_text(encoding="utf-8")))
        copy.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", "utf-8")
        out.append(str(copy))
    return out


def add_page_fixes(lite: Path, css: str | None = None) -> list[Path]:
    """``static/lite-fixes.css`` inline in the head of every JupyterLite app's index.html."""
    css = LITE_CSS.read_text(encoding="utf-8") if css is None else css
    style = f'<style id="{LITE_CSS_ID}">\n{css.strip()}\n</style>'
    changed = []
    for page in sorted(Path(lite).glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        if f'id="{LITE_CSS_ID}"' in html or "</head>" not in html:
            continue
        page.write_text(html.replace("</head>", style + "\n</head>", 1), encoding="utf-8")
        changed.append(page)
    return changed


def _contents(app, exception):
    """Just before jupyterlite-sphinx's build: the notebooks; a clean doit state."""
    if exception or app.closing_kit_lite is None:
        return
    app.config.jupyterlite_contents = _lite_copies(app, _notebooks(app))
    # jupyter lite keeps task state here (cwd: the source folder); a stale one
    # skips the steps that write jupyter-lite.json and the wheel index.
    (Path(app.srcdir) / ".jupyterlite.doit.db").unlink(missing_ok=True)


def _finish(app, exception):
    """After the JupyterLite build: our lock file beside its wheels; no doit state left behind."""
    (Path(app.srcdir) / ".jupyterlite.doit.db").unlink(missing_ok=True)
    if exception or app.closing_kit_lite is None:
        return
    lite = Path(app.outdir) / LITE_DIR
    add_page_fixes(lite)
    shutil.copy2(app.closing_kit_lite / "pyodide-lock.json", lite / LOCK_PATH)
    lock = json.loads((lite / LOCK_PATH).read_text())
    wrong = [
        entry["file_name"]
        for entry in lock["packages"].values()
        if "://" not in entry["file_name"]
        and (
            not (lite / "pypi" / entry["file_name"]).is_file()
            or _sha256(lite / "pypi" / entry["file_name"]) != entry["sha256"]
        )
    ]
    if wrong:
        raise VendorError(f"the lite site's wheels do not match its lock: {', '.join(wrong)}")


def _note(app, doctree, docname):
    """Start each notebook page with a link to the same notebook in JupyterLite."""
    from docutils import nodes

    if app.closing_kit_lite is None or app.builder.format != "html":
        return
    if not app.env.doc2path(docname, False).endswith(".ipynb"):
        return
    up = "../" * docname.count("/")
    name = Path(app.env.doc2path(docname, False)).name
    url = f"{up}{LITE_DIR}/notebooks/index.html?path={name}"
    box = nodes.admonition(classes=["tip", "ck-lite"])
    box += nodes.title(text="Run this notebook in your browser")
    para = nodes.paragraph()
    para += nodes.reference(text="Open it in JupyterLite", refuri=url, classes=["ck-lite-link"])
    para += nodes.Text(
        ": the same notebook, with Python running inside this browser, so nothing to install "
        "and no server. Choose Run > Run All Cells. The first start downloads about 35 MB "
        "and takes a little while; after that it comes from the browser's cache, "
        "and it opens again with no connection. "
        "What you save is kept in this browser's storage for this site (clearing the site's "
        "data deletes it): to keep a copy elsewhere, download my-work/my-interview.json "
        "from JupyterLite's file list."
    )
    box += para
    if docname in BROWSER_LIMITS:
        box += nodes.paragraph(text=BROWSER_LIMITS[docname])
    section = next(iter(doctree.findall(nodes.section)), None)
    parent = section if section is not None else doctree
    index = 1 if section is not None and isinstance(section[0], nodes.title) else 0
    parent.insert(index, box)


def setup(app):
    import pyodide_assets

    # Sphinx's asset lists and JupyterLite's worker relay (sw/ck-lite-drive.js).
    upstream.require("sphinx-asset-lists", "lite-drive-relay")
    app.setup_extension("pyodide_assets")
    app.setup_extension("jupyterlite_sphinx")
    # jupyterlite-sphinx empties its content folder at config-inited, priority 500.
    app.connect("config-inited", _content_dir, priority=400)
    # After pyodide_assets (800) has chosen the site's Pyodide.
    app.connect("config-inited", _configure, priority=850)
    # jupyterlite-sphinx builds at build-finished, priority 500: before and after it.
    app.connect("build-finished", _contents, priority=400)
    app.connect("build-finished", _finish, priority=600)
    app.connect("doctree-resolved", _note)
    assert pyodide_assets.VERSION  # the one Pyodide this site serves
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}


if __name__ == "__main__":
    print(fetch())
    print(own_wheel(cache_dir("lite-own")))
