"""A source that is not UTF-8 is a `file-encoding` error at its first bad byte, never a crash."""

from __future__ import annotations

import codecs
import contextlib
from pathlib import Path

from support.theme_kit import use_theme, write

from builder.pipeline import validate


def diagnostics(course: Path) -> list[str]:
    """What `validate` says, as printed from the course's parent folder."""
    with contextlib.chdir(course.parent):
        outcome = validate([course])
    assert outcome.failed
    return [d.format() for d in outcome.diagnostics]


def test_a_course_yml_saved_as_utf16_says_so(bilingual: Path) -> None:
    spec = bilingual / "course.yml"
    spec.write_bytes(codecs.BOM_UTF16_LE + spec.read_text(encoding="utf-8").encode("utf-16-le"))
    assert diagnostics(bilingual) == [
        "course/course.yml:1:1: error: file is UTF-16 (it starts with FF FE); expected UTF-8 "
        "text [file-encoding]\n"
        "    hint: save it as UTF-8 (in most editors: Save As, then the encoding UTF-8)"
    ]


def test_the_bad_byte_is_placed_after_a_byte_order_mark_and_crlf_lines(bilingual: Path) -> None:
    page = bilingual / "modules" / "intro.fr.md"
    page.write_bytes(codecs.BOM_UTF8 + b"---\r\ntitle: \xc3\x89t\xe9\r\n---\r\n\r\nTexte.\r\n")
    (found,) = diagnostics(bilingual)
    assert found.startswith(
        "course/modules/intro.fr.md:2:10: error: file is not valid UTF-8 (byte 0xE9 at line 2, "
        "column 10); expected UTF-8 text [file-encoding]"
    ), found


def test_a_theme_template_in_windows_1252_is_said_at_its_line(bilingual: Path) -> None:
    write(bilingual / "theme" / "brand.html.j2", "")
    (bilingual / "theme" / "brand.html.j2").write_bytes(
        b'{% extends "brand-base.html.j2" %}\n{% block footer %}Minist\xe8re{% endblock %}\n'
    )
    use_theme(bilingual)
    (found,) = diagnostics(bilingual)
    assert found.startswith(
        "course/theme/brand.html.j2:2:25: error: file is not valid UTF-8 (byte 0xE8 at line 2, "
        "column 25)"
    ), found
