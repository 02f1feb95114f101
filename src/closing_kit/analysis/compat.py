"""What the engine needs beyond the Python every browser port has, in one place.

The feedback engine runs in CPython, in Pyodide and in MicroPython's
WebAssembly port (a phone's first score, see ``book/_ext``). MicroPython has
no ``importlib``, ``dataclasses``, ``unicodedata`` or ``functools.cache``, its
``re`` ignores ``\\b`` and ``{m,n}``, its dicts keep no order and its
``str.lower()`` folds ASCII only. So the engine uses no regular expressions,
keeps order in lists, and gets data files, memoising and case folding here,
done the same way in every Python, so every Python gives the same scores.
"""

import json

try:  # CPython and Pyodide: the package may sit in a wheel or a zip.
    from importlib import resources as _resources
except ImportError:  # MicroPython: the package is plain files.
    _resources = None

__all__ = ["data_json", "fold", "memo"]

_CACHE = {}


def memo(fn):
    """Remember ``fn``'s result for each tuple of (hashable) arguments."""

    def wrapper(*args):
        key = (fn.__name__,) + args
        if key not in _CACHE:
            _CACHE[key] = fn(*args)
        return _CACHE[key]

    try:  # MicroPython's closures take no attributes
        wrapper.__name__ = fn.__name__
        wrapper.__doc__ = fn.__doc__
    except AttributeError:
        pass
    return wrapper


@memo
def data_json(name):
    """A file of ``closing_kit/data`` as parsed JSON."""
    if _resources is not None:
        raw = _resources.files("closing_kit").joinpath("data/" + name).read_text("utf-8")
    else:
        here = __file__.replace("\\", "/")
        with open(here[: here.rfind("/analysis/")] + "/data/" + name, encoding="utf-8") as f:
            raw = f.read()
    return json.loads(raw)


# Characters that mean the same as a plain ASCII one, for matching only (what
# the learner wrote is quoted back as written): curly quotes, dashes, spaces.
_SAME = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'", "\u00b4": "'",
    "\u0060": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
    "\u3000": " ", "\u2026": ".", "\uff0e": ".", "\u3002": ".", "\uff1f": "?", "\uff01": "!",
    "\u00bf": " ", "\u00a1": " ", "\ufb01": "fi", "\ufb02": "fl", "\u00df": "ss",
}  # fmt: skip


def _fold_char(ch):
    """One character in lower case, with look-alikes made plain (see ``_SAME``)."""
    if ch in _SAME:
        return _SAME[ch]
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII, as typed on some phones
        ch, code = chr(code - 0xFEE0), code - 0xFEE0
    if 65 <= code <= 90:
        return chr(code + 32)
    if 0xC0 <= code <= 0xDE and code != 0xD7:  # Latin-1 capitals: À..Þ
        return chr(code + 32)
    if 0x100 <= code <= 0x17F and code % 2 == 0 and code not in (0x138, 0x149, 0x178):
        return chr(code + 1)  # Latin Extended-A pairs: Ā ā, Č č, Ł ł...
    if 0x391 <= code <= 0x3A9 or 0x410 <= code <= 0x42F:  # Greek and Cyrillic capitals
        return chr(code + 32)
    return ch


def fold(text):
    """``text`` in lower case, the same in every Python (ASCII, Latin, Greek, Cyrillic)."""
    if text.isascii() if hasattr(text, "isascii") else False:
        return text.lower()
    return "".join([_fold_char(ch) for ch in text])
