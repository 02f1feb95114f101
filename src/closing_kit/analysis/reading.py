"""Reading an answer's structure: who each clause is about, what it tells, what it asks.

A coach reads a close for its parts: what the job needs (said about the
role or the interviewer), what the learner has done (said about themselves,
as something done), and what they ask (a question that asks the interviewer
for a judgement or the next stage). The checks are built on these readings,
not on fixed phrases, so plain, informal or non-native wording of the same
content is read the same. Word lists come from ``data/lexicon.json``.
"""

from closing_kit.analysis.compat import data_json, memo
from closing_kit.analysis.tokens import quote, sentences, words

__all__ = [
    "Reading",
    "yes_no_start",
    "content_stems",
    "find_phrases",
    "phrase_table",
    "stem",
    "topics_of",
]


@memo
def lexicon():
    return data_json("lexicon.json")


@memo
def _sets():
    lx = lexicon()
    return {
        "stop": frozenset(lx["stopwords"]),
        "not_done": frozenset(lx["not_done_words"]),
        "not_exp": frozenset(lx["not_experience_verbs"]),
        "time": frozenset(lx["time_units"]),
        "numbers": frozenset(lx["number_words"]),
        "personal": frozenset(lx["personal_not_work"]),
        "work": frozenset(stem(w) for w in lx["work_words"]),
        "claims": frozenset(lx["claim_verbs"]),
        "dates": frozenset(lx["dates"]),
        "generic": frozenset(stem(w) for w in lx["generic_words"]),
    }


@memo
def _topic_index():
    """stem -> the work topics it belongs to ("manager" -> people_lead)."""
    index = {}
    topics = lexicon()["topics"]
    for name in sorted(topics):
        for word in topics[name]:
            index.setdefault(stem(word), []).append(name)
    return index


def stem(word):
    """A crude stem, so "managed", "managing", "manager" and "management" meet."""
    irregular = lexicon()["irregular_past"]
    if word in irregular:
        return irregular[word]
    for suffix in (
        "ements",
        "ement",
        "ments",
        "ment",
        "ations",
        "ation",
        "ings",
        "ing",
        "ies",
        "ied",
        "ers",
        "ors",
        "er",
        "or",
        "ed",
        "es",
        "ly",
        "s",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "y"
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if len(word) > 5 and word.endswith("ll") and word[-3] in "aeiou" and word[-4] not in "aeiou":
        word = word[:-1]  # "travelled" -> "travel", "cancelling" -> "cancel"
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiousl":
        word = word[:-1]  # "planned" -> "plan", "running" -> "run"
    return word


def content_stems(words):
    """The stems of the words that carry meaning (no function words, no numbers)."""
    stop = _sets()["stop"]
    return {stem(w) for w in words if w not in stop and len(w) > 2 and not w[0].isdigit()}


def topics_of(stems):
    """The work topics (``lexicon.json``'s ``topics``) a set of stems touches."""
    index = _topic_index()
    found = set()
    for s in stems:
        for name in index.get(s, ()):
            found.add(name)
    return found


def phrase_table(phrases):
    """Phrases (space-separated words; "*" stands for any one word) indexed by first word."""
    table = {}
    for phrase in phrases:
        # Read like an answer, so "won't" in a list meets "will not" in speech.
        parts = tuple("*" if w == "*" else w for w in words(phrase.replace("*", " zzstar ")))
        parts = tuple("*" if w == "zzstar" else w for w in parts)
        if parts:
            table.setdefault(parts[0], []).append(parts)
    return table


def find_phrases(words, table):
    """Each ``(start, end)`` where a phrase of ``table`` occurs in ``words``."""
    hits = []
    for i, word in enumerate(words):
        for parts in table.get(word, []) + table.get("*", []):
            end = i + len(parts)
            if end <= len(words) and all(
                p == "*" or p == words[i + k] for k, p in enumerate(parts)
            ):
                hits.append((i, end))
    return hits


# Who a clause is about, from its first words.
_SELF = ("i", "we", "my", "our", "me", "myself")
_OTHER = (
    "you",
    "your",
    "yours",
    "the",
    "this",
    "that",
    "it",
    "they",
    "their",
    "what",
    "someone",
    "somebody",
    "anyone",
    "whoever",
    "a",
    "an",
    "there",
    "he",
    "she",
    "his",
    "her",
    "its",
)
_OPENERS = (
    "so",
    "and",
    "but",
    "well",
    "yes",
    "also",
    "actually",
    "honestly",
    "because",
    "as",
    "since",
    "then",
    "plus",
    "now",
    "okay",
    "right",
    "basically",
    "personally",
    "obviously",
    "really",
    "just",
    "oh",
    "um",
    "erm",
    "look",
    "like",
    "anyway",
    "and",
    "which",
    "where",
    "when",
    "while",
    "if",
    "though",
    "although",
    "that",
    "too",
    "even",
    "already",
    "still",
    "currently",
    "recently",
    "previously",
    "before",
    "at",
    "in",
    "on",
    "for",
    "over",
    "during",
    "last",
    "this",
    "every",
    "each",
    "after",
)
_AUX = (
    "have",
    "has",
    "had",
    "am",
    "is",
    "are",
    "was",
    "were",
    "been",
    "be",
    "do",
    "did",
    "also",
    "already",
    "just",
    "actually",
    "personally",
    "really",
    "even",
    "recently",
    "previously",
    "once",
    "always",
    "never",
    "often",
    "then",
    "still",
    "both",
    "all",
    "mostly",
    "mainly",
    "not",
    # Adverbs of plain speech between the subject and its verb ("I've basically been
    # running the back shift"), skipped like the ones above.
    "basically",
    "literally",
    "effectively",
    "essentially",
    "usually",
    "normally",
    "regularly",
    "generally",
    "sometimes",
    "occasionally",
)


class Clause:
    """A clause's words, whom it is about, and whether it tells of work done."""

    __slots__ = ("toks", "words", "about", "done", "plan", "specific", "stems", "sentence")

    def __init__(self, toks, sentence, text):
        self.toks = toks
        self.words = [t[0] for t in toks]
        self.sentence = sentence
        self.about = _about(self.words)
        self.stems = content_stems(self.words)
        self.done = self.about == "self" and _tells_of_work_done(self.words)
        self.plan = self.about == "self" and not self.done and _plans(self.words)
        self.specific = (self.done and _specific(self.words, toks, text, sentence)) or (
            # A plan's date is often in the clause beside it: "I'm doing it now and I
            # finish in June."
            self.plan and _specific(sentence.words, sentence.tokens, text, sentence, plan=True)
        )


def _about(words):
    """'self' (the learner), 'other' (the role, the interviewer, the company) or ''.

    The first person named in the clause's opening words decides: "In the
    nursing home here I am using..." is the learner's, "You need someone who..."
    the role's. A clause that opens on a verb ("Ran the night shift for two
    years") is the speaker's own, as in notes and plain speech.
    """
    # A clause may open on a phrase of time or place before its subject ("and in
    # two years with a parcel firm I've done..."): look further into it.
    head = words[:12] if any(w in _PREPOSITIONS for w in words[:3]) else words[:8]
    lead = [w for w in head[:3] if w not in ("and", "but", "so")]
    if len(lead) >= 2 and lead[0] == "what" and lead[1] in ("i", "we"):
        return "self"  # "What I have done is the late shift", "What I'm after is..."
    for k in range(1, min(len(head), 7) - 1):
        if head[k] in ("is", "was") and head[k + 1] in ("i", "we"):
            return "self"  # "The closest thing is I run the tuck shop", "Thing is, I..."
    if head and head[0] == "the":
        # "The biggest I've run is a regional chain", "The most I've had on my own was
        # 14 beds": what the learner did, named by a relative clause, then described.
        be = ("is", "are", "was", "were")
        for k in range(2, min(len(head), 6)):
            if any(w in be for w in head[1:k]):
                break
            if head[k] in ("i", "we") and any(w in be for w in head[k + 1 :]):
                return "self"
    for k in range(len(head) - 2):
        if head[k] not in ("is", "are", "was", "were"):
            continue
        j = k + 1
        while j < len(head) and head[j] in _HEDGES:
            j += 1  # "That's pretty much what I've been doing"
        if j + 1 < len(head) and head[j] == "what" and head[j + 1] in ("i", "we"):
            return "self"  # "That's what I've done for three years": the learner's own
    if len(head) >= 3 and head[0] in ("that", "this", "it") and head[1] in ("is", "was"):
        rest = [w for w in head[2:5] if w not in _HEDGES and w != "been"]
        if rest and rest[0] in ("me", "my", "mine"):
            return "self"  # "That's been me for four years", "That's my last three years"
    if len(head) >= 2 and _starts_with_span(head):
        return "self"  # "Four years on a locked unit", as in notes and plain speech
    for k, w in enumerate(head):
        if w in _OPENERS and w not in _OTHER:
            continue
        if w in _OTHER and w not in _PEOPLE and (k == 0 or head[k - 1] not in _PREPOSITIONS):
            return "other"  # "The parking is better than I expected"
        break
    mine = [k for k, w in enumerate(head) if w in _SELF]
    theirs = [k for k, w in enumerate(head) if w in _PEOPLE]
    if mine and (not theirs or mine[0] < theirs[0]):
        return "self"
    if theirs:
        return "other"
    lead = 1 if head and head[0] in ("never", "always", "also", "once") else 0
    for k, w in enumerate(head):
        if w in _OPENERS or w[0].isdigit():
            continue
        if w in _OTHER:
            return "other"
        if k == lead and lead and w in _AFTER_NEVER:
            return "self"  # "Never had a load rejected", "never missed a shift"
        if k == 0 and (w.endswith("ed") or w in lexicon()["irregular_past"]):
            return "self"
        if k == 0 and w.endswith("ing") and len(w) > 5:
            return "self"
        if k >= 4:
            return ""
    return ""


#: Past verbs that follow "never"/"always" in a clause told without "I" ("never had a load
#: rejected", "never missed a shift"): the speaker's own record.
_AFTER_NEVER = ("had", "missed", "lost", "let", "been", "done")

#: Words that soften a clause without changing whom it is about ("pretty much what I do").
_HEDGES = ("pretty", "much", "exactly", "just", "basically", "really", "precisely", "kind",
           "sort", "of", "more", "or", "less", "all", "literally", "been")  # fmt: skip


def _starts_with_span(words):
    """ "Four years on a locked unit", "20 years in kitchens", "six years nights": a
    fragment that opens on a span of time, with no one else named in it."""
    s = _sets()
    first = words[0]
    return (
        (first[0].isdigit() or (first in s["numbers"] and first != "one"))
        and words[1] in s["time"]
        and not any(w in ("you", "your", "they", "their", "it", "he", "she") for w in words)
    )


_VAGUE_AMOUNTS = frozenset(
    ("plenty", "lots", "loads", "various", "different", "sorts", "bits", "stuff")
)
_PREPOSITIONS = (
    "in",
    "at",
    "on",
    "for",
    "during",
    "over",
    "after",
    "before",
    "since",
    "with",
    "from",
    "as",
    "like",
)
_PEOPLE = (
    "you",
    "your",
    "yours",
    "they",
    "their",
    "he",
    "she",
    "his",
    "her",
    "someone",
    "somebody",
    "whoever",
    "anyone",
)


def _verb_at(words, j):
    """The first word at or after ``j`` that is no auxiliary or adverb, and the words skipped."""
    skipped = []
    while j < len(words) and words[j] in _AUX:
        skipped.append(words[j])
        j += 1
    return j, skipped


def _subjects(words):
    """Where the learner is the subject: after "I"/"we", or a clause that opens on its verb."""
    named = [k + 1 for k, w in enumerate(words) if w in ("i", "we")]
    if named:
        yield from named  # "Forecasting is what I did": the learner is named, so not "forecasting"
        return
    w = words[0] if words else ""
    if w.endswith("ed") or w in lexicon()["irregular_past"] or w.endswith("ing"):
        yield 0  # "Ran the night shift for two years", as in notes and plain speech


def _tells_of_work_done(words):
    """A first-person clause that says what the learner did, does or has done.

    Past tense after the subject ("I ran", "we cut"), a perfect ("I have led",
    "I've been running"), "I was a shift lead", a span of time ("for six
    years", "since 2019", "I am working in this field since six years"), or a
    work verb in the present with a concrete object ("I look after thirty
    residents"). Feelings, wishes and self-descriptions ("I wanted", "I'm a
    natural leader", "I'd be great") are not work done.
    """
    s = _sets()
    irregular = lexicon()["irregular_past"]
    n = len(words)
    for j0 in _subjects(words):
        j, aux = _verb_at(words, j0)
        if aux and aux[0] in ("did", "had") and j0 + 1 < n and words[j0 + 1] in _DETERMINERS:
            j, aux = j0, []  # "I did my final twelve weeks here": "did" is the verb
        if "did" in aux and aux[aux.index("did") + 1 : aux.index("did") + 2] == ["do"]:
            return True  # "I did do the dessert menu for the supper club"
        perfect = any(a in ("have", "has", "had") for a in aux)
        past_be = any(a in ("was", "were", "been") for a in aux)
        present_be = any(a in ("am", "is", "are") for a in aux) and not perfect
        if j >= n:
            if perfect or past_be:
                return _span_of_time(words)
            break
        verb = words[j]
        nxt = words[j + 1] if j + 1 < n else ""
        if verb == "looking" and nxt in ("for", "forward", "to", "at", "around"):
            continue  # "I've been looking for somewhere...", not "looking after residents"
        if verb == "used" and j + 1 < n and words[j + 1] != "to":
            return True  # "I used EMIS every day", not "I used to..."
        if not aux and verb in ("prepared", "detailed") and nxt in _DETERMINERS:
            return True  # "I prepared the reconciliation package", not "I'm prepared to"
        if verb in s["not_exp"] or verb in s["not_done"]:
            if (perfect or past_be or present_be) and _span_of_time(words):
                return True  # "I've been qualified for six years"
            continue
        if present_be:
            # "I'm a team player" describes; "I am working in this field since six years" tells
            return verb.endswith("ing") and (
                _span_of_time(words)
                or _has_quantity(words)
                or bool(content_stems(words) & s["work"])
            )
        if past_be:
            # "I was a shift lead", "I've been running the bar"; not "I've always been the one..."
            return (
                verb.endswith("ing")
                or _span_of_time(words)
                or _has_quantity(words)
                or bool(content_stems(words) & s["work"])
            )
        if perfect and verb == "got":
            # "I've got" is having: "I've got three hundred models" is not work done,
            # "I've got six years on nights" and "I've got my forklift ticket" can be.
            return _span_of_time(words) or bool(content_stems(words) & s["work"])
        if perfect and (verb.endswith("ed") or verb in irregular or verb.endswith("ing")):
            return True
        if verb in irregular and verb not in ("run", "set", "put", "cut", "hit", "read", "beat"):
            return True
        if verb.endswith("ed") and len(verb) > 4:
            return True
        if verb in s["stop"] and verb not in irregular:
            if _span_of_time(words):
                return True
            continue
        # present tense with a concrete object: "I run the ward", "I look after 30 beds"
        after = words[j + 1 :]
        if verb in s["claims"]:
            return False  # "I fit this role perfectly" claims; it does not tell
        if after[:1] == ["to"] and verb in _DISPOSED:
            return False  # "I always try to be sincere with clients" describes a habit of mind
        if len(verb) > 2 and (_has_quantity(after) or content_stems(after) & s["work"]):
            return True
        if len(verb) > 2 and _at_work(words, j0, after):
            return True
        return _span_of_time(words)
    named = any(w in ("i", "we") for w in words)
    told = words[:1] in (["that"], ["this"], ["it"]) and words[1:2] in (["is"], ["was"])
    spoken = _starts_with_span(words) or (told and set(words) & {"me", "my"})
    wishes = set(words) & {"will", "would", "want", "hope"}
    if not named and spoken and _span_of_time(words) and not wishes:
        return True  # "That's been me for four years", "four years on a locked unit"
    never = words[:1] in (["never"], ["always"]) and len(words) > 2
    if not named and never and words[1] in _AFTER_NEVER:
        return True  # "Never had a load rejected for temperature"
    for k, w in enumerate(words[:-1]):
        if (
            w == "my"
            and words[k + 1]
            in ("experience", "background", "previous", "last", "current", "old", "career")
            and len(content_stems(words)) >= 3
        ):
            return True  # "My background is in payroll reconciliation and supplier onboarding"
    return False


def _at_work(words, subject, after):
    """A present-tense clause set in the learner's work by its shape, not its verb: a frame
    before the subject ("At my current company I support the engineering group", "In my
    job I present..."), the team's own object ("I run our night shift"), or a routine
    ("...to the VP every Monday")."""
    s = _sets()
    frame = words[: max(0, subject - 1)]
    if content_stems(frame) & s["work"] and any(w in ("my", "our", "this", "the") for w in frame):
        return True
    for k, w in enumerate(after[:3]):
        if w == "our" and k + 1 < len(after) and content_stems(after[k + 1 :]):
            return True
    return any(w in _ROUTINE for w in after)


#: Present verbs that, before "to", tell of an intention or a habit of mind, not of work.
_DISPOSED = ("try", "tend", "aim", "strive", "endeavour", "endeavor", "seek", "prefer", "wish",
             "intend", "plan", "hope", "want", "like", "love", "care")  # fmt: skip


#: Words that make a present-tense clause a routine of work ("every week", "daily").
_ROUTINE = ("every", "each", "daily", "weekly", "monthly", "nightly", "fortnightly")


_DETERMINERS = (
    "a",
    "an",
    "the",
    "my",
    "our",
    "some",
    "all",
    "both",
    "every",
    "each",
    "two",
    "three",
    "four",
)
_MODALS = ("will", "would", "shall")
#: "I'm happy to...", "we're willing to...": an offer, read as a plan.
_OFFERS = ("happy", "willing", "glad", "keen", "ready", "prepared", "open")
_IN_MOTION = (
    "studying",
    "learning",
    "doing",
    "taking",
    "finishing",
    "completing",
    "shadowing",
    "practising",
    "practicing",
    "training",
    "retraining",
    "attending",
    "working",
    "volunteering",
    "reading",
    "building",
    "setting",
    "booking",
    "brushing",
    "refreshing",
    "updating",
    "starting",
    "planning",
    "saving",
    "arranging",
    "moving",
    "sorting",
)
_ABLE = (
    "start",
    "do",
    "cover",
    "work",
    "come",
    "move",
    "relocate",
    "travel",
    "shadow",
    "begin",
    "join",
    "commit",
    "drive",
    "arrange",
    "book",
    "show",
    "send",
    "share",
    "walk",
    "bring",
)


def _plans(words):
    """A first-person clause that says what the learner will do or has set in motion:
    "I'd spend my first fortnight shadowing", "I'm doing the course", "I can start on
    the 3rd". Promises about oneself ("I'll be the best", "I'd bring that") are not plans."""
    s = _sets()
    claims = s["claims"]
    n = len(words)
    for k, w in enumerate(words[:6]):
        if w == "my":
            return k + 1 < n and words[k + 1] in ("plan", "first", "aim", "idea", "approach")
        if w not in ("i", "we"):
            continue
        j, aux = _verb_at(words, k + 1)
        if j >= n:
            return False
        verb = words[j]
        if verb in _MODALS or verb in ("going", "plan", "planning", "intend", "aim", "aiming"):
            if j + 1 < n and words[j + 1] in ("be", "have", "not", "never", "always"):
                return False  # "I'll be running the team", "I'd have contacts in no time"
            j, _ = _verb_at(words, j + 1)
            if j < n and words[j] == "to":
                j, _ = _verb_at(words, j + 1)
            if j >= n:
                return False
            verb = words[j]
            return (
                verb not in claims
                and verb not in s["stop"]
                and len(content_stems(words[j + 1 :])) >= 1
            )
        if verb in ("can", "could"):
            if words[j + 1 : j + 2] == ["be"] and words[j + 2 : j + 3] in (
                ["with"],
                ["available"],
                ["there"],
            ):
                return True  # "I could be with you by the end of February"
            j, _ = _verb_at(words, j + 1)
            return j < n and words[j] in _ABLE and len(content_stems(words[j + 1 :])) >= 1
        if any(a in ("am", "are") for a in aux):
            if words[j : j + 2] == ["more", "than"] or words[j : j + 2] == ["very", "happy"]:
                j += 2 if words[j] == "more" else 1
                verb = words[j] if j < n else ""
            if verb in _OFFERS and words[j + 1 : j + 2] == ["to"]:
                # An offer is a plan: "I'm happy to do an assessed drive with your trainer".
                j += 2  # the verb itself, even "do": "happy to do an assessed drive"
                return (
                    j < n
                    and words[j] not in claims
                    and (words[j] not in s["stop"] or words[j] in _ABLE)
                    and len(content_stems(words[j + 1 :])) >= 1
                )
        if any(a in ("am", "are") for a in aux) and verb in _IN_MOTION:
            # "I'm doing the Level 3", or "I'm doing it now" when "it" is what they asked about
            return len(content_stems(words[j + 1 :])) >= 1 or "it" in words[j + 1 : j + 2]
        return False
    return False


def _span_of_time(words):
    """ "for two years", "since 2019", "six years", "every night"."""
    s = _sets()
    for k, w in enumerate(words):
        if w in s["time"] and k > 0:
            before = words[k - 1]
            if (
                before[0].isdigit()
                or before in s["numbers"]
                or before in ("few", "many", "every", "each", "several")
            ):
                return True
        if w == "since" and k + 1 < len(words):
            return True
    return False


def _has_quantity(words):
    s = _sets()
    return any(w[0].isdigit() or (w in s["numbers"] and w != "one") for w in words)


def _specific(words, toks, text, sentence, plan=False):
    """Something a listener could check: a number, a span of time, a name, a work object.

    A plan is specific only with a number, a time or a name ("the Revit course in March"):
    "I'll work evenings and weekends to catch up" is effort, not a step.
    """
    s = _sets()
    if _has_quantity(words) or _span_of_time(words):
        return True
    for k, t in enumerate(toks):
        original = text[t[1] : t[1] + 1]
        if original.lower() != t[0][:1]:
            continue  # the second half of a contraction: "would" in "I'd"
        first_of_sentence = sentence.tokens and t[1] == sentence.tokens[0][1]
        if "A" <= original <= "Z" and t[0] not in ("i",) and not first_of_sentence and k > 0:
            return True  # a place, a firm, a system: "at Kell's", "on Epic"
    if plan:
        return bool(set(words) & s["dates"])
    if set(words) & _VAGUE_AMOUNTS:
        return False  # "plenty of different software over the years"
    if "i" not in words and "we" not in words:
        return False  # "My background is in payroll": a field named, not something done in it
    stems = content_stems(words)
    return (
        len(stems & s["work"]) >= 1
        and len(stems) >= 3
        or len(topics_of(stems)) >= 1
        and len(stems) >= 3
    )


def _attach_fragments(clauses):
    """ "I did the dessert menu for the supper club, six courses, eighty covers, once a
    month": the short pieces after a told experience make it specific."""
    for k, c in enumerate(clauses):
        if not c.done or c.specific:
            continue
        for f in clauses[k + 1 : k + 4]:
            if f.sentence is not c.sentence or f.about == "self" or len(f.words) > 8:
                break
            if any(w in ("i", "we", "you", "they", "he", "she") for w in f.words):
                break
            if _has_quantity(f.words) or _span_of_time(f.words):
                c.specific = True
                break


class Reading:
    """An answer read once: its sentences and clauses, for every check to use."""

    __slots__ = ("text", "sentences", "clauses", "words", "stems")

    def __init__(self, text):
        self.text = text or ""
        self.sentences = sentences(self.text)
        self.clauses = [Clause(c, s, self.text) for s in self.sentences for c in s.clauses]
        self.words = [w for s in self.sentences for w in s.words]
        self.stems = content_stems(self.words)
        _attach_fragments(self.clauses)

    def quote(self, toks):
        return quote(self.text, toks)

    def find(self, table):
        """Each match of a phrase table, as ``(sentence, start, end)`` over its words."""
        hits = []
        for s in self.sentences:
            for start, end in find_phrases(s.words, table):
                hits.append((s, start, end))
        return hits

    def quote_hit(self, hit):
        s, start, end = hit
        return quote(self.text, s.tokens[start:end])

    def experience(self):
        """Clauses in which the learner tells of work they have done."""
        return [c for c in self.clauses if c.done]

    def personal(self, clause):
        """Whether a clause is about life outside work (hobbies, travel, followers).

        Told as a fan, a guest or a child ("since I was six"), or with more words of
        family and pastimes than of work.
        """
        if _personal_words(self.text, clause):
            return True
        # What the learner did to the company's own things ("I spotted one of your
        # Scanias on the M6", "I've read your annual report") is knowing of the firm,
        # not experience for the job.
        return clause.done and "your" in clause.words and not clause.stems & _sets()["work"]

    def personal_story(self, clause):
        """Life outside work, or told in the same breath as it: in "I've been gaming since
        I was six, I've put 3,000 hours into Elden Ring", the second clause names no work
        and goes on with the first."""
        if self.personal(clause):
            return True
        if clause.stems & _sets()["work"]:
            return False
        siblings = [c for c in self.clauses if c.sentence is clause.sentence and c is not clause]
        if any(c.stems & _sets()["work"] for c in siblings):
            return False
        return any(c.done and _personal_words(self.text, c) for c in siblings)

    def asks(self):
        """Sentences that put a question: a "?" or an inverted start ("would you...")."""
        return [s for s in self.sentences if s.question or _inverted(s.words)]


#: How a pastime is told: as a fan or a guest, or timed from childhood.
_AS_CONSUMER = (
    "fan",
    "customer",
    "guest",
    "passenger",
    "user",
    "shopper",
    "viewer",
    "player",
    "spectator",
    "visitor",
    "tourist",
    "hobbyist",
    "kid",
    "child",
    "teenager",
)
_YOUNG = ("young", "little", "small", "kid", "child", "teenager", "a", "at", "in", "about")


def _personal_words(text, clause):
    """A clause told as life outside work, by its own words."""
    w = clause.words
    s = _sets()
    for k in range(len(w) - 1):
        if w[k] == "outside" and w[k + 1] in ("work", "of", "my"):
            return True  # "experience of leading people outside work"
        if w[k] in ("spare", "free") and w[k + 1] == "time":
            return True
        if w[k] == "receiving" and w[k + 1] == "end":
            return True  # "I've been on the receiving end of every delay"
        if w[k] == "as" and w[k + 1] in _AS_CONSUMER:
            return True  # "as a guest", "as a fan"; "as a" + a job is not this
        if w[k] == "as" and w[k + 1] in ("a", "an") and k + 2 < len(w) and w[k + 2] in _AS_CONSUMER:
            return True
        if w[k : k + 3] == ["since", "i", "was"] and k + 3 < len(w):
            nxt = w[k + 3]
            if nxt[0].isdigit() or nxt in s["numbers"] or nxt in _YOUNG:
                return True  # "I've been gaming since I was six"
        if w[k] == "my" and w[k + 1] in ("whole", "entire") and w[k + 2 : k + 3] == ["life"]:
            return True  # "trucks are my whole life"
    # "my little brother's football team" is still life outside work, "team" or not;
    # a capital makes a title or a name of it ("Sister Hale signed me off").
    mine = s["personal"]
    personal = len(
        {
            t[0]
            for t in clause.toks
            if (t[0] in mine or t[0][-1:] == "s" and t[0][:-1] in mine)
            and not _capital(text, t, clause)
        }
    )
    return personal > 0 and personal >= len(clause.stems & s["work"])


_ASKING = (
    "would",
    "could",
    "can",
    "will",
    "do",
    "does",
    "did",
    "is",
    "are",
    "am",
    "have",
    "has",
    "should",
    "shall",
    "may",
    "might",
)


def _capital(text, tok, clause):
    """Whether a word is a title before a name ("Sister Hale", "Uncle Joe's Diner"):
    written with a capital, not at the start of its sentence, and followed by a name."""
    toks = clause.toks
    k = toks.index(tok)
    if k + 1 >= len(toks) or tok[1] == clause.sentence.tokens[0][1]:
        return False
    return "A" <= text[tok[1] : tok[1] + 1] <= "Z" and "A" <= text[toks[k + 1][1]] <= "Z"


_FILLERS = (
    "so",
    "and",
    "but",
    "just",
    "okay",
    "ok",
    "yes",
    "yeah",
    "well",
    "then",
    "honestly",
    "plainly",
    "frankly",
    "simply",
    "straight",
    "up",
    "please",
    "now",
    "right",
    "look",
    "finally",
    "lastly",
)
#: Words that make an inverted "do you"/"can I" part of a wh-question or a
#: subordinate clause, not a yes/no question: "what do you need", "than I can".
_NOT_YES_NO = (
    "what",
    "how",
    "why",
    "when",
    "where",
    "who",
    "whom",
    "which",
    "whose",
    "that",
    "if",
    "whether",
    "than",
    "as",
    "i",
    "we",
    "you",
    "they",
    "he",
    "she",
    "it",
    "there",
    "to",
)


def yes_no_start(sentence):
    """Where a sentence's yes/no question starts, or -1.

    The question can open the sentence ("Am I through?"), open one of its
    clauses ("So my question is: do you think I can do well here?"), or, in a
    sentence that ends on "?", come after an opening phrase ("From what you've
    seen today do you reckon I could do well here?"). An inverted verb after a
    wh-word or a subject is no yes/no question ("what do you need", "I can").
    """
    w = sentence.words
    start = 0
    for c in sentence.clauses:
        k = start
        while k < start + len(c) and w[k] in _FILLERS:
            k += 1
        if _inverted_at(w, k):
            return k
        start += len(c)
    if sentence.question:
        for k in range(1, len(w) - 1):
            if _inverted_at(w, k) and w[k - 1] not in _NOT_YES_NO and not _wh_before(w, k):
                return k
    return -1


_WH_WORDS = ("what", "how", "why", "when", "where", "who", "which", "whose")
_PRONOUNS = ("i", "you", "we", "they", "he", "she")


def _wh_before(w, k):
    """ "What date should I put in my diary?": the inversion belongs to a wh-question
    whose wh-word came just before it with no subject of its own in between (unlike
    "From what you've seen, do you reckon...")."""
    for j in range(max(0, k - 4), k):
        if w[j] in _WH_WORDS and not any(x in _PRONOUNS for x in w[j + 1 : k]):
            return True
    return False


def _inverted_at(words, k):
    return (
        k + 1 < len(words)
        and words[k] in _ASKING
        and words[k + 1] in ("you", "i", "there", "we", "it", "that", "anything", "something", "my")
    )


def _inverted(words):
    """ "Would you...", "Is there...", "Am I...": a question without its question mark."""
    head = [w for w in words[:4] if w not in ("so", "and", "but", "just", "okay", "yes", "well")]
    return (
        len(head) >= 2
        and head[0] in _ASKING
        and head[1] in ("you", "i", "there", "we", "it", "that")
    )


def _compound(part, whole):
    return (
        len(part) >= 4
        and len(whole) >= len(part) + 3
        and (whole.startswith(part) or whole.endswith(part))
    )


def shared(clause_stems, target_stems, topic_stems=None, sectors=True):
    """The stems a clause shares with a target (the need, the concern, the job ad),
    directly or through a work topic ("rota" meets "shifts" in people_lead).

    Words every answer uses ("job", "team", "years": ``generic_words``) share
    nothing. ``topic_stems``, when given, is the part of the target whose topics
    count (the doubt itself, not the background the interviewer recalls).
    """
    generic = _sets()["generic"]
    clause_stems = clause_stems - generic
    target_stems = target_stems - generic
    direct = clause_stems & target_stems
    if direct:
        return sorted(direct)
    # Compounds: "night" meets "overnight", "week" meets "weekend".
    joined = [c for c in clause_stems for t in target_stems if _compound(c, t) or _compound(t, c)]
    if joined:
        return sorted(set(joined))
    topic_target = target_stems if topic_stems is None else topic_stems - generic
    common = topics_of(clause_stems) & topics_of(topic_target)
    if not sectors:
        # A doubt is answered on its own ground (money, leading people, hours), not by
        # working in the same field: "wound care" does not answer "medication errors".
        common = common - set(lexicon()["sector_topics"])
    return sorted(common)


def ad_stems(job_ad):
    """The content stems of a job ad, without the words every ad uses."""
    generic = {
        stem(w)
        for w in (
            "role",
            "job",
            "candidate",
            "looking",
            "seeking",
            "position",
            "successful",
            "apply",
            "required",
            "essential",
            "desirable",
            "ideal",
            "join",
            "team",
            "company",
            "experience",
            "skills",
            "ability",
            "able",
            "strong",
            "excellent",
            "good",
            "great",
            "work",
            "working",
            "new",
            "based",
        )
    }
    return content_stems(words(job_ad or "")) - generic
