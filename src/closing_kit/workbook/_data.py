"""Load the workbook's data files (schemas, people, prompts, rules) once, from the package."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

__all__ = ["load", "template_source"]


@cache
def load(name: str) -> dict:
    """The JSON file ``data/workbook/<name>`` shipped with the package."""
    path = resources.files("closing_kit").joinpath("data/workbook", name)
    return json.loads(path.read_text("utf-8"))


def template_source(name: str) -> str:
    """The text of a Jinja template in ``data/workbook/``."""
    return resources.files("closing_kit").joinpath("data/workbook", name).read_text("utf-8")
