"""Element ids cannot clash, whatever the author names pages and questions.

A page's section had the id `<lang>-<page>`, its heading `<lang>-<page>-h`, its attachments'
heading `<lang>-<page>-files`, an assessment's question `<lang>-q-<question>` and a pre-test's
`<lang>-p-<question>`. So a page `intro-h` took the id of page `intro`'s heading, a page `q-one`
the final's question `one`, a page `p-one` the pre-test's, a page `intro-files` the heading of
intro's attachments: the player, finding a page by its id, showed nothing or the wrong page, and
a label or a description named another element. Ids are now slugs, language tags and fixed words
joined by `_`, which none of them contains."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from test_checks_render import CHECK as CHECKED
from test_pretest_render import with_pretest

from builder.pipeline import validate
from builder.render import html as render
from builder.render.view import course_view, mark_safe

Edit = Callable[[Path, str, str], None]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# pages named after ids the old scheme gave intro's heading, attachments and check, and questions
NAMED = ("intro-h", "intro-files", "q-one", "p-one", "intro-check")
CHECK = CHECKED.replace("id: one", "id: h")  # a check question named like a heading


def clashing_course(course: Path, edit: Edit) -> None:
    """The bilingual fixture with a pre-test, a check and attachments on intro, and pages named
    after the ids of intro's heading, attachments and check, and of a question of each quiz."""
    with_pretest(course, edit)
    (course / "assessments" / "intro-check.yml").write_text(CHECK, encoding="utf-8")
    (course / "media" / "job-aid.pdf").write_bytes(PDF)
    for lang in ("en", "fr"):
        intro = (course / "modules" / f"intro.{lang}.md").read_text(encoding="utf-8")
        for page in NAMED:
            (course / "modules" / f"{page}.{lang}.md").write_text(intro, encoding="utf-8")
        edit(
            course / f"modules/intro.{lang}.md",
            "---\n",
            f"---\nattachments:\n  - file: media/job-aid.pdf\n    title: Job aid\n"
            f"    language: {lang}\n",
        )
    pages = "".join(f"  - page: {page}\n" for page in NAMED)
    edit(
        course / "course.yml",
        "  - page: intro\n",
        "  - page: intro\n    check: intro-check\n" + pages,
    )


def test_no_two_elements_share_an_id_and_every_reference_names_its_own(
    bilingual: Path, edit: Edit
) -> None:
    clashing_course(bilingual, edit)
    outcome = validate([bilingual])
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    (course,) = outcome.courses
    body = render.render_body(mark_safe(course_view(course)))
    ids = re.findall(r'\bid="([^"]+)"', body)
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    named = re.findall(r'\b(?:for|aria-labelledby|aria-describedby)="([^"]+)"', body)
    fragments = re.findall(r'\bhref="#([^"]+)"', body)
    assert set(named) | set(fragments) <= set(ids)
    # each page's section is labelled by its own heading, and its menu entry leads to it
    for lang in ("en", "fr"):
        pages = re.findall(
            rf'<section class="cb-page[^"]*" id="({lang}_[^"]+)" data-cb-page="([^"]+)" '
            r'aria-labelledby="([^"]+)">\s*<h1 id="([^"]+)"',
            body,
        )
        assert len(pages) == len(NAMED) + 4  # the pre-test, intro, clip, the quiz
        for section_id, page, label, heading in pages:
            assert (label, heading) == (f"{section_id}_h", f"{section_id}_h")
            assert f'<a href="#{section_id}" data-cb-goto="{page}">' in body
