"""Course-wide look and the printable checklist.

- ``static/course.css``: the "say it out loud" scripts, print rules.
- ``{checklist}``: renders chapter 9's one-page checklist from the same data
  file the practice notebook uses (``closing_kit/data/checklist.json``), so
  the page and the exercise can never disagree; ``static/checklist.js`` keeps
  its ticks and prints it alone on one page.
- Reading time: each numbered chapter says under its title how long it takes
  to read, counted at build time from the page's own words.
"""

from __future__ import annotations

import html
import re
from importlib import resources
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

STATIC = Path(__file__).parent / "static"

#: Words a minute for a calm read of plain prose.
WORDS_PER_MINUTE = 200
#: Pages that show a reading time: the numbered chapters.
CHAPTER = re.compile(r"(^|/)book/\d\d-")


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` words, rounded, never less than one."""
    return max(1, round(words / WORDS_PER_MINUTE))


def count_words(doctree: nodes.Node) -> int:
    """Words a reader sees in the page's text, the checklist's included.

    Raw HTML is left out (the quiz: its options are read one question at a
    time, not straight through), except the ``{checklist}``, which a reader
    reads line by line like the prose around it.
    """
    total = 0
    for text in doctree.findall(nodes.Text):
        if any(isinstance(a, nodes.raw | nodes.comment) for a in _ancestors(text)):
            continue
        total += len(text.astext().split())
    for raw in doctree.findall(nodes.raw):
        if "data-ck-checklist" in raw.astext():
            shown = re.sub(r"<p class=\"ck-checklist-actions\" hidden>.*?</p>", " ", raw.astext())
            total += len(html.unescape(re.sub(r"<[^>]+>", " ", shown)).split())
    return total


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def _add_reading_time(app, doctree):
    docname = app.env.docname
    if not CHAPTER.search(docname):
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    minutes = reading_minutes(count_words(doctree))
    note = nodes.paragraph(
        "",
        f"About {minutes} minute{'s' if minutes != 1 else ''} to read.",
        classes=["ck-reading-time"],
    )
    section.insert(1, note)


class ChecklistDirective(SphinxDirective):
    """``{checklist}``: the packaged checklist as boxes a reader can tick, and print.

    Real checkboxes with labels: ``static/checklist.js`` keeps the ticks in the
    browser (localStorage) between visits and shows a button that prints the
    checklist alone, on one page. Each line's chapter prints as plain text.
    """

    has_content = False

    def run(self):
        from closing_kit.checklist import load_checklist

        data_file = resources.files("closing_kit").joinpath("data/checklist.json")
        self.env.note_dependency(str(data_file))
        checklist = load_checklist()
        e = html.escape
        out = [
            f'<div class="ck-checklist" data-ck-checklist="{e(self.env.docname)}" '
            f'data-ck-title="{e(checklist.title)}">',
            '<p class="ck-checklist-actions" hidden><button type="button" '
            'class="ck-checklist-print">Print the checklist</button> '
            '<span class="ck-checklist-saved">Your ticks stay in this browser.</span></p>',
        ]
        for group in checklist.groups:
            gid = f"ck-checklist-{e(group.id)}"
            out.append(f'<p class="ck-checklist-group" id="{gid}">{e(group.title)}</p>')
            out.append(f'<ul aria-labelledby="{gid}">')
            for item in group.items:
                link = f"{item.chapter}.html"
                number = int(item.chapter[:2])
                iid = f"ck-item-{e(item.id)}"
                out.append(
                    f'<li><input type="checkbox" id="{iid}" data-ck-item="{e(item.id)}">'
                    f'<label for="{iid}">{e(item.text)}</label> '
                    f'<a class="ck-checklist-ref" href="{e(link)}">(chapter {number})</a></li>'
                )
            out.append("</ul>")
        out.append("</div>")
        return [nodes.raw("", "\n".join(out), format="html")]


def _add_checklist_script(app, pagename, templatename, context, doctree):
    """``checklist.js`` goes on the pages that show a checklist, and only there."""
    if "data-ck-checklist" in context.get("body", ""):
        app.add_js_file("checklist.js", loading_method="defer")


def _add_static(app):
    app.config.html_static_path.append(str(STATIC))


def setup(app):
    app.add_directive("checklist", ChecklistDirective)
    app.connect("builder-inited", _add_static)
    app.connect("doctree-read", _add_reading_time)
    app.add_css_file("course.css")
    app.connect("html-page-context", _add_checklist_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
