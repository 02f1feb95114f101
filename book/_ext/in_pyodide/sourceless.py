"""Runs inside Pyodide, at build time (``book/_ext/bytecode.py``, with node): wheels as bytecode.

Each ``.py`` file of each wheel in ``/in`` becomes a ``.pyc`` file in its place,
compiled by the browser's own Python, so its bytecode is the version the browser
runs, and the source is left out, as in Pyodide's own packages. The browser's
Python then imports it without compiling anything. A file that does not compile
(a test written for Python 2, say) stays as source; every other file (metadata,
data, type stubs) is copied as it is, with its date, so the same wheels always
give the same bytes. ``RECORD`` lists the new files with their hashes.
"""

import base64
import hashlib
import importlib.util
import marshal
import pathlib
import warnings
import zipfile


def bytecode(source: bytes, name: str) -> bytes | None:
    """The ``.pyc`` file for ``source``, or None if it does not compile."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. invalid escapes in old tests
            code = compile(source, name, "exec", dont_inherit=True)
    except SyntaxError:
        return None
    # PEP 552's header: the magic number, flags 0 (checked by date), date 0 and
    # the source's size. With no source beside it, neither is ever compared.
    size = (len(source) & 0xFFFFFFFF).to_bytes(4, "little")
    return importlib.util.MAGIC_NUMBER + bytes(8) + size + marshal.dumps(code)


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def convert(wheel: pathlib.Path, out: pathlib.Path) -> None:
    """Write ``wheel`` to ``out`` with its Python modules as bytecode."""
    with zipfile.ZipFile(wheel) as src:
        entries = []
        record_name = next(n for n in src.namelist() if n.endswith(".dist-info/RECORD"))
        for info in src.infolist():
            if info.filename == record_name or info.is_dir():
                continue
            data = src.read(info)
            name = info.filename
            if name.endswith(".py") and ".dist-info/" not in name:
                compiled = bytecode(data, name)
                if compiled is not None:
                    name, data = name + "c", compiled
            entries.append((zipfile.ZipInfo(name, date_time=info.date_time), data))
    record = "\n".join([*(_record_line(i.filename, d) for i, d in entries), f"{record_name},,"])
    entries.append((zipfile.ZipInfo(record_name, date_time=entries[0][0].date_time), record))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in entries:
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)


for path in sorted(pathlib.Path("/in").glob("*.whl")):
    convert(path, pathlib.Path("/out") / path.name)
