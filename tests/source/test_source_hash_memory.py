"""The course's content hash reads a page over the 2 MB source limit a piece at a time, as the
media path does: a page of tens of megabytes (pasted by mistake) is hashed before loading
refuses it, and holding it whole would cost its size in memory on every build."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from builder.source.files import MAX_SOURCE_BYTES, source_hash

PAGE = 40_000_000  # twenty times the source limit


def hashed_with_peak(course: Path) -> tuple[str, int]:
    """The course's source hash, and the most memory Python held while it was computed."""
    tracemalloc.start()
    try:
        return source_hash(course), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_page_over_the_limit_is_hashed_in_pieces(bilingual: Path) -> None:
    _, baseline = hashed_with_peak(bilingual)  # the same course with its small pages
    page = bilingual / "modules" / "intro.en.md"
    with page.open("ab") as file:
        file.truncate(PAGE)  # sparse: no room on disk
    assert page.stat().st_size > MAX_SOURCE_BYTES
    first, peak = hashed_with_peak(bilingual)
    # A page read whole would add its 40 MB; in pieces, at most a piece or two (1 MiB each).
    assert peak - baseline < 3 << 20, f"{peak:,} bytes at peak against {baseline:,}"
    with page.open("r+b") as file:  # its content is hashed, not its size and time
        file.seek(PAGE - 1)
        file.write(b"x")
    assert hashed_with_peak(bilingual)[0] != first
