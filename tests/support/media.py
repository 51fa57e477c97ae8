"""Media files for the browser tests' courses."""

from __future__ import annotations

import wave
from pathlib import Path


def silent_clip(path: Path, seconds: int) -> None:
    """A silent WAV stream under a video name: Chromium plays it by its bytes."""
    with wave.open(str(path), "wb") as clip:
        clip.setnchannels(1)
        clip.setsampwidth(2)
        clip.setframerate(8000)
        clip.writeframes(b"\0\0" * 8000 * seconds)
