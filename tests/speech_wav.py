"""A spoken close as a WAV file with known silences, for the recorder's tests.

espeak-ng (Debian) says each sentence; sox trims each one's own leading and
trailing silence, then joins them with silences of known length. So the file's
spoken part (first sound to last) and its pauses are known exactly, and a
recording of it, measured from its energy, can be held to them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

#: The sentences, and the silence after each (seconds); LEAD comes before the first.
SENTENCES = (
    ("Thank you for your time today.", 1.2),
    ("I cut our month end close from nine days to five.", 0.9),
    ("Do you see me succeeding in this role?", 1.5),
)
LEAD = 1.0
#: The words typed with it (the same sentences).
TEXT = " ".join(s for s, _ in SENTENCES)
RATE = 48000


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _seconds(path: Path) -> float:
    return float(_run("soxi", "-D", str(path)))


def make(folder: Path) -> tuple[Path, dict]:
    """The WAV (48 kHz, mono, 16-bit) and what it holds: seconds, spoken, pauses, paused."""
    for tool in ("espeak-ng", "sox", "soxi"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is needed to make the test's speech (Debian: espeak-ng, sox)")
    folder.mkdir(parents=True, exist_ok=True)
    parts, spoken = [], []
    trim = ["silence", "1", "0.01", "0.5%", "reverse", "silence", "1", "0.01", "0.5%", "reverse"]
    for n, (sentence, _) in enumerate(SENTENCES):
        raw, clean = folder / f"raw-{n}.wav", folder / f"said-{n}.wav"
        _run("espeak-ng", "-v", "en-us", "-s", "160", "-w", str(raw), sentence)
        _run("sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(clean), *trim)
        parts.append(clean)
        spoken.append(_seconds(clean))
    pieces = []
    lead = folder / "lead.wav"
    _run("sox", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(lead), "trim", "0", str(LEAD))
    pieces.append(lead)
    for n, (clean, (_, after)) in enumerate(zip(parts, SENTENCES, strict=True)):
        gap = folder / f"gap-{n}.wav"
        _run("sox", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(gap), "trim", "0", str(after))
        pieces += [clean, gap]
    wav = folder / "close.wav"
    _run("sox", *[str(p) for p in pieces], str(wav))
    gaps = [after for _, after in SENTENCES[:-1]]
    return wav, {
        "seconds": _seconds(wav),
        "spoken": sum(spoken) + sum(gaps),
        "pauses": len(gaps),
        "paused": sum(gaps),
        "words": len(TEXT.split()),
    }
