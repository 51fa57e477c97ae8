"""What the report keeps at scale: the exact id check, and sections cut from one store."""

from __future__ import annotations

import json
import random
import uuid
from pathlib import Path
from typing import Any

from support.report_statements import ACTIVITIES, lines

from builder.report.course import from_document
from builder.report.ids import SeenIds
from builder.report.run import Request, compute

MERSENNE = (1 << 61) - 1  # Python hashes an int modulo this: v and v + it hash alike


def _uuid(value: int) -> str:
    return str(uuid.UUID(int=value))


def test_ids_are_compared_exactly_never_by_hash() -> None:
    seen = SeenIds()
    rng = random.Random(3)
    values = [rng.getrandbits(120) for _ in range(20_000)]  # the table grows several times
    same_hash = [(v, v + MERSENNE) for v in values[:50]]
    assert all(hash(a) == hash(b) for a, b in same_hash)
    assert not any(seen.again(_uuid(v)) for v in values)
    assert not any(seen.again(_uuid(b)) for _, b in same_hash)  # a hash collision is not a dup
    assert all(seen.again(_uuid(v)) for v in values)
    assert all(seen.again(_uuid(b)) for _, b in same_hash)
    assert len(seen) == 20_050


def test_ids_that_are_not_canonical_uuids_are_kept_as_they_are() -> None:
    seen = SeenIds()
    lower = "0a1b2c3d-0000-4000-8000-00000000000f"
    others: list[Any] = [lower.upper(), "not-a-uuid", 7, "7", ["7"], _uuid(0)]
    assert not seen.again(lower)
    assert [seen.again(one) for one in others] == [False] * len(others)
    assert [seen.again(one) for one in [lower, *others]] == [True] * (len(others) + 1)


def _report(path: Path, min_group: int) -> dict[str, Any]:
    info = from_document(ACTIVITIES, "activities.json")
    request = Request(
        str(path), None, None, None, None, None, None, path.parent / "r", "en", False, min_group
    )
    return compute(info, request)


def test_a_language_section_is_that_language_counted_alone(tmp_path: Path) -> None:
    """Sections are cut at the end from facts kept once per learner: each language's section
    equals the report of that language's statements alone ("all" of a file of just them)."""
    rng = random.Random(17)
    mixed = []
    for number, line in enumerate(lines().splitlines()):
        try:
            statement = json.loads(line)
        except ValueError:
            continue
        context = statement.setdefault("context", {}) if isinstance(statement, dict) else {}
        if number % 3 == 0:  # learners switch language part-way
            context["language"] = rng.choice(["en-US", "fr-CA"])
        mixed.append(statement)
    everything = tmp_path / "all" / "s.jsonl"
    everything.parent.mkdir()
    everything.write_text("\n".join(json.dumps(s) for s in mixed))
    whole = _report(everything, 1)
    for lang in ("en", "fr"):
        alone = tmp_path / lang / "s.jsonl"
        alone.parent.mkdir()
        kept = [s for s in mixed if _language(s) == lang or _voids(s)]
        alone.write_text("\n".join(json.dumps(s) for s in kept))
        assert whole["sections"][lang] == _report(alone, 1)["sections"]["all"], lang


def _language(statement: Any) -> str | None:
    context = statement.get("context") if isinstance(statement, dict) else None
    tag = context.get("language") if isinstance(context, dict) else None
    return tag.split("-")[0] if isinstance(tag, str) else None


def _voids(statement: Any) -> bool:
    verb = statement.get("verb") if isinstance(statement, dict) else None
    return isinstance(verb, dict) and str(verb.get("id", "")).endswith("/voided")
