"""The compiled-template cache is an optimisation: a write to it that fails (a full disk, a file
size limit) must not stop a build, nor turn a write error into an internal error."""

from __future__ import annotations

import os
from pathlib import Path

from support.file_limit import build_under_a_file_limit

SEED = Path(__file__).resolve().parents[2] / "course_src" / "social-media-at-work"


def test_a_template_cache_that_cannot_be_written_is_not_an_internal_error(
    tmp_path: Path,
) -> None:
    out = tmp_path / "dist"
    # An empty cache: every template is compiled and its bytecode written, past the size limit
    # (a real EFBIG, as a full disk would give).
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = build_under_a_file_limit(SEED, out, jobs=1, env=env)
    assert "internal-error" not in done.stderr, done.stderr
    assert "[output-not-written]" in done.stderr, done.stderr
    assert not out.exists()
