"""Pools by topic: `draw: {pool: n}` asks n questions of each pool in every attempt."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .context import CourseContext
from .load import SourceDoc


def check_pools(draw: dict[str, int], doc: SourceDoc, ctx: CourseContext) -> dict[str, int]:
    """The pools an assessment draws from, each checked against the questions in it."""
    raw = doc.data.get("questions") if isinstance(doc.data, dict) else None
    found: list[Any] = [q.get("pool") if isinstance(q, dict) else None for q in raw or []]
    sizes = Counter(str(p) for p in found if p is not None)
    known = ", ".join(sorted(sizes)) or "none"
    for pool, count in draw.items():
        if pool not in sizes:
            ctx.diagnostics.error(
                doc.at(("draw", pool), key=True),
                "pool-unknown",
                f"draw names pool '{pool}', which no question is in; expected one of: {known}",
            )
        elif count > sizes[pool]:
            ctx.diagnostics.error(
                doc.at(("draw", pool)),
                "draw-too-many",
                f"draw: {count} questions asked from pool '{pool}', which has {sizes[pool]}; "
                f"expected at most {sizes[pool]}",
            )
    drawn = " or ".join(sorted(p for p in draw if p in sizes)) or "a pool that draw names"
    for i, pool in enumerate(found):
        if pool not in draw:
            q = raw[i] if raw else {}
            ctx.diagnostics.error(
                doc.at(("questions", i, "pool") if pool is not None else ("questions", i, "id")),
                "pool-undrawn",
                f"question '{q.get('id', i + 1)}' is in no pool drawn from; expected pool: {drawn}",
            )
    return {pool: count for pool, count in draw.items() if pool in sizes}
