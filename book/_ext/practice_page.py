"""On the website a practice page holds one exercise: the live one.

A practice notebook with a ``{live-practice}`` exercise also shows, on its
page, the notebook's own widgets: an inert picture (no kernel) that needs
the 3.5 MB widget bundle (``offline_widgets``). On such a page this
extension

- puts the live exercise where the notebook's widget stands, and leaves the
  widget's cell and the widget scripts (``nb_ipywidgets_js``, the widget
  state) off the page; the notebook itself, JupyterLite and Jupyter keep them;
- opens the page with one short line: the page works live, and the notebook
  is at the end;
- moves the JupyterLite box (``lite``) to that end.

A practice page without a live exercise shows the notebook's widgets as a
picture; it opens with the website's own words (``_picture_note``): typing
there saves nothing, and where to use the exercise instead.

Each notebook's words for Jupyter ("choose Run > Run All Cells") are a cell
tagged ``remove-cell``, so myst-nb leaves them off the website; Jupyter and
JupyterLite show them. The website's words are written here, for the website.
"""

from __future__ import annotations

from docutils import nodes

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: The id of the section at the end of the page that holds the notebook's ways in.
NOTEBOOK_ID = "ck-notebook"


def _live_node(doctree):
    return next((n for n in doctree.findall(nodes.raw) if 'class="ck-live"' in n.astext()), None)


def _cell_of(node):
    while node is not None and "cell" not in node.get("classes", []):
        node = node.parent
    return node


def _widget_cells(doctree) -> list:
    cells = []
    for raw in doctree.findall(nodes.raw):
        if WIDGET_VIEW in raw.astext():
            cell = _cell_of(raw)
            if cell is not None and cell not in cells:
                cells.append(cell)
    return cells


def _lead() -> nodes.paragraph:
    para = nodes.paragraph(classes=["ck-live-lead"])
    para += nodes.strong(text="This page works live: ")
    para += nodes.Text("the exercise below runs in your browser, nothing to install. ")
    para += nodes.reference(text="The notebook", refuri=f"#{NOTEBOOK_ID}")
    para += nodes.Text(" (Jupyter, JupyterLite) is at the end of the page.")
    return para


def _picture_note() -> nodes.paragraph:
    para = nodes.paragraph(classes=["ck-picture-note"])
    para += nodes.strong(text="On this website the exercise below is only a picture: ")
    para += nodes.Text(
        "typing or ticking in it saves nothing. To use it, open the notebook in JupyterLite "
        "(in this browser, just below), in Jupyter on your own computer (the introduction "
        "explains how), or on Binder with the launch button at the top of the page."
    )
    return para


def _place(app, doctree, docname):
    if app.builder.format != "html" or not app.env.doc2path(docname, False).endswith(".ipynb"):
        return
    live = _live_node(doctree)
    if live is None:
        section = next(iter(doctree.findall(nodes.section)), None)
        if section is not None and _widget_cells(doctree):
            section.insert(1, _picture_note())
        return
    cells = _widget_cells(doctree)
    if cells:
        live.parent.remove(live)
        cells[0].replace_self(live)
        for cell in cells[1:]:
            cell.parent.remove(cell)
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    section.insert(1, _lead())
    end = nodes.section(ids=[NOTEBOOK_ID], classes=["ck-notebook"])
    end += nodes.title(text="Run it as a notebook")
    end += nodes.paragraph(
        text="The same exercise as a Jupyter notebook: in JupyterLite, in this browser, "
        "or in Jupyter on your own computer or a JupyterHub."
    )
    moved = [n for n in doctree.findall(nodes.admonition) if "ck-lite" in n["classes"]]
    for node in moved:
        node.parent.remove(node)
        end += node
    section += end


def _drop_widget_scripts(app, pagename, templatename, context, doctree):
    """A page whose widgets were replaced loads none of the widget scripts."""
    body = context.get("body", "")
    if 'class="ck-live"' not in body or WIDGET_VIEW in body:
        return
    # myst-nb adds them as given in nb_ipywidgets_js, under _static/ when relative.
    bundles = {p for b in app.config.nb_ipywidgets_js for p in (b, f"_static/{b}")}
    context["script_files"] = [
        js
        for js in context.get("script_files", [])
        if getattr(js, "filename", js) not in bundles
        and getattr(js, "attributes", {}).get("type") != WIDGET_STATE
    ]


def setup(app):
    # After lite's box (doctree-resolved, 500) is in the page.
    app.connect("doctree-resolved", _place, priority=600)
    # After myst-nb adds the widget scripts (html-page-context, 500).
    app.connect("html-page-context", _drop_widget_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
