"""Markdown to safe HTML: raw HTML off, links and images checked, nothing runnable."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from msgspec import Struct, field

from ..diagnostics import Diagnostics, Location
from .markup import attrs_column, block_attrs_line, check_attributes, check_blocks, use_markup
from .paths import package_url, resolve_inside, shown
from .schema_types import is_blank

_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_RAW_HTML_RE = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9-]*)[\s/>]")
_CONTROL_RE = re.compile(r"[\x00-\x20\x7f]+")
SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Characters some CommonMark or plugin rule may act on anywhere in a line, and line starts
# that open a block: a text with none of them is one paragraph of itself.
_NOT_PLAIN = re.compile(r"[\\`*_\[\]!<>&{}|~#$\n]")
_BLOCK_START = re.compile(r"[-+=:]|[0-9]+[.)]")
LINE_BREAK = r"\r\n?|\n"
"""Where markdown-it starts a new line [CommonMark 0.31 §2.1]: a diagnostic's line counts these.
A pattern `re` compiles at its first use: texts without a carriage return never need it."""


class RenderedMarkdown(Struct):
    """HTML plus the course files it refers to (to copy into the package)."""

    html: str
    media: set[Path] = field(default_factory=set)
    plain: str = ""
    """The text as words only (an image by its alt text), for places that cannot hold markup."""
    blocks: tuple[tuple[str, int], ...] = ()
    """Each top-level block: its kind (`paragraph`, `blockquote`, `fence`...) and 0-based line."""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    # With html off, these rules only ever decline; every block line and every `<` paid for
    # asking them (a tenth of parsing a page). Raw HTML stays text, reported by `_Cursor`.
    md.disable(["html_block", "html_inline"])
    use_markup(md)
    # Every link is parsed, so that a rejected scheme becomes a diagnostic, not silent text.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def text_lines(text: str) -> list[str]:
    """The lines of a Markdown text, as markdown-it numbers them."""
    return text.split("\n") if "\r" not in text else re.split(LINE_BREAK, text)


def _scheme(url: str) -> str | None:
    match = _SCHEME_RE.match(_CONTROL_RE.sub("", url))
    return match.group(1).lower() if match else None


def render_markdown(
    text: str,
    file: str,
    first_line: int,
    course_dir: Path,
    diagnostics: Diagnostics,
    lang: str = "en",
) -> RenderedMarkdown:
    """Render a Markdown body in `lang`; bad links, images, attributes, blocks are reported."""
    plain = plain_paragraph(text)
    if plain is not None:
        return plain
    return parse_markdown(text, file, first_line, course_dir, diagnostics, lang)


def plain_paragraph(text: str) -> RenderedMarkdown | None:
    """What markdown-it makes of one line of plain words, without it; None for anything else.

    Most question texts (a choice, a feedback line) are a few words: parsing each through
    markdown-it cost half of a first build. A text qualifies only when no CommonMark rule can
    apply: one line, no leading or trailing space (an indent or a tab makes code), no inline
    markup character [CommonMark 0.31 §6], nothing that opens a block at its start (a list
    marker, a `:::` block, `{attributes}`) [CommonMark 0.31 §4-5], and no control or separator
    character but the no-break spaces French typography puts before `:`, `?`, `»`.
    """
    if not text or text != text.strip() or _NOT_PLAIN.search(text) or _BLOCK_START.match(text):
        return None
    if not text.replace("\u00a0", " ").replace("\u202f", " ").isprintable():
        return None
    # markdown-it escapes &, <, > and " in text; & < > are not plain, so only " is left.
    html = "<p>" + text.replace('"', "&quot;") + "</p>\n"
    return RenderedMarkdown(html, set(), " ".join(text.split()), (("paragraph", 0),))


def parse_markdown(
    text: str,
    file: str,
    first_line: int,
    course_dir: Path,
    diagnostics: Diagnostics,
    lang: str = "en",
) -> RenderedMarkdown:
    """`render_markdown` through markdown-it, whatever the text."""
    md = _parser()
    tokens = md.parse(text)
    result = RenderedMarkdown("")
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    shift = 1 if levels and min(levels) == 1 else 0
    lines = text_lines(text)
    start = 0
    for token in tokens:
        if token.map:
            start = token.map[0]
        if token.attrs or token.meta.get("insecure_attrs"):
            at = block_attrs_line(lines, start)
            where = Location(file, first_line + at, attrs_column(lines, at, 0))
            check_attributes(token, where, diagnostics)
        if token.type in ("heading_open", "heading_close") and shift:
            token.tag = f"h{min(int(token.tag[1]) + shift, 6)}"
        cursor = _Cursor(lines, start)
        link: tuple[Location, str] | None = None
        for child in token.children or []:
            column = cursor.col
            location = Location(file, first_line + cursor.line, cursor.find(child))
            if child.attrGet("lang") is not None or child.meta.get("insecure_attrs"):
                brace = attrs_column(lines, cursor.line, column)
                check_attributes(child, Location(file, location.line, brace), diagnostics)
            if cursor.raw_html:
                diagnostics.warning(
                    location,
                    "raw-html",
                    f"raw HTML '{cursor.raw_html}' is shown as text, never run; expected Markdown",
                )
            if child.type == "link_open":
                link = (location, str(child.attrGet("href") or ""))
            elif link is not None and child.type in ("text", "code_inline", "image"):
                link = None if not is_blank(child.content) else link  # image: its alt text
            elif link is not None and child.type == "link_close":
                diagnostics.error(
                    link[0],
                    "link-no-text",
                    f"link to '{link[1][:60]}' has no text; expected [where it leads]"
                    f"({link[1][:60]}) (screen readers announce links by their text)",
                )
            if child.type == "link_close":
                link = None
            _check_inline(child, location, course_dir, diagnostics, result)
    check_blocks(tokens, lines, file, first_line, lang, diagnostics)
    result.html = md.renderer.render(tokens, md.options, {})
    result.plain = plain_text(tokens)
    result.blocks = _top_blocks(tokens)
    return result


def _top_blocks(tokens: list[Token]) -> tuple[tuple[str, int], ...]:
    """Each top-level block's kind and 0-based line."""
    return tuple(
        (t.type.removesuffix("_open"), t.map[0] if t.map else 0)
        for t in tokens
        if t.level == 0 and t.nesting >= 0 and t.type != "inline"
    )


def plain_text(tokens: list[Token]) -> str:
    """The words of parsed Markdown on one line: text, code, an image's alt text."""
    words: list[str] = []
    for token in tokens:
        if token.type in ("fence", "code_block"):
            words.append(token.content)
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type == "image":
                words.append("".join(c.content for c in child.children or []) or child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        words.append(" ")
    return " ".join("".join(words).split())


class _Cursor:
    """Where each inline token of a block starts in the source (line, column), as near as
    the parser lets us tell: line breaks are counted, constructs are found by their markup."""

    _MARKUP: ClassVar[dict[str, str]] = {"image": "![", "link_open": "["}

    def __init__(self, lines: list[str], line: int) -> None:
        self.lines = lines
        self.line = line
        self.col = 0
        self.raw_html = ""
        """The raw HTML tag (`<div`) that the last text token starts, as written in the source."""

    def find(self, token: Token) -> int:
        """The 1-based column where `token` starts on the current line (0 when unknown)."""
        self.raw_html = ""
        if token.type in ("softbreak", "hardbreak"):
            self.line += 1
            self.col = 0
            return 0
        source = self.lines[self.line] if self.line < len(self.lines) else ""
        if token.type == "text" and _RAW_HTML_RE.search(token.content):
            return self._raw_html(token, source)
        if token.type == "code_inline":  # skip it, so that a tag inside it is not taken as raw
            opening = source.find(token.markup, self.col)
            end = source.find(token.markup, opening + len(token.markup) + len(token.content))
            if opening >= 0 and end >= 0:
                self.col = end + len(token.markup)
            return opening + 1
        if token.type == "link_open" and token.markup == "autolink":
            needle = "<"
        elif token.type == "text":
            plain = source.find(token.content, self.col) if token.content else -1
            if plain >= 0:  # skip literal text, so that a '[' in it is not taken for a link
                self.col = plain + len(token.content)
            return 0
        else:
            needle = self._MARKUP.get(token.type, "")
        at = source.find(needle, self.col) if needle else -1
        if at < 0:
            return 0
        self.col = at + len(needle)
        return at + 1

    def _raw_html(self, token: Token, source: str) -> int:
        """The column of the first tag of `token` written as such in the source; a tag that
        came from an entity (`&lt;div&gt;`) is text the author meant, not raw HTML."""
        for raw in _RAW_HTML_RE.finditer(token.content):
            needle = raw.group(0)[:-1]
            at = source.find(needle, self.col)
            if at >= 0:
                self.col = at + len(needle)
                self.raw_html = needle
                return at + 1
        return 0


def _check_inline(
    token: Token,
    location: Location,
    course_dir: Path,
    diagnostics: Diagnostics,
    result: RenderedMarkdown,
) -> None:
    if token.type == "link_open":
        href = str(token.attrGet("href") or "")
        scheme = _scheme(href)
        if scheme is None:
            if href.startswith("#"):
                return
            url = _local_url(href, course_dir, location, diagnostics, "link")
            if url is not None:
                result.media.add(url[0])
                token.attrSet("href", url[1])
        elif scheme not in SAFE_LINK_SCHEMES:
            diagnostics.error(
                location,
                "unsafe-link",
                f"link to '{href[:60]}' uses the '{scheme}:' scheme; "
                "expected http:, https:, mailto: or a file in the course",
            )
            token.attrSet("href", "#")
        else:
            token.attrSet("target", "_blank")
            token.attrSet("rel", "noopener noreferrer")
    elif token.type == "image":
        src = str(token.attrGet("src") or "")
        alt = "".join(c.content for c in token.children or []) or token.content
        if is_blank(alt):
            diagnostics.error(
                location,
                "image-no-alt",
                f"image '{src}' has no alt text; expected ![what the image shows]({src})",
            )
        if _scheme(src) is not None:
            diagnostics.error(
                location,
                "image-remote",
                f"image '{src[:60]}' is not a file in the course; "
                "expected a path such as media/picture.png (packages work offline)",
            )
            token.attrSet("src", "")
            return
        url = _local_url(src, course_dir, location, diagnostics, "image")
        if url is not None:
            result.media.add(url[0])
            token.attrSet("src", url[1])


def _local_url(
    url: str, course_dir: Path, location: Location, diagnostics: Diagnostics, what: str
) -> tuple[Path, str] | None:
    """The course file a relative URL names and the URL the package links it by, or report.

    The parser hands URLs over percent-encoded (a space typed in `<my file.pdf>` arrives as
    `%20`), so the path is decoded and put in Unicode NFC before it is looked up; the query and
    fragment are kept as written [RFC 3986 §3.4, §3.5].
    """
    path = url.split("#", 1)[0].split("?", 1)[0]
    rest = url[len(path) :]
    try:
        name = unicodedata.normalize("NFC", unquote(path, errors="strict"))
    except UnicodeDecodeError:
        diagnostics.error(
            location,
            "path-encoding",
            f"{what} '{shown(url[:60])}' has a percent-encoded byte that is not UTF-8; expected "
            "a path such as media/café.png or media/caf%C3%A9.png",
        )
        return None
    found = resolve_inside(course_dir, name, location, diagnostics, what)
    if found is None:
        return None
    return found, package_url(course_dir, found) + rest
