"""The book builds cleanly and the built HTML is what a reader needs."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent

#: The chapters, in reading order, with words their title must contain.
CHAPTERS = [
    ("book/01-introduction", "Introduction"),
    ("book/02-dont-leave-empty-handed", "empty-handed"),
    ("book/03-know-the-next-steps", "next steps"),
    ("book/04-lay-the-groundwork", "follow-up"),
    ("book/05-close-the-sale", "Close the sale"),
    ("book/06-reservations", "reservations"),
    ("book/07-noncommittal-answers", "Noncommittal"),
    ("book/08-remember-the-details", "Remember the details"),
    ("book/09-final-five-minutes", "final five minutes"),
    ("book/10-sources", "Sources"),
]
TIP_CHAPTERS = [c for c, _ in CHAPTERS[1:8]]


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_build_has_no_warnings(built_book):
    """`jupyter-book build -W -n --keep-going` succeeds with no warning at all."""
    assert built_book["returncode"] == 0, built_book["output"][-5000:]
    warnings = [line for line in built_book["output"].splitlines() if "WARNING:" in line]
    assert warnings == []


def test_stray_files_in_the_clone_stay_out_of_the_site(built_book, site):
    """A venv, node_modules, notes.md, draft.rst or a scratch notebook in the clone is not built.

    The fixture planted them (``tests_support.stray_files``); no built file is
    named after one, and no page, search index or source copy holds a marker.
    """
    strays = built_book["strays"]
    assert any(s.startswith(".venv/") for s in strays) and "notebooks/scratch.ipynb" in strays
    names = {"somepkg", "otherpkg", "thirdpkg", "somewidget", "scratch", "notes", "draft", "todo"}
    names |= {".venv", "venv", "kit-env", "site-packages", "node_modules", ".scratch"}
    built = [p.relative_to(site) for p in site.rglob("*")]
    assert [p for p in built if names & {Path(part).stem for part in p.parts}] == []
    texts = [
        p
        for p in site.rglob("*")
        if p.is_file() and p.suffix in {".html", ".js", ".txt", ".md", ".ipynb", ".json"}
    ]
    leaks = [p for p in texts if "STRAY " in p.read_text(encoding="utf-8", errors="replace")]
    assert leaks == []


def test_chapters_in_order_with_titles(site):
    """The table of contents lists every chapter, in order, numbered, with its title."""
    nav = _soup(site / "book" / "index.html").select("nav.bd-links a.reference.internal")
    hrefs = [a["href"] for a in nav]
    positions = []
    for doc, title in CHAPTERS:
        name = Path(doc).name + ".html"
        match = [i for i, h in enumerate(hrefs) if h.split("#")[0].endswith(name)]
        assert match, f"{doc} is missing from the navigation"
        positions.append(match[0])
        text = nav[match[0]].get_text(" ", strip=True)
        assert title.lower() in text.lower(), f"{doc}: navigation says {text!r}"
        number = CHAPTERS.index((doc, title)) + 1
        assert text.startswith(f"{number}. "), f"{doc} is numbered {text!r}"
        h1 = _soup(site / f"{doc}.html").find("h1")
        assert h1 is not None and title.lower() in h1.get_text(" ").lower()
    assert positions == sorted(positions)


@pytest.mark.parametrize("doc", [c for c, _ in CHAPTERS])
def test_every_chapter_has_its_quiz(site, doc):
    """Every chapter ends with a self-check quiz rendered as real form controls."""
    quiz = _soup(site / f"{doc}.html").select_one("[data-ck-quiz]")
    assert quiz is not None
    questions = quiz.select("[data-ck-question]")
    assert len(questions) >= 3
    for q in questions:
        radios = q.select("input[type=radio]")
        assert len(radios) >= 3
        assert [r["data-correct"] for r in radios].count("true") == 1
        assert all(q.select_one(f'label[for="{r["id"]}"]') for r in radios)
        assert q.select_one("legend") and q.select_one("button")


@pytest.mark.parametrize("doc", TIP_CHAPTERS)
def test_tip_chapters_have_the_full_shape(site, doc):
    """Each tip chapter has every section, scripts, an exercise with a hidden answer."""
    soup = _soup(site / f"{doc}.html")
    headings = [h.get_text(" ", strip=True).rstrip("#").strip() for h in soup.select("h2")]
    for section in [
        "The idea",
        "Why it works",
        "What to say",
        "What not to do",
        "Worked example",
        "Your turn",
        "Check yourself",
    ]:
        assert any(section.lower() in h.lower() for h in headings), f"{doc}: no {section!r}"
    assert len(soup.select("div.admonition.say-it")) >= 4, "scripts for several settings"
    assert soup.select(".exercise"), "an exercise"
    assert soup.select(".solution.dropdown"), "a model answer behind a toggle"
    assert soup.find(string=re.compile("DeCarlo|McKee")), "advice attributed to its expert"
    assert soup.select('a[href*="10-sources.html#"]'), "the article is cited"


def test_internal_links_resolve(site):
    """Every relative link, image and script points at a file (and anchor) that exists."""
    broken = []
    ids: dict[Path, set[str]] = {}
    for page in _pages(site):
        soup = _soup(page)
        for tag, attr in [("a", "href"), ("img", "src"), ("script", "src"), ("link", "href")]:
            for el in soup.find_all(tag):
                url = el.get(attr)
                if not url or urlparse(url).scheme or url.startswith(("//", "mailto:")):
                    continue
                path, anchor = urldefrag(url)
                path = urlparse(path).path  # drop ?digest=... cache busters
                target = (page.parent / unquote(path)).resolve() if path else page
                if not target.exists():
                    broken.append(f"{page.relative_to(site)}: {url}")
                elif anchor and target.suffix == ".html":
                    if target not in ids:
                        ids[target] = {e["id"] for e in _soup(target).find_all(id=True)}
                    if anchor not in ids[target]:
                        broken.append(f"{page.relative_to(site)}: {url} (no such anchor)")
    assert broken == []


def test_no_external_scripts_or_stylesheets(site):
    """The site loads its scripts and styles from itself, so it works offline."""
    external = []
    for page in _pages(site):
        soup = _soup(page)
        urls = [s.get("src") for s in soup.find_all("script")]
        urls += [link.get("href") for link in soup.find_all("link", rel="stylesheet")]
        urls += [link.get("href") for link in soup.find_all("link", rel="preload")]
        external += [f"{page.name}: {u}" for u in urls if u and re.match(r"^(https?:)?//", u)]
    assert external == []


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is what fetches the widget scripts")
def test_widget_scripts_are_served_by_the_site(site):
    """Widget pages load require.js and the html-manager bundle from _static/widgets/."""
    page = _soup(site / "notebooks" / "09-final-five-minutes-checklist.html")
    srcs = [urlparse(s.get("src", "")).path for s in page.find_all("script")]
    assert any(s.endswith("_static/widgets/require.js") for s in srcs)
    assert any(s.endswith("_static/widgets/embed-amd.js") for s in srcs)
    assert (site / "_static" / "widgets" / "embed-amd.js").stat().st_size > 1_000_000
    assert page.find("script", type="application/vnd.jupyter.widget-state+json")


def test_widget_pages_say_the_picture_saves_nothing_and_only_jupyter_says_run_all(site):
    """A page showing widgets opens with the website's words (the picture saves nothing, where
    to use it); Jupyter's own instructions ("Run All Cells") appear only inside the JupyterLite
    box, which is about JupyterLite; no notebook page says "kernel"."""
    widget_pages = [
        p
        for p in _pages(site)
        if _soup(p).find("script", type="application/vnd.jupyter.widget-state+json")
    ]
    assert widget_pages, "at least one practice page shows widgets"
    for page in widget_pages:
        note = _soup(page).select_one("p.ck-picture-note")
        assert note is not None and "saves nothing" in note.get_text(), page.name
    for page in sorted((site / "notebooks").glob("*.html")):
        main = _soup(page).select_one("main") or _soup(page)
        for box in main.select(".ck-lite"):
            box.decompose()
        text = main.get_text(" ")
        assert "Run All Cells" not in text and "Shift+Enter" not in text, page.name
        assert not re.search(r"\bkernel\b", text, re.I), page.name


def _course_notebooks() -> set[str]:
    """The notebooks in git: a learner's untracked scratch notebook is not the course's."""
    git = shutil.which("git")
    proc = git and subprocess.run(
        [git, "ls-files", "--", "notebooks/*.ipynb"], cwd=ROOT, capture_output=True, text=True
    )
    if not proc or proc.returncode != 0:  # not a clone: every notebook counts
        return {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    paths = [Path(line) for line in proc.stdout.splitlines()]
    return {p.stem for p in paths if p.parent == Path("notebooks")}


def test_toc_lists_only_notebooks_that_exist():
    """No chapter has an empty practice page: every notebook in _toc.yml exists, and vice versa.

    "Vice versa" means every notebook in git: one a learner keeps beside them is theirs.
    """
    toc = (ROOT / "_toc.yml").read_text()
    listed = set(re.findall(r"notebooks/([\w-]+)", toc))
    assert {n for n in listed if not (ROOT / "notebooks" / f"{n}.ipynb").is_file()} == set()
    assert _course_notebooks() - listed == set()
    assert yaml.safe_load(toc)["root"] == "book/index"


def test_diagram_has_both_themes(site):
    """Chapter 9 shows the light diagram in light mode and the dark one in dark mode."""
    soup = _soup(site / "book" / "09-final-five-minutes.html")
    light = soup.select_one("img.only-light")
    dark = soup.select_one("img.only-dark")
    assert light and light["src"].endswith("final-five-minutes-light.svg")
    assert dark and dark["src"].endswith("final-five-minutes-dark.svg")
    assert len(light.get("alt", "")) > 80, "the alt text describes the sequence"


def test_printable_checklist_matches_the_exercise(site):
    """Chapter 9's checklist is rendered from the data the practice notebook uses."""
    from closing_kit import load_checklist

    soup = _soup(site / "book" / "09-final-five-minutes.html")
    page_items = [li.get_text(" ", strip=True) for li in soup.select(".ck-checklist li")]
    data_items = [i.text for i in load_checklist().items]
    assert len(page_items) == len(data_items)
    assert all(p.startswith(d) for p, d in zip(page_items, data_items, strict=True))


def test_chapter_9_fits_a_phone_the_night_before(site):
    """Chapter 9 as rendered, checklist included (the quiz left out), is under 900 words, its
    reading time counts them, and its checklist has at most 10 lines."""
    soup = _soup(site / "book" / "09-final-five-minutes.html")
    article = soup.select_one("article") or soup.select_one("main")
    for quiz in article.select(".ck-quiz, [data-ck-quiz], script, style"):
        quiz.decompose()
    words = len(article.get_text(" ").split())
    assert words < 900, words
    assert len(article.select(".ck-checklist li")) <= 10
    note = article.select_one(".ck-reading-time").get_text()
    assert f"About {max(1, round(words / 200))} minute" in note, (note, words)
