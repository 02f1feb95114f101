"""Fetch pinned npm packages at build time: ``npm pack``, then check each tarball's sha512.

Shared by the extensions that serve scripts from the site itself (the widget
scripts, Pyodide). Nothing fetched is committed: it is cached outside the
repository, under ``$CLOSING_KIT_NPM_CACHE`` or ``~/.cache/closing-kit``.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

__all__ = ["VendorError", "cache_base", "integrity", "npm_pack"]


class VendorError(RuntimeError):
    """A package could not be fetched; the message is one line for the build log."""


def cache_base() -> Path:
    """Where fetched packages are kept between builds."""
    return Path(os.environ.get("CLOSING_KIT_NPM_CACHE") or Path.home() / ".cache" / "closing-kit")


def integrity(path: Path) -> str:
    """The file's sha512 in npm's ``integrity`` form (``sha512-<base64>``)."""
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def npm_pack(specs, dest: Path, timeout: int = 300) -> list[Path]:
    """``npm pack`` each spec (``name@version``) into ``dest``; return the tarballs.

    Raises ``VendorError`` with one line when npm is missing or fails.
    """
    npm = shutil.which("npm")
    if not npm:
        raise VendorError("npm is not installed")
    try:
        subprocess.run(
            [npm, "pack", *specs, "--pack-destination", str(dest), "--silent"],
            check=True,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=dest,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as err:
        detail = (getattr(err, "stderr", "") or str(err)).strip().splitlines()
        raise VendorError(f"npm pack failed: {detail[-1] if detail else err}") from err
    return sorted(Path(dest).glob("*.tgz"))
