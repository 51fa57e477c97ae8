"""Issue 15, pages: language spans, callouts and attachments reach every target's package; an
attachment is listed with its kind, size and language, and packaged."""

from __future__ import annotations

import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.pipeline import build
from builder.targets import available

Edit = Callable[[Path, str, str], None]
# Incompressible, as real PDFs mostly are (the package self-check refuses zip-bomb ratios).
PDF = b"%PDF-1.4\n" + random.Random(15).randbytes(250_870)  # 245 KiB with the header


def _build(course: Path, target: str) -> tuple[zipfile.ZipFile | None, list[str]]:
    out = course.parent / f"dist-{target}"
    outcome = build([course], [target], out, force=True)
    found = [d.format() for d in outcome.diagnostics]
    if outcome.failed:
        return None, found
    return zipfile.ZipFile(out / f"course-{target}.zip"), found


def _with_attachment(course: Path, edit: Edit, fr_language: str = "en") -> None:
    (course / "media").mkdir(exist_ok=True)
    (course / "media/job-aid.pdf").write_bytes(PDF)
    for lang, title, language in (("en", "Job aid", "en"), ("fr", "Aide-mémoire", fr_language)):
        edit(
            course / f"modules/intro.{lang}.md",
            "---\n",
            f"---\nattachments:\n  - file: media/job-aid.pdf\n    title: {title}\n"
            f"    language: {language}\n",
        )


@pytest.mark.parametrize("target", sorted(available()))
def test_lang_spans_callouts_and_attachments_reach_every_target(
    bilingual: Path, edit: Edit, target: str
) -> None:
    edit(
        bilingual / "modules/intro.fr.md",
        "# Bienvenue",
        "# Bienvenue\n\nLisez la [Social Media Policy]{lang=en}.\n\n::: tip\nCourt.\n:::",
    )
    edit(bilingual / "modules/intro.en.md", "# Welcome", "# Welcome\n\n::: tip\nShort.\n:::")
    _with_attachment(bilingual, edit)
    package, found = _build(bilingual, target)
    assert package is not None, found
    index = package.read("index.html").decode("utf-8")
    assert '<span lang="en">Social Media Policy</span>' in index
    assert '<aside class="cb-callout cb-callout-tip" aria-label="Conseil">' in index
    assert '<aside class="cb-callout cb-callout-tip" aria-label="Tip">' in index
    assert package.read("media/job-aid.pdf") == PDF
    assert 'href="media/job-aid.pdf" hreflang="en" type="application/pdf"' in index
    assert "(PDF, 245 KB, " in index and "(PDF, 245\u00a0Ko, " in index
    assert '<span lang="en">English</span>' in index


def test_attachments_are_packaged_and_listed_in_the_manifest(bilingual: Path, edit: Edit) -> None:
    _with_attachment(bilingual, edit)
    package, found = _build(bilingual, "scorm12")
    assert package is not None, found
    assert '<file href="media/job-aid.pdf"/>' in package.read("imsmanifest.xml").decode()


def test_an_attachment_size_in_megabytes_has_a_decimal_per_language(
    bilingual: Path, edit: Edit
) -> None:
    _with_attachment(bilingual, edit)
    (bilingual / "media/job-aid.pdf").write_bytes(b"%PDF" + random.Random(1).randbytes(1_300_000))
    package, found = _build(bilingual, "cmi5")
    assert package is not None, found
    index = package.read("index.html").decode("utf-8")
    assert "(PDF, 1.2 MB, " in index and "(PDF, 1,2\u00a0Mo, " in index


def test_attachment_problems_are_diagnostics_at_their_line(bilingual: Path, edit: Edit) -> None:
    edit(
        bilingual / "modules/intro.en.md",
        "---\n",
        "---\nattachments:\n  - file: ../secret.pdf\n    title: Job aid\n    language: en\n"
        "  - file: media/chart.png\n    title: Chart\n    language: de\n",
    )
    package, found = _build(bilingual, "scorm12")
    assert package is None
    assert any(":3:" in d and "[path-outside-course]" in d for d in found), found
    assert any(":8:" in d and "[attachment-language]" in d for d in found), found
    assert any("expected one of en, fr" in d for d in found), found
    assert not (bilingual.parent / "dist-scorm12").exists()


def test_an_attachment_or_callout_in_one_language_only_is_a_warning(
    bilingual: Path, edit: Edit
) -> None:
    (bilingual / "media/job-aid.pdf").write_bytes(PDF)
    edit(
        bilingual / "modules/intro.en.md",
        "---\n",
        "---\nattachments:\n  - file: media/job-aid.pdf\n    title: Job aid\n    language: en\n",
    )
    edit(bilingual / "modules/intro.en.md", "# Welcome", "# Welcome\n\n::: note\nN.\n:::")
    _, found = _build(bilingual, "scorm12")
    parity = [d for d in found if "[block-parity]" in d]
    assert len(parity) == 2, found
    assert any("1 attachment(s) in 'en' but 0 in 'fr'" in d for d in parity), parity
    assert any("1 note block(s) in 'en' but 0 in 'fr'" in d for d in parity), parity
