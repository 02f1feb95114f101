"""The portable pieces of ``analysis/compat.py`` agree with CPython's own, in CPython.

MicroPython runs them instead of ``random.Random``, ``hashlib.sha512``,
``json`` and ``re``; here each is held to the real thing on many inputs.
"""

import builtins
import hashlib
import json
import random
import re

import pytest

from closing_kit.analysis import compat

SEEDS = [0, 1, 2, 57, 2**40 + 3, -5, "1:57", "3:next", "1234:89", "é:1"]


@pytest.mark.parametrize("seed", SEEDS, ids=str)
def test_the_mersenne_twister_draws_what_cpython_draws(seed):
    theirs, mine = random.Random(seed), compat._MersenneTwister(seed)
    for n in (1, 2, 7, 20, 1000, 2**33):
        assert mine.randrange(n) == theirs.randrange(n)
    assert mine.random() == theirs.random()
    a, b = list(range(23)), list(range(23))
    theirs.shuffle(a)
    mine.shuffle(b)
    assert a == b
    assert mine.choice("abcdefg") == theirs.choice("abcdefg")
    assert mine.getrandbits(70) == theirs.getrandbits(70)


def test_the_pure_sha512_is_sha512(monkeypatch):
    real = builtins.__import__

    def no_hashlib(name, *args, **kwargs):
        if name == "hashlib":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_hashlib)
    for data in (b"", b"abc", b"1:57", b"x" * 200, "é:1".encode()):
        assert compat._sha512(data) == hashlib.sha512(data).digest()


def _verdict(parse, text):
    try:
        return ("ok", json.dumps(parse(text)))
    except json.JSONDecodeError as err:
        return ("bad", err.lineno)
    except compat.BadJSON as err:
        return ("deep",) if err.deep else ("bad", err.lineno)


def test_the_json_scanner_says_what_cpython_says():
    """Valid texts read the same; broken ones (8,000 cuts and splices) fail on the same line."""
    base = [
        json.dumps(
            {"a": [1, 2.5, -3e5, 'x"y\\u00e9\n', None, True, {"b": []}], "c": "😀"}, indent=1
        ),
        '{"a": NaN, "b": -Infinity}',
        '"\\ud800"',
        '{"k":\n 1}',
        "-0.5e-3",
    ]
    rng = random.Random(3)
    count = 0
    for text in base:
        assert _verdict(lambda t: compat._Scanner(t).document(), text) == _verdict(json.loads, text)
        for _ in range(400):
            k = rng.randrange(len(text) + 1)
            for broken in (text[:k], text[:k] + rng.choice('{}[]",:\n x01') + text[k:]):
                count += 1
                mine = _verdict(lambda t: compat._Scanner(t).document(), broken)
                assert mine == _verdict(json.loads, broken), broken
    assert count == 4000


def test_nesting_past_the_limit_is_refused():
    with pytest.raises(compat.BadJSON) as caught:
        compat.loads("[" * (compat.MAX_DEPTH + 1) + "]" * (compat.MAX_DEPTH + 1))
    assert caught.value.deep
    assert compat.loads("[" * 10 + "]" * 10) == [[[[[[[[[[]]]]]]]]]]


@pytest.mark.parametrize(
    "pattern",
    [
        "^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$",
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "^[A-Za-z0-9-]{1,64}$",
        "^p[0-9]{1,6}$",
    ],
)
def test_schema_patterns_match_as_re_search_does(pattern):
    texts = [
        "",
        "2026-01-01",
        "2026-01-01\n",
        "1899-01-01",
        "2199-12-31",
        "2200-01-01",
        "abc",
        "a" * 64,
        "a" * 65,
        "p1",
        "p1234567",
        "p",
        "px",
        "ab-c",
        "ab c",
        "p12\n",
        "p12\n\n",
    ]
    for text in texts:
        assert compat.full_match(pattern, text) == bool(re.search(pattern, text)), text


def test_the_file_layout_is_jsons_own():
    data = {"b": [1, {"z": None, "a": "tab\there \u2019 \x01"}], "a": {}, "c": [], "d": True}
    expected = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    out = []
    compat._dump(data, "", out)
    assert "".join(out) + "\n" == expected


def test_most_common_ranks_as_counter_does():
    items = list("abracadabra") + ["x", "y", "y"]
    from collections import Counter

    assert compat.most_common(items) == Counter(items).most_common()
