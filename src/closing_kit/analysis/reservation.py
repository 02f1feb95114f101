"""Feedback on answering an interviewer's reservation (chapter 6).

The answer is read for its parts (``reading``): an acknowledgement, then
substance that speaks to *that* concern (experience or a concrete plan that
shares its subject), a link to this role, and perhaps a check back. Polite
words around evidence about something else do not answer the concern.
"""

from closing_kit.analysis.compat import memo
from closing_kit.analysis.feedback import Feedback
from closing_kit.analysis.noncommittal import analyze_noncommittal
from closing_kit.analysis.reading import (
    Reading,
    content_stems,
    find_phrases,
    lexicon,
    shared,
    stem,
    topics_of,
)
from closing_kit.analysis.rubric import rubric
from closing_kit.analysis.text import input_problem
from closing_kit.analysis.tokens import is_word, sentences, words

__all__ = ["analyze_reservation", "concern_terms", "is_vague_reply", "letter_version"]


def concern_terms(concern):
    """The concern's content stems, so 'managed' meets 'managing'."""
    return content_stems(words(concern))


def is_vague_reply(concern):
    """Whether ``concern`` is really a vague answer about the process, with no doubt in it."""
    r = rubric("reservation")
    reading = Reading(concern or "")
    vague = reading.find(r.rules["addresses_concern"].table("vague_reply"))
    doubt = reading.find(r.rules["addresses_concern"].table("doubt"))
    return bool(vague) and not doubt


def analyze_reservation(concern, response):
    """Check a response to ``concern``: acknowledge, answer it, evidence, bridge, check back.

    A "concern" that is really a vague answer about the process ("we have
    more candidates to see") is judged as one (chapter 7's checks).
    """
    if is_vague_reply(concern or ""):
        fb = analyze_noncommittal(concern, response)
        note = "That was a vague answer about the process, not a doubt: judged as one (chapter 7)."
        return Feedback(fb.kind, fb.score, fb.level, fb.checks, fb.suggestion, (note,) + fb.notes)
    r = rubric("reservation")
    problem = input_problem(response, "your answer")
    reading = Reading("" if problem else response)
    target = concern_terms(concern or "")
    rules = r.rules

    focus = _doubt_stems(rules, concern or "")
    # What the interviewer grants ("You've been in policy, writing the local plan") is the
    # learner's background, not the doubt: more of it does not answer the doubt.
    granted_all = _granted(concern or "")
    granted = granted_all - (focus or set())
    if target - granted:
        target = target - granted

    def hits(name, table="words"):
        return reading.find(rules[name].table(table))

    ack = _acknowledgement(rules, reading, target)
    ack_clauses = ack[2]
    # A promise is not evidence: "I'd work for free for three months" proves nothing.
    promised = [h[0] for h in hits("no_overpromise")]
    substance = [
        c
        for c in reading.clauses
        if (c.done or c.plan) and not reading.personal(c) and c.sentence not in promised
    ]
    specific = [c for c in substance if c.specific]
    evidence = bool(specific)
    # A doubt about level ("quite junior", "very young") is answered by time served and
    # what was taken on in it, whatever the words.
    level = bool(_said_of_learner(concern or "") & _level_stems())
    # A doubt that sets one field against another ("you've been in hotels; we're
    # logistics") is answered in the fields' terms: the field granted the learner and
    # another one. A doubt within one field ("most of our residents need a hoist") is
    # not answered by more of that field (care plans).
    fields = set(lexicon()["sector_topics"])
    theirs = topics_of(granted_all) & fields
    sectors = bool(theirs) and bool(topics_of(target) & fields - theirs)
    on_topic = [
        c
        for c in substance
        if c not in ack_clauses
        and (shared(c.stems, target, focus, sectors=sectors) or (level and c.specific))
    ]
    if evidence and not on_topic:
        # The learner names the concern's subject in their own clause and backs it elsewhere:
        # "I want a permanent role where I can stay", then the 18-store rollout.
        on_topic = [
            c
            for c in reading.clauses
            if c.about == "self"
            and c not in ack_clauses
            and not reading.personal(c)
            and not _knows(c)
            and shared(_told(c), target if focus is None else focus, focus, sectors=sectors)
        ]
    if not on_topic:
        # "I'm doing it now", "I've had to use it twice": right after taking the concern
        # in, "it" is the concern's subject.
        early = reading.sentences[:3]
        on_topic = [
            c
            for c in substance
            if c not in ack_clauses
            and c.sentence in early
            and c.about == "self"
            and any(w in ("it", "them") for w in c.words[1:])
        ][:1]
    if not target:  # nothing to match against: any substance answers
        on_topic = [c for c in substance if c not in ack_clauses]

    soft = [h for h in hits("no_dismissing", "soft")]
    # Turning to the other candidates ("are the others more senior than me?") leaves
    # the concern where it was: the same list chapter 7's answers are read with.
    others = rubric("noncommittal").rules["no_pushing"].table("others")
    turned = [(q, 0, len(q.words)) for q in reading.asks() if find_phrases(q.words, others)]
    dismissing = hits("no_dismissing") + ([] if evidence and on_topic else soft) + turned
    empty = hits("no_empty_claims") if not (evidence and on_topic) else []
    check_back = [
        s
        for s in reading.asks()
        if find_phrases(s.words, rules["check_back"].table("words"))
        and not any(t[0] is s for t in turned)
    ]
    check_back += [h[0] for h in hits("check_back", "offers")]
    if not check_back and substance:
        # Ending on a question put back to the interviewer ("Is there a specific
        # situation you have in mind?") hands them the next word: that is a check back.
        last = reading.sentences[-1:]
        check_back = [
            q
            for q in last
            if q in reading.asks()
            and not any(t[0] is q for t in turned)
            and any(w in ("you", "your", "that", "this") for w in q.words)
        ]
    bridge = hits("bridge") or [(c.sentence, 0, len(c.sentence.words)) for c in on_topic if c.plan]
    results = {
        "acknowledge": (ack[0], ack[1]),
        "not_defensive": _absent(problem, reading, hits("not_defensive")),
        "addresses_concern": (bool(on_topic), [reading.quote(c.toks) for c in on_topic[:2]]),
        "evidence": (evidence, [reading.quote(c.toks) for c in specific[:2]]),
        "bridge": (bool(bridge), [reading.quote_hit(h) for h in bridge[:1]]),
        "check_back": (bool(check_back), [reading.quote(s.tokens) for s in check_back[:1]]),
        "no_overpromise": _absent(problem, reading, hits("no_overpromise")),
        "no_blaming": _absent(problem, reading, hits("no_blaming")),
        "no_dismissing": _absent(problem, reading, dismissing),
        "no_empty_claims": _absent(problem, reading, empty),
    }
    notes = []
    if substance and not on_topic:
        notes.append("What you describe is about something other than their concern.")
    return r.feedback(results, notes, empty_message=problem or "")


#: "So I know what lambing involves": a claim to understand the subject names it
#: without speaking to it.
_KNOWING = (
    "know",
    "think",
    "understand",
    "believe",
    "feel",
    "reckon",
    "guess",
    "realise",
    "realize",
    "appreciate",
    "see",
    "get",
    "love",
    "enjoy",
)


def _knows(clause):
    w = clause.words
    for k, x in enumerate(w[:-1]):
        if x in ("i", "we"):
            j = k + 1
            while j < len(w) and w[j] in (
                "do",
                "really",
                "definitely",
                "totally",
                "fully",
                "already",
                "also",
                "would",
                "will",
                "can",
            ):
                j += 1
            return j < len(w) and w[j] in _KNOWING
    return False


def _granted(concern):
    """The stems of the concern's clauses that grant the learner a past ("you've been in
    policy", "you come from hotels", "your background is retail"), unless negated."""
    out = set()
    for s in sentences(concern):
        granting = False
        for c in s.clauses:
            w = [t[0] for t in c]
            if granting and w and w[0] not in _WH and w[0] not in _ASKS and "you" not in w:
                out |= content_stems(w)  # "You've been in policy, writing the local plan"
                continue
            granting = False
            if any(x in ("not", "never", "no", "only", "just") for x in w):
                continue
            for k, x in enumerate(w[:3]):
                nxt = w[k + 1 : k + 3]
                if (
                    x == "you"
                    and (
                        nxt[:2]
                        in (
                            ["have", "been"],
                            ["have", "worked"],
                            ["have", "spent"],
                            ["have", "done"],
                        )  # fmt: skip
                        or nxt[:1] in (["come"], ["came"], ["were"])
                    )
                ):
                    granting = True
                if x == "your" and nxt[:1] in (["background"], ["experience"], ["career"]):
                    granting = True
            if granting:
                out |= content_stems(w)
    return out


_ASKS = ("can", "could", "would", "are", "is", "will")


def _said_of_learner(concern):
    """The content stems of the concern's clauses about the learner ("you seem quite
    junior"), not about the role or the people in it ("presenting to senior stakeholders")."""
    out = set()
    for s in sentences(concern):
        for c in s.clauses:
            w = [t[0] for t in c]
            if any(x in ("you", "your", "yourself") for x in w[:4]):
                out |= content_stems(w)
    return out


def _told(clause):
    """A clause's stems without its verbs of saying or claiming: in "What I'd point to is
    my fuel figures", "point" is how it is said, not what about."""
    claims = lexicon()["claim_verbs"]
    return clause.stems - {stem(w) for w in clause.words if w in claims}


def _acknowledgement(rules, reading, target):
    """Whether the answer opens by taking the concern in: a cue in its first sentence,
    or an honest admission that names the concern ("I haven't run a budget myself")."""
    first = reading.sentences[:2]
    table = rules["acknowledge"].table("words")
    for s in first:
        # "that's not really fair" takes the concern in no more than it agrees with it
        found = [f for f in find_phrases(s.words, table) if not _negated(s.words, f[0])]
        if found:
            start, end = found[0]
            clauses = [c for c in reading.clauses if c.sentence is s and start < len(s.words)]
            return True, [reading.quote(s.tokens[start:end])], clauses[:1]
    if reading.sentences:
        opening = reading.sentences[0].words[:3]
        found = [
            f for f in find_phrases(opening, rules["acknowledge"].table("opening")) if f[0] == 0
        ]
        if found:
            first = reading.sentences[0]
            return True, [reading.quote(first.tokens[: found[0][1]])], [reading.clauses[0]]
    for c in reading.clauses[:3]:
        admits = c.about == "self" and any(w in ("not", "never", "no") for w in c.words)
        if admits and (c.stems & target or shared(c.stems, target)):
            return True, [reading.quote(c.toks)], [c]
    return False, [], []


@memo
def _level_stems():
    return frozenset(stem(w) for w in lexicon()["level_words"])


def _doubt_stems(rules, concern):
    """The stems of the concern's doubt itself: its sentences that voice a doubt
    ("I'm not sure how that translates to six-year-olds"), not the background it recalls."""
    table = rules["addresses_concern"].table("doubt")
    doubt = [s for s in sentences(concern) if s.question or find_phrases(s.words, table)]
    if not doubt:
        return None
    said = []
    for s in doubt:
        said += _asked_part(s) if s.question else s.words
    return content_stems(said)


_WH = ("how", "what", "why", "when", "where", "who", "which", "have", "has", "do", "does")


def _asked_part(sentence):
    """The clauses of a question from the one that asks on: in "You've been in policy,
    writing the local plan: have you done anything face to face?", the last."""
    clauses = [[t[0] for t in c] for c in sentence.clauses]
    for k, part in enumerate(clauses):
        head = [w for w in part[:2] if w not in ("so", "and", "but")]
        if k and head and (head[0] in _WH or head[0] in ("can", "could", "would", "are", "is")):
            return [w for c in clauses[k:] for w in c if is_word(w)]
    return sentence.words


def _negated(words, start):
    return any(w in ("not", "never", "no") for w in words[max(0, start - 3) : start])


def _absent(problem, reading, found):
    return (not problem and not found, [reading.quote_hit(h) for h in found[:2]])


def letter_version(concern, response):
    """The same clarification as a short paragraph for the follow-up letter.

    Keeps the sentences of the spoken answer that carry experience, a plan or
    the concern's subject, drops the spoken check-back, and frames them.
    """
    if input_problem(response):
        return ""
    target = concern_terms(concern or "")
    keep = []
    for s in sentences(response):
        if s.question:
            continue
        text = response[s.start : s.end + 1].strip()
        reading = Reading(text)
        useful = any((c.done or c.plan) and c.specific for c in reading.clauses)
        if useful or (target and content_stems(s.words) & target):
            keep.append(text)
    if not keep:
        return ""
    return "Thank you again for being open about your concern when we spoke. " + " ".join(keep)
