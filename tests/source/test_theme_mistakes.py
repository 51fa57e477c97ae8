"""An author's mistakes in brand.html.j2 are `theme-template` diagnostics at the template's line,
in `validate`, `build` and the preview alike: never an internal error, never ignored."""

from __future__ import annotations

import contextlib
from pathlib import Path

from support.theme_kit import use_theme, write

from builder.pipeline import build, validate
from builder.preview.build import build_preview

NO_EXTENDS = '<img src="assets/logo.svg" alt="Logo">\n'


def said(course: Path, out: Path | None = None) -> list[str]:
    """The diagnostics of validating (or, with `out`, building) the course, as printed from
    the course's parent folder."""
    with contextlib.chdir(course.parent):
        outcome = validate([course]) if out is None else build([course], ["scorm12"], out)
    assert outcome.failed
    return [d.format() for d in outcome.diagnostics]


def test_a_brand_that_extends_nothing_is_said_at_its_first_line(bilingual: Path) -> None:
    write(bilingual / "theme" / "brand.html.j2", NO_EXTENDS)
    use_theme(bilingual)
    assert said(bilingual) == [
        "course/theme/brand.html.j2:1:1: error: theme template: brand.html.j2 does not extend "
        "the brand blocks, so nothing of it would be shown; expected it to start with {% extends "
        '"brand-base.html.j2" %} and put its markup in the blocks extra_head, styles, '
        "header_brand or footer (docs/theming.md) [theme-template]"
    ]


def test_a_misspelt_block_is_said_at_its_line(bilingual: Path) -> None:
    write(
        bilingual / "theme" / "brand.html.j2",
        '{% extends "brand-base.html.j2" %}\n\n{% block header_bran %}<b>Dept</b>{% endblock %}\n',
    )
    use_theme(bilingual)
    assert said(bilingual) == [
        "course/theme/brand.html.j2:3:1: error: theme template: block 'header_bran' is not a "
        "block of brand-base.html.j2, so nothing of it would be shown; expected one of "
        "extra_head, styles, header_brand, footer (docs/theming.md) [theme-template]\n"
        "    hint: did you mean 'header_brand'?"
    ]


def test_a_brand_extending_a_template_that_is_not_the_base_fails_at_build(
    bilingual: Path, tmp_path: Path
) -> None:
    write(bilingual / "theme" / "brand.html.j2", '{% extends "mine.html.j2" %}\n')
    write(bilingual / "theme" / "mine.html.j2", NO_EXTENDS)
    use_theme(bilingual)
    (found,) = said(bilingual, tmp_path / "out")
    assert found.startswith("course/theme/brand.html.j2:1:1: error: theme template: "), found
    assert "does not extend the brand blocks" in found and "[theme-template]" in found
    assert not (tmp_path / "out").exists()


def test_the_preview_says_a_template_error_at_its_line(bilingual: Path) -> None:
    write(
        bilingual / "theme" / "brand.html.j2",
        '{% extends "brand-base.html.j2" %}\n{% block footer %}\n{{ nosuch.thing }}\n'
        "{% endblock %}\n",
    )
    use_theme(bilingual)
    built = build_preview(bilingual, "scorm12", bilingual / ".coursebuild" / "preview")
    assert not built.ok
    assert [d.format() for d in built.diagnostics] == [
        "course/theme/brand.html.j2:3:1: error: theme template: 'nosuch' is undefined; expected "
        "a template that renders (docs/theming.md) [theme-template]"
    ]


def test_the_preview_says_a_brand_without_extends_at_its_line(bilingual: Path) -> None:
    write(bilingual / "theme" / "brand.html.j2", NO_EXTENDS)
    use_theme(bilingual)
    built = build_preview(bilingual, "scorm12", bilingual / ".coursebuild" / "preview")
    (found,) = [d.format() for d in built.diagnostics]
    assert found.startswith("course/theme/brand.html.j2:1:1: error: theme template: "), found
