"""The learner's practice history, kept in the workbook's ``practice`` section.

One section per exercise (see ``EXERCISES``); ``merge_legacy_files`` brings in
the separate files that closing-kit 0.1 wrote (``closing-drafts.json``,
``*-drill.json``, ``roleplay.json``, the checklist's ticks), and
``from_drafts`` turns a version-2 workbook's ``drafts`` copies into history.
Nothing a learner wrote is dropped on the way: an entry that is already in the
history is not added twice, and a file that cannot be read is left as it is.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = [
    "EXERCISES",
    "LEGACY_FILES",
    "empty_practice",
    "from_drafts",
    "latest",
    "merge_legacy_files",
]

#: The practice exercises, by the key of their section in ``practice``.
EXERCISES = ("closing", "reservation", "noncommittal", "roleplay", "checklist")

#: The files closing-kit 0.1 kept beside the workbook, by exercise.
LEGACY_FILES = {
    "closing": "closing-drafts.json",
    "reservation": "reservation-drill.json",
    "noncommittal": "noncommittal-drill.json",
    "roleplay": "roleplay.json",
    "checklist": "final-five-minutes-checklist.json",
}
#: What a merged file is renamed to, so it is merged once and still kept.
IMPORTED_SUFFIX = ".imported"


def empty_practice() -> dict:
    """A ``practice`` section with no history."""
    return {
        "closing": {"job_ad": "", "draft": "", "versions": []},
        "reservation": {"seed": 1, "attempts": []},
        "noncommittal": {"seed": 1, "attempts": []},
        "roleplay": {"seed": 1, "runs": []},
        "checklist": {"done": []},
        "takes": [],  # spoken takes' timings and ratings (practice.takes); never audio
    }


def latest(practice: dict) -> list[dict]:
    """The latest result of each exercise, for an export.

    Each is ``{"exercise", "text", "score", "level"}``.
    """
    out = []
    versions = practice["closing"]["versions"]
    if versions:
        v = versions[-1]
        out.append({"exercise": "Closing question", "text": v["text"], "score": v["score"],
                    "level": v["level"]})  # fmt: skip
    prompts = _card_prompts()
    for key, title in (
        ("reservation", "Reservation drill"),
        ("noncommittal", "Vague-answer drill"),
    ):
        for a in _latest_per_card(practice[key]["attempts"]):
            # The interviewer's line, as the learner saw it; never the card's id.
            said = prompts.get(a["card"], "a card no longer in the bank")
            out.append({"exercise": f"{title}: \u201c{said}\u201d", "text": a["answer"],
                        "score": a["score"], "level": a["level"]})  # fmt: skip
    runs = practice["roleplay"]["runs"]
    if runs:
        run = runs[-1]
        steps = run["steps"]
        weakest = min(steps, key=lambda s: s["score"]) if steps else None
        out.append({
            "exercise": "Role-play",
            "text": "\n".join(f"{line['who']}: {line['text']}" for line in run["lines"]),
            "score": weakest["score"] if weakest else None,
            "level": weakest["level"] if weakest else "",
        })  # fmt: skip
    return out


def _card_prompts() -> dict[str, str]:
    from closing_kit.banks import noncommittal_cards, reservation_cards

    prompts = {c["id"]: c["concern"] for c in reservation_cards()}
    prompts.update({c["id"]: c["reply"] for c in noncommittal_cards()})
    return prompts


def _latest_per_card(attempts: list[dict]) -> list[dict]:
    by_card: dict[str, dict] = {}
    for a in attempts:
        by_card[a["card"]] = a
    return list(by_card.values())


# -- bringing older files in --------------------------------------------------------
def from_drafts(drafts: dict, level_for) -> dict:
    """A version-2 ``drafts`` section (the latest result per exercise) as a ``practice`` one.

    ``level_for`` maps a score to a level, for entries saved without one.
    Entries of an exercise this version does not know are kept under ``other``.
    """
    practice = empty_practice()
    other = {}
    # In key order, as the file was written (sort_keys), and the same in every Python.
    for key in sorted(drafts):
        entry = drafts[key]
        text, score = entry.get("text", ""), entry.get("score")
        level = level_for(score) if isinstance(score, int) else ""
        exercise, _, card = key.partition(":")
        if key == "closing-question" and isinstance(score, int):
            practice["closing"]["versions"].append(
                {"text": text, "score": score, "level": level, "failed": []}
            )
            practice["closing"]["draft"] = text
        elif (
            exercise in ("reservation-drill", "noncommittal-drill")
            and card
            and isinstance(score, int)
        ):
            practice[exercise.split("-")[0]]["attempts"].append(
                {
                    "card": card,
                    "answer": text,
                    "score": score,
                    "level": level,
                    "failed": [],
                    "seconds": None,
                }  # fmt: skip
            )
        elif key == "roleplay":
            lines = []
            for raw in text.splitlines():
                who, sep, said = raw.partition(": ")
                lines.append({"who": who, "text": said} if sep else {"who": "", "text": raw})
            steps = []
            if isinstance(score, int):
                steps.append({"step": "overall", "label": "Whole conversation",
                              "score": score, "level": level, "failed": [], "missed": [],
                              "chapter": "chapter 9"})  # fmt: skip
            practice["roleplay"]["runs"].append({"seed": None, "lines": lines, "steps": steps})
        else:
            other[key] = {"text": text, "score": score, "level": level}
    if other:
        practice["other"] = other
    return practice


def merge_legacy_files(folder: Path, practice: dict, level_for) -> tuple[list[str], list[str]]:
    """Merge closing-kit 0.1's practice files in ``folder`` into ``practice`` (in place).

    Returns the names merged and one line per file that could not be read.
    The caller saves the workbook, then calls ``retire`` on the merged names,
    so a file is only renamed once its content is safely in the workbook.
    """
    merged, problems = [], []
    for exercise, name in LEGACY_FILES.items():
        path = Path(folder) / name
        if not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            _MERGERS[exercise](data, practice[exercise], level_for)
        except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError) as err:
            problems.append(
                f"{name} could not be brought in ({_reason(err)}); it is left as it was."
            )
            continue
        merged.append(name)
    return merged, problems


def retire(folder: Path, names: list[str]) -> None:
    """Rename merged files to ``NAME.imported.json``, keeping them but merging them once."""
    for name in names:
        path = Path(folder) / name
        target = path.with_name(f"{path.stem}{IMPORTED_SUFFIX}{path.suffix}")
        n = 1
        while target.exists():
            n += 1
            target = path.with_name(f"{path.stem}{IMPORTED_SUFFIX}-{n}{path.suffix}")
        path.rename(target)


def _reason(err: Exception) -> str:
    if isinstance(err, json.JSONDecodeError):
        return f"not valid JSON, line {err.lineno}"
    if isinstance(err, UnicodeDecodeError):
        return "not a text file"
    return str(err) or type(err).__name__


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _merge_closing(data: dict, into: dict, level_for) -> None:
    seen = {v["text"] for v in into["versions"]}
    for v in data.get("versions", []):
        if isinstance(v, dict) and isinstance(v.get("text"), str) and v["text"] not in seen:
            score = v.get("score") if isinstance(v.get("score"), int) else 0
            failed = [c for c in v.get("failed", []) if isinstance(c, str)]
            into["versions"].append(
                {"text": v["text"], "score": score, "level": level_for(score), "failed": failed}
            )
            seen.add(v["text"])
    into["job_ad"] = into["job_ad"] or _text(data.get("job_ad"))
    into["draft"] = _text(data.get("draft")) or into["draft"]


def _merge_drill(data: dict, into: dict, level_for) -> None:
    seen = {(a["card"], a["answer"]) for a in into["attempts"]}
    if isinstance(data.get("seed"), int):
        into["seed"] = data["seed"]
    for a in data.get("attempts", []):
        if not (isinstance(a, dict) and isinstance(a.get("score"), int)):
            continue
        card, answer = _text(a.get("card")), _text(a.get("answer"))
        if (card, answer) in seen:
            continue
        seconds = a.get("seconds") if isinstance(a.get("seconds"), int) else None
        failed = [c for c in a.get("failed", []) if isinstance(c, str)]
        into["attempts"].append({"card": card, "answer": answer, "score": a["score"],
                                 "level": level_for(a["score"]), "failed": failed,
                                 "seconds": seconds})  # fmt: skip
        seen.add((card, answer))


def _merge_roleplay(data: dict, into: dict, level_for) -> None:
    # A v2 workbook's copy of the latest run has no seed: the file's full run replaces it.
    texts = {_run_text(r) for r in into["runs"]}
    copies = [r for r in into["runs"] if r.get("seed") is None]
    for run in data.get("runs", []):
        if not isinstance(run, dict):
            continue
        lines = [
            {"who": str(pair[0]), "text": str(pair[1])}
            for pair in run.get("lines", [])
            if isinstance(pair, list | tuple) and len(pair) == 2
        ]
        steps = []
        for s in run.get("steps", []):
            if isinstance(s, dict) and isinstance(s.get("score"), int):
                steps.append({
                    "step": _text(s.get("step")), "label": _text(s.get("label")),
                    "score": s["score"], "level": _text(s.get("level")) or level_for(s["score"]),
                    "failed": [], "missed": [m for m in s.get("missed", []) if isinstance(m, str)],
                    "chapter": _text(s.get("chapter")),
                })  # fmt: skip
        new = {"seed": run.get("seed") if isinstance(run.get("seed"), int) else None,
               "lines": lines, "steps": steps}  # fmt: skip
        text = _run_text(new)
        for copy in copies:
            if _run_text(copy) == text:
                into["runs"].remove(copy)
                texts.discard(text)
        if text not in texts:
            into["runs"].append(new)
            texts.add(text)


def _run_text(run: dict) -> str:
    return "\n".join(f"{line['who']}: {line['text']}" for line in run["lines"])


def _merge_checklist(data: dict, into: dict, level_for) -> None:
    for item in data.get("done", []):
        if isinstance(item, str) and item not in into["done"]:
            into["done"].append(item)


_MERGERS = {
    "closing": _merge_closing,
    "reservation": _merge_drill,
    "noncommittal": _merge_drill,
    "roleplay": _merge_roleplay,
    "checklist": _merge_checklist,
}
