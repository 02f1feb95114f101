"""Serve the widget scripts from the site itself, so widgets show offline.

myst-nb's default ``nb_ipywidgets_js`` loads require.js and the
``@jupyter-widgets/html-manager`` bundle from public CDNs, so a reader with
no connection sees no widget at all. At build time this extension fetches
both from the npm registry with ``npm pack`` (pinned versions, checked
against their registry integrity), caches them outside the repository, adds
the cache to ``html_static_path`` and points ``nb_ipywidgets_js`` at the
copies under ``_static/widgets/``. The bundles are never committed.

Without npm, or with no registry to reach, the build still succeeds: it says
so in one line and keeps the CDN addresses.

Run it on its own (``python book/_ext/offline_widgets.py``) to fill the cache.
"""

from __future__ import annotations

import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from npm_fetch import VendorError, cache_dir, cached_folder, extract, pinned_tarballs

#: npm spec -> (file in the tarball, name under _static/widgets/, sha512 of the tarball)
PACKAGES = {
    "requirejs@2.3.8": (
        "package/require.js",
        "require.js",
        "sha512-7/cTSLOdYkNBNJcDMWf+luFvMriVm7eYxp4BcFCsAX0wF421Vyce5SXP17c+Jd5otXKGNehIonFlyQXSowL6Mw==",
    ),
    "@jupyter-widgets/html-manager@1.0.15": (
        "package/dist/embed-amd.js",
        "embed-amd.js",
        "sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47bCrJ3CQA==",
    ),
}

#: The widget stylesheets ask for their icon fonts relative to the *page*
#: (ipywidgets issue 1650): the html-manager's under
#: ``@jupyter-widgets/html-manager/dist/``, the controls' (dropdowns, date
#: pickers) under ``@jupyter-widgets/``. The fonts are copied to both, next to
#: every folder that holds a notebook.
FONT_SUFFIXES = (".woff2", ".woff", ".ttf")
FONT_PATHS = ("@jupyter-widgets/html-manager/dist", "@jupyter-widgets")

#: Where the built-in widgets would be fetched from if a page ever needed a
#: third-party widget; the built-in ones are inside embed-amd.js.
WIDGETS_CDN = "https://cdn.jsdelivr.net/npm/"


def cache_root() -> Path:
    """This build's folder in the cache (``npm_fetch.cache_dir``), named after the pins."""
    return cache_dir("widgets-js", json.dumps(PACKAGES, sort_keys=True))


def fetch(root: Path | None = None) -> Path:
    """Fill ``root/static/widgets/`` (scripts) and ``root/fonts/`` if empty; return ``root``."""
    names = [f"static/widgets/{name}" for _, name, _ in PACKAGES.values()]
    return cached_folder(root or cache_root(), names, _fill)


def _fill(root: Path) -> None:
    """The pinned scripts into ``root/static/widgets/``, their icon fonts into ``root/fonts/``."""
    with tempfile.TemporaryDirectory() as tmp:
        pins = {spec: sri for spec, (_, _, sri) in PACKAGES.items()}
        for spec, tarball in pinned_tarballs(pins, Path(tmp)).items():
            member, name, _ = PACKAGES[spec]
            with tarfile.open(tarball) as tar:
                fonts = [
                    m.name
                    for m in tar.getmembers()
                    if m.isfile()
                    and m.name.startswith(str(Path(member).parent) + "/")
                    and m.name.endswith(FONT_SUFFIXES)
                ]
            files = {member: root / "static" / "widgets" / name}
            extract(tarball, {**files, **{f: root / "fonts" / Path(f).name for f in fonts}})


def _font_tree(root: Path, srcdir: Path, config) -> Path:
    """A tree that puts the icon fonts where each notebook folder's pages look for them.

    Only the notebooks Sphinx may read count (its own ``include_patterns`` and
    ``exclude_patterns``), so a virtual environment's notebooks add nothing.
    """
    from sphinx.util.matching import get_matching_files

    tree = root / "extra"
    shutil.rmtree(tree, ignore_errors=True)
    sources = get_matching_files(srcdir, config.include_patterns, config.exclude_patterns)
    folders = {Path(p).parent for p in sources if p.endswith(".ipynb")}
    for folder in sorted(folders):
        for font_path in FONT_PATHS:
            shutil.copytree(root / "fonts", tree / folder / font_path, dirs_exist_ok=True)
    tree.mkdir(parents=True, exist_ok=True)
    return tree


def _configure(app, config):
    from sphinx.util import logging

    logger = logging.getLogger(__name__)
    try:
        root = fetch()
    except VendorError as err:
        logger.info(
            f"closing-kit: widget scripts will load from their CDN, so widgets need internet "
            f"({err}; install npm for an offline site)"
        )
        return
    config.html_static_path.append(str(root / "static"))
    config.html_extra_path.append(str(_font_tree(root, Path(app.srcdir), config)))
    config.nb_ipywidgets_js = {
        "widgets/require.js": {},
        "widgets/embed-amd.js": {"data-jupyter-widgets-cdn": WIDGETS_CDN},
    }
    logger.info(f"closing-kit: widget scripts served from the site ({root})")


def setup(app):
    # After myst-nb has registered its config values, before the builder reads them.
    app.connect("config-inited", _configure, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}


if __name__ == "__main__":
    print(fetch())
