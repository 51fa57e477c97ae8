"""A brand block is put inside the player's page: markup that does not close what it opens (an
HTML comment, a <textarea>), closes the page's own elements, re-bases its files or takes its ids
would hide or break the player, so every package would track nothing. Each is a
`theme-template` error at the block's line, and nothing is written."""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path

import pytest
from support.theme_kit import use_theme, write

from builder.pipeline import build

EXPECTED = (
    "expected markup that closes what it opens and leaves the player's page alone: the block "
    "goes inside it (docs/theming.md) [theme-template]"
)
CASES = [
    (
        "extra_head",
        "<!-- our analytics, to add later",
        "opens an HTML comment ('<!--') that it never closes ('-->'), which would hide the rest "
        "of the page",
    ),
    (
        "header_brand",
        '<img src="assets/logo.svg" alt="Logo"',
        "ends inside a tag ('<img src=\"assets/logo.svg\" alt=\"Logo\"' has no '>')",
    ),
    ("header_brand", "<textarea>Notes", "opens <textarea> and never closes it"),
    (
        "header_brand",
        "<div class='sig'><img src='a.svg' alt='A'>",
        "opens <div> and never closes it",
    ),
    ("footer", "</div></footer><p>Contact us</p>", "closes </div>, which it did not open"),
    ("extra_head", "<style>:root { --cb-brand: #333; }", "opens <style> and never closes it"),
    (
        "extra_head",
        '<base href="https://cdn.example.org/">',
        "has a <base> element, which would change the address of every file the player loads",
    ),
    (
        "header_brand",
        '<span id="cb-status">Dept</span>',
        "gives an element the id 'cb-status', which is the player's (ids starting cb- or "
        "coursebuild- are)",
    ),
]


def said(course: Path, out: Path) -> list[str]:
    """What building the course says, as printed from its parent folder."""
    with contextlib.chdir(course.parent):
        outcome = build([course], ["scorm12"], out)
    assert outcome.failed
    return [d.format() for d in outcome.diagnostics]


@pytest.mark.parametrize(("block", "markup", "problem"), CASES)
def test_a_block_that_would_break_the_player_is_said_at_its_line(
    bilingual: Path, tmp_path: Path, block: str, markup: str, problem: str
) -> None:
    write(
        bilingual / "theme" / "brand.html.j2",
        f'{{% extends "brand-base.html.j2" %}}\n\n{{% block {block} %}}{markup}{{% endblock %}}\n',
    )
    use_theme(bilingual)
    out = tmp_path / "out"
    assert said(bilingual, out) == [
        f"course/theme/brand.html.j2:3:1: error: theme template: block '{block}' {problem}; "
        + EXPECTED
    ]
    assert not out.exists()


def test_a_catalogue_brand_is_said_at_its_own_file(bilingual: Path, tmp_path: Path) -> None:
    write(
        bilingual.parent / "_theme" / "brand.html.j2",
        '{% extends "brand-base.html.j2" %}\n{% block footer %}\n{{ super() }}\n<!-- old:\n'
        "{% endblock %}\n",
    )
    (found,) = said(bilingual, tmp_path / "out")
    assert found.startswith("_theme/brand.html.j2:2:1: error: theme template: block 'footer' ")


def test_markup_that_closes_what_it_opens_builds(bilingual: Path, tmp_path: Path) -> None:
    brand = (
        '{% extends "brand-base.html.j2" %}\n'
        "{% block extra_head %}<!-- analytics: none --><style>a > b { color: red }</style>\n"
        "<script>if (1 < 2) { window.brand = '<b>'; }</script>{% endblock %}\n"
        '{% block header_brand %}<div class="sig"><img src="assets/a.svg" alt="A"/><br>'
        "<ul><li>One<li>Two</ul><p>Open paragraph</div>{% endblock %}\n"
        '{% block footer %}{{ super() }}<p id="dept-footer">{{ view.course.title[lang] }}'
        "{% endblock %}\n"
    )
    write(bilingual / "theme" / "brand.html.j2", brand)
    use_theme(bilingual)
    with contextlib.chdir(bilingual.parent):
        outcome = build([bilingual], ["scorm12"], tmp_path / "out")
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    data = (tmp_path / "out" / "course-scorm12.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        index = archive.read("index.html").decode()
    assert '<p id="dept-footer">A bilingual course' in index
