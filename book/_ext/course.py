"""Course-wide look and the printable checklist.

- ``static/course.css``: the "say it out loud" scripts, print rules.
- ``{checklist}``: renders chapter 9's one-page checklist from the same data
  file the practice notebook uses (``closing_kit/data/checklist.json``), so
  the page and the exercise can never disagree.
"""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

STATIC = Path(__file__).parent / "static"


class ChecklistDirective(SphinxDirective):
    """``{checklist}``: the packaged checklist as printable tick boxes."""

    has_content = False

    def run(self):
        from closing_kit.checklist import load_checklist

        data_file = resources.files("closing_kit").joinpath("data/checklist.json")
        self.env.note_dependency(str(data_file))
        checklist = load_checklist()
        e = html.escape
        out = ['<div class="ck-checklist">']
        for group in checklist.groups:
            out.append(f'<p class="ck-checklist-group">{e(group.title)}</p><ul>')
            for item in group.items:
                link = f"{item.chapter}.html"
                number = int(item.chapter[:2])
                out.append(
                    f'<li><span class="ck-box" aria-hidden="true"></span>{e(item.text)} '
                    f'<a class="ck-checklist-ref" href="{e(link)}">(chapter {number})</a></li>'
                )
            out.append("</ul>")
        out.append("</div>")
        return [nodes.raw("", "\n".join(out), format="html")]


def _add_static(app):
    app.config.html_static_path.append(str(STATIC))


def setup(app):
    app.add_directive("checklist", ChecklistDirective)
    app.connect("builder-inited", _add_static)
    app.add_css_file("course.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
