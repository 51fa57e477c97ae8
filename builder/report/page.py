"""The report's page: one self-contained HTML file in one language, from report.json.

No script, no request: styles are inline, charts are inline SVG (page_charts), every chart is
followed by a table of the same numbers. Templates are the theme folder templates/report/,
rendered by Jinja2 with autoescaping on: course texts are untrusted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import page_charts as charts
from . import page_tables as tables
from .page_items import items
from .page_text import Words, as_number, catalogue, report_dir

CHART_LABEL = 40  # characters of a course text on a chart's axis; the table has it whole


@cache
def _environment() -> Environment:
    """The report theme's Jinja2 environment (autoescaped: course texts are untrusted)."""
    return Environment(
        loader=FileSystemLoader(report_dir()),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _short(text: str) -> str:
    """A text cut for a chart's axis."""
    return text if len(text) <= CHART_LABEL else text[: CHART_LABEL - 1].rstrip() + "…"


def _describe(w: Words, sentence: str, values: Sequence[Any]) -> str:
    """A chart's description: what it shows, where its numbers are, what it leaves out."""
    masked = any(isinstance(v, str) for v in values)
    parts = [sentence, w("chart_table")]
    if masked:
        parts.append(w("chart_masked", n=w.min_group))
    return " ".join(parts)


def _funnel(w: Words, sections: Mapping[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    steps = sections["all"]["funnel"]
    labels = []
    for step in steps:
        kind = step["step"]
        if kind in ("page", "video", "attempted"):
            title = w.plain(step.get("title"), step.get("page") or step.get("quiz") or "")
            labels.append(_short(w(f"step_{kind}", title=title)))
        else:
            labels.append(w(f"step_{kind}"))
    values = [step["learners"] for step in steps]
    title = w("funnel_chart_title")
    chart = charts.draw(
        "funnel-chart",
        title,
        _describe(w, title, values),
        (8, 0.45 * len(steps) + 1.2),
        charts.hbars(labels, [as_number(v) for v in values], w("learners")),
    )
    return {"chart": chart, "table": tables.funnel(w, sections, columns)}


def _series(
    w: Words, sections: Mapping[str, Any], values: Sequence[Sequence[Any]]
) -> list[charts.Series]:
    return [
        charts.Series(w.section_name(name), tuple(as_number(v) for v in row))
        for name, row in zip(sections, values, strict=True)
    ]


def _videos(w: Words, sections: Mapping[str, Any], columns: Sequence[str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for entry in sections["all"]["videos"]:
        heading = w.markup("video_heading", title=w.text(entry.get("title"), entry["page"]))
        if not entry.get("tracked", True):  # no statement says how far: never a count of 0
            found.append({"heading": heading, "untracked": w("video_untracked")})
            continue
        video_title = w.plain(entry.get("title"), entry["page"])
        spans = [(b["from"], b["to"]) for b in entry["watched"]]
        rows = []
        for section in sections.values():
            same = [v for v in section["videos"] if v["page"] == entry["page"]]
            parts = same[0]["watched"] if same else []
            bins = {(b["from"], b["to"]): b["learners"] for b in parts}
            rows.append([bins.get(span) for span in spans])
        title = w("video_chart_title", title=_short(video_title))
        chart = charts.draw(
            f"video-chart-{entry['page']}",
            title,
            _describe(w, title, [v for row in rows for v in row]),
            (8, 3.6),
            charts.lines(
                [(a + b) / 2 for a, b in spans],
                _series(w, sections, rows),
                w("video_part") + " (%)",
                w("learners"),
            ),
        )
        found.append(
            {
                "heading": heading,
                "chart": chart,
                "table": tables.video(w, sections, columns, entry),
            }
        )
    return found


def _items_chart(
    w: Words, sections: Mapping[str, Any], columns: Sequence[str]
) -> dict[str, Any] | None:
    questions = [str(q["question"]) for q in sections["all"]["items"]]
    if not questions:
        return None
    rows = []
    for section in sections.values():
        shares = {str(q["question"]): q["correct_share"] for q in section["items"]}
        rows.append([shares.get(q) for q in questions])
    scaled = [[None if v is None else v * 100 for v in row] for row in rows]
    title = w("items_chart_title")
    rows_of_table = [
        tables.Row(q, tuple(tables.figure(w.share(row[i]), row[i]) for row in rows))
        for i, q in enumerate(questions)
    ]
    table = tables.table(w, "items-table", title, w("question"), columns, rows_of_table)
    chart = charts.draw(
        "items-chart",
        title,
        _describe(w, title, []),
        (8, 3.6),
        charts.grouped_bars(
            [_short(q) for q in questions],
            _series(w, sections, scaled),
            w("item_correct_share") + " (%)",
            ceiling=100,
        ),
    )
    return {"chart": chart, "table": table}


def _scores(w: Words, sections: Mapping[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    parts = sections["all"]["scores"]["distribution"]
    rows = []
    for section in sections.values():
        by = {b["from"]: b["learners"] for b in section["scores"]["distribution"]}
        rows.append([by.get(b["from"]) for b in parts])
    title = w("scores_chart_title")
    chart = charts.draw(
        "scores-chart",
        title,
        _describe(w, title, [v for row in rows for v in row]),
        (8, 3.6),
        charts.grouped_bars(
            [tables.score_bin(w, b) for b in parts], _series(w, sections, rows), w("learners")
        ),
    )
    mark = sections["all"]["scores"]["pass_mark"]
    return {
        "chart": chart,
        "table": tables.scores(w, sections, columns),
        "pass_table": tables.pass_rates(w, sections, columns),
        "pass_mark": w("pass_mark_none") if mark is None else w("pass_mark", mark=w.number(mark)),
    }


def _source(w: Words, generated: Mapping[str, Any]) -> str:
    kind = generated.get("kind")
    if kind == "stdin":
        return w("source_stdin")
    return w("source_lrs" if kind == "lrs" else "source_file", name=generated.get("name", ""))


def _period(w: Words, start: str | None, end: str | None) -> str:
    if start is None and end is None:
        return w("period_any")
    return w("period_from_to", **{"from": start or "…", "to": end or "…"})


def _view(report: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """Everything the template shows, formatted in `lang`."""
    course = report["course"]
    languages = tuple(course["languages"])
    w = Words(lang, languages, int(report["privacy"]["min_group"]))
    all_sections = report["sections"]
    sections = {k: all_sections[k] for k in ("all", *languages) if k in all_sections}
    columns = [w.section_name(k) for k in sections]
    period = report["period"]
    return {
        "lang": lang,
        "t": catalogue(lang),
        "title": w("document_title", course=w.plain(course.get("title"), course["id"])),
        "course_title": w.text(course.get("title"), course["id"]),
        "course": course,
        "revision": course.get("revision") or w("none"),
        "source": _source(w, report["generated_from"]),
        "asked": _period(w, period.get("since"), period.get("until")),
        "used": _period(w, period.get("first"), period.get("last")),
        "learners": tables.summary(w, sections, columns),
        "inputs": tables.inputs(w, report["input"]),
        "funnel": _funnel(w, sections, columns),
        "videos": _videos(w, sections, columns),
        "items": items(w, sections, columns, "items"),
        "items_chart": _items_chart(w, sections, columns),
        "checks": items(w, sections, columns, "checks"),
        "scores": _scores(w, sections, columns),
        "time": tables.times(w, sections, columns),
        "css": Markup((report_dir() / "report.css").read_text(encoding="utf-8")),
    }


def render_page(report: Mapping[str, Any], lang: str) -> str:
    """The report's self-contained HTML page in ``lang`` ("en" or "fr"), from report.json."""
    return _environment().get_template("report.html.j2").render(_view(report, lang))
