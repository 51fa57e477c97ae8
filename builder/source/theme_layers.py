"""Theme override folders: a course's `theme.custom_dir` and its catalogue's `_theme/`, each
file found through the guarded finder and checked (docs/theming.md)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from msgspec import Struct

from ..diagnostics import Diagnostics, Location
from ..model import ThemeLayer
from ..theme import BRAND_BASE, BRAND_BLOCKS, folder_files, theme_names
from .files import CATALOGUE_THEME, MAX_THEME_BYTES, MAX_THEME_FILE_BYTES
from .load import read_text
from .paths import locate, locate_folder, shown

if TYPE_CHECKING:
    from jinja2 import nodes

BRAND_TEMPLATE = "brand.html.j2"  # the one theme template an override may replace
_HEAVIEST_SHOWN = 3


def theme_layers(
    course_dir: Path, custom_dir: str | None, where: Location, diagnostics: Diagnostics
) -> tuple[ThemeLayer, ...]:
    """The course's override folders, the first one winning: its custom_dir, then its
    catalogue's _theme/ (the folder of courses it sits in), each problem reported."""
    layers: list[ThemeLayer] = []
    carried: list[_Carried] = []
    if custom_dir is not None:
        found = locate_folder(course_dir, custom_dir, "theme.custom_dir")
        if found.path is None:
            diagnostics.error(where, found.code, found.problem)
        else:
            folder = found.path.relative_to(course_dir).as_posix()
            layers.append(_layer(course_dir, folder, f"{course_dir.name}/", diagnostics, carried))
    catalogue = course_dir.parent
    if (catalogue / CATALOGUE_THEME).is_dir():
        found = locate_folder(catalogue, CATALOGUE_THEME, "catalogue theme folder")
        if found.path is None:
            diagnostics.error(Location(CATALOGUE_THEME, 1, 1), found.code, found.problem)
        else:
            layers.append(_layer(catalogue, CATALOGUE_THEME, "", diagnostics, carried))
    _check_total(carried, diagnostics)
    return tuple(layers)


class _Carried(Struct, frozen=True):
    """A static file a package carries: its size, its name in its folder, the folder."""

    size: int
    name: str
    folder: str
    where: Location


def _layer(
    base: Path, folder: str, prefix: str, diagnostics: Diagnostics, carried: list[_Carried]
) -> ThemeLayer:
    """One override folder's templates and static files (those a package carries added to
    `carried`, unless an earlier folder's of the same name wins); the others are not the
    theme's."""
    reserved_templates, reserved_static = theme_names()
    templates: list[tuple[str, Path]] = []
    static: list[tuple[str, Path]] = []
    taken = {c.name for c in carried}
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
            size = _fits(found.path, where, diagnostics)
            if size is not None:
                static.append((asset, found.path))
                if name not in taken:
                    carried.append(
                        _Carried(size, name, folder, Location(f"{prefix}{folder}", 1, 1))
                    )
        elif name.endswith(".j2") and name != BRAND_TEMPLATE and name in reserved_templates:
            _reserved(where, name, "a template of the player", diagnostics)
        elif name.endswith(".j2") and _parses(found.path, where, diagnostics, name):
            templates.append((name, found.path))
        elif not name.endswith(".j2") and not _documentation(name):
            _unused(where, name, diagnostics)
    return ThemeLayer(base / folder, f"{prefix}{folder}", tuple(templates), tuple(static))


# The web files an author means to ship (a stylesheet, an image, a font) when they are put beside
# static/ rather than in it.
_IMAGES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico")
_ASSET_SUFFIXES = frozenset((".css", ".js", *_IMAGES, ".woff", ".woff2", ".ttf", ".otf"))
_DOCUMENTS = ("README", "LICENSE", "LICENCE", "COPYING", "NOTICE", "CHANGELOG")


def _documentation(name: str) -> bool:
    """A note for people beside the theme (a README, a licence), which is not the theme's."""
    path = PurePosixPath(name)
    return path.suffix.lower() in (".md", ".txt") or path.stem.upper().startswith(_DOCUMENTS)


def _unused(where: Location, name: str, diagnostics: Diagnostics) -> None:
    """Warn that a file of an override folder does nothing, and where it would (docs/theming.md)."""
    path = PurePosixPath(name)
    if path.parts[0] == "i18n":
        hint = "the player's strings (i18n/) come with coursebuild; an override cannot change them"
    elif path.suffix.lower() in _ASSET_SUFFIXES:
        inner = path.parts[1:] if path.parts[0].lower() in ("static", "assets") else path.parts
        hint = f"did you mean '{shown(PurePosixPath('static', *inner).as_posix())}'?"
    else:
        hint = ""
    diagnostics.warning(
        where,
        "theme-unused-file",
        f"theme file '{shown(name)}' is not used: an override folder's theme is {BRAND_TEMPLATE}, "
        "the templates it includes and static/ files (docs/theming.md); expected it under "
        "static/, or out of the folder",
        hint,
    )


def _fits(path: Path, where: Location, diagnostics: Diagnostics) -> int | None:
    """A static file's size when it is within the limit (0 when unknown), told before it is
    read; None when it is not."""
    try:
        size = path.stat().st_size
    except OSError:
        return 0  # reading it says why it cannot be read, at the file
    if size > MAX_THEME_FILE_BYTES:
        diagnostics.error(
            where,
            "file-too-large",
            f"theme file is {size:,} bytes, over the {MAX_THEME_FILE_BYTES:,}-byte limit for a "
            "theme's static file (it is copied into every package); expected a smaller file "
            "(docs/theming.md)",
        )
        return None
    return size


def _check_total(carried: list[_Carried], diagnostics: Diagnostics) -> None:
    """The static files one package carries from its override folders within their total, told
    by their sizes before any is read (one over its own limit is said at itself, and not
    counted again), once, at the first folder that has any."""
    total = sum(c.size for c in carried)
    if total <= MAX_THEME_BYTES:
        return
    folders = list(dict.fromkeys(c.folder for c in carried))
    heaviest = sorted(carried, key=lambda c: (-c.size, c.folder, c.name))[:_HEAVIEST_SHOWN]
    full = len(folders) > 1  # each file named with its folder
    named = [
        f"{shown(f'{c.folder}/{c.name}' if full else c.name)} ({c.size:,} bytes)" for c in heaviest
    ]
    listed = f"{', '.join(named[:-1])} and {named[-1]}" if len(named) > 1 else named[0]
    which = (
        "folders " + " and ".join(f"'{shown(f)}'" for f in folders)
        if full
        else (f"folder '{shown(folders[0])}'")
    )
    diagnostics.error(
        carried[0].where,
        "theme-too-large",
        f"theme {which} {'have' if full else 'has'} {len(carried)} static files of {total:,} "
        f"bytes in all, over the {MAX_THEME_BYTES:,}-byte limit for a theme (every package the "
        f"course makes holds them all); expected a lighter theme; the heaviest are {listed}",
    )


def _reserved(where: Location, name: str, what: str, diagnostics: Diagnostics) -> None:
    diagnostics.error(
        where,
        "theme-reserved",
        f"theme override '{shown(name)}' would replace {what}, which packages rely on; expected "
        f"{BRAND_TEMPLATE} blocks, other templates, or static files of other names "
        "(docs/theming.md)",
    )


def _parses(path: Path, where: Location, diagnostics: Diagnostics, name: str) -> bool:
    """True when the template is UTF-8 Jinja2 (and, for brand.html.j2, extends the brand blocks
    and redefines only those); each problem is reported at its line."""
    from jinja2 import Environment, TemplateSyntaxError

    text = read_text(path, where.file, diagnostics)
    if text is None:
        return False
    try:
        tree = Environment().parse(text)
    except TemplateSyntaxError as error:
        diagnostics.error(
            Location(where.file, error.lineno, 1),
            "theme-template",
            f"theme template: {error.message}; expected Jinja2 template syntax",
        )
        return False
    return name != BRAND_TEMPLATE or _brand_blocks(tree, where.file, diagnostics)


def _brand_blocks(tree: nodes.Template, file: str, diagnostics: Diagnostics) -> bool:
    """brand.html.j2 extends a template, and when that is brand-base.html.j2 it redefines only
    its blocks: any other markup of a template that extends is never rendered."""
    import difflib

    from jinja2 import nodes

    blocks = ", ".join(BRAND_BLOCKS)
    extends = next(tree.find_all(nodes.Extends), None)
    if extends is None:
        diagnostics.error(
            Location(file, 1, 1),
            "theme-template",
            f"theme template: {BRAND_TEMPLATE} does not extend the brand blocks, so nothing of "
            f'it would be shown; expected it to start with {{% extends "{BRAND_BASE}" %}} and '
            f"put its markup in the blocks {', '.join(BRAND_BLOCKS[:-1])} or {BRAND_BLOCKS[-1]} "
            "(docs/theming.md)",
        )
        return False
    if not (isinstance(extends.template, nodes.Const) and extends.template.value == BRAND_BASE):
        return True  # it extends a template of its own: the render says what is missing
    nested = {b.name for block in tree.find_all(nodes.Block) for b in block.find_all(nodes.Block)}
    unknown = [b for b in tree.find_all(nodes.Block) if b.name not in BRAND_BLOCKS + tuple(nested)]
    for block in unknown:
        near = difflib.get_close_matches(block.name, BRAND_BLOCKS, n=1)
        diagnostics.error(
            Location(file, block.lineno, 1),
            "theme-template",
            f"theme template: block '{block.name}' is not a block of {BRAND_BASE}, so nothing "
            f"of it would be shown; expected one of {blocks} (docs/theming.md)",
            f"did you mean '{near[0]}'?" if near else "",
        )
    return not unknown
