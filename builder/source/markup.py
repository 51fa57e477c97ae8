"""Markdown extensions for bilingual pages: `{lang=..}` attributes, callouts and accordions.

Attributes come from mdit-py-plugins' attrs plugins with `lang` the only name allowed: whatever
else an author writes (`onclick`, `style`, `href`, `.class`, `#id`) is dropped by the plugin and
reported here. Blocks are `:::` containers: note, tip and warning become a labelled `<aside>`,
details a native `<details>` (keyboard and screen-reader support built in).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.container import container_plugin

from ..diagnostics import Diagnostics, Location
from ..standards.bcp47 import LANGUAGE_TAG_RE
from ..theme import catalogues, plain
from .schema_types import is_blank

ALLOWED_ATTRIBUTES = ("lang",)
CALLOUTS = ("note", "tip", "warning")
BLOCKS = (*CALLOUTS, "details")
_OPEN = "container_block_open"
_CLOSE = "container_block_close"


def use_markup(md: MarkdownIt) -> None:
    """Add language attributes and `:::` blocks to a parser."""
    md.use(attrs_plugin, spans=True, allowed=ALLOWED_ATTRIBUTES)
    md.use(attrs_block_plugin, allowed=ALLOWED_ATTRIBUTES)
    # Any `:::` line opens a block, so that an unknown kind is reported rather than shown as text.
    md.use(container_plugin, "block", validate=lambda params, markup: True, render=_render)


def _render(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return str(tokens[idx].meta.get("html", ""))


def check_attributes(token: Token, location: Location, diagnostics: Diagnostics) -> None:
    """Report attributes the plugins refused and `lang` values that are not BCP 47 tags."""
    refused = token.meta.get("insecure_attrs") or {}
    if refused:
        names = ", ".join(sorted(refused))
        diagnostics.error(
            location,
            "markdown-attribute",
            f"attribute {names} is not allowed in Markdown (it could carry script, styles or "
            "links); expected {lang=en} with a language tag, the only attribute there is",
        )
    lang = token.attrGet("lang")
    if lang is not None and not LANGUAGE_TAG_RE.match(str(lang)):
        del token.attrs["lang"]
        diagnostics.error(
            location,
            "markdown-lang",
            f"lang '{str(lang)[:30]}' is not a BCP 47 language tag; expected a tag such as "
            "{lang=en}, {lang=fr-CA} or {lang=en-GB}",
        )


def attrs_column(lines: list[str], line: int, col: int) -> int:
    """The 1-based column of the `{` that opens attributes on `line` at or after `col`."""
    source = lines[line] if 0 <= line < len(lines) else ""
    return source.find("{", col) + 1


def block_attrs_line(lines: list[str], block_line: int) -> int:
    """The 0-based line of the `{...}` line written above a block (the block's own when none)."""
    line = block_line - 1
    while line >= 0 and lines[line].lstrip().startswith("{"):
        line -= 1
    return line + 1 if line + 1 < block_line else block_line


def check_blocks(
    tokens: list[Token],
    lines: list[str],
    file: str,
    first_line: int,
    lang: str,
    diagnostics: Diagnostics,
) -> None:
    """Give each `:::` block its HTML; unknown kinds, blank summaries, unclosed ones reported."""
    labels = lang if lang in catalogues() else "en"
    stack: list[str] = []
    for token in tokens:
        if token.type == _CLOSE:
            token.meta["html"] = stack.pop() if stack else "</div>\n"
            continue
        if token.type != _OPEN:
            continue
        start = token.map[0] if token.map else 0
        location = Location(file, first_line + start, 1)
        kind, _, summary = token.info.strip().partition(" ")
        _check_closed(token, lines, location, diagnostics)
        if kind in CALLOUTS:
            label = escape(plain(labels, f"callout_{kind}"))
            token.meta["html"] = (
                f'<aside class="cb-callout cb-callout-{kind}" aria-label="{label}">\n'
                f'<p class="cb-callout-label" aria-hidden="true">{label}</p>\n'
            )
            stack.append("</aside>\n")
        elif kind == "details":
            if is_blank(summary):
                diagnostics.error(
                    location,
                    "markdown-block",
                    "'::: details' has no summary; expected '::: details <what the reader "
                    "opens>', such as '::: details Learn more'",
                )
            token.meta["html"] = (
                f'<details class="cb-details">\n<summary>{escape(summary.strip())}</summary>\n'
            )
            stack.append("</details>\n")
        else:
            diagnostics.error(
                location,
                "markdown-block",
                f"'::: {kind[:30]}' is not a kind of block; expected one of "
                f"{', '.join(BLOCKS)} (and a ':::' line to close it)",
            )
            token.meta["html"] = "<div>\n"
            stack.append("</div>\n")


def _check_closed(
    token: Token, lines: list[str], location: Location, diagnostics: Diagnostics
) -> None:
    """The plugin closes an open block at the end of the text; the author meant to close it."""
    end = token.map[1] if token.map else len(lines)
    closing = lines[end].strip() if end < len(lines) else ""
    if not closing.startswith(token.markup) or closing.strip(":"):
        diagnostics.error(
            location,
            "markdown-block",
            f"'{token.markup} {token.info.strip()[:30]}' is never closed; expected a "
            f"'{token.markup}' line after its text",
        )
