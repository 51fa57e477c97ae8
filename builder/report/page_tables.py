"""The report page's tables: report.json's figures as rows of formatted cells, all learners
first, then one column per course language, so a figure is compared across languages."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from markupsafe import Markup
from msgspec import Struct

from .page_text import Words, is_masked

GAP = 0.2  # a difference in correct share between languages worth a look (issue 17)


class Cell(Struct, frozen=True):
    """One formatted figure; `mark` says why it looks as it does (masked, null, gap)."""

    text: str | Markup
    mark: str = ""


class Row(Struct, frozen=True):
    """A row: its heading (a step, a page, a figure) and one cell per column."""

    head: str | Markup
    cells: tuple[Cell, ...]
    mark: str = ""


class Table(Struct, frozen=True):
    """A table of the page, with the notes its masked and withheld figures need."""

    id: str
    caption: str
    corner: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...]


def count(w: Words, value: Any) -> Cell:
    """A count's cell."""
    return Cell(w.count(value), "masked" if is_masked(value) else ("null" if value is None else ""))


def figure(text: str, value: Any) -> Cell:
    """A computed figure's cell (null: withheld)."""
    return Cell(text, "null" if value is None else "")


def seconds(w: Words, value: Any) -> Cell:
    """A duration's cell (null: withheld)."""
    return figure(w.seconds(value), value)


def table(
    w: Words, id: str, caption: str, corner: str, columns: Sequence[str], rows: Sequence[Row]
) -> Table:
    """A table, with a note for each kind of hidden figure it shows."""
    marks = {cell.mark for row in rows for cell in row.cells}
    notes = []
    if "masked" in marks:
        notes.append(w("note_masked", n=w.min_group, below=w.min_group - 1))
    if "null" in marks:
        notes.append(w("note_null", n=w.min_group))
    return Table(id, caption, corner, tuple(columns), tuple(rows), tuple(notes))


def keyed(
    entries: Sequence[Mapping[str, Any]], key: Callable[[Mapping[str, Any]], Any]
) -> dict[Any, Mapping[str, Any]]:
    """Entries by their key (a step, a page, a question)."""
    return {key(e): e for e in entries}


class Compare:
    """The same list of one section (e.g. the funnel) in every section, matched by key."""

    def __init__(
        self,
        sections: Mapping[str, Mapping[str, Any]],
        pick: Callable[[Mapping[str, Any]], Sequence[Mapping[str, Any]]],
        key: Callable[[Mapping[str, Any]], Any],
    ) -> None:
        self.keys = list(sections)
        self.order = list(pick(sections[self.keys[0]]))
        self.by = {name: keyed(pick(section), key) for name, section in sections.items()}
        self.key = key

    def across(self, entry: Mapping[str, Any]) -> list[Mapping[str, Any] | None]:
        """The entry as each section has it (None where a section lacks it)."""
        return [self.by[name].get(self.key(entry)) for name in self.keys]


def step_key(step: Mapping[str, Any]) -> tuple[str, str]:
    """A funnel step's identity: its kind and its page or quiz."""
    return (str(step["step"]), str(step.get("page") or step.get("quiz") or ""))


def step_label(w: Words, step: Mapping[str, Any]) -> str | Markup:
    """A funnel step in words."""
    kind = step["step"]
    if kind in ("page", "video", "attempted"):
        name = step.get("page") or step.get("quiz") or ""
        return w.markup(f"step_{kind}", title=w.text(step.get("title"), name))
    return w(f"step_{kind}")


def funnel(w: Words, sections: Mapping[str, Mapping[str, Any]], columns: Sequence[str]) -> Table:
    """Learners at each step, in course order."""
    steps = Compare(sections, lambda s: s["funnel"], step_key)
    rows = [
        Row(step_label(w, step), tuple(count(w, e and e["learners"]) for e in steps.across(step)))
        for step in steps.order
    ]
    return table(w, "funnel-table", w("funnel_caption"), w("step"), columns, rows)


def video(
    w: Words, sections: Mapping[str, Mapping[str, Any]], columns: Sequence[str], entry: Any
) -> Table:
    """One video: learners who played it, then who watched each 5 % of it, then completed."""
    videos = Compare(sections, lambda s: s["videos"], lambda v: v["page"])
    across = videos.across(entry)

    def bins(v: Mapping[str, Any] | None) -> dict[tuple[int, int], Any]:
        return {(b["from"], b["to"]): b["learners"] for b in (v or {}).get("watched", [])}

    def cells(values: Sequence[Any]) -> tuple[Cell, ...]:
        """A row's cells; a section whose video nothing measures says so, never a count."""
        untracked = Cell(w("not_tracked"))
        return tuple(
            count(w, value) if v is None or v.get("tracked", True) else untracked
            for v, value in zip(across, values, strict=True)
        )

    watched = [bins(v) for v in across]
    rows = [Row(w("video_started"), cells([v and v["learners"] for v in across]))]
    for part in entry["watched"]:
        span = (part["from"], part["to"])
        label = w("video_bin", **{"from": part["from"], "to": part["to"]})
        rows.append(Row(label, cells([b.get(span) for b in watched])))
    rows.append(Row(w("video_completed"), cells([v and v["completed"] for v in across])))
    return table(w, f"video-{entry['page']}", w("video_caption"), w("video_part"), columns, rows)


def score_bin(w: Words, part: Mapping[str, Any]) -> str:
    """A score bin in words: 0 to 9, …, 90 to 100 (the last bin holds 100)."""
    last = part["to"] if part["to"] >= 100 else part["to"] - 1
    return w("score_bin", **{"from": part["from"], "to": last})


def scores(w: Words, sections: Mapping[str, Mapping[str, Any]], columns: Sequence[str]) -> Table:
    """Learners by best score."""
    parts = Compare(sections, lambda s: s["scores"]["distribution"], lambda b: b["from"])
    rows = [
        Row(score_bin(w, part), tuple(count(w, e and e["learners"]) for e in parts.across(part)))
        for part in parts.order
    ]
    return table(w, "scores-table", w("scores_caption"), w("score"), columns, rows)


def pass_rates(
    w: Words, sections: Mapping[str, Mapping[str, Any]], columns: Sequence[str]
) -> Table:
    """Learners who passed at each attempt number, of those who made it."""
    attempts = Compare(
        sections, lambda s: s["scores"]["pass_rate_by_attempt"], lambda a: a["attempt"]
    )

    def cell(e: Mapping[str, Any] | None) -> Cell:
        if e is None:
            return count(w, None)
        text = w(
            "attempt_cell",
            passed=w.count(e["passed"]),
            learners=w.count(e["learners"]),
            share=w.share(e["share"]),
        )
        hidden = is_masked(e["passed"]) or is_masked(e["learners"])
        return Cell(text, "masked" if hidden else ("null" if e["share"] is None else ""))

    rows = [
        Row(w.number(a["attempt"]), tuple(cell(e) for e in attempts.across(a)))
        for a in attempts.order
    ]
    return table(w, "pass-rate-table", w("pass_rate_caption"), w("attempt"), columns, rows)


def times(w: Words, sections: Mapping[str, Mapping[str, Any]], columns: Sequence[str]) -> Table:
    """Median time on each page, then in the whole course."""
    pages = Compare(sections, lambda s: s["time"]["pages"], lambda p: p["page"])
    rows = [
        Row(
            w.text(page.get("title"), page["page"]),
            tuple(seconds(w, e and e["median_seconds"]) for e in pages.across(page)),
        )
        for page in pages.order
    ]
    course = [s["time"]["course_median_seconds"] for s in sections.values()]
    rows.append(Row(w("course_median"), tuple(seconds(w, v) for v in course)))
    return table(w, "time-table", w("time_caption"), w("page"), columns, rows)


def summary(w: Words, sections: Mapping[str, Mapping[str, Any]], columns: Sequence[str]) -> Table:
    """How many learners each section counts."""
    row = Row(w("learners"), tuple(count(w, s["learners"]) for s in sections.values()))
    return table(w, "learners-table", w("learners"), w("figure"), columns, [row])


INPUT_KEYS = ("read", "used", "other_courses", "voided", "duplicates", "malformed")


def inputs(w: Words, counts: Mapping[str, Any]) -> Table:
    """Statements read, used and set aside (not learners: never masked)."""
    rows = [Row(w(f"input_{k}"), (count(w, counts[k]),)) for k in INPUT_KEYS]
    return table(w, "input-table", w("input_caption"), w("input"), [w("count")], rows)
