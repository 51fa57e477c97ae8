"""Hostile values: non-finite numbers, booleans as numbers, blank text, unsupported languages,
over-long SCORM 1.2 titles, and one crashing course among several (issue 13)."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support.hostile_sources import refused, run
from support.xsd import validate_scorm12, validate_scorm2004

from builder.diagnostics import Diagnostics
from builder.render.config import runtime_config
from builder.render.html import render_index
from builder.render.view import course_view, mark_safe
from builder.source import course_modules as validate_module
from builder.source.course import load_course
from builder.source.markdown import render_markdown
from builder.source.pages import load_page
from builder.targets.titles import fit_title

Edit = Callable[[Path, str, str], None]
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1e309"])
def test_non_finite_range_is_refused_at_its_line(course: Path, edit: Edit, value: str) -> None:
    edit(course / "assessments/quiz.yml", "    answer: 94", f"    min: {value}\n    max: 100")
    refused(
        course,
        f"course/assessments/quiz.yml:35:10: error: questions[5].min: expected a finite number, "
        f"found '{value.lstrip('.').replace('-.', '-')}",
    )


@pytest.mark.parametrize(("value", "shown"), [(".nan", "nan"), ("-.inf", "-inf")])
def test_non_finite_answer_is_refused_at_its_line(
    course: Path, edit: Edit, value: str, shown: str
) -> None:
    edit(course / "assessments/quiz.yml", "answer: 94", f"answer: {value}")
    refused(
        course,
        "course/assessments/quiz.yml:35:13: error: question 'num': answer: expected a finite "
        f"number, found '{shown}' [bad-value]",
    )


def test_the_config_writer_refuses_non_finite_numbers(course: Path) -> None:
    loaded = load_course(course, Diagnostics())
    assert loaded is not None
    view = mark_safe(course_view(loaded))
    config: dict[str, Any] = runtime_config(loaded, "scorm12", view)
    assert "NaN" not in render_index(view, config, "")
    with pytest.raises(ValueError, match="JSON compliant"):
        render_index(view, {**config, "numeric": float("nan")}, "")


@pytest.mark.parametrize(
    ("old", "new", "where", "expected"),
    [
        ("pass_mark: 80", "pass_mark: true", "2:12", "pass_mark: expected a whole number"),
        ("attempts: 2", "attempts: false", "3:11", "attempts: expected a whole number"),
        ("answer: 94", "answer: true", "35:13", "question 'num': answer: expected a number"),
    ],
)
def test_a_boolean_or_float_is_not_a_whole_number(
    course: Path, edit: Edit, old: str, new: str, where: str, expected: str
) -> None:
    edit(course / "assessments/quiz.yml", old, new)
    refused(course, f"course/assessments/quiz.yml:{where}: error: {expected}")


def test_a_boolean_range_bound_is_not_a_number(course: Path, edit: Edit) -> None:
    edit(course / "assessments/quiz.yml", "    answer: 94", "    min: true\n    max: 5")
    refused(
        course,
        "course/assessments/quiz.yml:35:10: error: questions[5].min: expected a number, "
        "found 'true' [wrong-type]",
    )


def test_a_course_title_of_zero_width_spaces_is_blank(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "title: A minimal course", 'title: "\\u200b\\u200b \\ufeff"')
    refused(course, "course/course.yml:5:8: error: title is blank; expected text [blank-text]")


def test_a_page_title_of_zero_width_spaces_is_blank(course: Path, edit: Edit) -> None:
    edit(course / "modules/intro.en.md", "title: Introduction", 'title: "\\u200b\\u2060"')
    refused(course, "course/modules/intro.en.md:2:8: error: title is blank; expected a title")


def test_a_translated_title_of_zero_width_spaces_is_missing(bilingual: Path, edit: Edit) -> None:
    edit(bilingual / "course.yml", "fr: Un cours bilingue", 'fr: "\\u200b"')
    refused(bilingual, "course/course.yml:5:8: error: title has no 'fr' text")


def test_a_blank_prompt_is_refused(course: Path, edit: Edit) -> None:
    edit(course / "assessments/quiz.yml", "prompt: Pick a.", 'prompt: "\\u200b"')
    refused(
        course,
        "course/assessments/quiz.yml:11:13: error: question 'one' prompt is blank; expected "
        "text [blank-text]",
    )


@pytest.mark.parametrize(("answers", "col"), [('[""]', 15), ('[hashtag, "\\u200b "]', 24)])
def test_a_blank_fill_in_answer_is_refused(
    course: Path, edit: Edit, answers: str, col: int
) -> None:
    edit(course / "assessments/quiz.yml", 'answers: [hashtag, "#hashtag"]', f"answers: {answers}")
    refused(
        course,
        f"course/assessments/quiz.yml:25:{col}: error: question 'fill': an accepted answer is "
        "blank; expected text a learner can type [blank-answer]",
    )


def test_an_unsupported_language_is_refused_by_validate(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "languages: [en]", "languages: [en, de]")
    refused(
        course,
        "course/course.yml:4:17: error: languages: 'de' is not supported; expected one of: "
        "en, fr [unsupported-language]",
    )


def _catalogue(tmp_path: Path) -> Path:
    catalogue = tmp_path / "src"
    for name in ("a", "b", "c"):
        shutil.copytree(FIXTURES / "minimal", catalogue / name)
    text = (catalogue / "b/assessments/quiz.yml").read_text(encoding="utf-8")
    (catalogue / "b/assessments/quiz.yml").write_text(
        text.replace("pass_mark: 80", "pass_mark: 101"), encoding="utf-8"
    )
    return catalogue


def test_an_unsupported_language_does_not_hide_other_courses(tmp_path: Path, edit: Edit) -> None:
    catalogue = _catalogue(tmp_path)
    edit(catalogue / "a/course.yml", "languages: [en]", "languages: [en, de]")
    for command in ("validate", "build"):
        verdict = run(command, catalogue)
        assert verdict.exit_code == 1
        assert "a/course.yml:4:17: error: languages: 'de' is not supported" in verdict.stderr
        assert "b/assessments/quiz.yml:2:12: error: pass_mark" in verdict.stderr
        assert not verdict.out.exists()


@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_crashing_course_does_not_hide_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    catalogue = _catalogue(tmp_path)

    def crash_in_a(name: str, listed_at: Any, ctx: Any) -> Any:
        if ctx.course_dir.name == "a":
            raise RuntimeError("boom")
        return load_page(name, listed_at, ctx)

    monkeypatch.setattr(validate_module, "load_page", crash_in_a)
    verdict = run(command, catalogue)
    assert verdict.exit_code == 1
    assert (
        "a/course.yml: error: coursebuild failed on this course (RuntimeError: boom); "
        "expected no crash: please report it [internal-error]" in verdict.stderr
    ), verdict.stderr
    assert "b/assessments/quiz.yml:2:12: error: pass_mark" in verdict.stderr
    assert not verdict.out.exists()


def _long(words: str, n: int) -> str:
    return " ".join([words] * n)


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        (["Short", "Court"], "Short / Court"),
        (["Same", "Same"], "Same"),
        ([_long("English", 20), _long("Français", 20)], _long("English", 20)),
        ([_long("word", 60), "Court"], _long("word", 40) + "…"),
        ([_long("wordy", 50)], _long("wordy", 33) + "…"),
        (["x" * 300], "x" * 199 + "…"),
    ],
)
def test_fit_title(titles: list[str], expected: str) -> None:
    fitted = fit_title(titles)
    assert fitted == expected
    assert len(fitted) <= 200


def _manifest(out: Path, target: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO((out / f"course-{target}.zip").read_bytes())) as package:
        return package.read("imsmanifest.xml")


def test_a_long_bilingual_title_builds_a_valid_scorm12_manifest(
    bilingual: Path, edit: Edit
) -> None:
    en, fr = _long("Navigating", 12), _long("Naviguer", 14)
    edit(
        bilingual / "course.yml",
        "en: A bilingual course, fr: Un cours bilingue",
        f"en: {en}, fr: {fr}",
    )
    edit(
        bilingual / "course.yml",
        "assessment: passed",
        "assessment: passed\ntargets: [scorm12, scorm2004]",
    )
    verdict = run("build", bilingual)
    assert verdict.exit_code == 0, verdict.stderr
    assert (
        f"course/course.yml:5:8: warning: title is {len(en) + 3 + len(fr)} characters in the "
        "SCORM 1.2 manifest, over the 200 it allows; the LMS catalogue will show "
        f"'{en}' [title-too-long]" in verdict.stderr
    ), verdict.stderr
    manifest = _manifest(verdict.out, "scorm12")
    assert validate_scorm12(manifest) == []
    assert f"<title>{en}</title>".encode() in manifest
    # SCORM 2004's titleType has no maxLength: the whole bilingual title stays.
    manifest_2004 = _manifest(verdict.out, "scorm2004")
    assert validate_scorm2004(manifest_2004) == []
    assert f"<title>{en} / {fr}</title>".encode() in manifest_2004


def test_a_short_bilingual_title_is_kept_whole_without_warning(bilingual: Path) -> None:
    verdict = run("build", bilingual)
    assert verdict.exit_code == 0, verdict.stderr
    assert "title-too-long" not in verdict.stderr
    assert b"<title>A bilingual course / Un cours bilingue</title>" in _manifest(
        verdict.out, "scorm12"
    )


def _raw_html(text: str) -> list[str]:
    found = Diagnostics()
    render_markdown(text, "page.md", 5, Path("."), found)
    return [d.format() for d in found if d.code == "raw-html"]


@pytest.mark.parametrize(
    ("text", "col"),
    [("&lt;div&gt; and <b>x</b>\n", 17), ("`<b>` then <b>x\n", 12), ("a <i>b</i>\n", 3)],
)
def test_raw_html_warning_has_its_column(text: str, col: int) -> None:
    assert _raw_html(text) == [
        f"page.md:5:{col}: warning: raw HTML '<{'i' if '<i' in text else 'b'}' is shown as "
        "text, never run; expected Markdown [raw-html]"
    ]


def test_an_html_entity_is_not_raw_html() -> None:
    assert _raw_html("Write &lt;div&gt; to open a block.\n") == []
