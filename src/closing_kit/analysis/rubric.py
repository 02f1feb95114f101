"""Load ``data/rubrics.json`` once, validate it, and score a set of check results."""

from closing_kit.analysis.compat import data_json, memo
from closing_kit.analysis.feedback import Check, Feedback, level_for
from closing_kit.analysis.reading import phrase_table

__all__ = ["KINDS", "Rubric", "check_label", "rubric"]

#: The three kinds of answer the engine judges, as named in ``rubrics.json``.
KINDS = ("closing", "reservation", "noncommittal")

#: Longest quote of the learner's words shown beside a check.
_QUOTE_WORDS = 14


class RuleSpec:
    """One check's wording, weight and cap, and the words it reads with (``cues``)."""

    __slots__ = ("id", "label", "weight", "cap", "praise", "message", "suggestion", "cues",
                 "warns")  # fmt: skip

    def __init__(self, rule_id, spec):
        self.id = rule_id
        self.label = spec["label"]
        self.weight = int(spec["weight"])
        self.cap = int(spec["cap"])
        self.praise = spec["praise"]
        self.message = spec["message"]
        self.suggestion = spec["suggestion"]
        #: Named phrase lists ("cues": {"name": [phrases]}), each indexed for matching.
        self.cues = {
            name: phrase_table(spec.get("cues", {})[name]) for name in spec.get("cues", {})
        }
        #: A check that warns ("no_pressure") passes when its words are absent.
        self.warns = rule_id.startswith("no_") or rule_id.startswith("not_")

    def table(self, name):
        return self.cues.get(name, {})


class Rubric:
    """One kind's checks, in the order a reader expects, and how they make a score."""

    __slots__ = ("kind", "order", "rules", "ids")

    def __init__(self, kind, section):
        self.kind = kind
        self.order = tuple(section["order"])
        #: The checks as listed in rubrics.json (a reader's order), by id.
        self.ids = tuple(section["shown"])
        self.rules = {
            rule_id: RuleSpec(rule_id, section["checks"][rule_id]) for rule_id in self.ids
        }
        if sorted(self.order) != sorted(self.ids) or sorted(self.ids) != sorted(section["checks"]):
            raise ValueError(f"rubrics.json: {kind} 'order' and 'shown' must list every check")
        if sum(r.weight for r in self.rules.values()) != 100:
            raise ValueError(f"rubrics.json: {kind} weights must add up to 100")

    @property
    def check_ids(self):
        return frozenset(self.ids)

    def label(self, check_id):
        """A check's short name for a learner; an unknown id is shown as it is."""
        rule = self.rules.get(check_id)
        return rule.label if rule else check_id

    def feedback(self, results, notes=(), empty_message=""):
        """Turn results into a score, coached checks and one suggestion.

        ``results`` maps each check id to ``(passed, found)``: ``found`` is the
        learner's words that earned the check, or that tripped a warning.
        """
        if sorted(results) != sorted(self.ids):
            raise ValueError(f"{self.kind}: results for {sorted(results)} != {sorted(self.ids)}")
        checks = []
        for rule_id in self.ids:
            rule = self.rules[rule_id]
            passed, found = results[rule_id]
            found = tuple(_short(q) for q in found if q)[:3]
            if passed:
                message = rule.praise + (_quoted(found) if found and not rule.warns else "")
            else:
                message = rule.message + (" You said: " + _quoted(found, "") + "." if found else "")
            checks.append(Check(rule_id, rule.label, bool(passed), rule.weight, message, found))
        score = sum(c.weight for c in checks if c.passed)
        for c in checks:
            if not c.passed:
                score = min(score, self.rules[c.id].cap)
        failed = [rule_id for rule_id in self.order if not results[rule_id][0]]
        if empty_message:
            suggestion = empty_message
        elif failed:
            suggestion = self.rules[failed[0]].suggestion
        else:
            suggestion = "Every check passes: now say it out loud until it sounds like you."
        return Feedback(self.kind, int(score), level_for(score), checks, suggestion, notes)


def _short(quote):
    words = quote.split()
    return quote if len(words) <= _QUOTE_WORDS else " ".join(words[:_QUOTE_WORDS]) + "…"


def _quoted(found, lead=" "):
    body = "; ".join("\u201c" + q + "\u201d" for q in found)
    return f"{lead}({body})" if lead else body


@memo
def rubric(kind):
    """The rubric for ``closing``, ``reservation`` or ``noncommittal``."""
    return Rubric(kind, data_json("rubrics.json")[kind])


def check_label(check_id, kind=None):
    """The short name of ``check_id`` (looked up in ``kind``, or in every kind)."""
    for name in (kind,) if kind else KINDS:
        if check_id in rubric(name).rules:
            return rubric(name).label(check_id)
    return check_id.replace("_", " ")
