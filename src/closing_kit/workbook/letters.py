"""Thank-you letters (chapters 6 and 8): one draft per person, from the notes, with warnings.

Each draft follows chapter 8's shape and uses a Jinja template from
``data/workbook/letters/``; the learner's own edits, when there are any,
replace the draft. Warnings are data: a letter with no specific detail, two
letters that are nearly the same, a concern raised but not answered, a
letter not signed.

The "specific detail" comes only from what was said with that person: their
card's "talked about" or the memory dump's details about them, never from
the list of who was there.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from functools import cache

import jinja2

from closing_kit.analysis.text import words
from closing_kit.workbook._data import load, template_source
from closing_kit.workbook.contacts import email_problem, usable
from closing_kit.workbook.memory import NotesIndex, names_in_notes, notes_about
from closing_kit.workbook.model import kind_info, parse_date

__all__ = ["Letter", "LetterWarning", "draft", "letters", "signed", "unsigned", "warnings"]

#: Two letters that differ by fewer words than this (names aside) read like a form.
MIN_DIFFERENT_WORDS = 8
#: Short words that say nothing specific about a conversation.
_COMMON_WORDS = (
    "about after also been being could from have into just like more much only really said "
    "says some such than that their them then there they this those very want were what "
    "when where which while will with would your yours thank thanks"
)
_COMMON = frozenset(_COMMON_WORDS.split())


@dataclass(frozen=True)
class Letter:
    """One person's letter: plain text, with the subject on its own."""

    person_id: str
    name: str
    email: str
    template: str
    subject: str
    body: str
    edited: bool

    @property
    def text(self) -> str:
        """Subject line, blank line, body: the form the learner edits and the .txt export."""
        return f"Subject: {self.subject}\n\n{self.body}"


@dataclass(frozen=True)
class LetterWarning:
    """Something to fix before sending; ``kind`` is a stable id, ``message`` coaches."""

    kind: str
    person_id: str
    message: str


def _fragment(text: str) -> str:
    return " ".join(str(text).split()).rstrip(".;,: ")


def _sentence(text: str) -> str:
    text = " ".join(str(text).split())
    return text if not text or text[-1] in ".!?\"')”’" else text + "."


@cache
def _environment() -> jinja2.Environment:
    # Plain text out: no autoescape here; each export escapes for its own format.
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: template_source(f"letters/{name}")),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )
    env.filters["fragment"] = _fragment
    env.filters["sentence"] = _sentence
    return env


def _first(*lists: list[str]) -> str:
    return next((item for items in lists for item in items), "")


#: A letter keeps at most this many promises to one person (the rest are in the warnings).
MAX_PROMISES = 3


def promise_sentence(note: str, names: list[str]) -> str:
    """A memory-dump promise ("send Anna the deck") said to the person in their letter
    ("As promised, I've attached the deck."); ``names`` are how the notes name them.

    A note the learner already wrote as a sentence ("I'll call you on Friday") stays
    as written; one that starts with no verb the phrasing knows stays after
    "As promised:", and the "Keep your promise" warning asks the learner to read it.
    """
    rules = load("letter_phrasing.json")
    text = _to_you(_fragment(note), names)
    tokens = text.split()
    if tokens and tokens[0].casefold() == "to" and len(tokens) > 1:
        tokens = tokens[1:]
    first = tokens[0].casefold() if tokens else ""
    if first == "i" or first.startswith(("i'", "i\u2019")):
        return _sentence(" ".join(tokens))
    if first in rules["attach_verbs"]:
        rest = tokens[1:]
        while rest and rest[0].casefold() in ("you", *rules["dropped_after_attach"]):
            rest = rest[1:]
        tail = " ".join(rest)
        for ending in (" to you", " for you"):
            if tail.casefold().endswith(ending):
                tail = tail[: -len(ending)]
        # "send her team the plan": sent to someone else, so kept for later, not attached.
        if tail and rest[0].casefold() not in ("her", "his", "their", "them"):
            return rules["attached"].format(rest=tail)
    if first in rules["do_verbs"] or first in rules["attach_verbs"]:
        return rules["will"].format(rest=" ".join([first, *tokens[1:]]))
    return rules["as_written"].format(rest=" ".join(tokens))


def _to_you(text: str, names: list[str]) -> str:
    """The person's name in a note about them, as the letter says it to them: "you"."""
    for name in sorted(names, key=len, reverse=True):
        pattern = r"(?<!\w)" + re.escape(name) + r"(?!\w)"
        text = re.sub(pattern + r"(?:'s|\u2019s)", "your", text, flags=re.IGNORECASE)
        text = re.sub(pattern, "you", text, flags=re.IGNORECASE)
    # "call him", "send her the deck": the object straight after the verb, not "her team".
    return re.sub(r"^(\w+) (?:him|her(?= (?:" + _AFTER_HER + r")\b|$))\b", r"\1 you", text)


#: Words after "her" that show it is an object ("send her the deck"), not "her team".
_AFTER_HER = (
    "a|an|the|my|our|this|that|these|those|some|on|by|about|back|to|in|at|when|before|after|over|if"
)


def draft(workbook: dict, person: dict, index: NotesIndex | None = None) -> Letter:
    """A fresh draft for ``person`` from the workbook's notes (ignoring any saved edit)."""
    info = kind_info(person["kind"])
    index = index or NotesIndex(workbook)
    notes = notes_about(workbook, person, index)
    interview = workbook["interview"]
    date = parse_date(interview["date"])
    saved = workbook["letters"]["per_person"].get(person["id"], {})
    context = {
        "name": " ".join(person["name"].split()),
        "role": interview["role"].strip(),
        "company": interview["company"].strip(),
        "date": f"{date.day} {date:%B %Y}" if isinstance(date, dt.date) else "",
        "detail": _first(notes["details"], notes["talked_about"]),
        "fit": workbook["letters"]["fit"].strip(),
        "concern": _first(notes["concerns"]),
        "evidence": saved.get("evidence", "").strip(),
        "promises": [
            promise_sentence(p, names_in_notes(person, index))
            for p in notes["promises"][:MAX_PROMISES]
        ],
        "next_step": workbook["next_steps"]["what"].strip(),
        "when": workbook["next_steps"]["when"].strip(),
        "your_name": " ".join(workbook["letters"]["your_name"].split()),
        "thanks_for": info.get("thanks_for", ""),
    }
    rendered = _environment().get_template(f"{info['letter']}.txt.j2").render(context)
    subject, body = _split(rendered)
    return Letter(person["id"], context["name"], usable(person, "email"), info["letter"],
                  subject, body, edited=False)  # fmt: skip


def _split(text: str) -> tuple[str, str]:
    text = re.sub(r"\n{3,}", "\n\n", text.strip().replace("\r\n", "\n"))
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first[len("subject:") :].strip(), rest.strip()
    return "", text


def letters(workbook: dict) -> list[Letter]:
    """One letter per named person: the learner's edited text if any, else a fresh draft."""
    out = []
    index = NotesIndex(workbook)
    for person in workbook["people"]:
        if not person["name"].strip():
            continue
        letter = draft(workbook, person, index)
        edit = workbook["letters"]["per_person"].get(person["id"], {}).get("text", "")
        if edit.strip():
            subject, body = _split(edit)
            letter = Letter(letter.person_id, letter.name, letter.email, letter.template,
                            subject or letter.subject, body, edited=True)  # fmt: skip
        out.append(letter)
    return out


def _specific_words(notes: dict, person: dict) -> set[str]:
    found = set()
    for key in ("talked_about", "details", "concerns", "promises"):
        for fragment in notes[key]:
            found.update(w for w in words(fragment) if len(w) >= 4 and w not in _COMMON)
    return found - set(words(person["name"]))


def _normalised(letter: Letter) -> list[str]:
    """The letter's words without the person's own name, to compare letters (a
    name's words are never a detail either: see ``_specific_words``)."""
    text = letter.body
    for part in letter.name.split():
        # "⁂" is no word, so the name drops out and the words around it stay apart.
        text = re.sub(r"(?<!\w)" + re.escape(part) + r"(?!\w)", " ⁂ ", text)
    return words(text)


def _differing_words(left: list[str], right: list[str]) -> int:
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )


#: Up to this many letters, every pair is compared; beyond it, each letter is compared
#: with its neighbours in two sorted orders, so a large workbook stays linear.
ALL_PAIRS_UP_TO = 60
_NEIGHBOURS = 4


def _near_identical(full: list[Letter], normed: list[list[str]]) -> list[tuple[Letter, Letter]]:
    """Pairs of letters that differ in fewer than ``MIN_DIFFERENT_WORDS`` words; each
    letter is named at most once, beside the first letter it repeats. ``normed`` holds
    each letter's ``_normalised`` words."""
    n = len(full)
    if n <= ALL_PAIRS_UP_TO:
        candidates = [(i, j) for i in range(n) for j in range(i + 1, n)]
    else:
        # Near-identical letters sort next to each other, by their words or read backwards.
        candidates = set()
        for key in (lambda k: normed[k], lambda k: normed[k][::-1]):
            order = sorted(range(n), key=key)
            for pos, i in enumerate(order):
                for j in order[pos + 1 : pos + 1 + _NEIGHBOURS]:
                    candidates.add((min(i, j), max(i, j)))
        candidates = sorted(candidates)
    found, named = [], set()
    for i, j in candidates:
        if j in named or abs(len(normed[i]) - len(normed[j])) >= MIN_DIFFERENT_WORDS:
            continue  # a length gap that large is already that many different words
        if _differing_words(normed[i], normed[j]) < MIN_DIFFERENT_WORDS:
            found.append((full[i], full[j]))
            named.add(j)
    return found


def signed(letter: Letter, your_name: str) -> bool:
    """Whether the letter's text holds the learner's name (an edit may have lost it)."""
    name = " ".join(your_name.split())
    return bool(name) and name.casefold() in " ".join(letter.body.split()).casefold()


def unsigned(workbook: dict, drafts: list[Letter] | None = None) -> list[Letter]:
    """The letters that do not carry the learner's name (all of them while it is empty)."""
    drafts = letters(workbook) if drafts is None else drafts
    return [d for d in drafts if not signed(d, workbook["letters"]["your_name"])]


def warnings(workbook: dict, drafts: list[Letter] | None = None) -> list[LetterWarning]:
    """What to fix before sending, in the order a learner would fix it."""
    drafts = letters(workbook) if drafts is None else drafts
    people = {p["id"]: p for p in workbook["people"]}
    index = NotesIndex(workbook)
    out: list[LetterWarning] = []
    if drafts and not workbook["letters"]["your_name"].strip():
        out.append(LetterWarning("no-signature", "", "Add your name, so the letters are signed."))
    else:
        for letter in unsigned(workbook, drafts):
            out.append(LetterWarning("unsigned", letter.person_id, (
                f"The letter to {letter.name} does not end with your name: add it after "
                "'Best wishes', or choose 'Start again from the notes'."
            )))  # fmt: skip
    full = [d for d in drafts if d.template == "thank-you"]
    if full and not workbook["letters"]["fit"].strip():
        out.append(LetterWarning(
            "no-fit", "", "Add one sentence on why you fit the role: each letter restates it."
        ))  # fmt: skip
    for p in workbook["people"]:
        if not p["name"].strip():
            out.append(LetterWarning(
                "no-name", p["id"], "A card has no name yet, so it gets no letter."
            ))  # fmt: skip
    normed = {id(d): _normalised(d) for d in full}
    for letter in drafts:
        person = people[letter.person_id]
        first = letter.name.split()[0]
        notes = notes_about(workbook, person, index)
        if letter.template == "thank-you":
            specific = _specific_words(notes, person)
            if not specific or not specific & set(normed[id(letter)]):
                out.append(LetterWarning("no-detail", letter.person_id, (
                    f"The letter to {letter.name} has no detail from your conversation: "
                    f"what did {first} talk about? Add it to their card, or a line starting "
                    f"'{first}:' under 'Details worth mentioning'."
                )))  # fmt: skip
            evidence = workbook["letters"]["per_person"].get(letter.person_id, {})
            if notes["concerns"] and not evidence.get("evidence", "").strip():
                out.append(LetterWarning("concern-unanswered", letter.person_id, (
                    f"{letter.name} raised a concern ({_fragment(notes['concerns'][0])}): "
                    "what one piece of evidence answers it? Without one, the letter leaves "
                    "the concern out (chapter 6)."
                )))  # fmt: skip
        for promise in notes["promises"]:
            out.append(LetterWarning("promise", letter.person_id, (
                f"Keep your promise to {letter.name}: {_fragment(promise)}."
            )))  # fmt: skip
        typed_email = person["email"].strip()
        if typed_email and not letter.email:
            out.append(LetterWarning("bad-email", letter.person_id, (
                f"{email_problem(typed_email)} Check {letter.name}'s card: "
                "until then the letter has no 'To:' line."
            )))  # fmt: skip
        elif not letter.email and "email" in kind_info(person["kind"])["needs"]:
            out.append(LetterWarning("no-email", letter.person_id, (
                f"No email address for {letter.name} yet: whoever arranged the interview "
                "can give it to you (chapter 2)."
            )))  # fmt: skip
    for a, b in _near_identical(full, [normed[id(d)] for d in full]):
        out.append(LetterWarning("near-identical", b.person_id, (
            f"The letters to {a.name} and {b.name} are nearly the same: "
            "what did each of them say that the other did not?"
        )))  # fmt: skip
    return out
