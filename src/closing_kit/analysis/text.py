"""Small text helpers: words, sentences, speaking time, and input that cannot be judged."""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "has_evidence",
    "input_problem",
    "normalise",
    "question_spans",
    "sentences",
    "speaking_seconds",
    "words",
]

#: A calm speaking pace for a rehearsed answer, in words per minute. A
#: convention of this course for the read-aloud estimate, not a measured norm.
WORDS_PER_MINUTE = 140
#: Above this the answer is not a closing any more; it is refused with a message.
MAX_WORDS = 3000

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def normalise(text: str) -> str:
    """Lower case, curly quotes straightened, compatibility forms folded."""
    text = unicodedata.normalize("NFKC", text or "")
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').lower()


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split((text or "").strip()) if s.strip()]


def speaking_seconds(text: str) -> int:
    """How long the text takes to say at a calm pace, in whole seconds."""
    return round(len(words(text)) * 60 / WORDS_PER_MINUTE)


def input_problem(text: str, what: str = "your answer") -> str | None:
    """A one-line message when ``text`` cannot be judged, else ``None``."""
    if text is None or not str(text).strip():
        return f"There is nothing to check yet: write {what} in the box first."
    count = len(words(text))
    if count == 0:
        return f"That has no words in it (only symbols or emoji): write {what} as you would say it."
    if count > MAX_WORDS:
        return (
            f"That is about {count:,} words, far more than anyone says at the end of an interview: "
            f"paste only {what} (a minute or less of speech)."
        )
    return None


def has_evidence(low: str, rule, ignore=()) -> bool:
    """A sentence that holds a quantity or an example *and* says what was done.

    ``rule.patterns`` find the quantity ("40%", "three sites", "for example"),
    ``rule.action_patterns`` the action ("I led", "we cut", "I've run").
    Phrases matched by ``ignore`` (clichés such as "110 per cent") are removed
    first: a number in a cliché is not evidence.
    """
    for pattern in ignore:
        low = pattern.sub(" ", low)
    for sentence in re.split(r"(?<=[.!?;:])\s+", low):
        if any(p.search(sentence) for p in rule.patterns) and any(
            p.search(sentence) for p in rule.action_patterns
        ):
            return True
    return False


def question_spans(low: str) -> list[str]:
    """Each sentence of ``low`` that ends in a question mark."""
    spans, start = [], 0
    for i, ch in enumerate(low):
        if ch in ".!?\n":
            if ch == "?":
                spans.append(low[start : i + 1])
            start = i + 1
    return spans
