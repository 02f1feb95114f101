"""Taking names and interview details out of a learner's text, for ``--anonymise``.

What goes, in each learner's own texts (and the reasons files were left out):

- every email address and phone number (by their shape, whoever's they are, and
  the ones on the learner's cards as written);
- the names of the learner and of everyone on their cards and in "who to contact",
  whole and by each part (first names, surnames, a nickname written into the
  name), and any word quoted on a card (``goes by "Kit"``), in any case;
- the names of all the class's learners and their files, in every learner's text;
- the company, whole in any case and by each distinctive part written with a
  capital ("Quillmoor" of "Quillmoor Software"), and the role, whole.

Words are matched whole, as the tokens the text is split into, so a phrase
matches across any spacing or punctuation ("Anne-Marie", "Anne Marie"). A name
that is also a common word (Will, May) goes wherever it appears: a word too many
is removed rather than a name left in.
"""

from __future__ import annotations

import re

__all__ = ["Scrubber", "details", "reason"]

_TOKEN = re.compile(r"[^\W_]+")
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# A run of digits with the separators phone numbers are written with; 7+ digits.
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d \t().\-/]{5,}\d(?!\w)")
_QUOTED = re.compile(
    r"[\"“”«»„]([^\"“”«»„]{1,40})[\"“”«»„]|(?<!\w)['‘’]([^'‘’]{1,40})['‘’](?!\w)|\(([^()]{1,40})\)"
)
#: Words of a company's name that do not identify it on their own.
_GENERIC = frozenset({
    "ltd", "limited", "inc", "llc", "llp", "plc", "gmbh", "ag", "sa", "bv", "co", "corp",
    "corporation", "company", "group", "the", "and", "of", "for", "a", "an", "software",
    "systems", "services", "solutions", "technologies", "technology", "tech", "consulting",
    "international", "global", "holdings", "partners", "uk", "us", "usa",
})  # fmt: skip
LABELS = {"name": "[name]", "company": "[company]", "role": "[role]"}


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(t.casefold() for t in _TOKEN.findall(text or ""))


def details(workbook: dict) -> dict[str, list[str]]:
    """The names and interview details of one (valid, migrated) workbook, by kind."""
    people = workbook.get("people", [])
    names = [workbook["letters"]["your_name"], workbook["next_steps"]["who"]]
    names += [p["name"] for p in people]
    for person in people:
        for text in (person["name"], person["title"], person["talked_about"]):
            names += [next(filter(None, m.groups())) for m in _QUOTED.finditer(text)]
    return {
        "name": [n for n in names if n.strip()],
        "company": [workbook["interview"]["company"]],
        "role": [workbook["interview"]["role"]],
        "email": [p["email"] for p in people if p["email"].strip()],
        "phone": [p["phone"] for p in people if p["phone"].strip()],
    }


class Scrubber:
    """Replaces names and details in text by ``[name]``, ``[company]``, ``[role]``,
    ``[email]`` and ``[phone]``; linear in the text's length, whatever the class's size."""

    def __init__(self, parent: Scrubber | None = None):
        #: first token -> [(phrase tokens, label)], longest first
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        #: tokens that count only when written with a capital (a company's parts)
        self._capital: dict[str, str] = {}
        self._literals: list[tuple[str, str]] = []
        self._parent = parent

    def _add(self, tokens: tuple[str, ...], label: str) -> None:
        if not tokens:
            return
        bucket = self._phrases.setdefault(tokens[0], [])
        if (tokens, label) not in bucket:
            bucket.append((tokens, label))
            bucket.sort(key=lambda item: -len(item[0]))

    def add_name(self, name: str, parts: bool = True) -> None:
        """Take out ``name`` whole and (with ``parts``) each word of it of two letters or more."""
        tokens = _tokens(name)
        self._add(tokens, "name")
        if parts:
            for token in tokens:
                if len(token) >= 2:
                    self._add((token,), "name")

    def add(self, found: dict[str, list[str]]) -> Scrubber:
        """A scrubber that knows what this one does, and one learner's ``details`` besides."""
        other = Scrubber(parent=self)
        for name in found.get("name", []):
            other.add_name(name)
        for company in found.get("company", []):
            tokens = _tokens(company)
            other._add(tokens, "company")
            for token in tokens:
                if len(token) >= 3 and token not in _GENERIC:
                    other._capital[token] = "company"
        for role in found.get("role", []):
            other._add(_tokens(role), "role")
        for kind in ("email", "phone"):
            other._literals += [(value.strip(), f"[{kind}]") for value in found.get(kind, [])]
        return other

    def _candidates(self, token: str):
        own = self._phrases.get(token, [])
        if self._parent is None:
            return own
        return sorted([*own, *self._parent._candidates(token)], key=lambda item: -len(item[0]))

    def __call__(self, text: str) -> str:
        if not text:
            return text
        for literal, label in self._literals:
            text = text.replace(literal, label)
        text = _EMAIL.sub("[email]", text)
        text = _PHONE.sub(_phone, text)
        found = list(_TOKEN.finditer(text))
        folded = [m.group().casefold() for m in found]
        out, last, i = [], 0, 0
        while i < len(found):
            label, width = None, 1
            for phrase, kind in self._candidates(folded[i]):
                if tuple(folded[i : i + len(phrase)]) == phrase:
                    label, width = kind, len(phrase)
                    break
            if label is None and found[i].group()[0].isupper():
                label = self._capital.get(folded[i])
            if label is None:
                i += 1
                continue
            out += [text[last : found[i].start()], LABELS[label]]
            last = found[i + width - 1].end()
            i += width
        out.append(text[last:])
        return "".join(out)


def _phone(match: re.Match) -> str:
    text = match.group()
    return "[phone]" if sum(ch.isdigit() for ch in text) >= 7 else text


_QUOTED_VALUE = re.compile(r"[\"“”«»„][^\"“”«»„]*[\"“”«»„]|(?<!\w)['‘’][^'‘’]*['‘’](?!\w)")


def reason(text: str, scrub: Scrubber) -> str:
    """A left-out file's reason with any quoted value or long number taken out too."""
    return re.sub(r"\d{5,}", "[…]", _QUOTED_VALUE.sub("[…]", scrub(text)))
