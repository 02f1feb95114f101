"""The JupyterLite kernel's wheels as bytecode, compiled at build time by the browser's own Python.

Every time a notebook starts in JupyterLite, the browser's Python imports
IPython, prompt_toolkit, Jedi, ipywidgets and the rest. Served as source, it
compiles each module first, every start: about a fifth of the wait. Pyodide's
own packages are served as bytecode for that reason. ``lite.py`` serves ours
the same way: the site's Pyodide, run with node (``in_pyodide/``), compiles the
pinned wheels once, and they are kept in a cache outside the repository, keyed
by the wheels, the Pyodide and the two scripts.

Left as source:

- our own wheel, whose code a learner may want to read;
- ``SOURCE_ONLY``: packages mostly made of data (phone-number tables, time
  zones), whose bytecode is twice their zipped source and which are imported
  a few modules at a time.

Without node, or with Pyodide from its CDN, the wheels are served as source,
and the build says so in its JupyterLite line.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from npm_fetch import VendorError, run

HERE = Path(__file__).parent / "in_pyodide"
#: Served as source: data-heavy packages (see above).
SOURCE_ONLY = ("phonenumbers-", "pytz-", "tzdata-")
#: Our own wheel, as a learner may read it.
OURS = "closing_kit-"


def wanted(wheel: Path) -> bool:
    """Whether ``wheel`` is served as bytecode."""
    return not wheel.name.startswith((*SOURCE_ONLY, OURS))


def _key(pyodide: Path) -> str:
    digest = hashlib.sha256((pyodide / "pyodide-lock.json").read_bytes())
    for script in sorted(HERE.iterdir()):
        digest.update(script.name.encode() + script.read_bytes())
    return digest.hexdigest()[:12]


def compiled(wheels: list[Path], pyodide: Path | None, cache: Path) -> tuple[list[Path], str]:
    """The wheels to serve (compiled where ``wanted``), and a few words on how."""
    if pyodide is None:
        return wheels, "as source (Pyodide comes from its CDN)"
    node = shutil.which("node")
    if node is None:
        return wheels, "as source (no node to compile them)"
    folder = cache / f"bytecode-{_key(pyodide)}"
    # Keyed by each wheel's bytes too: a new pin is a new file name and hash.
    stamp = {w: hashlib.sha256(w.read_bytes()).hexdigest()[:12] for w in wheels if wanted(w)}
    target = {w: folder / stamp[w] / w.name for w in stamp}
    todo = [w for w in stamp if not target[w].is_file()]
    if todo:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder) as tmp:
            try:
                run([node, str(HERE / "compile-wheels.mjs"), str(pyodide), tmp, *map(str, todo)],
                    "compiling them", timeout=900)  # fmt: skip
            except VendorError as err:
                return wheels, f"as source ({err})"
            for wheel in todo:
                target[wheel].parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(Path(tmp) / wheel.name), target[wheel])
    served = [target.get(w, w) for w in wheels]
    return served, f"{len(target)} of them as bytecode"
