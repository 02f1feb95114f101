"""The fence around other projects' private details (book/_ext/upstream.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import upstream
from packaging.requirements import Requirement
from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parent.parent
EXT = ROOT / "book" / "_ext"


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            req = Requirement(line)
            exact = [s.version for s in req.specifier if s.operator == "=="]
            if exact:
                pins[req.name.lower()] = exact[0]
    return pins


@pytest.mark.parametrize("name", sorted(upstream.RELIANCES))
def test_each_reliance_is_written_for_the_pinned_version(name):
    """requirements.txt's pin is the version the detail was checked against: bumping the
    pin alone fails here, before any build."""
    r = upstream.RELIANCES[name]
    assert _pins()[r.package] == r.written_for, f"{name}: re-check {r.where}"
    assert upstream.changed(name) == "", "the installed version is the pinned one"


def test_another_version_stops_with_one_line_naming_what_to_recheck():
    """A different version raises one line: package, both versions, detail and file."""
    with pytest.raises(ExtensionError) as err:
        upstream.require("theme-fontawesome", version=lambda package: "0.18.0")
    message = str(err.value)
    assert "\n" not in message
    assert (
        "pydata-sphinx-theme is 0.18.0" in message and "as in pydata-sphinx-theme 0.17.1" in message
    )
    assert "book/_ext/theme_fixes.py" in message and "FontAwesome" in message
    assert "'theme-fontawesome' in book/_ext/upstream.py" in message


def test_a_missing_package_is_named():
    """Not installed at all says so, rather than a traceback."""
    import importlib.metadata

    def missing(package):
        raise importlib.metadata.PackageNotFoundError(package)

    message = upstream.changed("lite-drive-relay", version=missing)
    assert message.startswith("closing-kit: jupyterlite-core is not installed, but ")


def test_only_the_fence_touches_sphinxs_private_asset_lists():
    """``app.registry`` is used in upstream.py and nowhere else in the extensions."""
    users = [p.name for p in EXT.rglob("*.py") if "app.registry" in p.read_text(encoding="utf-8")]
    assert users == ["upstream.py"]


@pytest.mark.parametrize(
    ("module", "names"),
    [
        ("theme_fixes.py", {"theme-fontawesome", "theme-templates"}),
        ("lite.py", {"sphinx-asset-lists", "lite-drive-relay"}),
        ("service_worker.py", {"lite-worker-version-key", "lite-drive-relay"}),
    ],
)
def test_each_extension_that_relies_on_a_detail_requires_it_in_its_setup(module, names):
    """The fence is checked where the detail is used, at the build's start."""
    source = (EXT / module).read_text(encoding="utf-8")
    setup = source[source.index("\ndef setup(") :]
    required = set(
        re.findall(r'"([\w-]+)"', setup[: setup.index("app.")] if "app." in setup else setup)
    )
    assert names <= required, f"{module} setup() requires {required}"


def test_a_build_with_another_theme_version_stops_at_its_start(tmp_path):
    """A real Sphinx build, with pydata-sphinx-theme 0.18.0 installed ahead of ours
    (its metadata first on sys.path), stops before reading a page, in one line."""
    fake = tmp_path / "site" / "pydata_sphinx_theme-0.18.0.dist-info"
    fake.mkdir(parents=True)
    (fake / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: pydata-sphinx-theme\nVersion: 0.18.0\n"
    )
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        f"import sys\nsys.path[:0] = [{str(tmp_path / 'site')!r}, {str(EXT)!r}]\n"
        "extensions = ['theme_fixes']\n"
    )
    (src / "index.rst").write_text("Title\n=====\n")
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode != 0
    lines = [line for line in proc.stderr.splitlines() if "pydata-sphinx-theme is 0.18.0" in line]
    assert len(lines) == 1 and "theme_fixes.py" in lines[0], proc.stderr
    assert not (tmp_path / "out" / "index.html").exists()


@pytest.mark.parametrize(
    "name", [n for n, r in upstream.RELIANCES.items() if r.where.split()[0].endswith(".js")]
)
def test_each_browser_script_names_its_reliance_and_the_version_it_was_written_for(name):
    """The scripts the browser runs say which fenced detail they use, as of which version,
    so setting a new version in upstream.py without re-checking the script fails here."""
    r = upstream.RELIANCES[name]
    text = (ROOT / r.where.split()[0]).read_text(encoding="utf-8")
    assert f'"{name}"' in text, f"{r.where} does not name the reliance {name!r}"
    assert f"{r.package} {r.written_for}" in text, (
        f"{r.where} was not re-checked for {r.package} {r.written_for}"
    )
