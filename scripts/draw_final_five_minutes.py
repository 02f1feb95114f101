"""Draw chapter 9's diagram: the whole close as one sequence.

Writes ``book/images/final-five-minutes-light.svg`` and ``-dark.svg``; the
chapter shows one or the other with the theme's ``only-light`` and
``only-dark`` classes, and print always uses the light one.
The SVGs are committed; ``tests/test_diagram.py`` checks they match this
script, so edit the steps here and run ``python scripts/draw_final_five_minutes.py``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "book" / "images"

#: (number, lines of text, chapter) for the steps in a single column. Lines are
#: short so the diagram stays 360 px wide: on a 390 px phone it shows at about
#: full size, and every label is at least 13 px (tests/test_diagram.py).
IN_THE_ROOM = [
    ("1", ["Thank them for their time"], "Ch. 5"),
    ("2", ["Sum up, briefly, why you fit"], "Ch. 5"),
    (
        "3",
        ["Ask the closing question: do", "they see you succeeding and", "moving forward?"],
        "Ch. 5",
    ),
]
#: The four answers to the closing question, one below the other (chapters 5 to 7).
BRANCHES = [
    ("yes", "A yes", ["Thank them; go on to next steps"], "Ch. 5"),
    (
        "doubt",
        "A reservation",
        ["Clarify with evidence, now or", "in your thank-you email"],
        "Ch. 6",
    ),
    ("vague", "A vague answer", ["Ask how the process will", "play out"], "Ch. 7"),
    ("no", "A no", ["Thank them; ask what would", "make a stronger fit"], "Ch. 6"),
]
AFTER_BRANCH = [
    ("5", ["Ask about the next steps", "and when they happen"], "Ch. 3"),
    ("6", ["Ask if you may follow up,", "and how"], "Ch. 4"),
    ("7", ["Collect names, titles and", "contact details of everyone"], "Ch. 2"),
]
AFTER_YOU_LEAVE = [
    ("8", ["Write down everything you", "remember, good and bad"], "Ch. 8"),
    ("9", ["Email each person a specific", "thank-you within 24 hours"], "Ch. 8"),
]

THEMES = {
    "light": {
        "text": "#1b1b1f",
        "muted": "#4a4a55",
        "box": "#ffffff",
        "stroke": "#1f5f8b",
        "arrow": "#55555f",
        "badge": "#1f5f8b",
        "badge_text": "#ffffff",
        "band": "#eef3f7",
        "yes": "#2e7d32",
        "doubt": "#a35c00",
        "vague": "#6a4c93",
        "no": "#9c2a4a",
    },
    "dark": {
        "text": "#eceff4",
        "muted": "#b8bfcc",
        "box": "#1f2530",
        "stroke": "#7cb7e8",
        "arrow": "#aab2c0",
        "badge": "#7cb7e8",
        "badge_text": "#10141a",
        "band": "#171b22",
        "yes": "#81c784",
        "doubt": "#ffb74d",
        "vague": "#c3a6f0",
        "no": "#f48fb1",
    },
}

W = 360
BOX_W = 340
LINE_H = 19
GAP = 26
#: Smallest font size used, in px at the drawing's own width.
MIN_FONT = 13


def _text(x, y, lines, colour, size=15, weight="400", anchor="middle"):
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else LINE_H}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{x}" y="{y}" fill="{colour}" font-size="{size}" font-weight="{weight}" '
        f'text-anchor="{anchor}">{spans}</text>'
    )


def _arrow(x1, y1, x2, y2, colour):
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" stroke-width="2" '
        f'marker-end="url(#head)"/>'
    )


def _line(points, colour):
    d = " ".join(f"{'M' if i == 0 else 'L'}{x},{y}" for i, (x, y) in enumerate(points))
    return f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2"/>'


def _step(y, number, lines, chapter, c):
    h = 24 + LINE_H * len(lines)
    x = (W - BOX_W) // 2
    parts = [
        f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{h}" rx="10" fill="{c["box"]}" '
        f'stroke="{c["stroke"]}" stroke-width="2"/>',
        f'<circle cx="{x + 26}" cy="{y + h / 2}" r="14" fill="{c["badge"]}"/>',
        _text(x + 26, y + h / 2 + 5, [number], c["badge_text"], 15, "700"),
        _text(x + 50, y + 17 + LINE_H / 2, lines, c["text"], 15, "400", "start"),
        _text(x + BOX_W - 8, y + 17 + LINE_H / 2, [chapter], c["muted"], MIN_FONT, "400", "end"),
    ]
    return parts, h


def _band(y, title, c):
    return [
        f'<rect x="10" y="{y}" width="{W - 20}" height="30" rx="6" fill="{c["band"]}"/>',
        _text(24, y + 20, [title], c["text"], 15, "700", "start"),
    ]


def _column(parts, y, steps, c, trailing=False):
    """Append steps one below the other, joined by arrows; return the new y."""
    for i, (n, lines, ch) in enumerate(steps):
        box, h = _step(y, n, lines, ch, c)
        parts += box
        y += h
        if trailing or i < len(steps) - 1:
            parts.append(_arrow(W // 2, y, W // 2, y + GAP - 4, c["arrow"]))
            y += GAP
    return y


def draw(theme: str) -> str:
    c = THEMES[theme]
    parts: list[str] = []
    y = 10
    parts += _band(y, "In the room", c)
    y += 44
    y = _column(parts, y, IN_THE_ROOM, c, trailing=True)
    # Step 4: the interviewer's answer is one of four, stacked between two rails.
    y = _column(parts, y, [("4", ["Listen to the answer, and respond"], "")], c)
    left, right = 14, W - 14
    box_x, box_w = 30, W - 60
    fork = y + 12
    parts.append(_line([(W // 2, y), (W // 2, fork), (left, fork)], c["arrow"]))
    y += 24
    mids = []
    for key, title, lines, ch in BRANCHES:
        h = 30 + LINE_H * len(lines)
        mids.append(y + h / 2)
        parts += [
            f'<rect x="{box_x}" y="{y}" width="{box_w}" height="{h}" rx="10" '
            f'fill="{c["box"]}" stroke="{c[key]}" stroke-width="3"/>',
            _text(box_x + 12, y + 21, [title], c[key], 15, "700", "start"),
            _text(box_x + box_w - 8, y + 21, [ch], c["muted"], MIN_FONT, "400", "end"),
            _text(box_x + 12, y + 21 + LINE_H, lines, c["text"], 15, "400", "start"),
        ]
        parts.append(_arrow(left, mids[-1], box_x - 2, mids[-1], c["arrow"]))
        parts.append(_line([(box_x + box_w, mids[-1]), (right, mids[-1])], c["arrow"]))
        y += h + 12
    parts.append(_line([(left, fork), (left, mids[-1])], c["arrow"]))
    parts.append(_line([(right, mids[0]), (right, y), (W // 2, y)], c["arrow"]))
    parts.append(_arrow(W // 2, y, W // 2, y + GAP - 8, c["arrow"]))
    y += GAP - 4
    y = _column(parts, y, AFTER_BRANCH, c, trailing=True)
    parts += _band(y, "After you leave", c)
    y += 44
    y = _column(parts, y, AFTER_YOU_LEAVE, c)
    height = y + 12
    title = "The final five minutes of an interview, step by step"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}" '
        f'width="{W}" height="{height}" role="img" aria-labelledby="title" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif">\n'
        f'<title id="title">{escape(title)}</title>\n'
        f'<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{c["arrow"]}"/></marker></defs>\n' + "\n".join(parts) + "\n</svg>\n"
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for theme in THEMES:
        path = OUT / f"final-five-minutes-{theme}.svg"
        path.write_text(draw(theme), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
