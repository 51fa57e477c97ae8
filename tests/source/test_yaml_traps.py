"""Authors' first mistakes: YAML traps get a hint saying what to write, and a language without
the player's strings is a diagnostic at `validate` and `build`, never an internal error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app

Edit = Callable[[Path, str, str], None]


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stderr


def test_a_comma_in_a_flow_map_gets_a_hint(bilingual: Path, edit: Edit) -> None:
    edit(
        bilingual / "assessments/quiz.yml",
        "prompt: {en: The sky is blue., fr: Le ciel est bleu.}",
        "prompt: {en: Look up, the sky is blue., fr: Le ciel est bleu.}",
    )
    code, err = _run("validate", str(bilingual))
    assert code == 1
    assert (
        "quiz.yml:7:13: error: questions[0].prompt: expected text or a language map like "
        "{en: ..., fr: ...}, found a mapping [bad-value]\n"
        "    hint: a comma inside {...} starts a new entry; put text that holds a comma in "
        'quotes, such as {en: "Before posting, ask.", fr: "Avant de publier, demandez."}\n'
    ) in err


def test_an_unquoted_duration_gets_a_hint(bilingual: Path, edit: Edit) -> None:
    edit(bilingual / "modules/clip.en.md", 'duration: "0:05"', "duration: 3:32")
    code, err = _run("validate", str(bilingual))
    assert code == 1
    assert (
        "clip.en.md:6:13: error: video.duration: expected text, found '212' [wrong-type]\n"
        '    hint: without quotes, 3:32 is the base-60 number 212; write "3:32"\n'
    ) in err


def test_a_quoted_boolean_gets_a_hint(bilingual: Path, edit: Edit) -> None:
    edit(bilingual / "assessments/quiz.yml", "answer: true", 'answer: "false"')
    code, err = _run("validate", str(bilingual))
    assert code == 1
    assert (
        "quiz.yml:8:13: error: question 'tf': answer: expected true or false, found 'false' "
        "[wrong-type]\n"
        "    hint: in quotes, 'false' is text; write false without quotes for true/false\n"
    ) in err


def test_a_trap_that_is_not_an_error_gets_no_hint(bilingual: Path, edit: Edit) -> None:
    edit(bilingual / "course.yml", "version: 1.0.0", 'version: "1.0.0"\n# "true"')
    edit(bilingual / "modules/clip.en.md", "title: A short clip", 'title: "yes"')
    code, err = _run("validate", str(bilingual))
    assert (code, err) == (0, "")


@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_language_without_a_catalogue_is_a_diagnostic(
    command: str, bilingual: Path, edit: Edit, tmp_path: Path
) -> None:
    edit(bilingual / "course.yml", "languages: [en, fr]", "languages: [en, iu]")
    args = ["--out", str(tmp_path / "dist")] if command == "build" else []
    code, err = _run(command, str(bilingual), *args)
    assert code == 1
    assert (
        "course.yml:4:17: error: languages: 'iu' is not supported; expected one of: en, fr "
        "[unsupported-language]\n"
    ) in err
    assert "internal-error" not in err
    assert not (tmp_path / "dist").exists()


def test_paths_are_named_from_the_current_folder(
    bilingual: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(bilingual / "assessments/quiz.yml", "attempts: 2", "attempts: twice")
    line = "course/assessments/quiz.yml:3:11: error: attempts:"
    monkeypatch.chdir(bilingual.parent.parent)
    here = bilingual.parent.name
    for source, shown in [
        (f"{here}/course", f"{here}/{line}"),
        (f"{here}/", f"{here}/{line}"),
        (str(bilingual), f"{here}/{line}"),
        (f"./{here}/../{here}/course", f"{here}/{line}"),
    ]:
        assert _run("validate", source)[1].startswith(shown), source
    monkeypatch.chdir(bilingual)
    assert _run("validate", ".")[1].startswith(line.removeprefix("course/"))
    monkeypatch.chdir(bilingual / "modules")
    assert _run("validate", "..")[1].startswith(f"../{line.removeprefix('course/')}")


@pytest.mark.parametrize("command", ["validate", "build"])
def test_strict_says_it_made_the_warning_fatal(
    command: str, bilingual: Path, edit: Edit, tmp_path: Path
) -> None:
    edit(bilingual / "modules/intro.en.md", "\n\n", "\n\n<b>bold</b>\n\n")
    out = ["--out", str(tmp_path / "plain")] if command == "build" else []
    assert _run(command, str(bilingual), *out)[0] == 0
    args = ["--out", str(tmp_path / "dist")] if command == "build" else []
    code, err = _run(command, "--strict", str(bilingual), *args)
    assert code == 1
    assert "0 error(s), 1 warning(s)\nfailed: --strict treats the 1 warning(s) as errors\n" in err
