"""The render stage for long courses: which modules index.html holds, the table of contents page,
and the page-file addresses the runtime config gives the player (docs/runtime-contract.md)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builder.model import Course
from builder.pipeline import validate
from builder.render import html as render
from builder.render import view as views
from builder.render.config import runtime_config
from builder.render.plural import say
from builder.render.runtime import runtime_modules
from builder.render.view import course_view, mark_safe
from builder.theme import catalogues

Edit = Callable[[Path, str, str], None]
CONTENTS = "pages/_contents.html"


def load(folder: Path) -> Course:
    outcome = validate([folder])
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    (course,) = outcome.courses
    return course


def add_pages(folder: Path, copies: int) -> None:
    """`copies` more pages (copies of the introduction) before the assessment."""
    spec = (folder / "course.yml").read_text(encoding="utf-8")
    extra = ""
    for n in range(copies):
        for lang in ("en", "fr"):
            text = (folder / "modules" / f"intro.{lang}.md").read_text(encoding="utf-8")
            (folder / "modules" / f"more-{n}.{lang}.md").write_text(text, encoding="utf-8")
        extra += f"  - page: more-{n}\n"
    assert "  - assessment: quiz\n" in spec
    spec = spec.replace("  - assessment: quiz\n", extra + "  - assessment: quiz\n")
    (folder / "course.yml").write_text(spec, encoding="utf-8")


def rendered(course: Course) -> tuple[dict[str, Any], str, dict[str, str]]:
    """The safe view, the body and the page files of a course."""
    view = mark_safe(course_view(course))
    return view, render.render_body(view), render.render_pages(view)


def menu_entries(html: str, lang: str) -> list[tuple[str, str]]:
    """(href, module id) of each entry of a language's menu list."""
    match = re.search(
        rf'<ol class="cb-menu-list"[^>]*data-cb-lang="{lang}"[^>]*>(.*?)</ol>', html, re.S
    )
    assert match, f"no {lang} menu list"
    return re.findall(r'<a href="([^"]*)" data-cb-goto="([^"]*)"', match.group(1))


def test_a_long_course_links_its_table_of_contents_and_gives_the_player_each_address(
    bilingual: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(bilingual / "modules" / "clip.fr.md", "title: ", "title: <b>Vidéo</b> & ")
    monkeypatch.setattr(views, "INLINE_BUDGET", 0)  # every module after the first is a page file
    course = load(bilingual)
    view, body, files = rendered(course)
    ids = [m.id for m in course.modules]
    assert view["contents"] == CONTENTS
    assert [m["src"] for m in view["modules"]] == [None, *(f"pages/{i}.html" for i in ids[1:])]
    assert sorted(files) == sorted([CONTENTS, *(f"pages/{i}.html" for i in ids[1:])])

    config = runtime_config(course, "scorm12", view)
    assert config == runtime_config(course, "scorm12")  # the view, computed or given
    assert config["contents"] == CONTENTS
    assert "src" not in config["pages"][0]
    assert [p["src"] for p in config["pages"][1:]] == [m["src"] for m in view["modules"][1:]]
    modules = runtime_modules(config)
    assert modules.index("page-files.js") < modules.index("player.js")

    # index.html's menu: the inline module, then the link to the contents, in each language
    for lang in ("en", "fr"):
        assert menu_entries(body, lang) == [(f"#{lang}_{ids[0]}", ids[0])]
        label = say(catalogues()[lang]["menu_more"], lang, total=len(ids))
        link = f'<a href="{CONTENTS}" data-cb-contents>{label}</a>'
        assert f'<p class="cb-menu-more" lang="{lang}" data-cb-lang="{lang}"' in body
        assert link in body

    # the contents: every module, to its section or its page file, readable alone
    contents = files[CONTENTS]
    assert '<base href="../">' in contents
    assert "<script" not in contents
    for lang in ("en", "fr"):
        expected = [(f"index.html#{lang}_{ids[0]}", ids[0])]
        expected += [(f"pages/{i}.html", i) for i in ids[1:]]
        assert menu_entries(contents, lang) == expected
        back = catalogues()[lang]["back_to_course"]
        assert isinstance(back, str) and back in contents
    assert "&lt;b&gt;Vidéo&lt;/b&gt; &amp; " in contents and "<b>Vidéo" not in contents
    # each page file links back to the contents
    assert f'<a href="{CONTENTS}">' in files[f"pages/{ids[1]}.html"]


def test_a_course_without_page_files_keeps_its_whole_menu(bilingual: Path) -> None:
    course = load(bilingual)
    view, body, files = rendered(course)
    config = runtime_config(course, "scorm12", view)
    assert view["contents"] is None and files == {}
    assert "contents" not in config
    assert all("src" not in page for page in config["pages"])
    assert "page-files.js" not in runtime_modules(config)
    assert "data-cb-contents" not in body
    ids = [m.id for m in course.modules]
    for lang in ("en", "fr"):
        assert menu_entries(body, lang) == [(f"#{lang}_{i}", i) for i in ids]


def test_index_html_does_not_grow_with_the_modules_it_leaves_out(
    bilingual: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "INLINE_BUDGET", 0)
    sizes = []
    for copies in (5, 50):
        folder = tmp_path / f"course-{copies}"
        shutil.copytree(bilingual, folder)
        add_pages(folder, copies)
        course = load(folder)
        view, body, files = rendered(course)
        config = runtime_config(course, "scorm12", view)
        index = render.render_index(view, config, body)
        # all that grows: the config's "src" of each page file and the count of pages
        config_end = index.index("</script>")
        sizes.append((len(index) - config_end, len(files[CONTENTS])))
    (body_5, contents_5), (body_50, contents_50) = sizes
    assert abs(body_50 - body_5) <= 8  # "7 pages" / "52 pages", in two languages
    assert contents_50 > contents_5 + 45 * 2 * 150  # the contents hold every entry instead
