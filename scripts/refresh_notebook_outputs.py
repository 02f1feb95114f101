"""Run every practice notebook and store its outputs, for nbval to compare.

nbval checks a notebook against the outputs saved in it, so after changing
an exercise, run ``python scripts/refresh_notebook_outputs.py`` and review
the diff. The learner's work folder is a temporary one, so the stored outputs
never depend on what you ticked or typed yourself.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def refresh(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as home:
        os.environ["CLOSING_KIT_HOME"] = home
        NotebookClient(
            nb,
            timeout=120,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
    nbformat.write(nb, path)
    print(f"refreshed {path.relative_to(ROOT)}")


if __name__ == "__main__":
    targets = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for target in targets:
        refresh(target.resolve())
