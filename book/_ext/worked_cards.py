"""On the website, a notebook's worked examples are cards, not fixed-width text.

A practice notebook prints its worked examples with ``worked_examples(kind)``:
text wrapped at 88 characters, which suits Jupyter but on a phone scrolls
sideways or breaks words. On the page this extension puts, in place of that
cell (its code and its printed output), the same examples as cards from
``closing_kit.worked.worked_examples_html``: the words, the score and each
check, as prose that wraps between words. The notebook itself, JupyterLite and
Jupyter keep the printed text. Styled by ``static/course.css`` (``.ck-worked``).
"""

from __future__ import annotations

import re

from docutils import nodes

from closing_kit.worked import KINDS, worked_examples_html

#: The call a worked-examples cell makes, and the kind it names.
CALL = re.compile(r"""\bworked_examples\(\s*["'](\w+)["']\s*\)""")


def _classes(node) -> list[str]:
    return node.get("classes", []) if isinstance(node, nodes.Element) else []


def _kind(cell) -> str | None:
    source = next((c for c in cell.children if "cell_input" in _classes(c)), None)
    match = CALL.search(source.astext()) if source is not None else None
    return match[1] if match and match[1] in KINDS else None


def _cards(app, doctree, docname):
    if app.builder.format != "html" or not app.env.doc2path(docname, False).endswith(".ipynb"):
        return
    cells = [n for n in doctree.findall(nodes.container) if "cell" in _classes(n)]
    for cell in cells:
        kind = _kind(cell)
        if kind is not None:
            cell.replace_self(nodes.raw("", worked_examples_html(kind), format="html"))


def setup(app):
    app.connect("doctree-resolved", _cards)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
