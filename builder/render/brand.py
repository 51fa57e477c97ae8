"""Brand blocks: a theme override's brand.html.j2, rendered in a sandbox, and its static files.

Override templates are author content, so they run in Jinja2's sandbox (no Python internals) with
a loader that serves only the files the loader checked (`Course.theme`): no template can reach a
file outside its course or catalogue. Autoescape stays on (docs/theming.md).
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

if TYPE_CHECKING:
    from jinja2 import BaseLoader, Environment
    from markupsafe import Markup

from ..diagnostics import Location
from ..model import ThemeLayer
from ..theme import BRAND_BASE, BRAND_BLOCKS, catalogues, theme_dir
from .compiled import bytecode_cache

BASE_TEMPLATES = (BRAND_BASE, "brand.html.j2")


class Brand(Struct, frozen=True):
    """A course's rendered brand: its head markup, and its header and footer per language."""

    head: Markup
    header: dict[str, Markup]
    footer: dict[str, Markup]


class ThemeTemplateError(Exception):
    """An override template failed to render: where, and why."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(message)
        self.location = location
        self.message = message


def _sources(layers: tuple[ThemeLayer, ...]) -> dict[str, tuple[str, str]]:
    """(text, shown file name) of every template, by name: the first layer's wins."""
    sources = {n: ((theme_dir() / n).read_text(encoding="utf-8"), n) for n in BASE_TEMPLATES}
    for layer in reversed(layers):
        for name, path in layer.templates:
            sources[name] = (path.read_text(encoding="utf-8-sig"), f"{layer.shown}/{name}")
    return sources


def _environment(sources: dict[str, tuple[str, str]]) -> Environment:
    """The sandbox for these template texts: one per distinct set, so a catalogue's courses
    share its compiled templates instead of compiling them again for every course."""
    return _shared_environment(tuple(sorted(sources.items())))


@lru_cache(maxsize=16)
def _shared_environment(texts: tuple[tuple[str, tuple[str, str]], ...]) -> Environment:
    sources = dict(texts)
    from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
    from jinja2.sandbox import SandboxedEnvironment

    class Checked(BaseLoader):
        """Only the checked templates, by name: no file system behind it."""

        def get_source(
            self, environment: Environment, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            if template not in sources:
                raise TemplateNotFound(template)
            text, shown = sources[template]
            return text, shown, lambda: True

    loader: BaseLoader = Checked()
    return SandboxedEnvironment(
        loader=loader,
        bytecode_cache=bytecode_cache("sandbox"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_brand(view: dict[str, Any], layers: tuple[ThemeLayer, ...] = ()) -> Brand:
    """The brand blocks of a course (the built-in ones without layers), or ThemeTemplateError."""
    from jinja2 import TemplateError
    from markupsafe import Markup

    sources = _sources(layers)
    # Only an override's blocks are checked: the built-in ones are the theme's own, their course
    # text escaped, and the check's HTML parser is a cost every first build would pay for nothing.
    check: Callable[[str], str] | None = None
    if layers:
        from .brand_markup import markup_problem as check
    extra_css = any(name == "extra.css" for layer in layers for name, _ in layer.static)
    blocks: dict[str, dict[str, Markup]] = {}
    environment = _environment(sources)
    try:
        template = environment.get_template("brand.html.j2")
        for lang in view["languages"]:
            values = {"view": view, "t": catalogues(), "lang": lang, "extra_css": extra_css}
            context = template.new_context(values)
            "".join(template.root_render_func(context))  # links each block to its overrides
            if missing := [name for name in BRAND_BLOCKS if name not in context.blocks]:
                raise ThemeTemplateError(_brand_file(sources), _not_extended(missing))
            for name in BRAND_BLOCKS:
                text = "".join(context.blocks[name][0](context)).strip()
                if check is not None and (problem := check(text)):
                    raise ThemeTemplateError(
                        _block_line(context.blocks[name][0], name, sources),
                        f"theme template: block '{name}' {problem}; expected markup that closes "
                        "what it opens and leaves the player's page alone: the block goes "
                        "inside it (docs/theming.md)",
                    )
                blocks.setdefault(name, {})[lang] = Markup(text)
    except TemplateError:
        try:
            environment.handle_exception()  # puts the templates' own lines in the traceback
        except TemplateError as error:
            raise ThemeTemplateError(_where(error, sources), _message(error)) from None
    lang = view["lang"]
    head = Markup("\n").join(m for m in (blocks["styles"][lang], blocks["extra_head"][lang]) if m)
    return Brand(head, blocks["header_brand"], blocks["footer"])


def _block_line(
    render: Callable[..., Any], name: str, sources: dict[str, tuple[str, str]]
) -> Location:
    """Where the block that rendered is defined: its template (as shown) and line."""
    shown = render.__code__.co_filename  # Jinja2 compiles a template under its file name
    text = next((t for t, s in sources.values() if s == shown), "")
    found = re.search(r"\{%[-+]?\s*block\s+" + re.escape(name) + r"\b", text)
    return Location(shown, text.count("\n", 0, found.start()) + 1 if found else 1, 1)


def _brand_file(sources: dict[str, tuple[str, str]]) -> Location:
    """Line 1 of the brand.html.j2 that won (an override's, shown from the course's parent)."""
    return Location(sources["brand.html.j2"][1], 1, 1)


def _not_extended(missing: list[str]) -> str:
    # brand.html.j2 extends a template that does not itself extend brand-base.html.j2
    return (
        f"theme template: brand.html.j2 does not extend the brand blocks ({', '.join(missing)} "
        f'missing); expected it, or the template it extends, to start with {{% extends "'
        f'{BRAND_BASE}" %}} (docs/theming.md)'
    )


def _message(error: Exception) -> str:
    from jinja2 import TemplateNotFound

    if isinstance(error, TemplateNotFound):
        return (
            f"theme template: no template '{error.name}' in the override folders; expected a "
            "template of the override folder (templates cannot read other files)"
        )
    return f"theme template: {error}; expected a template that renders (docs/theming.md)"


def _where(error: Exception, sources: dict[str, tuple[str, str]]) -> Location:
    """The override template line that failed: Jinja2 puts template lines in the traceback."""
    shown = {s for _, s in sources.values()}
    line = getattr(error, "lineno", None)
    file = getattr(error, "filename", None)
    trace: types.TracebackType | None = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename in shown:
            file, line = trace.tb_frame.f_code.co_filename, trace.tb_lineno
        trace = trace.tb_next
    return Location(file or "brand.html.j2", line or 0, 1 if line else 0)


def override_files(layers: tuple[ThemeLayer, ...]) -> list[tuple[str, Path]]:
    """The overrides' static files as (package path, file), sorted: the first layer's win."""
    files: dict[str, Path] = {}
    for layer in reversed(layers):
        files.update({f"assets/{name}": path for name, path in layer.static})
    return sorted(files.items())
