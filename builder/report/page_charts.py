"""The report page's charts: inline SVG drawn by matplotlib (its SVG backend, no browser), with
a `<title>` and `<desc>` in the page's language.

matplotlib is imported here only, and only when a chart is drawn: building courses never loads
it. Text stays text (`svg.fonttype: none`) so it is read, resized and searched like the page's;
`svg.hashsalt` and no date in the metadata make the same report give the same bytes.
Colours are the theme's, each at least 3:1 against white [WCAG 2.1 SC 1.4.11], and every series
also has its own hatching, marker and line style plus a legend: no meaning by colour alone
[WCAG 2.1 SC 1.4.1].
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from lxml import etree
from markupsafe import Markup
from msgspec import Struct

if TYPE_CHECKING:
    from matplotlib.axes import Axes

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# The theme's colours (templates/theme/static/coursebuild.css), ratios against white.
COLOURS = ("#26374a", "#af3c43", "#1b6c1c", "#6a2c9e")  # 12.2:1, 5.9:1, 6.5:1, 8.5:1
TEXT = "#1c1c1c"
HATCHES = ("", "//", "..", "xx")
MARKERS = ("o", "s", "^", "D")
LINES = ("-", "--", ":", "-.")
LOCAL_REF = re.compile(r"url\(#([^)]+)\)")


class Series(Struct, frozen=True):
    """One named row of numbers to draw (None: not drawn, e.g. a masked count)."""

    name: str
    values: tuple[float | None, ...]


def _rc(salt: str) -> Any:  # matplotlib types its keys as a Literal of every setting
    """matplotlib settings for one chart: text as text, fixed ids, the theme's look."""
    return {
        "svg.fonttype": "none",
        "svg.hashsalt": salt,
        "text.parse_math": False,  # course texts are untrusted: "$" is a dollar, not TeX
        "font.family": "sans-serif",
        "font.size": 11,
        "text.color": TEXT,
        "axes.labelcolor": TEXT,
        "axes.edgecolor": TEXT,
        "xtick.color": TEXT,
        "ytick.color": TEXT,
        "hatch.color": "#ffffff",
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _number(value: float | None) -> float:
    return math.nan if value is None else value


def _finish(svg_text: str, key: str, title: str, desc: str) -> Markup:
    """matplotlib's SVG as an inline, accessible image: role="img", its title and description
    first [SVG 1.1 §5.4], labelled by them [WAI-ARIA 1.1 aria-labelledby]; ids made unique in
    the page; no metadata (it names outside vocabularies)."""
    root = etree.fromstring(svg_text.encode("utf-8"))
    for metadata in root.findall(f"{{{SVG_NS}}}metadata"):
        root.remove(metadata)
    renamed: dict[str, str] = {}
    for element in root.iter():
        old = element.get("id")
        if old is not None:
            renamed[old] = f"{key}-{old}"
            element.set("id", renamed[old])
    for element in root.iter():
        for key_, raw in element.attrib.items():
            name, value = str(key_), str(raw)
            if name == XLINK_HREF and value.startswith("#"):
                element.set(name, "#" + renamed.get(value[1:], value[1:]))
            elif "url(#" in value:
                local = LOCAL_REF.sub(lambda m: f"url(#{renamed.get(m[1], m[1])})", value)
                element.set(name, local)
    title_el = etree.Element(f"{{{SVG_NS}}}title", id=f"{key}-title")
    title_el.text = title
    desc_el = etree.Element(f"{{{SVG_NS}}}desc", id=f"{key}-desc")
    desc_el.text = desc
    root.insert(0, desc_el)
    root.insert(0, title_el)
    root.set("role", "img")
    root.set("aria-labelledby", f"{key}-title {key}-desc")
    root.set("class", "cb-chart")
    for size in ("width", "height"):  # the viewBox keeps the shape; CSS sets the width
        if size in root.attrib:
            del root.attrib[size]
    return Markup(etree.tostring(root, encoding="unicode"))


def draw(
    key: str, title: str, desc: str, size: tuple[float, float], paint: Callable[[Axes], None]
) -> Markup:
    """One chart: `paint` draws on fresh axes; the SVG comes back ready to inline."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_rc(f"coursebuild-report-{key}")):
        figure = Figure(figsize=size, layout="constrained")
        paint(figure.add_subplot())
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None})
    return _finish(out.getvalue(), key, title, desc)


def hbars(
    labels: Sequence[str], values: Sequence[float | None], axis: str
) -> Callable[[Axes], None]:
    """Horizontal bars, first label on top, each bar's value written at its end."""

    def paint(ax: Axes) -> None:
        heights = [_number(v) for v in values]
        bars = ax.barh(range(len(labels)), heights, color=COLOURS[0])
        ax.bar_label(bars, labels=[f"{v:g}" if v is not None else "" for v in values], padding=3)
        ax.set_yticks(range(len(labels)), labels=list(labels))
        ax.invert_yaxis()
        ax.set_xlabel(axis)

    return paint


def grouped_bars(
    categories: Sequence[str], series: Sequence[Series], axis: str, ceiling: float | None = None
) -> Callable[[Axes], None]:
    """Vertical bars, one group per category, one hatched colour per series, a legend."""

    def paint(ax: Axes) -> None:
        width = 0.8 / max(len(series), 1)
        for i, one in enumerate(series):
            xs = [c + (i - (len(series) - 1) / 2) * width for c in range(len(categories))]
            ax.bar(
                xs,
                [_number(v) for v in one.values],
                width,
                label=one.name,
                color=COLOURS[i % 4],
                hatch=HATCHES[i % 4],
                edgecolor=COLOURS[i % 4],
            )
        ax.set_xticks(range(len(categories)), labels=list(categories))
        ax.tick_params(axis="x", labelrotation=30 if len(categories) > 6 else 0)
        ax.set_ylabel(axis)
        if ceiling is not None:
            ax.set_ylim(0, ceiling)
        ax.legend(frameon=False)

    return paint


def lines(
    xs: Sequence[float], series: Sequence[Series], x_axis: str, y_axis: str
) -> Callable[[Axes], None]:
    """One line per series, each with its own marker and dash pattern, and a legend."""

    def paint(ax: Axes) -> None:
        for i, one in enumerate(series):
            ax.plot(
                list(xs),
                [_number(v) for v in one.values],
                label=one.name,
                color=COLOURS[i % 4],
                marker=MARKERS[i % 4],
                linestyle=LINES[i % 4],
            )
        ax.set_xlim(0, 100)
        ax.set_ylim(bottom=0)
        ax.set_xlabel(x_axis)
        ax.set_ylabel(y_axis)
        ax.legend(frameon=False)

    return paint
