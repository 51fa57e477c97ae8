"""Package descriptors (imsmanifest.xml, tincan.xml, cmi5.xml), written from templates.

A descriptor is a small document of a fixed shape. Jinja2, loaded anyway to render the course,
writes it: building it with lxml cost lxml's import, a sixth of a warm first build's
instructions. Every value is escaped for an XML attribute unless a template marks it as element
text (`|text`), so no value can open markup whatever the template does; a character XML cannot
carry is refused, as lxml refused it [XML 1.0 §2.2 Char].
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment

# What is not a Char [XML 1.0 §2.2]: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
# [#x10000-#x10FFFF] (written as the few it leaves out: the complement cost 100x to compile).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# As lxml serialized: element text escapes &, <, > and a carriage return; an attribute also
# escapes the quote and the whitespace an XML parser would normalize [XML 1.0 §3.3.3].
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


class _Escaped(str):
    """Text a template's `|text` filter has already escaped."""


def _checked(value: object) -> str:
    text = "" if value is None else str(value)
    if _NOT_XML.search(text):
        raise ValueError(f"All strings must be XML compatible: {text[:60]!r}")
    return text


def element_text(value: object) -> str:
    """`value` escaped as element content (the templates' `|text` filter)."""
    return _Escaped(_checked(value).translate(_TEXT))


def _finalize(value: object) -> str:
    if isinstance(value, _Escaped):
        return value
    return _checked(value).translate(_ATTRIBUTE)


@cache
def _environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from ..render.compiled import bytecode_cache
    from ..theme import templates_dir

    env = Environment(
        loader=FileSystemLoader(templates_dir("descriptors", "imsmanifest.xml.j2")),
        autoescape=False,  # _finalize escapes every value, for XML rather than for HTML
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache("descriptors"),
    )
    env.filters["text"] = element_text
    return env


def render_descriptor(template: str, **context: Any) -> bytes:
    """A descriptor's bytes (UTF-8, with an XML declaration, indented) from its template."""
    return _environment().get_template(template).render(**context).encode("utf-8")
