"""Small text helpers: words, sentences, speaking time, and input that cannot be judged."""

from closing_kit.analysis.compat import fold
from closing_kit.analysis.tokens import sentences as _sentences
from closing_kit.analysis.tokens import words

__all__ = ["MAX_WORDS", "input_problem", "normalise", "sentences", "speaking_seconds", "words"]

#: A calm speaking pace for a rehearsed answer, in words per minute. A
#: convention of this course for the read-aloud estimate, not a measured norm.
WORDS_PER_MINUTE = 140
#: Above this the answer is not a closing any more; it is refused with a message.
MAX_WORDS = 3000


def normalise(text):
    """Lower case, curly quotes straightened (see ``compat.fold``)."""
    return fold(text or "")


def sentences(text):
    """The sentences of ``text`` as the learner wrote them."""
    return [(text or "")[s.start : s.end + 1].strip() for s in _sentences(text)]


def speaking_seconds(text):
    """How long the text takes to say at a calm pace, in whole seconds."""
    return round(len(words(text)) * 60 / WORDS_PER_MINUTE)


def _thousands(n):
    digits = str(n)
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return ",".join([digits] + groups)


def input_problem(text, what="your answer"):
    """A one-line message when ``text`` cannot be judged, else ``None``."""
    if text is None or not str(text).strip():
        return f"There is nothing to check yet: write {what} in the box first."
    count = len(words(str(text)))
    if count == 0:
        return f"That has no words in it (only symbols or emoji): write {what} as you would say it."
    if count > MAX_WORDS:
        return (
            f"That is about {_thousands(count)} words, far more than anyone says at the end of an "
            f"interview: paste only {what} (a minute or less of speech)."
        )
    return None
