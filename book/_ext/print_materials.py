"""Printed materials for a workshop, made from the same data as the site.

At the end of an HTML build this extension writes five small HTML pages into
``<site>/print/<paper>/`` and prints each to PDF with headless Chromium, for
A4 and for US Letter:

- ``cards``: the role-play deck, from the practice banks (``closing_kit.classroom.deck``);
- ``deals``: the deck ready-dealt for every class of 6 to 30, one page each, so
  no coach needs Python (``closing_kit.classroom.deal``, seed ``DEAL_SEED``);
- ``observer-rubric``: the feedback checks' labels (``rubrics.json``);
- ``script-sheet``: the short scripts (``book/print/script-sheet.yml``);
- ``checklist``: the final-five-minutes checklist (``checklist.json``);
- ``memory-dump``: the memory-dump worksheet (``workbook/memory.json``).

Pages link to them with the ``{printout}`` role: ``{printout}`role-play cards <cards>```
links to the A4 PDF, ``<cards/letter>`` to the Letter one. Without Chromium
the build still succeeds: it says so in one line, and the links point at the
HTML pages instead, which print from any browser. Chromium is
``$CLOSING_KIT_CHROMIUM``, else ``/usr/bin/chromium``, else ``chromium`` on
``PATH``; ``print_materials_chromium`` in the Sphinx config overrides all of
them (``"none"`` switches PDFs off).

Run it on its own (``python book/_ext/print_materials.py OUTDIR``) to make the
files without building the book.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates" / "print"
#: The course's own words for the sheets (book/print/).
DATA = HERE.parent / "print"

#: name -> title; the order is the order a coach reads them in the guide.
MATERIALS = {
    "cards": "Role-play cards",
    "deals": "Ready-dealt decks",
    "observer-rubric": "Observer's rubric",
    "script-sheet": "Script sheet",
    "checklist": "Checklist",
    "memory-dump": "Memory-dump worksheet",
}
#: Class sizes that get a ready-dealt page, and the seed the coach guide uses.
DEAL_SIZES = range(6, 31)
DEAL_SEED = 1
#: name -> what the page is, for its meta description (the paper size is added).
DESCRIPTIONS = {
    "cards": "Role-play cards to print and cut for a closing-kit workshop: an interviewer's "
    "yes, doubt, vague reply or no on one side, the candidate's steps on the other.",
    "deals": "The role-play deck ready-dealt for a closing-kit workshop of 6 to 30 learners: "
    "one page per class size, who interviews whom with which card in each round.",
    "observer-rubric": "The observer's rubric for a closing-kit role-play: what to listen for "
    "in an interview close, and how to give feedback.",
    "script-sheet": "A one-sheet script for the end of a job interview: the lines to say out "
    "loud, one step at a time, with blanks for your own words.",
    "checklist": "The final five minutes checklist on one sheet, to tick in the waiting room "
    "before a job interview.",
    "memory-dump": "A worksheet to fill in right after a job interview: who you met and what "
    "was said, while you still remember it.",
}
#: paper -> (CSS page size, width mm, height mm)
PAPERS = {"a4": ("A4", 210.0, 297.0), "letter": ("letter", 215.9, 279.4)}
#: Where the files go, under the site's root.
FOLDER = "print"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
]


class PrintError(RuntimeError):
    """A PDF could not be printed; the message is one line."""


def find_chromium(configured: str | None = None) -> str | None:
    """The Chromium to print with, or ``None`` when there is none (or ``configured`` is "none")."""
    if configured:
        if configured.lower() == "none":
            return None
        candidates = [configured]
    else:
        candidates = [os.environ.get("CLOSING_KIT_CHROMIUM", ""), "/usr/bin/chromium"]
        candidates += [shutil.which(n) or "" for n in ("chromium", "chromium-browser")]
    for candidate in candidates:
        path = shutil.which(candidate) if candidate and os.sep not in candidate else candidate
        if path and os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return None


# -- The pages, from the data ----------------------------------------------------


def _yaml(name: str) -> dict:
    import yaml

    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _context() -> dict:
    """Everything the templates show, read from the package's data and book/print/."""
    from closing_kit.analysis.rubric import rubric
    from closing_kit.banks import roleplay_lines
    from closing_kit.checklist import load_checklist
    from closing_kit.classroom.deck import ROUNDS, deal, deck_cards
    from closing_kit.workbook._data import load
    from closing_kit.workbook.memory import prompts as memory_prompts

    checklist = load_checklist()
    items = {item.id: item.text for item in checklist.items}
    cards_text = _yaml("cards.yml")
    sides = {
        kind: {**side, "items": [items[i] for i in side["items"]]}
        for kind, side in cards_text["candidate"].items()
    }
    rubrics = [
        (title, [r.rules[c].label for c in r.rules])
        for title, r in (
            ("Their close", rubric("closing")),
            ("Answering a reservation", rubric("reservation")),
            ("Answering a vague answer", rubric("noncommittal")),
        )
    ]
    rubrics.append(("Taking a no", _no_labels(roleplay_lines(), rubric("noncommittal"))))
    return {
        "cards": deck_cards(),
        "deals": [deal(n, seed=DEAL_SEED) for n in DEAL_SIZES],
        "rounds": ROUNDS,
        "cards_text": cards_text,
        "sides": sides,
        "checklist": checklist,
        "checklist_items": items,
        "rubrics": rubrics,
        "scripts": _yaml("script-sheet.yml"),
        "memory": memory_prompts(),
        "memory_minutes": load("memory.json")["minutes"],
    }


def _no_labels(lines: dict, vague) -> list[str]:
    """The checks the role-play judges a reply to a no by, in order, by their labels.

    A check of the role-play's own (``own_checks``) has its label there; the
    rest are the vague-answer rubric's. Asking about the process is left to the
    sheet's last table, which every round ticks.
    """
    ids = []
    for entry in lines["no_replies"]:
        ids += [c for c in entry["checks"] if c not in ids and c != "asks_process"]
    own = lines["own_checks"]
    return [own[c]["label"] if c in own else vague.rules[c].label for c in ids]


def _sheets(cards, per_sheet: int = 4) -> list[dict]:
    """Cards in sheets of four, each followed by its back (mirrored for a long-edge flip)."""
    groups: dict[str, list] = {}
    for card in cards:
        side = "next_steps" if card.kind == "next_steps" else "ending"
        groups.setdefault(side, []).append(card)
    sheets = []
    for side, run in groups.items():
        for i in range(0, len(run), per_sheet):
            front = run[i : i + per_sheet] + [None] * (per_sheet - len(run[i : i + per_sheet]))
            # Flipped on the long edge, a card's back is in the same row, other column.
            back = [front[1], front[0], front[3], front[2]]
            sheets.append({"side": side, "front": front, "back": back})
    return sheets


def render_html(name: str, paper: str = "a4", context: dict | None = None) -> str:
    """The HTML page of one material, for ``paper`` ("a4" or "letter")."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    context = context if context is not None else _context()
    size, width, height = PAPERS[paper]
    return env.get_template(f"{name}.html.j2").render(
        **context,
        title=MATERIALS[name],
        description=f"{DESCRIPTIONS[name]} Printable, {size} paper.",
        paper={"name": paper, "size": size, "width": width, "height": height},
        sheets=_sheets(context["cards"]),
    )


def write_html(outdir: Path, papers=tuple(PAPERS)) -> list[Path]:
    """Write every material's HTML page under ``outdir/print/<paper>/``; return the paths."""
    context = _context()
    written = []
    for paper in papers:
        folder = Path(outdir) / FOLDER / paper
        folder.mkdir(parents=True, exist_ok=True)
        for name in MATERIALS:
            path = folder / f"{name}.html"
            path.write_text(render_html(name, paper, context), encoding="utf-8")
            written.append(path)
    return written


def print_pdf(chromium: str, html: Path, pdf: Path, timeout: int = 120) -> Path:
    """Print one HTML file to ``pdf`` with headless Chromium (its own throwaway profile)."""
    with tempfile.TemporaryDirectory(prefix="ck-print-") as profile:
        command = [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            Path(html).resolve().as_uri(),
        ]
        try:
            proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise PrintError(
                f"{Path(chromium).name} could not print {Path(html).name}: {err}"
            ) from err
    if proc.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        detail = (proc.stderr or "").strip().splitlines()
        raise PrintError(
            f"{Path(chromium).name} could not print {Path(html).name} "
            f"(exit {proc.returncode}{': ' + detail[-1] if detail else ''})"
        )
    return pdf


@dataclass
class Result:
    """What a run made: the HTML pages, the PDFs (printed or reused), and why not, if not."""

    html: list[Path]
    pdfs: list[Path]
    printed: int = 0
    reason: str = ""


def build(outdir: Path, chromium: str | None, cache: Path | None = None) -> Result:
    """Write the HTML pages, then print each to PDF if there is a Chromium.

    ``cache`` (a JSON file) remembers each PDF's HTML digest, so an unchanged
    page is not printed again when its PDF is still in ``outdir``.
    """
    pages = write_html(outdir)
    if chromium is None:
        # A PDF left by an earlier build would be out of date; the links now go to the HTML.
        for html in pages:
            html.with_suffix(".pdf").unlink(missing_ok=True)
        return Result(pages, [], reason="no Chromium found")
    known = {}
    if cache and cache.is_file():
        try:
            known = json.loads(cache.read_text(encoding="utf-8"))
        except ValueError:
            known = {}
    jobs = []
    for html in pages:
        pdf = html.with_suffix(".pdf")
        digest = hashlib.sha256(html.read_bytes()).hexdigest()
        key = str(pdf.relative_to(outdir))
        if not (pdf.is_file() and known.get(key) == digest):
            jobs.append((html, pdf))
        known[key] = digest
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        list(pool.map(lambda job: print_pdf(chromium, *job), jobs))
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(known, indent=1, sort_keys=True), encoding="utf-8")
    return Result(pages, [p.with_suffix(".pdf") for p in pages], printed=len(jobs))


# -- Sphinx ----------------------------------------------------------------------


def _target(text: str) -> tuple[str, str, str]:
    """``"title <name/paper>"`` -> (title, name, paper); the paper defaults to A4."""
    title, _, rest = text.rpartition("<")
    if not rest.endswith(">") or not title.strip():
        raise ValueError(f"write {{printout}}`title <name>`, not {text!r}")
    name, _, paper = rest[:-1].strip().partition("/")
    paper = paper or "a4"
    if name not in MATERIALS or paper not in PAPERS:
        raise ValueError(
            f"unknown printout {rest[:-1]!r}: choose from {', '.join(MATERIALS)}, "
            f"optionally /{' or /'.join(PAPERS)}"
        )
    return title.strip(), name, paper


def printout_role(name, rawtext, text, lineno, inliner, options=None, content=()):
    """``{printout}`title <name>```: a link to a printed material (its PDF, or its HTML page)."""
    from docutils import nodes

    env = inliner.document.settings.env
    try:
        title, material, paper = _target(text)
    except ValueError as err:
        msg = inliner.reporter.error(str(err), line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    suffix = "pdf" if env.app.config._print_materials_chromium else "html"
    depth = env.docname.count("/")
    uri = "../" * depth + f"{FOLDER}/{paper}/{material}.{suffix}"
    env.print_materials_docs = getattr(env, "print_materials_docs", set()) | {env.docname}
    node = nodes.reference(rawtext, title, refuri=uri, classes=["ck-printout"])
    return [node], []


def _configure(app, config):
    from sphinx.util import logging

    chromium = find_chromium(config.print_materials_chromium or None)
    config._print_materials_chromium = chromium
    if chromium is None:
        logging.getLogger(__name__).info(
            "closing-kit: no Chromium, so the printed materials are HTML pages only "
            "(print them from a browser; install chromium for PDFs)"
        )


def _outdated(app, env, added, changed, removed):
    """Pages that link to printouts are rewritten when PDFs come or go."""
    mode = bool(app.config._print_materials_chromium)
    if getattr(env, "print_materials_mode", mode) == mode:
        env.print_materials_mode = mode
        return []
    env.print_materials_mode = mode
    return sorted(getattr(env, "print_materials_docs", set()))


def _purge(app, env, docname):
    getattr(env, "print_materials_docs", set()).discard(docname)


def _merge(app, env, docnames, other):
    theirs = getattr(other, "print_materials_docs", set()) & set(docnames)
    env.print_materials_docs = getattr(env, "print_materials_docs", set()) | theirs


def _finished(app, exception):
    from sphinx.util import logging

    if exception is not None or app.builder.format != "html":
        return
    logger = logging.getLogger(__name__)
    chromium = app.config._print_materials_chromium
    cache = Path(app.doctreedir) / "print-materials.json"
    try:
        result = build(Path(app.outdir), chromium, cache)
    except PrintError as err:
        # Chromium is there but failed: the guide's PDF links would be broken.
        logger.warning(f"closing-kit: printed materials: {err}")
        return
    if result.pdfs:
        logger.info(
            f"closing-kit: {len(result.pdfs)} printed materials in {FOLDER}/ "
            f"({result.printed} printed with {chromium})"
        )


def setup(app):
    app.add_config_value("print_materials_chromium", "", "env", types=[str])
    app.add_config_value("_print_materials_chromium", None, "")
    app.add_role("printout", printout_role)
    app.connect("config-inited", _configure)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _finished)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/print")
    res = build(out, find_chromium())
    print(f"{len(res.html)} HTML pages, {len(res.pdfs)} PDFs in {out / FOLDER}", res.reason)
