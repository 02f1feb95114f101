"""The built site on 127.0.0.1, served as a real host serves it: the one server for it.

Shared by the browser tests (``tests/browser_support.py``) and the benchmarks.
Python's own ``http.server`` sends nothing compressed and guesses some types
wrong; every real host (nginx's ``gzip on``, GitHub Pages) sends the MIME types
a browser insists on (``.wasm``, ``.mjs``, fonts) and gzips text and wasm when
the browser accepts it, so this does too. A compressed file is kept in memory
(keyed by its size and time) rather than compressed again for every request,
as nginx's ``gzip_static`` serves a ready ``.gz``.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import gzip
import http.server
import io
import threading
from pathlib import Path

MIME = {
    ".html": "text/html",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ico": "image/x-icon",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".pdf": "application/pdf",
    ".webmanifest": "application/manifest+json",
}
#: What a host compresses: text and wasm, not fonts, archives or images already compressed.
COMPRESS = {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".ico", ".txt", ".map"}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Right MIME types, gzip when accepted, quiet, and counts the bytes it sends."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        gzipped = getattr(self.server, "gzip", False)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gzipped and accepts and path.is_file() and path.suffix in COMPRESS):
            return super().send_head()  # also redirects "dir" to "dir/", and 404s
        stat = path.stat()
        if self._not_modified(stat.st_mtime):
            self.send_response(304)
            self.end_headers()
            return None
        body = self.server.compressed(path, stat)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def _not_modified(self, mtime: float) -> bool:
        """``If-Modified-Since`` as ``SimpleHTTPRequestHandler`` reads it: unchanged since then."""
        since = self.headers.get("If-Modified-Since")
        if not since or self.headers.get("If-None-Match"):
            return False
        with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
            return int(mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
        return False

    def copyfile(self, source, outputfile):
        # The browser may move on (a page closed while its worker was still fetching).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            while chunk := source.read(256 * 1024):
                # Counted before it is written: a client that has read the whole body
                # then finds it counted (the count raced the client's read before).
                self.server.count(len(chunk))
                outputfile.write(chunk)

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler, *, gzip: bool):
        super().__init__(address, handler)
        self.gzip = gzip
        self.sent = 0
        self._lock = threading.Lock()
        self._gz: dict[Path, tuple[tuple[int, int], bytes]] = {}

    def count(self, n: int) -> None:
        with self._lock:
            self.sent += n

    def compressed(self, path: Path, stat) -> bytes:
        key = (stat.st_size, stat.st_mtime_ns)
        with self._lock:
            cached = self._gz.get(path)
        if cached and cached[0] == key:
            return cached[1]
        body = gzip.compress(path.read_bytes(), 6)
        with self._lock:
            self._gz[path] = (key, body)
        return body


class SiteServer:
    """The built site on 127.0.0.1, started on creation; ``stop()`` takes it offline.

    ``gzip=False`` serves every file as it is on disk (to measure raw bytes).
    ``sent`` is the body bytes sent since the start or the last ``reset()``.
    Also a context manager that stops it on leaving.
    """

    def __init__(self, site: Path, port: int = 0, *, gzip: bool = True):
        handler = functools.partial(SiteHandler, directory=str(site))
        self.httpd = _Server(("127.0.0.1", port), handler, gzip=gzip)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def sent(self) -> int:
        return self.httpd.sent

    def reset(self) -> None:
        """Count the bytes sent from zero again."""
        with self.httpd._lock:
            self.httpd.sent = 0

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> SiteServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
