"""The one server for the built site (scripts/site_server.py): as a real host serves it."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request

import pytest
from site_server import SiteServer

PAGE = "<!doctype html><title>t</title>" + "<p>Thank you for your time today.</p>" * 200
WASM = b"\0asm\1\0\0\0" + b"\0" * 5000


@pytest.fixture
def site(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "engine.wasm").write_bytes(WASM)
    (tmp_path / "font.woff2").write_bytes(b"wOF2" + b"\1" * 3000)
    return tmp_path


def _get(url: str, **headers):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, b""


def test_text_and_wasm_come_gzipped_to_a_browser_that_accepts_it(site):
    """A browser asking for gzip gets it, with the right type, and the same bytes unpacked."""
    with SiteServer(site) as server:
        status, headers, body = _get(f"{server.url}/engine.wasm", **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert headers["Content-Type"] == "application/wasm"
        assert gzip.decompress(body) == WASM and len(body) < len(WASM)
        assert server.sent == len(body)
        _, headers, body = _get(f"{server.url}/book/", **{"Accept-Encoding": "gzip, br"})
        assert headers["Content-Type"] == "text/html"
        assert gzip.decompress(body).decode() == PAGE


def test_fonts_and_clients_without_gzip_get_the_file_as_it_is(site):
    """Fonts are already compressed; a client not asking for gzip gets the plain file."""
    with SiteServer(site) as server:
        _, headers, body = _get(f"{server.url}/font.woff2", **{"Accept-Encoding": "gzip"})
        assert "Content-Encoding" not in headers and headers["Content-Type"] == "font/woff2"
        _, headers, body = _get(f"{server.url}/engine.wasm")
        assert "Content-Encoding" not in headers and body == WASM


def test_gzip_off_serves_raw_bytes(site):
    """``gzip=False`` measures what is on disk."""
    with SiteServer(site, gzip=False) as server:
        _, headers, body = _get(f"{server.url}/engine.wasm", **{"Accept-Encoding": "gzip"})
        assert "Content-Encoding" not in headers and body == WASM


def test_an_unchanged_file_is_not_sent_again(site):
    """A browser revalidating its cached copy gets 304, as from any host."""
    with SiteServer(site) as server:
        url = f"{server.url}/book/index.html"
        _, headers, _ = _get(url, **{"Accept-Encoding": "gzip"})
        since = headers["Last-Modified"]
        status, _, body = _get(url, **{"Accept-Encoding": "gzip", "If-Modified-Since": since})
        assert status == 304 and body == b""


def test_a_folder_without_its_slash_is_redirected_and_a_missing_file_is_404(site):
    """Relative links in book/index.html work only from book/: the server says so."""
    with SiteServer(site) as server:
        req = urllib.request.Request(f"{server.url}/book", headers={"Accept-Encoding": "gzip"})
        opener = urllib.request.build_opener(urllib.request.HTTPRedirectHandler())
        with opener.open(req) as r:
            assert r.url.endswith("/book/")
        assert _get(f"{server.url}/nothing.js", **{"Accept-Encoding": "gzip"})[0] == 404
