"""What the build fetches, and where it keeps it: one cache root, one error, one runner.

Shared by the extensions that serve third-party files from the site itself
(the widget scripts, Pyodide, JupyterLite's wheels, Workbox): nothing
fetched is committed. Everything is cached outside the repository, in one
root: ``$CLOSING_KIT_CACHE`` if set, else ``~/.cache/closing-kit``. Each kind
of file has a folder there named by :func:`cache_dir` after what it holds
(its pins), so a new pin is fetched afresh and an old one is never reused.

The steps each module repeated are here once: run a tool and turn its failure
into one line (:func:`run`), ``npm pack`` pinned packages and check each
tarball's sha512 (:func:`pinned_tarballs`), ``npm ci`` a pinned project
(a package.json and its lock, e.g. Workbox's, eslint's) into the cache
(:func:`npm_ci`), and fill a cached folder once, never leaving it half
written (:func:`cached_folder`).
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

__all__ = [
    "CACHE_ENV",
    "VendorError",
    "cache_base",
    "cache_dir",
    "cached_folder",
    "extract",
    "integrity",
    "npm_ci",
    "npm_pack",
    "pinned_tarballs",
    "run",
]

#: The one environment variable that moves the cache (CI, the benchmark's cold build).
CACHE_ENV = "CLOSING_KIT_CACHE"
#: Its old name, from when only npm packages were cached: it stops the build with the new
#: name (not a VendorError, which the build would take for "no npm" and carry on without).
_OLD_ENV = "CLOSING_KIT_NPM_CACHE"


class VendorError(RuntimeError):
    """Something could not be fetched or built; the message is one line for the build log."""


def cache_base() -> Path:
    """The cache root: ``$CLOSING_KIT_CACHE``, else ``~/.cache/closing-kit``."""
    if os.environ.get(_OLD_ENV) and not os.environ.get(CACHE_ENV):
        raise RuntimeError(f"{_OLD_ENV} is now called {CACHE_ENV}: rename it and build again")
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "closing-kit")


def cache_dir(kind: str, key: str | bytes = "") -> Path:
    """The folder for one kind of cached file: ``<root>/<kind>-<12 hex of key>``.

    ``key`` is what the folder's content depends on (the pins, a lock file);
    without one the folder is ``<root>/<kind>``.
    """
    if not key:
        return cache_base() / kind
    data = key.encode() if isinstance(key, str) else key
    return cache_base() / f"{kind}-{hashlib.sha256(data).hexdigest()[:12]}"


def integrity(path: Path) -> str:
    """The file's sha512 in npm's ``integrity`` form (``sha512-<base64>``)."""
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def run(command: list[str], what: str, timeout: int = 600, **kwargs) -> str:
    """Run ``command``; its stdout. A failure raises ``VendorError``: "<what> failed: <why>".

    ``why`` is the last line of its stderr that is not a pip ``WARNING``.
    """
    try:
        proc = subprocess.run(
            command, check=True, capture_output=True, text=True, timeout=timeout, **kwargs
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as err:
        lines = (getattr(err, "stderr", "") or str(err)).strip().splitlines()
        lines = [line for line in lines if not line.startswith("WARNING")] or [str(err)]
        raise VendorError(f"{what} failed: {lines[-1]}") from err
    return proc.stdout


def npm_pack(specs, dest: Path, timeout: int = 300) -> list[Path]:
    """``npm pack`` each spec (``name@version``) into ``dest``; return the tarballs.

    Raises ``VendorError`` with one line when npm is missing or fails.
    """
    npm = shutil.which("npm")
    if not npm:
        raise VendorError("npm is not installed")
    run([npm, "pack", *specs, "--pack-destination", str(dest), "--silent"], "npm pack",
        timeout=timeout, cwd=dest)  # fmt: skip
    return sorted(Path(dest).glob("*.tgz"))


def pinned_tarballs(pins: Mapping[str, str], dest: Path, timeout: int = 300) -> dict[str, Path]:
    """``npm pack`` each spec of ``pins`` (spec -> sha512 integrity) into ``dest``: spec -> tarball.

    Each tarball is matched to its spec by its hash; one that matches none, or a
    spec left without a tarball, raises ``VendorError``.
    """
    found = {}
    by_hash = {sri: spec for spec, sri in pins.items()}
    for tarball in npm_pack(list(pins), dest, timeout=timeout):
        spec = by_hash.get(integrity(tarball))
        if spec is None:
            raise VendorError(f"{tarball.name} does not match any pinned integrity hash")
        found[spec] = tarball
    missing = [spec for spec in pins if spec not in found]
    if missing:
        raise VendorError(f"npm pack did not deliver {', '.join(missing)}")
    return found


def extract(tarball: Path, members: Mapping[str, Path]) -> None:
    """Write each member of ``tarball`` (name in the tarball -> file) to its file.

    A member missing from the tarball raises ``VendorError``.
    """
    with tarfile.open(tarball) as tar:
        for member, dest in members.items():
            try:
                source = tar.extractfile(member)
            except KeyError:
                source = None
            if source is None:
                raise VendorError(f"{member} is missing from {tarball.name}")
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(source.read())


def cached_folder(target: Path, names: Iterable[str], fill: Callable[[Path], None]) -> Path:
    """``target``, holding every file of ``names`` (paths relative to it); filled once.

    When a file is missing, ``fill(staging)`` writes the whole folder afresh
    into a temporary one beside it; that is checked for ``names`` and only
    then replaces ``target``, so an interrupted fetch never leaves half a folder.
    """
    names = list(names)
    if all((target / name).is_file() for name in names):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}-") as tmp:
        staging = Path(tmp) / target.name
        staging.mkdir()
        fill(staging)
        missing = [name for name in names if not (staging / name).is_file()]
        if missing:
            raise VendorError(f"{target.name}: the fetch did not deliver {', '.join(missing)}")
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    return target


def npm_ci(project: Path, kind: str, package: str, timeout: int = 600) -> Path:
    """``npm ci`` the project in ``project`` (its package.json and package-lock.json) once,
    into ``cache_dir(kind, <the lock file>)``; return its ``node_modules`` folder.

    ``package`` is the one whose package.json proves the install whole. A new
    lock gets a new folder. Without npm or node (and nothing cached yet) this
    raises ``VendorError``: "npm or node is not installed".
    """
    lock = Path(project) / "package-lock.json"
    root = cache_dir(kind, lock.read_bytes())
    marker = f"node_modules/{package}/package.json"
    npm, node = shutil.which("npm"), shutil.which("node")
    if not (root / marker).is_file() and not (npm and node):
        raise VendorError("npm or node is not installed")

    def fill(folder: Path) -> None:
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(Path(project) / name, folder / name)
        run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--silent"], "npm ci",
            timeout=timeout, cwd=folder)  # fmt: skip

    cached_folder(root, [marker], fill)
    return root / "node_modules"
