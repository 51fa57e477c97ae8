"""A hashed answer key's ids: an ordering question's item ids and a matching question's target
letters are given in source order (a, b, c ...), which would tell the correct order or pairs at
a glance; with ``answer_key: hashed`` they are dealt out in a fixed, scrambled order instead."""

from __future__ import annotations

import hashlib

from msgspec.structs import replace

from ..model import Pair, Question, interaction_id


def _deal(seed: str, count: int) -> list[int]:
    """A fixed permutation of range(count) from ``seed``, never the identity (count > 1)."""
    order = sorted(range(count), key=lambda j: hashlib.sha256(f"{seed}:{j}".encode()).digest())
    if order == list(range(count)):
        order = order[1:] + order[:1]
    return order


def scramble_ids(assessment_id: str, q: Question) -> Question:
    """``q`` with its ordering item ids or matching pairs' target letters dealt out of source
    order (the same ids, so every pattern format still holds); other types unchanged."""
    seed = interaction_id(assessment_id, q.id)
    if q.type == "ordering":
        ids = sorted(i.id for i in q.items)
        deal = _deal(seed, len(ids))
        items = tuple(replace(item, id=ids[deal[j]]) for j, item in enumerate(q.items))
        return replace(q, items=items)
    if q.type == "matching":
        letters = sorted(p.target_id for p in q.pairs)
        deal = _deal(seed, len(letters))
        pairs: tuple[Pair, ...] = tuple(
            replace(p, target_id=letters[deal[j]]) for j, p in enumerate(q.pairs)
        )
        return replace(q, pairs=pairs)
    return q
