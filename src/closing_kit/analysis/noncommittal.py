"""Feedback on answering a noncommittal reply (chapter 7).

A good answer takes the vague reply gracefully, asks about the process
(the next stage, its timing, whom to contact), and sets up a follow-up. A
question about the other candidates, or a push for a verdict, is not a
question about the process. The words each check found are quoted back.
"""

from closing_kit.analysis.reading import Reading, find_phrases, lexicon
from closing_kit.analysis.rubric import rubric
from closing_kit.analysis.text import input_problem
from closing_kit.analysis.tokens import words

__all__ = ["analyze_noncommittal", "timing_given"]

#: More question words than this in one answer reads as a barrage.
MAX_QUESTION_WORDS = 3
_QUESTION_WORDS = ("how", "when", "who", "what", "which", "where", "why")


def timing_given(reply):
    """The time words in the interviewer's ``reply`` ("friday", "ten days"...), if any."""
    time = set(lexicon()["time_units"]) | set(
        rubric("noncommittal").rules["asks_process"].table("dates")
    )
    numbers = set(lexicon()["number_words"])
    return sorted({w for w in words(reply or "") if w in time or w in numbers or w[0].isdigit()})


def analyze_noncommittal(reply, response):
    """Check a response to a vague ``reply``: gracious, asks about process, door open.

    When the ``reply`` already named a time ("we'll decide by Friday"), a
    question that confirms that time counts as asking about the process.
    """
    r = rubric("noncommittal")
    rules = r.rules
    problem = input_problem(response, "your answer")
    reading = Reading("" if problem else response)
    asks = reading.asks() + [
        s
        for s in reading.sentences
        if not s.question and find_phrases(s.words, rules["asks_process"].table("embedded"))
    ]
    given = timing_given(reply or "")
    others = [s for s in asks if find_phrases(s.words, rules["no_pushing"].table("others"))]
    leave = [s for s in asks if _asks_leave_to_contact(rules, s)]
    process = [
        s
        for s in asks
        if s not in others
        and s not in leave
        and find_phrases(s.words, rules["asks_process"].table("words"))
    ]
    confirms = [
        s for s in asks if s not in others and s not in process and set(s.words) & set(given)
    ]
    notes = []
    if confirms:
        notes.append(
            "You check the time they gave ("
            + ", ".join(sorted(set(confirms[0].words) & set(given)))
            + "): good."
        )
    push = reading.find(rules["no_pushing"].table("words"))
    push += [(s, 0, len(s.words)) for s in others]
    push += [
        (s, a, b)
        for s in asks
        for a, b in find_phrases(s.words, rules["no_pushing"].table("in_question"))
    ]
    asked = sum(1 for s in asks for w in s.words if w in _QUESTION_WORDS)
    gracious = reading.find(rules["gracious"].table("words"))
    door = [h for h in reading.find(rules["door_open"].table("words")) if _learners_move(h)]
    results = {
        "gracious": (bool(gracious), [reading.quote_hit(h) for h in gracious[:1]]),
        "asks_process": (
            bool(process or confirms),
            [reading.quote(s.tokens) for s in (process + confirms)[:1]],
        ),
        "is_question": (bool(asks), [reading.quote(s.tokens) for s in asks[:1]]),
        "door_open": (bool(door), [reading.quote_hit(h) for h in door[:1]]),
        "no_pushing": (
            not problem and not push and asked <= MAX_QUESTION_WORDS,
            [reading.quote_hit(h) for h in push[:2]],
        ),
    }
    return r.feedback(results, notes, empty_message=problem or "")


def _asks_leave_to_contact(rules, sentence):
    """ "Could I email you in a fortnight?": permission to get in touch, not a question
    about their process (unless it also asks one: "...and when do you expect to decide?")."""
    words = sentence.words
    table = rules["asks_process"].table("permission")
    for start, end in find_phrases(words, table):
        if start <= 2:
            rest = words[end:]
            if rest[:1] and find_phrases(rest[:2], rules["asks_process"].table("contact")):
                return not any(w in ("when", "what", "who", "how", "whether") for w in rest)
    return False


def _learners_move(hit):
    """Whether a door-opening cue is the learner's own move: "I" or "we" before it in
    its clause, or a question asking leave ("would it be all right to call?"); not
    "me" straight after ("who will contact me" is theirs), and no waiting."""
    sentence, start, end = hit
    words = sentence.words
    if "wait" in words or "waiting" in words:
        return False
    if end < len(words) and words[end] in ("me", "us"):
        return False
    at = sentence.tokens[start][1]
    clause = next((c for c in sentence.clauses if c and c[0][1] <= at <= c[-1][1]), [])
    before = [t[0] for t in clause if t[1] < at]
    if any(w in ("i", "we", "me", "my") for w in before):
        return True
    head = " " + " ".join(before) + " "
    return any(
        " " + p + " " in head
        for p in (
            "all right to",
            "alright to",
            "okay to",
            "ok to",
            "fine to",
            "possible to",
            "all right if",
            "okay if",
            "ok if",
            "mind if",
        )
    )
