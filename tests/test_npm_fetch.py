"""The build's fetch helpers (book/_ext/npm_fetch.py): one cache root, one error, one runner."""

from __future__ import annotations

import io
import sys
import tarfile

import npm_fetch
import pytest
from npm_fetch import VendorError, cache_base, cache_dir, cached_folder, extract, run


def test_the_one_cache_root_moves_with_its_one_variable(tmp_path, monkeypatch):
    """``$CLOSING_KIT_CACHE`` moves every cached folder; without it, ~/.cache/closing-kit."""
    monkeypatch.delenv("CLOSING_KIT_NPM_CACHE", raising=False)
    monkeypatch.setenv("CLOSING_KIT_CACHE", str(tmp_path))
    assert cache_base() == tmp_path
    assert cache_dir("lite-own") == tmp_path / "lite-own"
    monkeypatch.delenv("CLOSING_KIT_CACHE")
    assert cache_base().parts[-2:] == (".cache", "closing-kit")


def test_a_folder_is_named_after_what_it_holds(tmp_path, monkeypatch):
    """A new pin is a new folder, so an old download is never reused; bytes key too."""
    monkeypatch.setenv("CLOSING_KIT_CACHE", str(tmp_path))
    one, other = cache_dir("pyodide", "pyodide@1"), cache_dir("pyodide", "pyodide@2")
    assert one != other and one.parent == tmp_path and one.name.startswith("pyodide-")
    assert cache_dir("workbox", b"lock") == cache_dir("workbox", "lock")


def test_the_old_variable_stops_the_build_with_the_new_name(tmp_path, monkeypatch):
    """Set alone, the old name is not silently ignored: one line says what to rename."""
    monkeypatch.delenv("CLOSING_KIT_CACHE", raising=False)
    monkeypatch.setenv("CLOSING_KIT_NPM_CACHE", str(tmp_path))
    with pytest.raises(RuntimeError, match="CLOSING_KIT_NPM_CACHE is now called CLOSING_KIT_CACHE"):
        cache_base()
    assert not issubclass(RuntimeError, VendorError)  # not taken for "no npm"


def test_a_cached_folder_is_filled_once(tmp_path):
    """Complete, it is returned as it is: ``fill`` runs the first time only."""
    calls = []

    def fill(folder):
        calls.append(folder)
        (folder / "sub").mkdir()
        (folder / "sub" / "a.js").write_text("a")

    target = tmp_path / "pkg-123"
    assert cached_folder(target, ["sub/a.js"], fill) == target
    assert cached_folder(target, ["sub/a.js"], fill) == target
    assert len(calls) == 1 and (target / "sub" / "a.js").read_text() == "a"


def test_a_fetch_that_fails_or_falls_short_leaves_no_half_folder(tmp_path):
    """A fill that raises, or delivers less than asked, leaves nothing at the target."""

    def short(folder):
        (folder / "a.js").write_text("a")

    def broken(folder):
        (folder / "a.js").write_text("a")
        raise VendorError("npm pack failed: E404")

    target = tmp_path / "pkg"
    with pytest.raises(VendorError, match=r"^pkg: the fetch did not deliver b\.js$"):
        cached_folder(target, ["a.js", "b.js"], short)
    with pytest.raises(VendorError, match="E404"):
        cached_folder(target, ["a.js"], broken)
    assert list(tmp_path.iterdir()) == []


def test_a_failing_tool_is_one_line_naming_the_step(tmp_path):
    """The last line of its stderr that is not a warning, after what was being done."""
    code = "import sys; sys.stderr.write('WARNING: x\\nreal reason\\nWARNING: y'); sys.exit(3)"
    with pytest.raises(VendorError) as err:
        run([sys.executable, "-c", code], "pip download (the wheels)")
    assert str(err.value) == "pip download (the wheels) failed: real reason"
    with pytest.raises(VendorError, match="^npm ci failed: "):
        run([str(tmp_path / "no-such-tool")], "npm ci")
    assert run([sys.executable, "-c", "print('ok')"], "python") == "ok\n"


def test_a_member_missing_from_a_tarball_is_named(tmp_path):
    """``extract`` writes what is there and names what is not."""
    tarball = tmp_path / "pkg-1.0.0.tgz"
    with tarfile.open(tarball, "w:gz") as tar:
        info = tarfile.TarInfo("package/a.js")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"a"))
    extract(tarball, {"package/a.js": tmp_path / "out" / "a.js"})
    assert (tmp_path / "out" / "a.js").read_bytes() == b"a"
    with pytest.raises(VendorError, match=r"^package/b\.js is missing from pkg-1\.0\.0\.tgz$"):
        extract(tarball, {"package/b.js": tmp_path / "out" / "b.js"})


def test_no_extension_keeps_a_cache_root_or_runner_of_its_own():
    """Every build module finds its cache and runs its tools through npm_fetch."""
    from pathlib import Path

    ext = Path(npm_fetch.__file__).parent
    for module in sorted(ext.glob("*.py")):
        if module.name == "npm_fetch.py":
            continue
        text = module.read_text(encoding="utf-8")
        assert "Path.home()" not in text and "CLOSING_KIT_CACHE" not in text, module.name
        assert "CalledProcessError" not in text, module.name
