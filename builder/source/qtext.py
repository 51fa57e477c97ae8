"""Question texts as Markdown, rendered by the pages' renderer under the same rules.

Prompts and feedback take blocks; a choice, a pair's source or target and a distractor sit in
one line of the page (a label, a drop-down's option), so only inline Markdown is allowed there.
Diagnostics are placed inside the YAML value: the line within a `|` block, the column after the
key or the opening quote.
"""

from __future__ import annotations

from functools import lru_cache

from msgspec import Struct
from msgspec.structs import replace

from ..diagnostics import Diagnostics, Location
from ..model import Text
from .context import CourseContext
from .load import Loc, SourceDoc
from .markdown import RenderedMarkdown, render_markdown

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


class _Placement(Struct, frozen=True):
    """Where a YAML scalar's text starts: Markdown line 0 is `line`, column 1 is `col` + 1."""

    file: str
    line: int
    col: int
    literal: bool  # a `|` block: every Markdown line is a line of the file

    def map(self, at: Location, first_char: int = 0) -> Location:
        """The file location of `at`, a location in the scalar's text (line 1 = its first)."""
        offset = at.line - 1 if self.literal else 0
        col = at.col + self.col if at.col > 0 and (self.literal or at.line == 1) else 0
        return Location(self.file, self.line + max(offset, 0), col)


@lru_cache(maxsize=4)
def _lines(text: str) -> tuple[str, ...]:
    """A YAML file's lines, split once for all of its texts (not once per text and language)."""
    return tuple(text.splitlines())


def _placement(doc: SourceDoc, loc: Loc) -> _Placement:
    """Where the text of the scalar at `loc` starts in its file."""
    where = doc.at(loc)
    lines = _lines(doc.text)
    raw = where.line - doc.line_offset
    row = lines[raw - 1] if 0 < raw <= len(lines) else ""
    indicator = row[where.col - 1 : where.col] if where.col > 0 else ""
    if indicator in ("|", ">"):  # block scalar: its text starts on the next line [YAML 1.2 §8.1]
        body = [line for line in lines[raw:] if line.strip()]
        indent = len(body[0]) - len(body[0].lstrip(" ")) if body else 0
        return _Placement(where.file, where.line + 1, indent, indicator == "|")
    quoted = 1 if indicator in ("'", '"') else 0
    return _Placement(where.file, where.line, where.col - 1 + quoted, False)


def _unwrapped(rendered: RenderedMarkdown) -> str:
    """One paragraph without its `<p>`, so that a one-line text stays phrasing content."""
    html = rendered.html
    if [kind for kind, _ in rendered.blocks] == ["paragraph"] and html.startswith("<p>"):
        return html.removeprefix("<p>").removesuffix("\n").removesuffix("</p>")
    return html


def _check_inline(rendered: RenderedMarkdown, source: str, scratch: Diagnostics) -> None:
    """A block construct in a one-line text is reported at its line."""
    lines = source.splitlines()
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
        place = _placement(doc, at)
        scratch = Diagnostics()
        rendered = render_markdown(value, "", 1, ctx.course_dir, scratch, lang)
        if inline:
            _check_inline(rendered, value, scratch)
        ctx.diagnostics.extend(
            replace(d, location=place.map(d.location), message=f"{what}: {d.message}")
            for d in scratch
        )
        ctx.media.update(rendered.media)
        html[lang] = _unwrapped(rendered)
        plain[lang] = rendered.plain
    return QuestionText(html, plain)
