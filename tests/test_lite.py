"""The practice notebooks in JupyterLite inside the site: built right, and run offline.

The browser tests serve the built site from 127.0.0.1 (``.wasm``, ``.mjs`` and
``.json`` with their MIME types), abort every other request and fail on any
aborted one, and drive Debian's headless Chromium: the real Pyodide kernel, the
real notebooks. Every wait waits for a state, never for a moment.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
import urllib.parse
from pathlib import Path

import lite
import pytest
from browser_support import Guard, open_and_run, type_a_close, wait_for_close_back
from browser_waits import KERNEL_READY  # one definition of "the kernel has started"
from packaging.requirements import Requirement

from closing_kit.widgets.workbook_letters import show_letters
from closing_kit.workbook import save_workbook
from closing_kit.workbook.model import example_workbook

ROOT = Path(__file__).resolve().parent.parent


def _toc_notebooks() -> set[str]:
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    return {f"{Path(n).name}.ipynb" for n in re.findall(r"notebooks/[\w.-]+", toc)}


# -- What the build makes ------------------------------------------------------------


def test_the_lite_pins_are_versions_the_package_allows():
    """Each wheel the browser gets satisfies pyproject's range, jsonschema aside (no rpds-py)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    ranges = {
        lite._canonical(Requirement(r).name): Requirement(r).specifier
        for extra in lite.EXTRAS
        for r in extras[extra]
        if not r.startswith("closing-kit")
    }
    served = {}
    for name in [*lite.PACKAGE_WHEELS, *lite.SDISTS]:
        dist, version = name.split("-")[:2]
        served[lite._canonical(dist)] = version.removesuffix(".tar.gz")
    outside = {n: v for n, v in served.items() if n in ranges and v not in ranges[n]}
    assert outside == {"jsonschema": "4.17.3"}
    missing = set(ranges) - set(served) - set(lite.NOT_IN_BROWSER)
    assert missing == set(), "every dependency is served or named as not in the browser"


def test_word_letters_fail_in_one_line_where_python_docx_is_missing(tmp_path, monkeypatch):
    """As in JupyterLite: choosing .docx says what to do instead, with no traceback."""
    monkeypatch.setenv("CLOSING_KIT_HOME", str(tmp_path))
    monkeypatch.setitem(sys.modules, "docx", None)  # `import docx` raises ImportError
    save_workbook(tmp_path / "my-interview.json", example_workbook())
    view = show_letters()
    view.file_format.value = "docx"
    assert view._on_files() == []
    assert "Word (.docx) files need python-docx" in view.status.value
    assert "choose Markdown or plain text" in view.files_note.value
    view.file_format.value = "txt"
    assert len(view._on_files()) == 3


def test_the_lite_site_holds_the_course_notebooks(site):
    """JupyterLite's files are exactly the notebooks the table of contents lists."""
    files = {p.name for p in (site / "lite" / "files").glob("*.ipynb")}
    assert files == _toc_notebooks()


def test_the_lock_lists_every_served_wheel_with_its_hash(site):
    """Each wheel the lock names is served, with the sha256 the lock gives for it."""
    pypi = site / "lite" / "pypi"
    lock = json.loads((pypi / "pyodide-lock.json").read_text())
    served = {k: p for k, p in lock["packages"].items() if "://" not in p["file_name"]}
    assert {p["file_name"] for p in served.values()} == {w.name for w in pypi.glob("*.whl")}
    for entry in served.values():
        assert lite._sha256(pypi / entry["file_name"]) == entry["sha256"], entry["name"]
    ours = lock["packages"]["closing-kit"]
    assert ours["imports"] == ["closing_kit"]
    assert {"ipywidgets", "jinja2", "jsonschema", "icalendar", "vobject"} <= set(ours["depends"])
    assert "python-docx" not in ours["depends"]
    for entry in served.values():  # nothing a served wheel needs is left to a CDN
        assert set(entry["depends"]) <= set(served), entry["name"]
    assert lock["packages"]["jsonschema"]["version"] == "4.17.3"


def test_the_wheels_are_served_as_the_browsers_bytecode(site):
    """Every served wheel but ours and the data-heavy ones holds bytecode, not source, all of
    one Python (the magic number); RECORD lists each file with its hash. Ours stays source."""
    import base64
    import hashlib
    import zipfile

    import bytecode

    magics = set()
    for wheel in (site / "lite" / "pypi").glob("*.whl"):
        with zipfile.ZipFile(wheel) as z:
            names = [n for n in z.namelist() if not n.endswith("/")]
            modules = [n for n in names if n.endswith((".py", ".pyc"))]
            if not bytecode.wanted(wheel):
                assert not [n for n in modules if n.endswith(".pyc")], wheel.name
                continue
            if not (site / "_pyodide" / "pyodide.mjs").is_file():
                pytest.skip("Pyodide from its CDN: the wheels are served as source")
            source = [n for n in modules if n.endswith(".py") and "/tests/" not in n]
            assert source == [], (wheel.name, source[:3])
            magics |= {z.read(n)[:4] for n in modules if n.endswith(".pyc")}
            record = next(n for n in names if n.endswith(".dist-info/RECORD"))
            listed = {}
            for line in z.read(record).decode().splitlines():
                path, digest, _size = line.rsplit(",", 2)
                listed[path] = digest
            assert set(listed) == set(names), wheel.name
            for name in names:
                if name != record:
                    sha = base64.urlsafe_b64encode(hashlib.sha256(z.read(name)).digest())
                    assert listed[name] == "sha256=" + sha.rstrip(b"=").decode(), name
    assert len(magics) == 1, magics


def test_the_kernel_uses_the_sites_one_pyodide(site):
    """The kernel's Pyodide is the site's _pyodide/ (when npm fetched it) and our lock."""
    config = json.loads((site / "lite" / "jupyter-lite.json").read_text())
    kernel = config["jupyter-config-data"]["litePluginSettings"][lite.KERNEL_PLUGIN]
    assert kernel["loadPyodideOptions"]["lockFileURL"].startswith(f"./{lite.LOCK_PATH}?")
    if (site / "_pyodide" / "pyodide.mjs").is_file():
        assert kernel["pyodideUrl"] == "./../_pyodide/pyodide.mjs"
        assert not (site / "lite" / "static" / "pyodide").exists(), "one copy, not two"


def test_the_workbook_schema_checks_with_the_browsers_jsonschema(site):
    """jsonschema 4.17.3, the version served to the browser, validates a workbook and finds a
    fault. (From the build's wheel cache: the site serves it as the browser's bytecode.)"""
    wheels = [str(p) for p in lite.fetch().glob("*.whl")]
    wheels = [w for w in wheels if Path(w).name.startswith(("jsonschema-", "pyrsistent-"))]
    code = (
        f"import sys; sys.path[:0] = {wheels!r}\n"
        "import jsonschema; assert jsonschema.__file__.endswith('.whl/jsonschema/__init__.py')\n"
        "from closing_kit.workbook.model import example_workbook, problems\n"
        "wb = example_workbook(); assert problems(wb) == [], problems(wb)\n"
        "wb['people'][0]['name'] = 5; print(problems(wb))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "people[0].name should be text" in out.stdout


def test_notebook_pages_open_their_notebook_in_jupyterlite(site):
    """Each notebook page starts with a link to its lite copy; the letters say what cannot run."""
    from bs4 import BeautifulSoup

    for name in _toc_notebooks():
        page = site / "notebooks" / name.replace(".ipynb", ".html")
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        link = soup.select_one("a.ck-lite-link")
        assert link is not None, page.name
        href = urllib.parse.urlparse(link["href"])
        assert (page.parent / href.path).resolve() == site / "lite" / "notebooks" / "index.html"
        assert urllib.parse.parse_qs(href.query)["path"] == [name]
    letters = (site / "notebooks" / "08-thank-you-letters.html").read_text(encoding="utf-8")
    assert "not as Word (.docx): python-docx needs lxml" in letters


def test_no_page_asks_for_google_fonts(site):
    """jupyterlite-sphinx's Google Fonts stylesheet is gone: the pages work offline."""
    assert not [
        p.name
        for p in site.rglob("*.html")
        if "fonts.googleapis" in p.read_text(encoding="utf-8", errors="replace")
    ]


# -- In a real browser, offline ---------------------------------------------------------


class Offline:
    """A browser context that reaches 127.0.0.1 only, recording whatever it had to stop."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1300, "height": 1000})
        self.guard = Guard(self.context)
        self.blocked = self.guard.blocked
        self.context.add_init_script(KERNEL_READY)
        self.page = self.context.new_page()

    def close(self):
        self.context.close()
        assert self.blocked == [], "requests that needed the internet"


@pytest.mark.browser
def test_the_drafter_runs_in_jupyterlite_offline_and_the_work_survives_a_reload(server, browser):
    """Open the drafter, run it, type a close: 100/100; reload and run again: the close is back."""
    visit = Offline(browser)
    page = visit.page
    try:
        open_and_run(page, server, "05-closing-question-drafter.ipynb")
        type_a_close(page)
        page.reload()
        open_and_run(page, server, "05-closing-question-drafter.ipynb")
        wait_for_close_back(page)
    finally:
        visit.close()


#: Runs in JupyterLite's console: every code cell of every notebook, through the
#: kernel's own ``run`` (as a notebook's Run All does: lite transforms, packages
#: loaded from the cell's imports, IPython), then the workbook's file exports.
RUNNER = """
import json, pathlib
kernel = get_ipython().kernel
report = {"notebooks": {}, "files": {}}
for nb in sorted(pathlib.Path(".").glob("*.ipynb")):
    errors = report["notebooks"][nb.name] = []
    for cell in json.loads(nb.read_text())["cells"]:
        if cell["cell_type"] == "code":
            result = await kernel.run("".join(cell["source"]))
            if result["status"] != "ok":
                errors.append(f"{result['ename']}: {result['evalue']}")
from closing_kit.workbook import contacts, export, followup, letter_files, letters
from closing_kit.workbook.model import example_workbook, problems
wb = example_workbook()
letter = letters.letters(wb)[0]
makers = {"schema": lambda: json.dumps(problems(wb)), "ics": lambda: followup.to_ics(wb),
          "vcf": lambda: contacts.to_vcard(wb), "html": lambda: export.to_html(wb)}
for fmt in letter_files.FORMATS:
    makers[fmt] = lambda fmt=fmt: letter_files.letter_bytes(letter, fmt)
for name, make in makers.items():
    try:
        report["files"][name] = len(make())
    except Exception as err:
        report["files"][name] = type(err).__name__
print("LITE" + "-REPORT " + json.dumps(report))
"""


@pytest.mark.browser
def test_every_notebook_runs_in_the_lite_kernel_and_the_files_it_can_make(server, browser):
    """All ten notebooks run without an error in the browser's Python; every export but .docx.

    .docx is the one documented limit (``lite.NOT_IN_BROWSER``, said on the letters page).
    """
    visit = Offline(browser)
    page = visit.page
    try:
        code = urllib.parse.quote(RUNNER)
        page.goto(f"{server}/lite/repl/index.html?kernel=python&toolbar=1&code={code}")
        done = page.locator(".jp-OutputArea-output", has_text="LITE-REPORT")
        done.wait_for(timeout=300_000)
        report = json.loads(done.inner_text().split("LITE-REPORT", 1)[1])
    finally:
        visit.close()
    assert set(report["notebooks"]) == _toc_notebooks()
    assert {nb: errors for nb, errors in report["notebooks"].items() if errors} == {}
    made = {name: size for name, size in report["files"].items() if isinstance(size, int)}
    assert set(made) == {"schema", "ics", "vcf", "html", "md", "txt"}
    assert report["files"]["docx"] == "ModuleNotFoundError"
    assert report["files"]["schema"] == len("[]"), "the example workbook is valid"
    assert "python-docx" in lite.NOT_IN_BROWSER
    assert "notebooks/08-thank-you-letters" in lite.BROWSER_LIMITS


def test_two_clones_keep_their_own_wheels_in_the_shared_cache(tmp_path, monkeypatch):
    """Two trees building into one lite-own cache: each build replaces only its own tree's
    older wheel, never the other tree's (the cache is shared by every clone)."""

    def fake_pip_wheel(command, what, **kwargs):  # pip itself is not what is tested here
        out = Path(command[command.index("-w") + 1])
        out.mkdir(parents=True, exist_ok=True)
        (out / "closing_kit-1.0-py3-none-any.whl").write_bytes(b"wheel")
        return ""

    monkeypatch.setattr(lite, "run", fake_pip_wheel)
    trees = []
    for name in ("one", "two"):
        tree = tmp_path / name
        (tree / "src" / "closing_kit").mkdir(parents=True)
        (tree / "pyproject.toml").write_text("[project]\nname = 'closing-kit'\n")
        (tree / "README.md").write_text(name)
        (tree / "src" / "closing_kit" / "__init__.py").write_text("")
        trees.append(tree)
    cache = tmp_path / "cache"
    one = lite.own_wheel(cache, trees[0])
    two = lite.own_wheel(cache, trees[1])
    assert one.is_file() and two.is_file() and one.parent != two.parent
    (trees[1] / "src" / "closing_kit" / "__init__.py").write_text("x = 1\n")
    newer = lite.own_wheel(cache, trees[1])
    assert newer.is_file() and not two.exists() and one.is_file()
