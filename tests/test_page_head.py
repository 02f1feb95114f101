"""Every page's head: the course's icon, a description, and no Thebe (book/_ext/page_head.py)."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import page_head  # noqa: E402


def _ico_images(data: bytes) -> list[tuple[int, bytes]]:
    """(declared size, image bytes) of each image in an ICO file; fails on anything else."""
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1), "not an icon file"
    images = []
    for i in range(count):
        w, h, _, _, _, _, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert w == h and offset + size <= len(data)
        images.append((w or 256, data[offset : offset + size]))
    return images


def test_favicon_ico_holds_a_png_of_each_size():
    """favicon.ico is a real icon file: one PNG per size, each the size it declares."""
    images = _ico_images(page_head.favicon_ico())
    assert [size for size, _ in images] == list(page_head.ICO_SIZES)
    for size, png in images:
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack_from(">II", png, 16) == (size, size)


def test_favicon_svg_is_the_same_mark():
    """The SVG draws the same square and tick the ICO is rasterised from."""
    svg = page_head.favicon_svg()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "8.5,16.5 13.5,21.5 23.5,10.5" in svg and 'rx="7"' in svg


def test_the_book_loads_every_extension_but_thebe():
    """_config.yml's extension list replaces Jupyter Book's: nothing it names is lost but Thebe."""
    from jupyter_book.config import get_default_sphinx_config, get_final_config

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    final, _ = get_final_config(
        user_yaml=ROOT / "_config.yml",
        cli_config={"latex_individualpages": False},
        sourcedir=ROOT,
    )
    wanted = (
        [e for e in get_default_sphinx_config()["extensions"] if e != "sphinx_thebe"]
        + config["sphinx"]["extra_extensions"]
        + list(config["sphinx"]["local_extensions"])
    )
    assert [e for e in wanted if e not in final["extensions"]] == []
    assert "sphinx_thebe" not in final["extensions"]


def _built_pages(site: Path) -> list[Path]:
    """Every HTML page the book writes: Sphinx's and the print materials (not lite/'s app)."""
    return sorted(
        p
        for p in site.rglob("*.html")
        if not {"_static", "lite", "_pyodide"} & set(p.relative_to(site).parts)
        and b'http-equiv="Refresh"' not in p.read_bytes()[:300]
    )


def test_the_site_root_serves_both_icons_and_every_page_links_them(site):
    """/favicon.ico and /favicon.svg exist at the root; each Sphinx page links to both."""
    assert _ico_images((site / "favicon.ico").read_bytes())
    assert (site / "favicon.svg").read_text(encoding="utf-8") == page_head.favicon_svg()
    missing = []
    for path in _built_pages(site):
        if "print" in path.relative_to(site).parts:
            continue  # standalone sheets: the browser asks the root for /favicon.ico
        icons = {
            (path.parent / link["href"]).resolve()
            for link in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select(
                'link[rel="icon"]'
            )
        }
        if icons != {(site / "favicon.ico").resolve(), (site / "favicon.svg").resolve()}:
            missing.append(str(path.relative_to(site)))
    assert missing == []


def test_no_page_loads_thebe(site):
    """No page carries sphinx-thebe's setup script or stylesheet."""
    assert [
        str(p.relative_to(site)) for p in _built_pages(site) if "thebe" in p.read_text().lower()
    ] == []


def test_every_page_has_its_own_description(site):
    """Each built page has one non-empty <meta name="description">, and no two are the same."""
    seen: dict[str, str] = {}
    problems = []
    for path in _built_pages(site):
        rel = str(path.relative_to(site))
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        tags = soup.select('meta[name="description"]')
        text = tags[0].get("content", "").strip() if len(tags) == 1 else ""
        if not text:
            problems.append(f"{rel}: {len(tags)} description tags, first empty or missing")
        elif text in seen:
            problems.append(f"{rel}: same description as {seen[text]}")
        else:
            seen[text] = rel
    assert problems == []
    assert len(seen) > 30  # chapters, notebooks, Sphinx's own pages and the print sheets


def test_file_scripts_are_deferred_but_the_one_inline_lines_read():
    """Every blocking file script is deferred; inline code, modules, async and
    documentation_options.js (read by inline lines at once) are left as they are."""
    from sphinx.builders.html._assets import _JavaScript

    scripts = [
        _JavaScript("_static/documentation_options.js"),
        _JavaScript("_static/doctools.js", priority=200),
        _JavaScript(None, body="let x = 1;"),
        _JavaScript("_static/quiz.js", defer="defer"),
        _JavaScript("_static/a.mjs", type="module"),
        _JavaScript("_static/b.js", **{"async": "async"}),
        _JavaScript("_static/live/live.js", **{"data-engine": "e.json"}),
    ]
    got = page_head.deferred(scripts)
    assert [js.attributes.get("defer") for js in got] == [
        None, "defer", None, "defer", None, None, "defer"
    ]  # fmt: skip
    assert got[1].priority == 200 and got[6].attributes["data-engine"] == "e.json"
    assert got[0] is scripts[0] and got[2] is scripts[2]


def test_the_search_as_you_type_scripts_are_cut_from_the_head_and_nothing_else():
    head = (
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        '<script src="../_static/searchtools.js"></script>\n'
        '<script src="../_static/language_data.js"></script>\n'
        '<script src="../searchindex.js"></script>\n'
        '<script src="../_static/other.js"></script>'
    )
    assert str(page_head.without_search_scripts(head)) == (
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        '<script src="../_static/other.js"></script>'
    )


def _head_scripts(path: Path) -> list:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return soup.head.find_all("script")


def test_no_page_waits_for_a_script_but_the_one_its_inline_lines_read(site):
    """In every page's head, a script with a src is deferred (or a module, or async), but
    documentation_options.js; the search index is loaded by the search page alone."""
    blocking, search = [], []
    for path in _built_pages(site):
        rel = str(path.relative_to(site))
        if "print" in path.relative_to(site).parts:
            continue
        for tag in _head_scripts(path):
            src = tag.get("src", "")
            if not src or src.startswith("data:"):
                continue
            if "searchindex.js" in src:
                search.append(rel)
            lazy = tag.has_attr("defer") or tag.has_attr("async") or tag.get("type") == "module"
            if not lazy and "documentation_options.js" not in src and rel != "search.html":
                blocking.append(f"{rel}: {src}")
    assert blocking == []
    assert search == ["search.html"]


@pytest.mark.browser
def test_the_search_dialog_still_finds_a_page(server, browser):
    """From a chapter (no search index in its head), the search box sends its words to the
    search page, which lists the chapter that holds them; no console error on the way."""
    from browser_support import Visit

    visit = Visit(browser, f"{server}/book/05-close-the-sale.html")
    page = visit.page
    page.keyboard.press("Control+k")
    box = page.locator("#pst-search-dialog input[name=q]")
    box.wait_for(state="visible")
    box.fill("reservations")
    box.press("Enter")
    page.wait_for_url("**/search.html?q=reservations*")
    results = page.locator("#search-results li a")
    results.first.wait_for(state="visible", timeout=30_000)
    assert any("reservations" in (h or "") for h in results.evaluate_all("a => a.map(x => x.href)"))
    assert visit.errors == [] and visit.blocked == []
    visit.close()
