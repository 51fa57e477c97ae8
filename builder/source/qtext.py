"""Question texts as Markdown, rendered by the pages' renderer under the same rules.

Prompts and feedback take blocks; a choice, a pair's source or target and a distractor sit in
one line of the page (a label, a drop-down's option), so only inline Markdown is allowed there.
Diagnostics are placed inside the YAML value, at the line and column where the text was written
(builder/source/scalar_map.py).
"""

from __future__ import annotations

from collections.abc import Callable

from msgspec import Struct
from msgspec.structs import replace

from ..diagnostics import Diagnostics, Location
from ..model import Text
from .context import CourseContext
from .load import Loc, SourceDoc
from .markdown import RenderedMarkdown, render_markdown, text_lines

_BLOCK_NAMES = {
    "paragraph": "a second paragraph",
    "blockquote": "a block quote",
    "bullet_list": "a list",
    "ordered_list": "a list",
    "heading": "a heading",
    "fence": "a code block",
    "code_block": "a code block",
    "hr": "a rule",
    "table": "a table",
    "container_block": "a ::: block",
}
_INLINE_ONLY = (
    "is not allowed here; expected one line of text (emphasis, `code`, an image, "
    "[a link](url), a {lang=..} span)"
)


class QuestionText(Struct, frozen=True):
    """A question text in every language: safe HTML, and the same words as plain text."""

    html: Text
    plain: Text


def _placement(doc: SourceDoc, loc: Loc, value: str) -> Callable[[Location], Location]:
    """Where a location in `value`, the text of the scalar at `loc`, is in the YAML file."""
    from .scalar_map import ValueMap, line_starts  # only a diagnostic to place needs it

    where = doc.at(loc)
    starts = line_starts(doc.text)
    raw = where.line - doc.line_offset
    if not doc.text or not 0 < raw <= len(starts) or where.col <= 0:
        return lambda at: where
    inside = ValueMap(doc.text, starts[raw - 1] + where.col - 1, value)

    def place(at: Location) -> Location:
        line, col = inside.place(at.line, at.col)
        return Location(where.file, line + doc.line_offset, col)

    return place


def _unwrapped(rendered: RenderedMarkdown) -> str:
    """One paragraph without its `<p>`, so that a one-line text stays phrasing content."""
    html = rendered.html
    if [kind for kind, _ in rendered.blocks] == ["paragraph"] and html.startswith("<p>"):
        return html.removeprefix("<p>").removesuffix("\n").removesuffix("</p>")
    return html


def _check_inline(rendered: RenderedMarkdown, source: str, scratch: Diagnostics) -> None:
    """A block construct in a one-line text is reported at its line."""
    lines = text_lines(source)
    for n, (kind, line) in enumerate(rendered.blocks):
        if kind == "paragraph" and n == 0:
            continue
        row = lines[line] if line < len(lines) else ""
        col = len(row) - len(row.lstrip()) + 1
        name = _BLOCK_NAMES.get(kind, f"a block ({kind})")
        scratch.error(Location("", line + 1, col), "markdown-inline-only", f"{name} {_INLINE_ONLY}")


def question_text(
    text: Text, doc: SourceDoc, loc: Loc, ctx: CourseContext, what: str, *, inline: bool
) -> QuestionText:
    """Render `text` (read at `loc`) in each language; its media are packaged, problems reported
    as `<what>: <problem>` at their place in the YAML file."""
    html: Text = {}
    plain: Text = {}
    for lang, value in text.items():
        at = (*loc, lang) if (*loc, lang) in doc.value_marks else loc
        scratch = Diagnostics()
        rendered = render_markdown(value, "", 1, ctx.course_dir, scratch, lang)
        if inline:
            _check_inline(rendered, value, scratch)
        if len(scratch):
            place = _placement(doc, at, value)
            ctx.diagnostics.extend(
                replace(d, location=place(d.location), message=f"{what}: {d.message}")
                for d in scratch
            )
        ctx.media.update(rendered.media)
        html[lang] = _unwrapped(rendered)
        plain[lang] = rendered.plain
    return QuestionText(html, plain)
