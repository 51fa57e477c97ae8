"""Markdown for bilingual pages (issue 15): language spans, callouts, accordions; no attribute
an author writes can carry script."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.diagnostics import Diagnostics
from builder.source.markdown import render_markdown


def render(text: str, course_dir: Path, lang: str = "fr") -> tuple[str, Diagnostics]:
    diagnostics = Diagnostics()
    result = render_markdown(text, "c/p.md", 1, course_dir, diagnostics, lang)
    return result.html, diagnostics


def test_an_english_phrase_in_french_text_is_marked_lang_en(tmp_path: Path) -> None:
    # Issue 15: "English phrases inside French text cannot be marked lang="en" (WCAG 3.1.2)".
    html, diagnostics = render("Lisez la [Social Media Policy]{lang=en} du ministère.", tmp_path)
    assert html == '<p>Lisez la <span lang="en">Social Media Policy</span> du ministère.</p>\n'
    assert len(diagnostics) == 0


def test_a_whole_block_can_be_marked_with_its_language(tmp_path: Path) -> None:
    html, diagnostics = render("{lang=en-CA}\nThink before you post.\n", tmp_path)
    assert html == '<p lang="en-CA">Think before you post.</p>\n'
    assert len(diagnostics) == 0


@pytest.mark.parametrize(
    "attrs",
    ['onclick="alert(1)"', 'style="display:none"', "href=x", ".big", "#main", 'src="x.png"'],
)
def test_attributes_that_could_smuggle_script_or_styles_are_refused(
    tmp_path: Path, attrs: str
) -> None:
    html, diagnostics = render(
        f"Voir [ceci]{{{attrs}}} ici.\n\nOu [cela](#a){{{attrs}}}.", tmp_path
    )
    assert [d.code for d in diagnostics] == ["markdown-attribute", "markdown-attribute"]
    for name in ("onclick", "style", "class", "id=", "src="):
        assert name not in html, html
    first = next(iter(diagnostics))
    assert first.location.line == 1 and first.location.col == 12
    assert "expected {lang=" in first.message


def test_a_block_attribute_that_is_not_lang_is_refused_at_its_line(tmp_path: Path) -> None:
    html, diagnostics = render('Texte.\n\n{onclick="alert(1)"}\nParagraphe.\n', tmp_path)
    assert [d.code for d in diagnostics] == ["markdown-attribute"]
    assert "onclick" not in html
    assert next(iter(diagnostics)).location.line == 3


# The long s and the Kelvin sign fold to "s" and "k" in a Unicode case-insensitive match: a
# tag is ASCII letters and digits alone [RFC 5646 §2.1], and a screen reader reads no other.
@pytest.mark.parametrize(
    "tag", ["english", "en_GB", "e", "en-", "12", "", "\u017fv", "en-\u212aE", "fr-\u0130T"]
)
def test_a_language_that_is_not_a_bcp47_tag_is_an_error(tmp_path: Path, tag: str) -> None:
    html, diagnostics = render(f'Voir [ceci]{{lang="{tag}"}}.', tmp_path)
    assert [d.code for d in diagnostics] == ["markdown-lang"], tag
    assert "lang=" not in html
    assert "BCP 47" in next(iter(diagnostics)).message


@pytest.mark.parametrize("tag", ["en", "en-GB", "fr-CA", "zh-Hant-TW", "iu-Cans", "es-419"])
def test_well_formed_bcp47_tags_are_accepted(tmp_path: Path, tag: str) -> None:
    html, diagnostics = render(f"Voir [ceci]{{lang={tag}}}.", tmp_path)
    assert f'lang="{tag}"' in html and len(diagnostics) == 0


@pytest.mark.parametrize(
    ("kind", "lang", "label"),
    [("note", "en", "Note"), ("tip", "en", "Tip"), ("warning", "fr", "Attention")],
)
def test_callouts_are_labelled_asides(tmp_path: Path, kind: str, lang: str, label: str) -> None:
    html, diagnostics = render(f"::: {kind}\nKeep it *short*.\n:::\n", tmp_path, lang)
    assert len(diagnostics) == 0
    assert html.startswith(f'<aside class="cb-callout cb-callout-{kind}" aria-label="{label}">')
    assert f'<p class="cb-callout-label" aria-hidden="true">{label}</p>' in html
    assert "<p>Keep it <em>short</em>.</p>\n</aside>" in html


def test_details_is_a_native_disclosure_with_its_summary(tmp_path: Path) -> None:
    html, diagnostics = render("::: details Learn more <b>now</b>\nHidden *text*.\n:::\n", tmp_path)
    assert len(diagnostics) == 0
    assert html.startswith(
        '<details class="cb-details">\n<summary>Learn more &lt;b&gt;now&lt;/b&gt;</summary>\n'
    )
    assert html.endswith("<p>Hidden <em>text</em>.</p>\n</details>\n")


def test_details_without_a_summary_and_unknown_blocks_are_errors(tmp_path: Path) -> None:
    _, diagnostics = render("Intro.\n\n::: details\nx\n:::\n\n::: danger\ny\n:::\n", tmp_path)
    found = [(d.code, d.location.line) for d in diagnostics]
    assert found == [("markdown-block", 3), ("markdown-block", 7)]
    messages = [d.message for d in diagnostics]
    assert "expected '::: details <what the reader opens>'" in messages[0]
    assert "expected one of note, tip, warning, details" in messages[1]


def test_unclosed_block_is_an_error(tmp_path: Path) -> None:
    _, diagnostics = render("::: note\nNever closed.\n", tmp_path)
    assert [(d.code, d.location.line) for d in diagnostics] == [("markdown-block", 1)]
