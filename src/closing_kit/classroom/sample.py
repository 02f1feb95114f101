"""Made-up learners' workbooks with realistic practice, for demos, tests and the benchmark.

Every attempt is made through ``closing_kit.practice`` (the drafter, the drills,
the role-play) with the banks' own model and weak answers, so the scores and
missed checks are what the exercises would have saved.
"""

from __future__ import annotations

import random

from closing_kit.banks import closing_examples
from closing_kit.checklist import load_checklist
from closing_kit.practice import ClosingDrafts, Conversation, drill_for

__all__ = ["sample_workbook"]

_FIRST = ("Alex", "Sam", "Jo", "Priya", "Tomasz", "Amara", "Lin", "Rosa", "Kwame", "Noor")
_LAST = ("Rivera", "Okafor", "Nguyen", "Schmidt", "Haddad", "Kowalski", "Mensah", "Silva")


def sample_workbook(seed: int, name: str | None = None) -> dict:
    """A valid workbook for a made-up learner; the same ``seed`` gives the same one."""
    from closing_kit.workbook.model import new_workbook

    rng = random.Random(seed)
    workbook = new_workbook(company="Example Ltd", role="analyst", date="2026-03-06")
    workbook["letters"]["your_name"] = (
        name if name is not None else f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    )
    practice = workbook["practice"]
    bank = closing_examples()
    drafts = ClosingDrafts(practice["closing"])
    # Drafts improve, roughly: weak ones first, then (sometimes) a strong one.
    for n in range(rng.randint(0, 5)):
        pool = bank["weak"] if n < 2 or rng.random() < 0.4 else bank["strong"]
        drafts.data["draft"] = rng.choice(pool)["text"]
        drafts.save_version()
    for kind in ("reservation", "noncommittal"):
        session = drill_for(kind, practice[kind], seed=rng.randint(1, 99))
        for _ in range(rng.randint(0, 8)):
            card = session.card
            answer = card["model_response"] if rng.random() < 0.5 else card["weak_response"]
            session.check(answer, seconds=rng.randint(20, 120))
            session.next_card()
    for _ in range(rng.randint(0, 2)):
        talk = Conversation(seed=rng.randint(1, 999))
        while not talk.done:
            options = talk.move_options()
            talk.say(rng.choice(options)[1])
        practice["roleplay"]["runs"].append(talk.to_data())
    ids = list(load_checklist().ids)
    practice["checklist"]["done"] = rng.sample(ids, rng.randint(0, len(ids)))
    return workbook
