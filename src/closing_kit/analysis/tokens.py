"""Words, clauses and sentences, found without regular expressions.

The engine matches on tokens, not on patterns (see ``compat``). A token is
``(word, start, end)``: the word folded to lower case with contractions
opened up ("I've" gives "i" and "have", "gonna" gives "going" and "to"), and
where it sits in the text, so feedback can quote the learner's own words.
"""

from closing_kit.analysis.compat import _fold_char, data_json, memo

__all__ = ["Sentence", "has_words", "quote", "sentences", "tokens", "words"]

_APOSTROPHE = "'"
_JOINERS = ".,"  # inside a number: 1,200 and 3.5
_ABBREVIATIONS = ("mr", "mrs", "ms", "dr", "st", "eg", "ie", "etc", "vs", "approx", "no")


def _is_symbol(code):
    """Marks and pictures that are never part of a word (emoji, arrows, dingbats...)."""
    return (
        0x2000 <= code <= 0x2BFF
        or code >= 0x1F000
        or 0xFE00 <= code <= 0xFE0F
        or 0x3000 <= code <= 0x303F
        or 0xA0 <= code <= 0xBF
        or code in (0xD7, 0xF7, 0x200D)
    )


def _word_char(ch):
    """Whether ``ch`` (already folded) belongs in a word."""
    if "a" <= ch <= "z" or "0" <= ch <= "9":
        return True
    code = ord(ch)
    return code > 0x7F and not _is_symbol(code)


@memo
def _contractions():
    return data_json("lexicon.json")["contractions"]


def _split_word(word):
    """A folded word as the words it stands for: "i've" -> ["i", "have"]."""
    opened = _contractions().get(word)
    if opened is not None:
        return opened.split()
    if word.endswith("n't") and len(word) > 3:
        return [word[:-3], "not"]
    for tail, full in (
        ("'ve", "have"),
        ("'re", "are"),
        ("'ll", "will"),
        ("'d", "would"),
        ("'m", "am"),
    ):
        if word.endswith(tail) and len(word) > len(tail):
            return [word[: -len(tail)], full]
    if word.endswith("'s") and len(word) > 2:
        return [word[:-2]]  # a possessive ("Kell's"); "it's" and "that's" are in the table
    if word.endswith("s'") and len(word) > 2:
        return [word[:-1]]
    return [word]


#: The last few texts split, since one feedback call reads the same text up to
#: five times (its length, its words, its sentences). Cleared when full.
_SPLIT = {}
_SPLIT_MOST = 16


def tokens(text):
    """The words of ``text`` as ``(word, start, end)`` and its punctuation as ``(mark, i, i+1)``.

    Punctuation that ends or splits a clause (. ! ? ; : , - and line breaks)
    is kept as a token of its own; other symbols and emoji are dropped. The
    list is shared between callers: read it, do not change it.
    """
    text = text or ""
    if text not in _SPLIT:
        if len(_SPLIT) >= _SPLIT_MOST:
            _SPLIT.clear()
        _SPLIT[text] = _split(text)
    return _SPLIT[text]


def _split(text):
    out = []
    n = len(text)
    i = 0
    while i < n:
        folded = _fold_char(text[i])
        ch = folded[:1]
        if _word_char(ch):
            start = i
            word = [folded]
            i += 1
            while i < n:
                nxt = _fold_char(text[i])
                c = nxt[:1]
                if _word_char(c):
                    word.append(nxt)
                    i += 1
                elif (
                    c == _APOSTROPHE
                    and i + 1 < n
                    and _word_char(_fold_char(text[i + 1])[:1])
                    or (
                        c in _JOINERS
                        and "0" <= word[-1][-1:] <= "9"
                        and i + 1 < n
                        and "0" <= _fold_char(text[i + 1])[:1] <= "9"
                    )
                ):
                    word.append(c)
                    i += 1
                else:
                    break
            joined = "".join(word)
            if joined.endswith(_APOSTROPHE):
                joined = joined[:-1]
            for part in _split_word(joined):
                out.append((part, start, i))
            continue
        inside = (
            ch == "-"
            and 0 < i < n - 1
            and _word_char(_fold_char(text[i - 1])[:1])
            and _word_char(_fold_char(text[i + 1])[:1])
        )  # "stock-system" is two words, not two clauses
        if (ch in ".!?;:,-\n%$" or ch == "\u00a3" or ch == "\u20ac") and not inside:
            out.append((ch, i, i + 1))
        i += 1
    return out


def has_words(text, phrase):
    """Whether ``phrase`` (lower-case words) stands in ``text`` as whole words, as a
    regular expression's ``\\bphrase\\b`` finds it, without one (see ``compat``)."""
    folded = "".join([_fold_char(ch) for ch in text or ""])
    at = folded.find(phrase)
    while at >= 0:
        end = at + len(phrase)
        before = folded[at - 1] if at else " "
        after = folded[end] if end < len(folded) else " "
        if not _word_char(before) and not _word_char(after):
            return True
        at = folded.find(phrase, at + 1)
    return False


def words(text):
    """The folded words of ``text``, punctuation left out."""
    return [t[0] for t in tokens(text) if _word_char(t[0][:1])]


def is_word(token_word):
    return _word_char(token_word[:1])


class Sentence:
    """A sentence: its word tokens, its clauses, whether it asks, and where it is."""

    __slots__ = ("tokens", "clauses", "question", "start", "end")

    def __init__(self, toks, question):
        self.tokens = [t for t in toks if is_word(t[0])]
        self.question = question
        self.start = toks[0][1] if toks else 0
        self.end = toks[-1][2] if toks else 0
        self.clauses = _clauses(toks)

    @property
    def words(self):
        return [t[0] for t in self.tokens]


#: Words that start a new clause when a subject follows ("..., and I ran...").
_LINKS = ("and", "but", "so", "because", "which", "while", "then", "where", "when", "as", "since")
_SUBJECTS = ("i", "we", "you", "they", "he", "she", "it", "my", "our", "your", "that", "this")


def _clauses(toks):
    """Split a sentence's tokens into clauses at commas, dashes, colons and linked subjects."""
    clauses, current = [], []
    for k, tok in enumerate(toks):
        word = tok[0]
        if word in (",", "-", ":", ";"):
            if current:
                clauses.append(current)
            current = []
            continue
        if word in _LINKS and current and k + 1 < len(toks) and toks[k + 1][0] in _SUBJECTS:
            clauses.append(current)
            current = []
        if is_word(word):
            current.append(tok)
    if current:
        clauses.append(current)
    return clauses


def sentences(text):
    """The sentences of ``text``; one ending in "?" is a question."""
    out, current = [], []
    toks = tokens(text)
    for tok in toks:
        word = tok[0]
        if word in ("?", "!", "\n") or (word == "." and not _abbreviation(current, text, tok)):
            if current:
                out.append(Sentence(current, word == "?"))
            current = []
        else:
            current.append(tok)
    if current:
        out.append(Sentence(current, False))
    return out


def _abbreviation(current, text, tok):
    """A full stop after "Mr" or "e.g", or inside "a.m.", does not end a sentence."""
    if not current:
        return False
    last = current[-1][0]
    if last in _ABBREVIATIONS:
        return True
    nxt = text[tok[2] : tok[2] + 1]
    return bool(nxt) and nxt not in " \n\t\r\"')"


def quote(text, toks):
    """The learner's own words for a run of tokens, trimmed, as written."""
    if not toks:
        return ""
    return " ".join(text[toks[0][1] : toks[-1][2]].split())
