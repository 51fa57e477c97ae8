"""The report page's item analysis: each question's figures and responses in every section,
its flags in words, and a gap between languages in correct share said in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup
from msgspec import Struct

from .page_tables import GAP, Cell, Compare, Row, Table, count, figure, table
from .page_text import Words, is_masked


class Item(Struct, frozen=True):
    """One question as the page shows it."""

    id: str
    heading: str
    text: Markup
    figures: Table
    responses: Table
    flags: tuple[str, ...]
    gap: str


def item_key(item: Mapping[str, Any]) -> tuple[str, str]:
    """A question's identity: its quiz and its id."""
    return (str(item["quiz"]), str(item["question"]))


def gap_of(w: Words, names: Sequence[str], shares: Sequence[float | None]) -> str:
    """The sentence saying languages differ by GAP or more in correct share, or ""."""
    known = [(name, share) for name, share in zip(names, shares, strict=True) if share is not None]
    if len(known) < 2:
        return ""
    low = min(share for _, share in known)
    high = max(share for _, share in known)
    if round(high - low, 4) < GAP:  # report.json rounds to 4 decimals
        return ""
    detail = ", ".join(f"{name} {w.share(share)}" for name, share in known)
    return w("gap", detail=detail, points=w.number((high - low) * 100, 1))


def _figures(
    w: Words,
    key: str,
    qid: str,
    across: Sequence[Mapping[str, Any] | None],
    columns: Sequence[str],
    gap: str,
) -> Table:
    """A question's figures, one column per section."""

    def get(name: str) -> list[Any]:
        return [e and e[name] for e in across]

    def shares(values: list[Any]) -> tuple[Cell, ...]:
        return tuple(
            Cell(w.share(v), "null" if v is None else ("gap" if gap else "")) for v in values
        )

    rows = [
        Row(w("item_learners"), tuple(count(w, v) for v in get("learners"))),
        Row(w("item_answers"), tuple(count(w, v) for v in get("answers"))),
        Row(w("item_correct_share"), shares(get("correct_share")), "gap" if gap else ""),
        Row(
            w("item_discrimination"),
            tuple(figure(w.decimal(v), v) for v in get("discrimination")),
        ),
        Row(
            w("item_mean_attempts"),
            tuple(figure(w.decimal(v, 1), v) for v in get("mean_attempts")),
        ),
        Row(
            w("item_median_seconds"),
            tuple(figure(w.seconds(v), v) for v in get("median_seconds")),
        ),
    ]
    caption = w("item_caption", id=qid)
    return table(w, f"{key}-figures", caption, w("figure"), columns, rows)


def _responses(
    w: Words, key: str, qid: str, across: Sequence[Mapping[str, Any] | None], columns: Sequence[str]
) -> Table:
    """Each response's count and share of answers, one column per section."""
    order: list[str] = []
    labels: dict[str, Any] = {}
    found: list[dict[str, Mapping[str, Any]]] = []
    for entry in across:
        mine: dict[str, Mapping[str, Any]] = {}
        for response in (entry or {}).get("responses", []):
            name = str(response["response"])
            if name not in labels:
                order.append(name)
                labels[name] = response.get("label")
            mine[name] = response
        found.append(mine)

    def cell(response: Mapping[str, Any] | None) -> Cell:
        if response is None:
            return count(w, None)
        shown = w.share(response["share"])
        text = w("response_cell", count=w.count(response["count"]), share=shown)
        masked = is_masked(response["count"])
        return Cell(text, "masked" if masked else ("null" if response["share"] is None else ""))

    rows = [
        Row(
            w.text(labels[name], name) if labels[name] else name,
            tuple(cell(mine.get(name)) for mine in found),
        )
        for name in order
    ]
    caption = w("responses_caption", id=qid)
    return table(w, f"{key}-responses", caption, w("response"), columns, rows)


def items(
    w: Words,
    sections: Mapping[str, Mapping[str, Any]],
    columns: Sequence[str],
    which: str,
) -> list[Item]:
    """The questions of `which` ("items" or "checks"), each with its tables and words."""
    questions = Compare(sections, lambda s: s[which], item_key)
    languages = [name for name in sections if name != "all"]
    found = []
    for entry in questions.order:
        across = questions.across(entry)
        qid = str(entry["question"])
        key = f"{which}-{entry['quiz']}-{qid}"
        by_section = dict(zip(sections, across, strict=True))
        gap = gap_of(
            w,
            [w.language_name(name) for name in languages],
            [(by_section[name] or {}).get("correct_share") for name in languages],
        )
        flags = tuple(
            w("flag_in", who=w.section_name(name), flag=w(f"flag_{flag}"))
            for name, e in by_section.items()
            for flag in (e or {}).get("flags", [])
        )
        found.append(
            Item(
                id=key,
                heading=w("question_type", id=qid, type=entry["type"]),
                text=w.text(entry.get("text"), qid),
                figures=_figures(w, key, qid, across, columns, gap),
                responses=_responses(w, key, qid, across, columns),
                flags=flags,
                gap=gap,
            )
        )
    return found
