"""A seed course with its assessment's keys changed, built for the browser tests of a mode the
seeds do not use (issue 15: `feedback`, `reveal`, `weight`, `partial`)."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

from typer.testing import CliRunner

from builder.cli import app

from .seed import MATCHING_SOURCE_IDS, MATCHING_TARGET_IDS, Planned, Question, SeedCourse


def variant(tmp_path: Path, slug: str, keys: str, matching: str = "") -> SeedCourse:
    """The seed ``slug`` with ``keys`` (YAML lines) in place of its ``reveal:`` line and
    ``matching`` (question lines) added to its matching question; built into tmp/dist."""
    src = tmp_path / "course_src" / slug
    shutil.copytree(SeedCourse(slug).src, src)
    final = src / "assessments" / "final.yml"
    text = final.read_text(encoding="utf-8")
    assert "reveal: false\n" in text and "    type: matching\n" in text
    text = text.replace("reveal: false\n", keys, 1)
    text = text.replace("    type: matching\n", "    type: matching\n" + matching, 1)
    final.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(src), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 0, result.output
    return SeedCourse(slug, root=src.parent)


def partly(q: Question, lang: str) -> Planned:
    """A matching answer with only its first pair right (the others each take the next one's
    target): 1 of n pairs, credit 1/n with ``partial: true``."""
    pairs = q.pairs(lang)
    n = len(pairs)
    assert n >= 3, "a partly right answer needs three pairs or more"
    order = [0] + [1 + (i % (n - 1)) for i in range(1, n)]
    chosen = [(pairs[i][0], pairs[order[i]][1]) for i in range(n)]
    response = ",".join(
        f"{MATCHING_SOURCE_IDS[i]}.{MATCHING_TARGET_IDS[order[i]]}" for i in range(n)
    )
    return Planned(q.id, "matching", False, chosen, response)


def weighted_score(
    plans: list[Planned], weights: dict[str, int], credit: dict[str, Fraction]
) -> int:
    """The score the runtime reports: floor(100 x earned weight / total weight)."""
    total = sum(weights.get(p.qid, 1) for p in plans)
    earned = sum(
        weights.get(p.qid, 1) * credit.get(p.qid, Fraction(1 if p.correct else 0)) for p in plans
    )
    return int(100 * earned // total)
