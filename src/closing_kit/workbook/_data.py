"""Load the workbook's data files (schemas, people, prompts, rules) once, from the package."""

from __future__ import annotations

from closing_kit.analysis.compat import data_json

__all__ = ["load", "template_source"]


def load(name: str) -> dict:
    """The JSON file ``data/workbook/<name>`` shipped with the package (read once, shared).

    Through the engine's ``data_json``, so the website's MicroPython reads it too.
    """
    return data_json("workbook/" + name)


def template_source(name: str) -> str:
    """The text of a Jinja template in ``data/workbook/``."""
    from importlib import resources

    return resources.files("closing_kit").joinpath("data/workbook", name).read_text("utf-8")
