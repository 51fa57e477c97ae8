"""Theme override folders: a course's `theme.custom_dir` and its catalogue's `_theme/`, each
file found through the guarded finder and checked (docs/theming.md)."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostics, Location
from ..model import ThemeLayer
from ..theme import folder_files, theme_names
from .files import CATALOGUE_THEME
from .load import read_text
from .paths import locate, locate_folder, shown

BRAND_TEMPLATE = "brand.html.j2"  # the one theme template an override may replace


def theme_layers(
    course_dir: Path, custom_dir: str | None, where: Location, diagnostics: Diagnostics
) -> tuple[ThemeLayer, ...]:
    """The course's override folders, the first one winning: its custom_dir, then its
    catalogue's _theme/ (the folder of courses it sits in), each problem reported."""
    layers: list[ThemeLayer] = []
    if custom_dir is not None:
        found = locate_folder(course_dir, custom_dir, "theme.custom_dir")
        if found.path is None:
            diagnostics.error(where, found.code, found.problem)
        else:
            folder = found.path.relative_to(course_dir).as_posix()
            layers.append(_layer(course_dir, folder, f"{course_dir.name}/", diagnostics))
    catalogue = course_dir.parent
    if (catalogue / CATALOGUE_THEME).is_dir():
        found = locate_folder(catalogue, CATALOGUE_THEME, "catalogue theme folder")
        if found.path is None:
            diagnostics.error(Location(CATALOGUE_THEME, 1, 1), found.code, found.problem)
        else:
            layers.append(_layer(catalogue, CATALOGUE_THEME, "", diagnostics))
    return tuple(layers)


def _layer(base: Path, folder: str, prefix: str, diagnostics: Diagnostics) -> ThemeLayer:
    """One override folder's templates and static files; the others are not the theme's."""
    reserved_templates, reserved_static = theme_names()
    templates: list[tuple[str, Path]] = []
    static: list[tuple[str, Path]] = []
    for name in folder_files(base / folder):
        where = Location(f"{prefix}{folder}/{name}", 1, 1)
        found = locate(base, f"{folder}/{name}", "theme file")
        if found.path is None:
            diagnostics.error(where, found.code, found.problem)
            continue
        asset = name.removeprefix("static/")
        if asset != name and asset in reserved_static:
            _reserved(where, f"static/{asset}", "a runtime file of the player", diagnostics)
        elif asset != name:
            static.append((asset, found.path))
        elif name.endswith(".j2") and name != BRAND_TEMPLATE and name in reserved_templates:
            _reserved(where, name, "a template of the player", diagnostics)
        elif name.endswith(".j2") and _parses(found.path, where, diagnostics):
            templates.append((name, found.path))
    return ThemeLayer(base / folder, f"{prefix}{folder}", tuple(templates), tuple(static))


def _reserved(where: Location, name: str, what: str, diagnostics: Diagnostics) -> None:
    diagnostics.error(
        where,
        "theme-reserved",
        f"theme override '{shown(name)}' would replace {what}, which packages rely on; expected "
        f"{BRAND_TEMPLATE} blocks, other templates, or static files of other names "
        "(docs/theming.md)",
    )


def _parses(path: Path, where: Location, diagnostics: Diagnostics) -> bool:
    """True when the template is UTF-8 Jinja2; a syntax error is reported at its line."""
    from jinja2 import Environment, TemplateSyntaxError

    text = read_text(path, where.file, diagnostics)
    if text is None:
        return False
    try:
        Environment().parse(text)
    except TemplateSyntaxError as error:
        diagnostics.error(
            Location(where.file, error.lineno, 1),
            "theme-template",
            f"theme template: {error.message}; expected Jinja2 template syntax",
        )
        return False
    return True
