"""Feedback on a closing statement: thanks, fit, evidence, the question, and tone.

Each check reads the answer's structure (``reading``): the fit summary is a
need of the role said about the role or the interviewer, met by the
learner's own experience; evidence is that experience told specifically;
the closing question asks the interviewer for a judgement of the learner
or for the next stage. The words each check found are quoted back.
"""

from closing_kit.analysis.reading import Reading, ad_stems, find_phrases, shared, yes_no_start
from closing_kit.analysis.rubric import rubric
from closing_kit.analysis.text import input_problem, speaking_seconds

__all__ = ["analyze_closing"]

#: Spoken length that fits a close, in seconds (the course's own guide, chapter 5).
MIN_SECONDS, MAX_SECONDS = 8, 70
#: Two or more clichés read as a list of buzzwords.
MAX_CLICHES = 1


def analyze_closing(text, job_ad=""):
    """Check a closing statement; ``job_ad`` (optional) is what the role asks for."""
    r = rubric("closing")
    problem = input_problem(text, "your closing")
    reading = Reading("" if problem else text)
    seconds = speaking_seconds(text) if not problem else 0
    need, experience, relevant = _fit(r, reading, job_ad)
    specific = [c for c in relevant if c.specific]
    if job_ad and not specific:
        # Naming the ad's own requirements is evidence enough: "My background is in
        # payroll reconciliation and supplier onboarding" against an ad that asks for both.
        wanted = ad_stems(job_ad)
        specific = [c for c in relevant if len(c.stems & wanted) >= 2]
    ask = _ask(r, reading)
    results = {
        "thanks": _found(reading, r.rules["thanks"].table("words")),
        "fit_summary": (
            bool(relevant) and bool(need or job_ad or _bridged(r, reading)),
            [reading.quote(c.toks) for c in need[:1] + relevant[:1]],
        ),
        "evidence": (bool(specific), [reading.quote(c.toks) for c in specific[:2]]),
        "closing_question": (bool(ask), [reading.quote(s.tokens) for s in ask[:1]]),
        "no_hedging": _absent(problem, reading, r.rules["no_hedging"].table("words")),
        "no_pressure": _absent(problem, reading, r.rules["no_pressure"].table("words")),
        "no_perks": _perks(problem, reading, r.rules["no_perks"]),
        "length": (MIN_SECONDS <= seconds <= MAX_SECONDS, []),
        "no_cliches": _few(problem, reading, r.rules["no_cliches"].table("words"), MAX_CLICHES),
    }
    notes = [] if problem else [f"About {seconds} seconds to say at a calm pace."]
    if not problem and experience and not relevant:
        notes.append("What you tell of yourself does not yet touch what this job needs.")
    return r.feedback(results, notes, empty_message=problem or "")


def _fit(r, reading, job_ad):
    """The need stated, the learner's experience, and the experience that meets the need."""
    need_words = r.rules["fit_summary"].table("need")
    need = [c for c in reading.clauses if c.about != "self" and find_phrases(c.words, need_words)]
    need += [
        c
        for c in reading.clauses
        if c.about == "self"
        and c not in need
        and find_phrases(c.words, r.rules["fit_summary"].table("heard"))
    ]
    target = set()
    for c in need:
        target |= c.stems
    target |= ad_stems(job_ad)
    experience = [c for c in reading.experience() if not reading.personal_story(c)]
    if target:
        relevant = [
            c for c in experience if shared(c.stems, target) or _same_sentence(c, need, reading)
        ]
    else:
        relevant = [c for c in experience if _work(c)]
    return need, experience, relevant


def _same_sentence(clause, need, reading):
    """ "You need X; I've done X" (or "...X. I've done X."): experience said in the
    sentence of the need or the one straight after it."""
    order = reading.sentences
    for c in need:
        k = order.index(c.sentence)
        if clause.sentence is c.sentence or (
            k + 1 < len(order) and clause.sentence is order[k + 1]
        ):
            return True
    return False


def _work(clause):
    from closing_kit.analysis.reading import _sets, topics_of

    return bool(clause.stems & _sets()["work"] or topics_of(clause.stems))


def _bridged(r, reading):
    return bool(reading.find(r.rules["fit_summary"].table("role")))


def _ask(r, reading):
    """Questions that ask for the interviewer's judgement of the learner, or the next stage."""
    rule = r.rules["closing_question"]
    asks = list(reading.asks())
    asks += [
        s
        for s in reading.sentences
        if s not in asks
        and (find_phrases(s.words, rule.table("embedded")) or _whether_about_me(s.words))
    ]
    out = []
    for s in asks:
        if _answers_itself(s, reading):
            continue
        words = s.words
        about_me = any(
            w in ("i", "me", "my", "myself", "candidacy", "application") for w in words
        ) or (("there" in words or "you" in words) and ("anything" in words or "any" in words))
        # "What's stopping you saying yes?", "What concerns do you have?": doubts asked for.
        about_me = about_me or (
            s.question and "you" in words and bool(find_phrases(words, rule.table("doubts")))
        )
        if not about_me or find_phrases(words, rule.table("not_an_ask")):
            continue
        # A judgement or the next stage asked for ("anything putting you off?"), or any
        # yes/no question about the learner ("Am I getting a trial?", "So, am I through?").
        if (
            find_phrases(words, rule.table("judgement"))
            or _yes_no_about_me(s)
            or _whether_about_me(words)
        ):
            out.append(s)
    return out


def _answers_itself(sentence, reading):
    """ "Why am I right for this? Honestly, ...": a question about the learner that the
    learner goes on to answer, not one put to the interviewer."""
    w = [x for x in sentence.words if x not in ("so", "and", "but", "well", "now")]
    if len(w) < 3 or w[0] not in ("why", "what", "how") or w[2] not in ("i", "me"):
        return False
    order = reading.sentences
    k = order.index(sentence)
    return k + 1 < len(order) and not order[k + 1].question


def _whether_about_me(words):
    """ "I'd like to know whether you think I'm ready", "I'd value hearing whether anything
    gives you pause": an embedded yes/no question about the learner is an ask."""
    for k, w in enumerate(words):
        if w == "whether" or (w == "if" and k and words[k - 1] in _ASKING_VERBS):
            rest = words[k + 1 :]
            if any(x in ("i", "me", "my", "anything") for x in rest):
                return True
    return False


_ASKING_VERBS = ("know", "hear", "hearing", "ask", "wonder", "wondering", "curious", "tell")


def _yes_no_about_me(sentence):
    """ "Am I through?", "Would you be keen to have me back?", "From what you've seen,
    do you reckon I'd do well here?": a yes/no question that names the learner, or asks
    whether there is anything ("...is there anything that makes you unsure?")."""
    k = yes_no_start(sentence)
    if k < 0:
        return False
    rest = sentence.words[k:]
    return any(w in ("i", "me", "my", "myself") for w in rest) or (
        rest[1] == "there" and any(w in ("anything", "any") for w in rest)
    )


def _perks(problem, reading, rule):
    """Pay or perks asked about or wanted, not pay told of as past work ("I ran payroll")."""
    wanting = rule.table("wanting")
    hits = [
        h
        for h in reading.find(rule.table("words"))
        if h[0].question or find_phrases(h[0].words, wanting)
    ]
    return (not problem and not hits, [reading.quote_hit(h) for h in hits[:2]])


def _found(reading, table):
    hits = reading.find(table)
    return (bool(hits), [reading.quote_hit(h) for h in hits[:1]])


def _absent(problem, reading, table):
    hits = reading.find(table)
    return (not problem and not hits, [reading.quote_hit(h) for h in hits[:2]])


def _few(problem, reading, table, most):
    hits = reading.find(table)
    return (
        not problem and len(hits) <= most,
        [reading.quote_hit(h) for h in hits[:3]] if len(hits) > most else [],
    )
