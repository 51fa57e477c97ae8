"""Pools by topic: `draw: {pool: n}` asks n questions of each pool in every attempt."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .context import CourseContext
from .load import SourceDoc
from .schema_types import SLUG_RE


def check_pools(
    draw: dict[str, int], doc: SourceDoc, ctx: CourseContext
) -> tuple[dict[str, int], bool]:
    """The pools an assessment draws from, each checked against the questions in it, and True
    when each pool the draw names was found and holds what it asks (the draw is as written)."""
    raw = doc.data.get("questions") if isinstance(doc.data, dict) else None
    found: list[Any] = [q.get("pool") if isinstance(q, dict) else None for q in raw or []]
    # A question whose pool was not read (an error already) could be in any pool: how many
    # each pool holds, or whether a pool is missing, is then unknown.
    read = [isinstance(q, dict) and _readable(q.get("pool")) for q in raw or []]
    sizes = Counter(str(p) for p, ok in zip(found, read, strict=True) if ok and p is not None)
    if not sizes and draw and all(read):  # one mistake: pools drawn, no question in any
        _no_pools(draw, doc, ctx)
        return {}, False
    known = ", ".join(sorted(sizes))
    exact = True
    undrawn = [p for p in sizes if p not in draw]
    meant: set[str] = set()  # pools a misspelt draw name stands for: drawn, as far as it goes
    for pool, count in draw.items():
        if pool not in sizes:
            exact = False  # (the questions it asks are not counted: how many is unknown)
            from difflib import get_close_matches  # only for a draw naming no pool

            near = get_close_matches(pool, undrawn, n=1)
            meant.update(near)
            if all(read):
                ctx.diagnostics.error(
                    doc.at(("draw", pool), key=True),
                    "pool-unknown",
                    f"draw names pool '{pool}', which no question is in; expected one of: {known}",
                    f"did you mean '{near[0]}'?" if near else "",
                )
        elif count > sizes[pool] and all(read):
            exact = False
            ctx.diagnostics.error(
                doc.at(("draw", pool)),
                "draw-too-many",
                f"draw: {count} questions asked from pool '{pool}', which has {sizes[pool]}; "
                f"expected at most {sizes[pool]}",
            )
    drawn = " or ".join(sorted(p for p in draw if p in sizes)) or "a pool that draw names"
    for i, pool in enumerate(found):
        if read[i] and pool not in draw and pool not in meant:
            q = raw[i] if raw else {}
            ctx.diagnostics.error(
                doc.at(("questions", i, "pool") if pool is not None else ("questions", i, "id")),
                "pool-undrawn",
                f"question '{q.get('id', i + 1)}' is in no pool drawn from; expected pool: {drawn}",
            )
    return {pool: count for pool, count in draw.items() if pool in sizes}, exact


def _no_pools(draw: dict[str, int], doc: SourceDoc, ctx: CourseContext) -> None:
    """Say once that `draw` names pools when no question is in one, and what to write."""
    names = list(draw)
    named = (
        f"pool '{names[0]}'"
        if len(names) == 1
        else "pools " + ", ".join(f"'{name}'" for name in names)
    )
    ctx.diagnostics.error(
        doc.at(("draw", names[0]), key=True),
        "pool-unknown",
        f"draw names {named}, but no question has a pool: key; expected 'pool: {names[0]}' on "
        "each question drawn from it, or a number to draw from every question "
        f"(draw: {sum(draw.values())})",
    )


def _readable(pool: Any) -> bool:
    """True when a question's `pool` was read: none, or a name as the schema allows."""
    return pool is None or (isinstance(pool, str) and re.fullmatch(SLUG_RE, pool) is not None)
