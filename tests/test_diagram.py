"""Chapter 9's diagram: committed SVGs match their generator and are valid."""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location(
    "draw", ROOT / "scripts" / "draw_final_five_minutes.py"
)
draw = importlib.util.module_from_spec(spec)
spec.loader.exec_module(draw)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_committed_svg_is_what_the_script_draws(theme):
    """Edit the script, not the SVG: `python scripts/draw_final_five_minutes.py`."""
    committed = (ROOT / "book" / "images" / f"final-five-minutes-{theme}.svg").read_text()
    assert committed == draw.draw(theme)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_svg_is_self_contained_and_titled(theme):
    """Valid XML, a title for screen readers, no external font or image."""
    svg = draw.draw(theme)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text
    assert "href" not in svg and "@import" not in svg
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{ns}text"))
    for step in [
        "Thank them",
        "closing question",
        "A reservation",
        "A vague answer",
        "A no",
        "next steps",
        "follow up",
        "contact details",
        "thank-you",
    ]:
        assert step in texts


#: A phone's page width, and the width the chapter's text column leaves for the image.
PHONE = 390
COLUMN = PHONE - 2 * 16


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_label_is_legible_on_a_390_px_phone(theme):
    """Shown at 100% of the text column of a 390 px page, no label is under 12 px."""
    root = ET.fromstring(draw.draw(theme))
    width = float(root.get("viewBox").split()[2])
    scale = min(1.0, COLUMN / width)
    ns = "{http://www.w3.org/2000/svg}"
    sizes = {float(t.get("font-size")) for t in root.iter(f"{ns}text")}
    assert sizes and min(sizes) * scale >= 12, (width, sorted(sizes), scale)
