"""The engine's start-up: import time and the feedback command's wall time. Prints figures.

    python scripts/benchmark_engine.py     (or: python scripts/benchmark.py --only engine)

- the import time of the engine (``closing_kit.analysis``, ``banks``, ``practice``)
  in a fresh interpreter, median of 20;
- the wall time of one whole ``closing-kit feedback closing --json`` call (a
  new process reading an answer from standard input), median of 20, next to a
  bare ``python -c pass`` for the interpreter's own start-up;
- the feedback itself, in process, median of 200 calls.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ANSWER = (
    "Thank you for your time today. You need someone who can run scheduling for three sites, "
    "and I have done exactly that for two years, cutting overtime by a fifth. "
    "Do you see me succeeding in this role?"
)
IMPORT = (
    "import time; t = time.perf_counter(); "
    "import closing_kit.analysis, closing_kit.banks, closing_kit.practice; "
    "print(time.perf_counter() - t)"
)


def _script() -> list[str]:
    """The installed ``closing-kit`` console script, run directly (not through a shim)."""
    script = Path(sysconfig.get_path("scripts")) / "closing-kit"
    return [str(script)] if script.exists() else [sys.executable, "-m", "closing_kit"]


def _wall(cmd: list[str], stdin: str = "", runs: int = 20) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def engine_section() -> None:
    """The engine's import time and the feedback command's wall time per call."""
    imports = [
        float(
            subprocess.run(
                [sys.executable, "-c", IMPORT], capture_output=True, text=True, check=True
            ).stdout
        )  # fmt: skip
        for _ in range(20)
    ]
    bare = _wall([sys.executable, "-c", "pass"])
    cli = _wall([*_script(), "feedback", "closing", "--json"], ANSWER)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from closing_kit.analysis import analyze_closing

    analyze_closing(ANSWER)
    calls = []
    for _ in range(200):
        start = time.perf_counter()
        analyze_closing(ANSWER)
        calls.append(time.perf_counter() - start)
    print("## The engine (median; this machine)")
    imported = statistics.median(imports) * 1000
    print(f"import closing_kit.analysis, banks, practice:      {imported:6.1f} ms")
    print(f"python -c pass (the interpreter alone):            {bare * 1000:6.1f} ms")
    print(
        f"closing-kit feedback closing --json, whole call:   {cli * 1000:6.1f} ms  (median of 20)"
    )
    one = statistics.median(calls) * 1000
    print(f"one closing feedback, in process:                  {one:6.2f} ms")


if __name__ == "__main__":
    engine_section()
