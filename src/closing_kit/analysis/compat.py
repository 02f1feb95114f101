"""What the engine needs beyond the Python every browser port has, in one place.

The feedback engine runs in CPython, in Pyodide and in MicroPython's
WebAssembly port (a phone's first score, see ``book/_ext``). MicroPython has
no ``importlib``, ``dataclasses``, ``unicodedata`` or ``functools.cache``, its
``re`` ignores ``\\b`` and ``{m,n}``, its dicts keep no order and its
``str.lower()`` folds ASCII only. So the engine uses no regular expressions,
keeps order in lists, and gets data files, memoising and case folding here,
done the same way in every Python, so every Python gives the same scores.

The practice layer and the website's front door (``practice``,
``workbook.model``, ``workbook.migrate``, ``web``) run on MicroPython too, and
take from here what it lacks: CPython's ``random.Random(seed)`` (a Mersenne
Twister, with SHA-512 for text seeds), ``Counter.most_common``, the workbook
file's JSON layout (``indent``/``sort_keys``), CPython's verdict on bad JSON
(line numbers, NaN, nesting), random ids, and the schema's ``{m,n}`` patterns.
tests/test_web_micropython.py holds every Python to the same answers.

What does not run on MicroPython, and why: jsonschema (``model.problems``;
``web.schema_problems`` checks the same keywords by hand), and the file
exports, letters and class report (jinja2, python-docx, icalendar: compiled
or too large for a phone's first download). The website needs none of them.
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


# -- beyond the engine: what the practice layer and the website's Python need ------------
# (``practice``, ``workbook.model``, ``workbook.migrate`` and ``web`` run on MicroPython too.)


def most_common(items):
    """``collections.Counter(items).most_common()``: (item, count), most first, ties in the
    order first seen. MicroPython has no ``Counter``, and its ``sort`` is not stable."""
    counts, order = {}, []
    for item in items:
        if item not in counts:
            counts[item] = 0
            order.append(item)
        counts[item] += 1
    ranked = sorted(range(len(order)), key=lambda i: (-counts[order[i]], i))
    return [(order[i], counts[order[i]]) for i in ranked]


def file_json(data):
    """``data`` as the workbook files are written: ``json.dumps(data, ensure_ascii=False,
    indent=2, sort_keys=True)`` and a newline, byte for byte in every Python."""
    if _CPYTHON_JSON:
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    out = []
    _dump(data, "", out)
    out.append("\n")
    return "".join(out)


try:
    json.dumps(0, indent=2, sort_keys=True, ensure_ascii=False)
    _CPYTHON_JSON = True
except TypeError:  # MicroPython's json takes none of these
    _CPYTHON_JSON = False

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
            "\f": "\\f"}  # fmt: skip


def _quote(text):
    parts = ['"']
    for ch in text:
        if ch in _ESCAPES:
            parts.append(_ESCAPES[ch])
        elif ch < " ":
            parts.append(f"\\u{ord(ch):04x}")
        else:
            parts.append(ch)
    parts.append('"')
    return "".join(parts)


def _dump(value, indent, out):
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_quote(value))
    elif isinstance(value, (int, float)):
        out.append(repr(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = indent + "  "
        out.append("{")
        for n, key in enumerate(sorted(value)):
            out.append(("," if n else "") + "\n" + inner + _quote(key) + ": ")
            _dump(value[key], inner, out)
        out.append("\n" + indent + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = indent + "  "
        out.append("[")
        for n, item in enumerate(value):
            out.append(("," if n else "") + "\n" + inner)
            _dump(item, inner, out)
        out.append("\n" + indent + "]")
    else:
        raise TypeError("not JSON: " + type(value).__name__)


def random_hex(n=32):
    """``n`` random hexadecimal digits (a workbook's id), from the system's random source."""
    try:
        import uuid  # CPython: an id as every other closing-kit writes it

        return (uuid.uuid4().hex * (n // 32 + 1))[:n]
    except ImportError:  # MicroPython: its random module is seeded from the browser's crypto
        import random

        return "".join([f"{random.getrandbits(32):08x}" for _ in range(n // 8 + 1)])[:n]


def full_match(pattern, text):
    """Whether ``text`` matches a schema's ``pattern`` as ``re.search`` would.

    MicroPython's ``re`` ignores ``{m,n}``; the workbook's schemas use only
    anchored patterns built of literals, ``[...]`` sets, ``(a|b)`` groups of
    literals and ``{m}``/``{m,n}`` counts, so this reads just that.
    A pattern outside it raises ``ValueError``.
    """
    if not (pattern.startswith("^") and pattern.endswith("$")):
        raise ValueError("only anchored patterns are supported: " + pattern)
    atoms = _atoms(pattern[1:-1])
    if text.endswith("\n") and _match(atoms, 0, text[:-1], 0):
        return True  # "$" also matches before a final newline, as in Python's re
    return _match(atoms, 0, text, 0)


@memo
def _atoms(body):
    atoms, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == "[":
            end = body.index("]", i + 1)
            spec, options = body[i + 1 : end], []
            k = 0
            while k < len(spec):
                if k + 2 < len(spec) and spec[k + 1] == "-":
                    options.append((spec[k], spec[k + 2]))
                    k += 3
                else:
                    options.append((spec[k], spec[k]))
                    k += 1
            atom, i = ("set", tuple(options)), end + 1
        elif ch == "(":
            end = body.index(")", i)
            atom, i = ("alt", tuple(body[i + 1 : end].split("|"))), end + 1
        elif ch in "\\.*+?{}|)]":
            raise ValueError("unsupported pattern: " + body)
        else:
            atom, i = ("alt", (ch,)), i + 1
        low = high = 1
        if i < len(body) and body[i] == "{":
            end = body.index("}", i)
            counts = body[i + 1 : end].split(",")
            low, high = int(counts[0]), int(counts[-1])
            i = end + 1
        atoms.append((atom, low, high))
    return tuple(atoms)


def _one(atom, text, at):
    """Where each way ``atom`` matches at ``at`` ends."""
    kind, spec = atom
    if kind == "set":
        if at < len(text) and any(a <= text[at] <= b for a, b in spec):
            return [at + 1]
        return []
    return [at + len(s) for s in spec if text.startswith(s, at)]


def _match(atoms, k, text, at):
    if k == len(atoms):
        return at == len(text)
    atom, low, high = atoms[k]
    ends = [at]
    for count in range(1, high + 1):  # every way to take 1..high of the atom
        ends = [e2 for e in ends for e2 in _one(atom, text, e)]
        if not ends:
            break
        if count >= low and any(_match(atoms, k + 1, text, e) for e in ends):
            return True
    return low == 0 and _match(atoms, k + 1, text, at)


# -- seeded choices: CPython's random.Random(seed), reproduced for MicroPython ------------
_M32 = 0xFFFFFFFF


class _MersenneTwister:
    """CPython's ``random.Random(seed)`` for the methods the practice layer uses
    (``random``, ``randrange(n)``, ``choice``, ``shuffle``), drawing the same numbers:
    the same Mersenne Twister, seeded as CPython seeds it from an int or a str."""

    def __init__(self, seed):
        if isinstance(seed, str):  # CPython's seed version 2: the text and its SHA-512
            raw = seed.encode("utf-8")
            seed = int.from_bytes(raw + _sha512(raw), "big")
        seed = abs(seed)
        key = []
        while seed:
            key.append(seed & _M32)
            seed >>= 32
        self._init_by_array(key or [0])

    def _init_by_array(self, key):
        mt = [0] * 624
        mt[0] = 19650218
        for i in range(1, 624):
            mt[i] = (1812433253 * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i) & _M32
        i, j = 1, 0
        for _ in range(max(624, len(key))):
            mt[i] = ((mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525)) + key[j] + j) & _M32
            i, j = i + 1, j + 1
            if i >= 624:
                mt[0], i = mt[623], 1
            if j >= len(key):
                j = 0
        for _ in range(623):
            mt[i] = ((mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941)) - i) & _M32
            i += 1
            if i >= 624:
                mt[0], i = mt[623], 1
        mt[0] = 0x80000000
        self._mt, self._index = mt, 624

    def _next(self):
        mt = self._mt
        if self._index >= 624:
            for k in range(624):
                y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7FFFFFFF)
                mt[k] = mt[(k + 397) % 624] ^ (y >> 1) ^ (0x9908B0DF if y & 1 else 0)
            self._index = 0
        y = mt[self._index]
        self._index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        return y ^ (y >> 18)

    def getrandbits(self, k):
        out, shift = 0, 0
        while k > 0:
            word = self._next()
            if k < 32:
                word >>= 32 - k
            out |= word << shift
            shift, k = shift + 32, k - 32
        return out

    def random(self):
        a, b = self._next() >> 5, self._next() >> 6
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)

    def _randbelow(self, n):
        k = len(bin(n)) - 2  # n.bit_length(), which MicroPython lacks
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r

    def randrange(self, n):
        if n <= 0:
            raise ValueError("empty range for randrange()")
        return self._randbelow(n)

    def choice(self, seq):
        if not len(seq):
            raise IndexError("Cannot choose from an empty sequence")
        return seq[self._randbelow(len(seq))]

    def shuffle(self, x):
        for i in range(len(x) - 1, 0, -1):
            j = self._randbelow(i + 1)
            x[i], x[j] = x[j], x[i]


try:
    from random import Random  # CPython and Pyodide: the real thing
except ImportError:  # MicroPython: no Random class, and no SHA-512 either
    Random = _MersenneTwister

_M64 = 0xFFFFFFFFFFFFFFFF
_K512 = None


def _sha512(data):
    """SHA-512 of ``data`` (bytes), for string seeds: hashlib's where there is one."""
    try:
        from hashlib import sha512

        return sha512(data).digest()
    except ImportError:
        pass
    global _K512
    if _K512 is None:
        _K512 = [int(w, 16) for w in _K512_HEX.split()]
    h = [int(w, 16) for w in _H512_HEX.split()]
    message = bytes(data) + b"\x80"
    message += b"\x00" * ((112 - len(message) % 128) % 128) + (len(data) * 8).to_bytes(16, "big")

    def rot(x, n):
        return ((x >> n) | (x << (64 - n))) & _M64

    for block in range(0, len(message), 128):
        w = [int.from_bytes(message[block + 8 * t : block + 8 * t + 8], "big") for t in range(16)]
        for t in range(16, 80):
            s0 = rot(w[t - 15], 1) ^ rot(w[t - 15], 8) ^ (w[t - 15] >> 7)
            s1 = rot(w[t - 2], 19) ^ rot(w[t - 2], 61) ^ (w[t - 2] >> 6)
            w.append((w[t - 16] + s0 + w[t - 7] + s1) & _M64)
        a, b, c, d, e, f, g, hh = h
        for t in range(80):
            t1 = hh + (rot(e, 14) ^ rot(e, 18) ^ rot(e, 41)) + ((e & f) ^ (~e & g)) + _K512[t]
            t2 = (rot(a, 28) ^ rot(a, 34) ^ rot(a, 39)) + ((a & b) ^ (a & c) ^ (b & c))
            hh, g, f, e = g, f, e, (d + t1 + w[t]) & _M64
            d, c, b, a = c, b, a, (t1 + w[t] + t2) & _M64
        h = [(h[n] + v) & _M64 for n, v in enumerate((a, b, c, d, e, f, g, hh))]
    return b"".join([x.to_bytes(8, "big") for x in h])


_H512_HEX = """
6a09e667f3bcc908 bb67ae8584caa73b 3c6ef372fe94f82b a54ff53a5f1d36f1
510e527fade682d1 9b05688c2b3e6c1f 1f83d9abfb41bd6b 5be0cd19137e2179
"""
_K512_HEX = """
428a2f98d728ae22 7137449123ef65cd b5c0fbcfec4d3b2f e9b5dba58189dbbc 3956c25bf348b538
59f111f1b605d019 923f82a4af194f9b ab1c5ed5da6d8118 d807aa98a3030242 12835b0145706fbe
243185be4ee4b28c 550c7dc3d5ffb4e2 72be5d74f27b896f 80deb1fe3b1696b1 9bdc06a725c71235
c19bf174cf692694 e49b69c19ef14ad2 efbe4786384f25e3 0fc19dc68b8cd5b5 240ca1cc77ac9c65
2de92c6f592b0275 4a7484aa6ea6e483 5cb0a9dcbd41fbd4 76f988da831153b5 983e5152ee66dfab
a831c66d2db43210 b00327c898fb213f bf597fc7beef0ee4 c6e00bf33da88fc2 d5a79147930aa725
06ca6351e003826f 142929670a0e6e70 27b70a8546d22ffc 2e1b21385c26c926 4d2c6dfc5ac42aed
53380d139d95b3df 650a73548baf63de 766a0abb3c77b2a8 81c2c92e47edaee6 92722c851482353b
a2bfe8a14cf10364 a81a664bbc423001 c24b8b70d0f89791 c76c51a30654be30 d192e819d6ef5218
d69906245565a910 f40e35855771202a 106aa07032bbd1b8 19a4c116b8d2d0c8 1e376c085141ab53
2748774cdf8eeb99 34b0bcb5e19b48a8 391c0cb3c5c95a63 4ed8aa4ae3418acb 5b9cca4f7763e373
682e6ff3d6b2b8a3 748f82ee5defb2fc 78a5636f43172f60 84c87814a1f0ab72 8cc702081a6439ec
90befffa23631e28 a4506cebde82bde9 bef9a3f7b2c67915 c67178f2e372532b ca273eceea26619c
d186b8c721c0c207 eada7dd6cde0eb1e f57d4f7fee6ed178 06f067aa72176fba 0a637dc5a2c898a6
113f9804bef90dae 1b710b35131c471b 28db77f523047d84 32caab7b40c72493 3c9ebe0a15c9bebc
431d67c49c100d4c 4cc5d4becb3e42b6 597f299cfc657e2a 5fcb6fab3ad6faec 6c44198c4a475817
"""


# -- reading JSON a learner gives us: the same verdict in every Python --------------------
#: Nesting past this is refused, in every Python: a workbook nests 6 deep; CPython's own
#: parser gives up near 1,000, and MicroPython's stack (``_Scanner`` recurses) sooner.
MAX_DEPTH = 100

try:
    _TOO_DEEP = RecursionError
except NameError:  # MicroPython
    _TOO_DEEP = RuntimeError


class BadJSON(ValueError):
    """Text that is not JSON a workbook can be: ``lineno`` where CPython's parser stopped,
    or ``deep`` when it is nested past ``MAX_DEPTH``."""

    def __init__(self, lineno=0, deep=False):
        super().__init__("too deep" if deep else f"bad JSON, line {lineno}")
        self.lineno, self.deep = lineno, deep


def loads(text):
    """``json.loads(text)``, raising ``BadJSON`` as CPython would say it, in every Python.

    MicroPython's parser says only "syntax error" and reads no NaN; where it
    refuses a text, ``_Scanner`` reads it again as CPython does. An integer too
    long for CPython (over 4,300 digits) raises a plain ``ValueError`` there.
    """
    try:
        data = json.loads(text)
    except _TOO_DEEP:
        raise BadJSON(deep=True) from None
    except ValueError as err:
        if hasattr(err, "lineno"):  # CPython's JSONDecodeError
            raise BadJSON(err.lineno) from None
        if _CPYTHON_JSON:
            raise  # an integer of too many digits
        try:
            data = _Scanner(text).document()
        except _TOO_DEEP:  # MicroPython's stack ran out first
            raise BadJSON(deep=True) from None
    if _deeper_than(data, MAX_DEPTH):
        raise BadJSON(deep=True)
    return data


def _deeper_than(data, limit):
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > limit:
                return True
            items = value.values() if isinstance(value, dict) else value
            stack.extend([(item, depth + 1) for item in items])
    return False


class _Scanner:
    """A JSON reader written after CPython's ``json.scanner`` (same grammar, NaN and
    Infinity included, errors at the same place), for where MicroPython's refuses."""

    _LITERALS = (("null", None), ("true", True), ("false", False), ("NaN", float("nan")),
                 ("Infinity", float("inf")), ("-Infinity", float("-inf")))  # fmt: skip
    _UNESCAPE = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
                 "t": "\t"}  # fmt: skip

    def __init__(self, text):
        self.s, self.depth = text, 0

    def fail(self, at):
        raise BadJSON(self.s.count("\n", 0, at) + 1)

    def ws(self, i):
        s = self.s
        while i < len(s) and s[i] in " \t\n\r":
            i += 1
        return i

    def document(self):
        value, end = self.value(self.ws(0))
        end = self.ws(end)
        if end != len(self.s):
            self.fail(end)  # "Extra data"
        return value

    def value(self, i):
        s = self.s
        ch = s[i : i + 1]
        if ch == '"':
            return self.string(i + 1)
        if ch in ("{", "["):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise BadJSON(deep=True)
            out = self.obj(i + 1) if ch == "{" else self.array(i + 1)
            self.depth -= 1
            return out
        for word, value in self._LITERALS:
            if s.startswith(word, i):
                return value, i + len(word)
        return self.number(i)

    def number(self, i):
        s, j = self.s, i
        if s[j : j + 1] == "-":
            j += 1
        if s[j : j + 1] == "0":
            j += 1
        elif "1" <= s[j : j + 1] <= "9":
            while "0" <= s[j : j + 1] <= "9":
                j += 1
        else:
            self.fail(i)  # "Expecting value"
        whole, real = j, False
        if s[j : j + 1] == "." and "0" <= s[j + 1 : j + 2] <= "9":
            j, real = j + 2, True
            while "0" <= s[j : j + 1] <= "9":
                j += 1
        if s[j : j + 1] in ("e", "E"):
            k = j + 1
            if s[k : k + 1] in ("-", "+"):
                k += 1
            if "0" <= s[k : k + 1] <= "9":
                while "0" <= s[k : k + 1] <= "9":
                    k += 1
                j, real = k, True
        text = s[i:j] if real else s[i:whole]
        return (float(text) if real else int(text)), (j if real else whole)

    def string(self, i):
        s, parts, begin = self.s, [], i - 1
        while True:
            j = i
            while j < len(s) and s[j] not in ('"', "\\") and s[j] >= " ":
                j += 1
            parts.append(s[i:j])
            if j >= len(s):
                self.fail(begin)  # "Unterminated string starting at"
            ch = s[j]
            if ch == '"':
                return "".join(parts), j + 1
            if ch != "\\":
                self.fail(j)  # "Invalid control character at"
            esc = s[j + 1 : j + 2]
            if esc in self._UNESCAPE:
                parts.append(self._UNESCAPE[esc])
                i = j + 2
                continue
            if esc != "u":
                self.fail(j if esc else begin)  # "Invalid \\escape"
            code, i = self.hex4(j + 2, j), j + 6
            if 0xD800 <= code <= 0xDBFF and s[i : i + 2] == "\\u":
                low = self.hex4(i + 2, i)
                if 0xDC00 <= low <= 0xDFFF:
                    code, i = 0x10000 + (((code - 0xD800) << 10) | (low - 0xDC00)), i + 6
            parts.append(chr(code))

    def hex4(self, at, escape):
        digits = self.s[at : at + 4]
        if len(digits) < 4 or any(c not in "0123456789abcdefABCDEF" for c in digits):
            self.fail(escape)  # "Invalid \\uXXXX escape"
        return int(digits, 16)

    def obj(self, i):
        s, out = self.s, {}
        i = self.ws(i)
        if s[i : i + 1] == "}":
            return out, i + 1
        while True:
            if s[i : i + 1] != '"':
                self.fail(i)  # "Expecting property name enclosed in double quotes"
            key, i = self.string(i + 1)
            i = self.ws(i)
            if s[i : i + 1] != ":":
                self.fail(i)  # "Expecting ':' delimiter"
            out[key], i = self.value(self.ws(i + 1))
            i = self.ws(i)
            if s[i : i + 1] == "}":
                return out, i + 1
            if s[i : i + 1] != ",":
                self.fail(i)  # "Expecting ',' delimiter"
            i = self.ws(i + 1)

    def array(self, i):
        s, out = self.s, []
        i = self.ws(i)
        if s[i : i + 1] == "]":
            return out, i + 1
        while True:
            item, i = self.value(self.ws(i))
            out.append(item)
            i = self.ws(i)
            if s[i : i + 1] == "]":
                return out, i + 1
            if s[i : i + 1] != ",":
                self.fail(i)  # "Expecting ',' delimiter"
            i = self.ws(i + 1)
