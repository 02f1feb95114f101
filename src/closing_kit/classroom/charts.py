"""Score charts for the class report: matplotlib (Agg, no display), drawn as inline SVG.

Each chart comes with a text alternative that says what it shows in words,
so a screen reader (or a printout without the picture) loses nothing.
"""

from __future__ import annotations

import io
import re

__all__ = ["score_chart", "text_alternative"]

_MARKERS = ("o", "s", "^", "D")
#: Dark, distinguishable colours (the Okabe-Ito palette); each line also has its own marker.
_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
_IDS = re.compile(r'\bid="([^"]+)"')


def text_alternative(series: dict[str, list[int]]) -> str:
    """The chart in words: each exercise's scores in order, first to latest."""
    if not series:
        return "No scored practice yet."
    parts = []
    for title, scores in series.items():
        n = len(scores)
        what = "attempt" if n == 1 else "attempts"
        listed = ", ".join(str(s) for s in scores)
        parts.append(f"{title}: {n} {what}, scores in order {listed} (out of 100)")
    return "Scores across attempts. " + "; ".join(parts) + "."


def score_chart(series: dict[str, list[int]], chart_id: str) -> str:
    """An ``<svg>`` element (no XML prolog) of scores by attempt, one line per exercise.

    ``chart_id`` prefixes every id inside the SVG, so many charts share one page
    without their clip paths clashing; the element carries ``role="img"`` and an
    ``aria-label`` with the text alternative.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    label = text_alternative(series)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": chart_id, "font.size": 9}):
        fig = Figure(figsize=(5.2, 2.4))
        ax = fig.add_subplot()
        longest = max((len(s) for s in series.values()), default=1)
        for n, (title, scores) in enumerate(series.items()):
            x = list(range(1, len(scores) + 1))
            ax.plot(
                x,
                scores,
                marker=_MARKERS[n % len(_MARKERS)],
                color=_COLOURS[n % len(_COLOURS)],
                linewidth=1.5,
                markersize=4,
                label=title,
            )
        ax.set_ylim(-5, 105)
        ax.set_xlim(0.5, max(longest, 2) + 0.5)
        ax.set_yticks([0, 50, 100])
        ax.set_xlabel("Attempt")
        ax.set_ylabel("Score")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.spines[["top", "right"]].set_visible(False)
        if series:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
        # Fixed margins (tight_layout costs more than the drawing): room for the legend.
        fig.subplots_adjust(left=0.11, right=0.66, bottom=0.2, top=0.95)
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return _inline(out.getvalue(), chart_id, label)


def _inline(svg: str, prefix: str, label: str) -> str:
    from html import escape

    svg = svg[svg.index("<svg") :]
    ids = set(_IDS.findall(svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    # matplotlib sets the size in points; let the page scale it.
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r"<svg \1", svg, count=1)
    return svg.replace(
        "<svg ",
        f'<svg role="img" aria-label="{escape(label)}" class="ck-chart" ',
        1,
    )
