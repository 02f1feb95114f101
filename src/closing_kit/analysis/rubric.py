"""Load ``data/rubrics.json`` once, validate it, and score a set of check results."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources

from closing_kit.analysis.feedback import Check, Feedback, level_for

__all__ = ["KINDS", "Rubric", "check_label", "rubric"]

#: The three kinds of answer the engine judges, as named in ``rubrics.json``.
KINDS = ("closing", "reservation", "noncommittal")


@dataclass(frozen=True)
class RuleSpec:
    id: str
    label: str
    weight: int
    cap: int
    praise: str
    message: str
    suggestion: str
    patterns: tuple[re.Pattern, ...]
    action_patterns: tuple[re.Pattern, ...] = ()
    max_question_words: int = 0
    #: Phrases that count only in some cases (see the check's ``_about``).
    soft_patterns: tuple[re.Pattern, ...] = ()
    #: (id, concern patterns, answer patterns): a topic answered in other words.
    topics: tuple[tuple[str, tuple[re.Pattern, ...], tuple[re.Pattern, ...]], ...] = ()

    def matches(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns)

    def matches_soft(self, text: str) -> bool:
        return any(p.search(text) for p in self.soft_patterns)


@dataclass(frozen=True)
class Rubric:
    kind: str
    order: tuple[str, ...]
    rules: dict[str, RuleSpec]
    #: Other pattern lists of this kind's section (e.g. reservation's "vague_reply").
    extra: dict[str, tuple[re.Pattern, ...]] = field(default_factory=dict)

    @property
    def check_ids(self) -> frozenset[str]:
        return frozenset(self.rules)

    def label(self, check_id: str) -> str:
        """A check's short name for a learner; an unknown id is shown as it is."""
        rule = self.rules.get(check_id)
        return rule.label if rule else check_id

    def feedback(self, results: dict[str, bool], notes=(), empty_message: str = "") -> Feedback:
        """Turn pass/fail results into a score, coached checks and one suggestion."""
        if set(results) != set(self.rules):
            raise ValueError(f"{self.kind}: results for {sorted(results)} != {sorted(self.rules)}")
        checks = tuple(
            Check(
                id=rule_id,
                label=self.rules[rule_id].label,
                passed=results[rule_id],
                weight=self.rules[rule_id].weight,
                message=self.rules[rule_id].praise
                if results[rule_id]
                else self.rules[rule_id].message,
            )
            for rule_id in self.rules  # the order a reader expects (as in rubrics.json)
        )
        score = sum(c.weight for c in checks if c.passed)
        for c in checks:
            if not c.passed:
                score = min(score, self.rules[c.id].cap)
        # The suggestion addresses the most important failed check.
        failed = [rule_id for rule_id in self.order if not results[rule_id]]
        if empty_message:
            suggestion = empty_message
        elif failed:
            suggestion = self.rules[failed[0]].suggestion
        else:
            suggestion = "Every check passes: now say it out loud until it sounds like you."
        return Feedback(
            kind=self.kind,
            score=int(score),
            level=level_for(score),
            checks=checks,
            suggestion=suggestion,
            notes=tuple(notes),
        )


def _load(kind: str, data: dict) -> Rubric:
    section = data[kind]
    order = tuple(section["order"])
    rules = {}
    for rule_id, spec in section["checks"].items():
        rules[rule_id] = RuleSpec(
            id=rule_id,
            label=spec["label"],
            weight=int(spec["weight"]),
            cap=int(spec["cap"]),
            praise=spec["praise"],
            message=spec["message"],
            suggestion=spec["suggestion"],
            patterns=_compile(spec.get("patterns", ())),
            action_patterns=_compile(spec.get("action_patterns", ())),
            max_question_words=int(spec.get("max_question_words", 0)),
            soft_patterns=_compile(spec.get("soft_patterns", ())),
            topics=tuple(
                (t["id"], _compile(t["concern"]), _compile(t["answer"]))
                for t in spec.get("topics", ())
            ),
        )
    if set(order) != set(rules):
        raise ValueError(f"rubrics.json: {kind} order {order} does not list every check")
    if sum(r.weight for r in rules.values()) != 100:
        raise ValueError(f"rubrics.json: {kind} weights must add up to 100")
    extra = {
        f"{name}.{key}": _compile(value)
        for name, block in section.items()
        if isinstance(block, dict) and name != "checks"
        for key, value in block.items()
        if key.endswith("patterns")
    }
    return Rubric(kind=kind, order=order, rules=rules, extra=extra)


def _compile(patterns) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in patterns)


@functools.cache
def rubric(kind: str) -> Rubric:
    """The rubric for ``closing``, ``reservation`` or ``noncommittal``."""
    raw = resources.files("closing_kit").joinpath("data/rubrics.json").read_text("utf-8")
    return _load(kind, json.loads(raw))


def check_label(check_id: str, kind: str | None = None) -> str:
    """The short name of ``check_id`` (looked up in ``kind``, or in every kind)."""
    for name in (kind,) if kind else KINDS:
        if check_id in rubric(name).rules:
            return rubric(name).label(check_id)
    return check_id.replace("_", " ")
