"""Both languages everywhere: one missing French text per case, each with its exact diagnostic;
and translations last committed before their source (a warning; an error with --strict)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support.git_kit import commit_all, count_git, git
from typer.testing import CliRunner

from builder.cli import app
from builder.diagnostics import Diagnostics
from builder.source import parity

Edit = Callable[[Path, str, str], None]
FR_VIDEO = (
    'video:\n  url: media/clip.mp4\n  title: Un court extrait\n  duration: "0:05"\n'
    "  captions: media/clip.fr.vtt\n  descriptions: media/clip.fr.descriptions.vtt\n"
)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def _module_file(c: Path, edit: Edit) -> None:
    (c / "modules/intro.fr.md").unlink()


def _module_text(c: Path, edit: Edit) -> None:
    (c / "modules/intro.fr.md").write_text("---\ntitle: Introduction\n---\n\n", encoding="utf-8")


def _prompt(c: Path, edit: Edit) -> None:
    edit(c / "assessments/quiz.yml", ", fr: Choisissez a.}", "}")


def _plain_prompt(c: Path, edit: Edit) -> None:
    edit(c / "assessments/quiz.yml", "{en: Pick a., fr: Choisissez a.}", "Pick a.")


def _choice(c: Path, edit: Edit) -> None:
    edit(c / "assessments/quiz.yml", "{en: B, fr: B}", "{en: B}")


def _choice_feedback(c: Path, edit: Edit) -> None:
    edit(c / "assessments/quiz.yml", "feedback: {en: No., fr: Non.}", "feedback: {en: No.}")


def _question_feedback(c: Path, edit: Edit) -> None:
    edit(c / "assessments/quiz.yml", ", fr: Regardez en haut.}", "}")


def _transcript(c: Path, edit: Edit) -> None:
    edit(c / "modules/clip.fr.md", "transcript: transcripts/clip.fr.md\n", "")


def _transcript_reused(c: Path, edit: Edit) -> None:
    edit(c / "modules/clip.fr.md", "transcripts/clip.fr.md", "transcripts/clip.en.md")


def _captions(c: Path, edit: Edit) -> None:
    edit(c / "modules/clip.fr.md", "  captions: media/clip.fr.vtt\n", "")


def _captions_reused(c: Path, edit: Edit) -> None:
    edit(c / "modules/clip.fr.md", "media/clip.fr.vtt", "media/clip.en.vtt")


def _video_inherited(c: Path, edit: Edit) -> None:
    edit(c / "modules/clip.fr.md", FR_VIDEO, "")


def _image_alt(c: Path, edit: Edit) -> None:
    edit(c / "modules/intro.fr.md", "![Un graphique à barres", "![](media/chart.png) Un graphique")


def _image_blank_alt(c: Path, edit: Edit) -> None:
    edit(c / "modules/intro.fr.md", "Ce cours", "Voir ![  ](media/chart.png). Ce cours")


def _fill_in_answers(c: Path, edit: Edit) -> None:
    edit(c / "assessments/quiz.yml", "      fr: [mot-clic]\n", "")


CASES = [
    (
        _module_file,
        "course/course.yml:8:5: error: module 'intro' has no 'fr' file; expected "
        "course/modules/intro.fr.md [missing-translation]",
    ),
    (
        _module_text,
        "course/modules/intro.fr.md:1:1: error: module 'intro' has a title but no text in 'fr'; "
        "expected the 'fr' text of course/modules/intro.en.md [missing-translation]",
    ),
    (
        _prompt,
        "course/assessments/quiz.yml:14:13: error: question 'one' prompt has no 'fr' text; "
        "expected 'fr: ...' beside en [missing-translation]",
    ),
    (
        _plain_prompt,
        "course/assessments/quiz.yml:14:13: error: question 'one' prompt is plain text in a "
        "course declared in en, fr; expected a language map {en: ..., fr: ...} "
        "[missing-translation]",
    ),
    (
        _choice,
        "course/assessments/quiz.yml:17:23: error: question 'one' choice 'b' has no 'fr' text; "
        "expected 'fr: ...' beside en [missing-translation]",
    ),
    (
        _choice_feedback,
        "course/assessments/quiz.yml:17:49: error: question 'one' choice 'b' feedback has no "
        "'fr' text; expected 'fr: ...' beside en [missing-translation]",
    ),
    (
        _question_feedback,
        "course/assessments/quiz.yml:11:18: error: question 'tf' feedback (incorrect) has no "
        "'fr' text; expected 'fr: ...' beside en [missing-translation]",
    ),
    (
        _transcript,
        "course/modules/clip.en.md:9:13: error: module 'clip' has a transcript in 'en' but not "
        "in 'fr'; expected 'transcript:' in course/modules/clip.fr.md [missing-translation]",
    ),
    (
        _transcript_reused,
        "course/modules/clip.fr.md:9:13: error: module 'clip' uses its 'en' transcript in 'fr' "
        "too; expected a transcript written in 'fr' [missing-translation]",
    ),
    (
        _captions,
        "course/modules/clip.fr.md:4:3: error: local video 'media/clip.mp4' has no 'fr' "
        "captions; expected 'captions: media/<file>.fr.vtt' (WCAG 2.1 AA needs captions) "
        "[captions-missing]",
    ),
    (
        _captions_reused,
        "course/modules/clip.fr.md:7:13: error: captions 'media/clip.en.vtt' of module 'clip' "
        "are its 'en' captions; expected captions in 'fr' [missing-translation]",
    ),
    (
        _video_inherited,
        "course/modules/clip.en.md:4:3: error: module 'clip' has a video with captions, "
        "descriptions and title in 'en' but no 'video:' in course/modules/clip.fr.md; expected "
        "the video's 'fr' captions, descriptions and title [missing-translation]",
    ),
    (
        _image_alt,
        "course/modules/intro.fr.md:9:1: error: image 'media/chart.png' has no alt text; "
        "expected ![what the image shows](media/chart.png) [image-no-alt]",
    ),
    (
        _image_blank_alt,
        "course/modules/intro.fr.md:7:6: error: image 'media/chart.png' has no alt text; "
        "expected ![what the image shows](media/chart.png) [image-no-alt]",
    ),
    (
        _fill_in_answers,
        "course/assessments/quiz.yml:22:7: error: question 'fill': answers have no 'fr' list; "
        "expected 'fr: [...]' [missing-translation]",
    ),
]


def test_the_fixture_is_complete_in_both_languages(bilingual: Path) -> None:
    code, stderr = run("build", str(bilingual), "--out", str(bilingual.parent / "dist"), "--strict")
    assert code == 0, stderr
    assert stderr == ""


@pytest.mark.parametrize(("mutate", "expected"), CASES, ids=[c[0].__name__[1:] for c in CASES])
def test_a_missing_french_text_fails_the_build_with_its_place(
    bilingual: Path, edit: Edit, mutate: Callable[[Path, Edit], None], expected: str
) -> None:
    mutate(bilingual, edit)
    out = bilingual.parent / "dist"
    code, stderr = run("build", str(bilingual), "--out", str(out))
    stderr = stderr.replace(str(bilingual.parent) + "/", "")
    assert code == 1, stderr
    assert stderr.splitlines()[0] == expected, stderr
    assert stderr.splitlines()[1] == "1 error(s), 0 warning(s)", stderr
    assert not out.exists()


# --- translations older than their source ---------------------------------------------------


def commit(repo: Path, message: str, when: str) -> None:
    commit_all(repo, message, when)


@pytest.fixture
def repo(bilingual: Path) -> Path:
    """The fixture course in a fresh git repository, everything committed on 2024-01-02."""
    root = bilingual.parent
    commit(root, "Both languages", "2024-01-02T10:00:00Z")
    return root


def stale(translation: str, source: str, translated: str, written: str) -> str:
    return (
        f"course/{translation}:1:1: warning: translation course/{translation} was last "
        f"committed {translated}, before its source course/{source} ({written}); expected the "
        "translation brought up to date (then committed) [translation-stale]"
    )


def test_a_translation_older_than_its_source_is_a_warning_and_strict_fails(
    repo: Path, bilingual: Path, edit: Edit
) -> None:
    edit(bilingual / "modules/intro.en.md", "two pages", "two short pages")
    edit(bilingual / "transcripts/clip.en.md", "Every word", "Every single word")
    edit(bilingual / "media/clip.en.vtt", "Every word", "Every single word")
    commit(repo, "English changes", "2024-03-04T15:30:00Z")

    code, stderr = run("validate", str(bilingual))
    lines = stderr.replace(str(repo) + "/", "").splitlines()
    assert code == 0, stderr
    assert lines == [
        stale(
            "media/clip.fr.vtt",
            "media/clip.en.vtt",
            "2024-01-02 10:00 UTC",
            "2024-03-04 15:30 UTC",
        ),
        stale(
            "modules/intro.fr.md",
            "modules/intro.en.md",
            "2024-01-02 10:00 UTC",
            "2024-03-04 15:30 UTC",
        ),
        stale(
            "transcripts/clip.fr.md",
            "transcripts/clip.en.md",
            "2024-01-02 10:00 UTC",
            "2024-03-04 15:30 UTC",
        ),
        "0 error(s), 3 warning(s)",
    ]

    out = repo / "dist"
    code, stderr = run("build", str(bilingual), "--out", str(out), "--strict")
    assert code == 1, stderr
    assert "[translation-stale]" in stderr
    assert "build failed" in stderr
    assert not out.exists()

    # The translator catches up: committed later, the warnings go.
    edit(bilingual / "modules/intro.fr.md", "deux pages", "deux courtes pages")
    edit(bilingual / "transcripts/clip.fr.md", "Chaque mot", "Chacun des mots")
    edit(bilingual / "media/clip.fr.vtt", "Chaque mot", "Chacun des mots")
    commit(repo, "French changes", "2024-03-05T09:00:00Z")
    code, stderr = run("build", str(bilingual), "--out", str(out), "--strict")
    assert code == 0, stderr
    assert stderr == ""


def test_same_commit_uncommitted_files_and_no_git_give_no_warning(
    repo: Path, bilingual: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Changed in one commit, both languages: not stale.
    edit(bilingual / "modules/intro.en.md", "two pages", "two short pages")
    edit(bilingual / "modules/intro.fr.md", "deux pages", "deux courtes pages")
    commit(repo, "Both languages again", "2024-03-04T15:30:00Z")
    assert run("validate", str(bilingual), "--strict") == (0, "")
    # A new page not yet committed: nothing to compare.
    edit(bilingual / "course.yml", "  - page: clip\n", "  - page: clip\n  - page: extra\n")
    (bilingual / "modules/extra.en.md").write_text("---\ntitle: Extra\n---\n\nMore.\n")
    (bilingual / "modules/extra.fr.md").write_text("---\ntitle: Extra\n---\n\nPlus.\n")
    assert run("validate", str(bilingual), "--strict") == (0, "")
    # English changed later, but git is not on PATH: skipped silently.
    edit(bilingual / "modules/intro.en.md", "two short", "two very short")
    commit(repo, "English only", "2024-04-01T08:00:00Z")
    assert run("validate", str(bilingual), "--strict")[0] == 1
    monkeypatch.setenv("PATH", str(repo / "no-such-folder"))
    assert run("validate", str(bilingual), "--strict") == (0, "")


def test_git_is_asked_once_per_course_not_once_per_file(
    repo: Path, bilingual: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long course has a translation per page; a git process per file took seconds.
    for n in range(30):
        (bilingual / f"modules/more-{n}.en.md").write_text(f"---\ntitle: P{n}\n---\n\nText.\n")
        (bilingual / f"modules/more-{n}.fr.md").write_text(f"---\ntitle: P{n}\n---\n\nTexte.\n")
    commit(repo, "Thirty pages", "2024-02-01T10:00:00Z")
    edit(bilingual / "modules/more-7.en.md", "Text.", "Changed text.")
    commit(repo, "One English page", "2024-03-01T10:00:00Z")
    counterparts = [
        (bilingual / f"modules/more-{n}.fr.md", bilingual / f"modules/more-{n}.en.md")
        for n in range(30)
    ]
    calls = count_git(monkeypatch)
    diagnostics = Diagnostics()
    parity.check_stale_translations(bilingual, counterparts, diagnostics)
    assert [d.location.file for d in diagnostics.sorted()] == ["course/modules/more-7.fr.md"]
    assert len(calls) <= 2


# --- short texts in YAML: a language's line committed before its source's --------------------

BLOCK_TITLE = "title:\n  en: A bilingual course\n  fr: Un cours bilingue\n"
BLOCK_QUESTION = (
    "    prompt:\n"
    "      en: >-\n"
    "        Pick a,\n"
    "        the first letter.\n"
    "      fr: >-\n"
    "        Choisissez a,\n"
    "        la première lettre.\n"
    "    choices:\n"
    "      - id: a\n"
    "        text:\n"
    "          en: A\n"
    "          fr: A\n"
    "        correct: true\n"
    "        feedback: {en: Yes., fr: Oui.}\n"
)


@pytest.fixture
def yaml_repo(bilingual: Path, edit: Edit) -> Path:
    """The fixture with a course title, a `>-` prompt and a choice as block language maps, all
    committed on 2024-01-02."""
    edit(
        bilingual / "course.yml",
        "title: {en: A bilingual course, fr: Un cours bilingue}\n",
        BLOCK_TITLE,
    )
    edit(
        bilingual / "assessments/quiz.yml",
        "    prompt: {en: Pick a., fr: Choisissez a.}\n    choices:\n"
        "      - {id: a, text: {en: A, fr: A}, correct: true, feedback: {en: Yes., fr: Oui.}}\n",
        BLOCK_QUESTION,
    )
    root = bilingual.parent
    commit(root, "Both languages", "2024-01-02T10:00:00Z")
    return root


def stale_text(
    at: str, what: str, lang_line: int, source_line: int, sha: str, source_sha: str
) -> str:
    return (
        f"course/{at}: warning: {what} in 'fr' (line {lang_line}) was last committed "
        f"2024-01-02 10:00 UTC ({sha}), before its 'en' text (line {source_line}, "
        f"2024-03-04 15:30 UTC, {source_sha}); expected the 'fr' text brought up to date (then "
        "committed) [translation-stale]"
    )


def head(repo: Path, rev: str = "HEAD") -> str:
    return git(repo, "rev-parse", "--short=7", rev)


def test_a_yaml_text_whose_english_line_changed_later_is_stale_at_the_french_line(
    yaml_repo: Path, bilingual: Path, edit: Edit
) -> None:
    edit(bilingual / "course.yml", "en: A bilingual course", "en: A small bilingual course")
    edit(
        bilingual / "assessments/quiz.yml",
        "        the first letter.",
        "        the very first letter.",
    )
    edit(bilingual / "assessments/quiz.yml", "          en: A\n", "          en: Letter A\n")
    commit(yaml_repo, "English changes", "2024-03-04T15:30:00Z")
    old, new = head(yaml_repo, "HEAD~1"), head(yaml_repo)

    code, stderr = run("validate", str(bilingual))
    assert code == 0, stderr
    assert stderr.replace(str(yaml_repo) + "/", "").splitlines() == [
        stale_text("assessments/quiz.yml:18:7", "question 'one' prompt", 18, 15, old, new),
        stale_text("assessments/quiz.yml:25:11", "question 'one' choice 'a'", 25, 24, old, new),
        stale_text("course.yml:7:3", "title", 7, 6, old, new),
        "0 error(s), 3 warning(s)",
    ]
    assert run("validate", str(bilingual), "--strict")[0] == 1


def test_yaml_texts_changed_together_or_uncommitted_are_not_stale(
    yaml_repo: Path, bilingual: Path, edit: Edit
) -> None:
    # Both lines of the `>-` prompt in one commit: not stale.
    edit(bilingual / "assessments/quiz.yml", "        the first letter.", "        the very first.")
    edit(
        bilingual / "assessments/quiz.yml",
        "        la première lettre.",
        "        la toute première.",
    )
    # The French title changed later than its English: not stale either.
    edit(bilingual / "course.yml", "fr: Un cours bilingue", "fr: Un petit cours bilingue")
    commit(yaml_repo, "Both languages again", "2024-03-04T15:30:00Z")
    assert run("validate", str(bilingual), "--strict") == (0, "")
    # English changed but not yet committed: nothing to compare until it is.
    edit(bilingual / "course.yml", "en: A bilingual course", "en: A tiny bilingual course")
    assert run("validate", str(bilingual), "--strict") == (0, "")


def test_git_blame_runs_once_per_yaml_file(
    yaml_repo: Path, bilingual: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = count_git(monkeypatch)
    assert run("validate", str(bilingual), "--strict") == (0, "")
    blamed = [args[-1] for args in calls if "blame" in args]
    assert sorted(blamed) == ["course.yml", "quiz.yml"]
