"""Every private detail of another project that the build relies on, fenced in one place.

Sphinx, the theme and JupyterLite publish no promise about these details; an
upgrade may change one without a word, and the site would break silently, or
only in a browser test. So each reliance is listed here (``RELIANCES``) with
the installed version it was written and tested for. The extension that uses
it calls :func:`require` in its ``setup()``, so a build with another version
stops at its start with one line naming the package, the detail and the file
to re-check. After re-checking (the tests named in ``recheck``), set the new
version here: that edit is the record that someone looked.

Workbox is not listed: ``sw/package-lock.json`` pins it exactly (``npm ci``),
so it changes only when that file does.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass

from sphinx.errors import ExtensionError


@dataclass(frozen=True)
class Reliance:
    """One private detail of ``package``, as it was in version ``written_for``."""

    package: str
    written_for: str
    detail: str
    where: str
    recheck: str


RELIANCES = {
    "sphinx-asset-lists": Reliance(
        "sphinx",
        "7.4.7",
        "app.registry.css_files and js_files, private lists of (name, attributes)",
        "book/_ext/upstream.py drop_page_assets (lite.py drops jupyterlite-sphinx's assets)",
        "tests/test_lite.py::test_no_page_asks_for_google_fonts",
    ),
    "lite-worker-version-key": Reliance(
        "jupyterlite-core",
        "0.8.6",
        "ServiceWorkerManager's localStorage key '<worker URL>-version'",
        "book/_ext/static/ck-sw-register.js",
        "tests/test_offline_site.py (JupyterLite under the site's worker)",
    ),
    "lite-drive-relay": Reliance(
        "jupyterlite-core",
        "0.8.6",
        "its service worker's /api/drive relay over the BroadcastChannel '/sw-api.v1'",
        "book/_ext/sw/ck-lite-drive.js (a copy of packages/server/src/service-worker.ts)",
        "tests/test_offline_site.py and tests/test_lite.py (saving in JupyterLite)",
    ),
    "theme-fontawesome": Reliance(
        "pydata-sphinx-theme",
        "0.17.1",
        "FontAwesome: the fontawesome.js script tag, its icon table and the static file paths",
        "book/_ext/theme_fixes.py",
        "tests/test_browser.py (icons, page weight)",
    ),
    "theme-templates": Reliance(
        "sphinx-book-theme",
        "1.3.0",
        "the theme templates overridden in book/_ext/templates/ (layout's css block, "
        "search button, colour-mode switch)",
        "book/_ext/templates/",
        "tests/test_accessibility.py",
    ),
}


def changed(name: str, version: Callable[[str], str] | None = None) -> str:
    """One line saying how reliance ``name`` no longer holds, or "" while it does.

    ``version`` maps a package to its version (the installed one by default).
    """
    r = RELIANCES[name]
    try:
        installed = (version or importlib.metadata.version)(r.package)
    except importlib.metadata.PackageNotFoundError:
        installed = "not installed"
    if installed == r.written_for:
        return ""
    return (
        f"closing-kit: {r.package} is {installed}, but {r.where} relies on {r.detail} "
        f"as in {r.package} {r.written_for}: re-check it ({r.recheck}), "
        f"then set {r.package}'s new version for {name!r} in book/_ext/upstream.py"
    )


def require(*names: str, version: Callable[[str], str] | None = None) -> None:
    """Stop the build, in one line, if any reliance ``names`` was written for another version."""
    for name in names:
        problem = changed(name, version)
        if problem:
            raise ExtensionError(problem)


def drop_page_assets(app, unwanted: tuple[str, ...]) -> None:
    """Remove every stylesheet and script whose name contains one of ``unwanted``
    from what Sphinx adds to each page (``app.add_css_file``/``add_js_file`` have
    no public opposite, so this edits Sphinx's private lists)."""
    require("sphinx-asset-lists")

    def wanted(name) -> bool:
        return not any(u in (name or "") for u in unwanted)

    app.registry.css_files = [(n, a) for n, a in app.registry.css_files if wanted(n)]
    app.registry.js_files = [(n, a) for n, a in app.registry.js_files if wanted(n)]
