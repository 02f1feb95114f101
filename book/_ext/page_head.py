"""What every page's head holds: the course's icon and a description of the page.

- **Favicon**: one small mark (a tick on the course's teal), drawn here from
  the same few shapes as an SVG and as a real ``favicon.ico`` (PNG images
  inside an ICO, 16, 32 and 48 px), both written at the site's root. Every
  page links to both, and a browser that asks the root for ``/favicon.ico``
  without reading the page finds it too: no 404 in any console.
- **Meta description**: each page's ``<meta name="description">`` comes from
  its ``description`` (a chapter's front matter, a notebook's metadata); the
  pages Sphinx makes itself get theirs from ``GENERATED``. A page with none
  fails the build, naming it, so search results never show a page's menu.
- **Nothing that can wait holds up the first paint** (issue 16: a phone's
  first screen). Every script the extensions and the theme add to the head
  is deferred (it still runs in the same order, before ``DOMContentLoaded``),
  but ``BLOCKING``, which inline lines in the head read at once (the search
  page keeps them all blocking: its search scripts run at once). The theme's
  search-as-you-type scripts (``SEARCH_SCRIPTS``: the search index, about
  25 KB gzipped on every page) are left out of every page but the search
  page: that feature is off (``search_as_you_type``), and the search dialog
  sends its words to the search page, which loads them itself.
"""

from __future__ import annotations

import html
import os
import re
import struct
import zlib
from pathlib import Path

from markupsafe import Markup
from sphinx.builders.html._assets import _JavaScript
from sphinx.errors import ExtensionError

# -- the mark -------------------------------------------------------------------------
#: Drawn on a 32 x 32 grid: a rounded square and a tick, two strokes with round ends.
SIZE = 32
RADIUS = 7
BACKGROUND = (0x0A, 0x6C, 0x7D)  # the course's teal, darker than the theme's for contrast
TICK = ((8.5, 16.5), (13.5, 21.5), (23.5, 10.5))
TICK_WIDTH = 4.2
#: The sizes inside favicon.ico.
ICO_SIZES = (16, 32, 48)


def favicon_svg() -> str:
    """The mark as SVG (scales to any size; browsers that read SVG icons use it)."""
    r, g, b = BACKGROUND
    points = " ".join(f"{x:g},{y:g}" for x, y in TICK)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
        f'<rect width="{SIZE}" height="{SIZE}" rx="{RADIUS}" fill="#{r:02x}{g:02x}{b:02x}"/>'
        f'<polyline points="{points}" fill="none" stroke="#fff" stroke-width="{TICK_WIDTH:g}" '
        'stroke-linecap="round" stroke-linejoin="round"/></svg>\n'
    )


def _in_square(x: float, y: float) -> bool:
    cx = min(max(x, RADIUS), SIZE - RADIUS)
    cy = min(max(y, RADIUS), SIZE - RADIUS)
    return (x - cx) ** 2 + (y - cy) ** 2 <= RADIUS**2


def _near_tick(x: float, y: float) -> bool:
    half = TICK_WIDTH / 2
    for (x1, y1), (x2, y2) in zip(TICK, TICK[1:], strict=False):
        dx, dy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
        if (x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2 <= half * half:
            return True
    return False


def _pixels(size: int, samples: int = 4) -> bytes:
    """RGBA rows of the mark at ``size`` px, each pixel averaged over samples x samples."""
    rows = bytearray()
    scale = SIZE / size
    n = samples * samples
    for py in range(size):
        rows.append(0)  # PNG filter type: none
        for px in range(size):
            square = tick = 0
            for sy in range(samples):
                for sx in range(samples):
                    x = (px + (sx + 0.5) / samples) * scale
                    y = (py + (sy + 0.5) / samples) * scale
                    if _in_square(x, y):
                        square += 1
                        tick += _near_tick(x, y)
            alpha = square / n
            white = tick / square if square else 0.0
            rows += bytes(round(c + (255 - c) * white) for c in BACKGROUND)
            rows.append(round(255 * alpha))
    return bytes(rows)


def _png(size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(_pixels(size), 9))
        + chunk(b"IEND", b"")
    )


def favicon_ico() -> bytes:
    """The mark as a Windows icon file holding one PNG per size in ``ICO_SIZES``."""
    images = [_png(size) for size in ICO_SIZES]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, data in zip(ICO_SIZES, images, strict=True):
        out += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(images)


# -- descriptions ------------------------------------------------------------------------
#: Pages Sphinx makes itself, with no source to carry a description.
GENERATED = {
    "genindex": "Index of the closing-kit course: every term and page, A to Z.",
    "search": "Search the closing-kit course on ending a job interview well.",
}


def description(app, pagename: str) -> str:
    """The page's description, one line; empty when it has none."""
    meta = app.env.metadata.get(pagename, {}) if app.env else {}
    text = meta.get("description") or GENERATED.get(pagename, "")
    return " ".join(str(text).split())


# -- scripts --------------------------------------------------------------------------------
#: Stays blocking: the inline ``DOCUMENTATION_OPTIONS.pagename = ...`` after it reads it.
BLOCKING = {"_static/documentation_options.js"}
#: What pydata-sphinx-theme writes into every page's head for search as you type.
SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[^"]*/?(?:_static/searchtools|_static/language_data|searchindex)\.js"'
    r"></script>"
)


def deferred(scripts: list) -> list:
    """``scripts`` (a page's ``script_files``) with every blocking file script deferred.

    Inline scripts, modules, ``async`` or ``defer`` ones and ``BLOCKING`` stay as they are.
    """
    out = []
    for js in scripts:
        if (
            isinstance(js, _JavaScript)
            and js.filename
            and os.fspath(js.filename) not in BLOCKING
            and not {"defer", "async", "type"} & set(js.attributes)
        ):
            js = _JavaScript(js.filename, priority=js.priority, **js.attributes, defer="defer")
        out.append(js)
    return out


def without_search_scripts(head: str) -> Markup:
    """The theme's ``extrahead`` block without its search-as-you-type scripts."""
    return Markup(SEARCH_SCRIPTS.sub("", str(head)))


# -- build wiring ---------------------------------------------------------------------------
def _write_icons(app, config):
    folder = Path(app.doctreedir).parent / "closing-kit-favicon"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "favicon.svg").write_text(favicon_svg(), encoding="utf-8")
    (folder / "favicon.ico").write_bytes(favicon_ico())
    config.html_extra_path.append(str(folder))


def _head(app, pagename, templatename, context, doctree):
    if app.builder.format != "html":
        return
    pathto = context["pathto"]
    tags = [
        f'<link rel="icon" href="{pathto("favicon.ico", 1)}" sizes="16x16 32x32 48x48">',
        f'<link rel="icon" href="{pathto("favicon.svg", 1)}" type="image/svg+xml">',
    ]
    text = description(app, pagename)
    if not text:
        raise ExtensionError(
            f"closing-kit: page {pagename!r} has no description: add `description:` to its "
            "front matter (a notebook: to its metadata), or to page_head.GENERATED"
        )
    tags.append(f'<meta name="description" content="{html.escape(text)}">')
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"
    # The search page's own searchtools.js runs at once and needs doctools.js's _ready.
    if pagename != "search":
        context["script_files"] = deferred(context.get("script_files", []))


def _register(app):
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.filters["ck_no_search_scripts"] = without_search_scripts


def setup(app):
    app.connect("config-inited", _write_icons)
    app.connect("builder-inited", _register)
    app.connect("html-page-context", _head)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
