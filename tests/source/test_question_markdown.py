"""Markdown in question texts (issue 15): blocks in prompts and feedback, one line in choices and
pairs, the page renderer's rules (no raw HTML, no script URLs), images packaged, diagnostics at
the line inside the YAML; and matching distractors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support.hostile_sources import refused, run

from builder.diagnostics import Diagnostics
from builder.model import Course, Question
from builder.source.course import load_course

Edit = Callable[[Path, str, str], None]
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1d2f10000000049454e44ae426082"
)


def _question(course: Course, qid: str) -> Question:
    assert course.assessment is not None
    return next(q for q in course.assessment.questions if q.id == qid)


def _load(course: Path) -> tuple[Course | None, list[str]]:
    diagnostics = Diagnostics()
    loaded = load_course(course, diagnostics)
    return loaded, [d.format() for d in diagnostics]


def _with_image(course: Path) -> None:
    (course / "media").mkdir(exist_ok=True)
    (course / "media/chart.png").write_bytes(PNG)


def test_bold_prompt_is_strong_and_plain_text_keeps_the_words(course: Path, edit: Edit) -> None:
    edit(course / "assessments/quiz.yml", "prompt: Pick a.", "prompt: Pick **a** & `b`.")
    loaded, said = _load(course)
    assert loaded is not None, said
    q = _question(loaded, "one")
    assert q.prompt == {"en": "Pick <strong>a</strong> &amp; <code>b</code>."}
    assert q.prompt_plain == {"en": "Pick a & b."}


def test_block_prompt_and_feedback_keep_their_blocks(course: Path, edit: Edit) -> None:
    edit(
        course / "assessments/quiz.yml",
        "    prompt: How many?\n",
        "    prompt: |\n      How many?\n\n      > A quote.\n\n      ```\n      x = 1\n      ```\n",
    )
    edit(course / "assessments/quiz.yml", "incorrect: Over 94%.", "incorrect: '*Over* 94%.'")
    loaded, said = _load(course)
    assert loaded is not None, said
    q = _question(loaded, "num")
    assert q.prompt["en"] == (
        "<p>How many?</p>\n<blockquote>\n<p>A quote.</p>\n</blockquote>\n"
        "<pre><code>x = 1\n</code></pre>\n"
    )
    assert q.prompt_plain["en"] == "How many? A quote. x = 1"
    assert q.feedback_incorrect == {"en": "<em>Over</em> 94%."}


def test_image_in_a_prompt_and_a_choice_is_packaged(course: Path, edit: Edit) -> None:
    _with_image(course)
    edit(
        course / "assessments/quiz.yml",
        "prompt: Pick a.",
        "prompt: '![A bar chart](media/chart.png)'",
    )
    edit(course / "assessments/quiz.yml", "text: B,", "text: '![Pie](media/chart.png)',")
    loaded, said = _load(course)
    assert loaded is not None, said
    q = _question(loaded, "one")
    assert q.prompt["en"] == '<img src="media/chart.png" alt="A bar chart" />'
    assert q.prompt_plain["en"] == "A bar chart"
    assert q.choices[1].plain == {"en": "Pie"}
    assert "media/chart.png" in {m.package_path for m in loaded.media}


def test_image_without_alt_is_reported_at_its_line_in_a_block(course: Path, edit: Edit) -> None:
    _with_image(course)
    edit(
        course / "assessments/quiz.yml",
        "    prompt: Type hashtag.\n",
        "    prompt: |\n      Type the tag.\n\n      ![](media/chart.png)\n",
    )
    refused(
        course,
        "course/assessments/quiz.yml:27:7: error: question 'fill' prompt: image "
        "'media/chart.png' has no alt text",
    )


def test_missing_image_is_reported_at_its_column(course: Path, edit: Edit) -> None:
    edit(course / "assessments/quiz.yml", "prompt: Pick a.", "prompt: See ![x](media/nope.png)")
    verdict = refused(course, "course/assessments/quiz.yml:11:17: error: question 'one' prompt:")
    assert "media/nope.png" in verdict.stderr


def test_a_block_in_a_choice_is_inline_only(course: Path, edit: Edit) -> None:
    edit(course / "assessments/quiz.yml", "text: B,", "text: '> B',")
    refused(
        course,
        "course/assessments/quiz.yml:14:24: error: question 'one' choice 'b': a block quote "
        "is not allowed here; expected one line of text (emphasis, `code`, an image, "
        "[a link](url), a {lang=..} span) [markdown-inline-only]",
    )


def test_a_list_in_a_pair_target_is_inline_only(course: Path, edit: Edit) -> None:
    edit(course / "assessments/quiz.yml", "target: Deux}", "target: '- Deux'}")
    refused(course, "question 'match' pair 2 target: a list is not allowed here")


def test_hostile_html_is_text_and_script_urls_are_refused(course: Path, edit: Edit) -> None:
    edit(
        course / "assessments/quiz.yml",
        "prompt: Pick a.",
        "prompt: '<script>alert(1)</script><img src=x onerror=alert(2)>'",
    )
    loaded, said = _load(course)
    assert loaded is not None, said
    q = _question(loaded, "one")
    assert "<script" not in q.prompt["en"] and "<img" not in q.prompt["en"]
    assert "&lt;script&gt;" in q.prompt["en"]
    assert any("[raw-html]" in s and "quiz.yml:11:14" in s for s in said), said
    edit(course / "assessments/quiz.yml", "feedback: No.}", "feedback: '[x](javascript:alert(1))'}")
    verdict = refused(course, "[unsafe-link]")
    assert "quiz.yml:14:37: error: question 'one' choice 'b' feedback: link" in verdict.stderr


def test_an_event_attribute_on_a_choice_image_is_refused(course: Path, edit: Edit) -> None:
    _with_image(course)
    edit(
        course / "assessments/quiz.yml",
        "text: B,",
        "text: '![B](media/chart.png){onerror=\"alert(1)\"}',",
    )
    verdict = refused(course, "[markdown-attribute]")
    assert "quiz.yml:14:45: error: question 'one' choice 'b': attribute onerror" in verdict.stderr


def test_lang_span_in_a_choice_and_errors_in_a_language_map(bilingual: Path, edit: Edit) -> None:
    quiz = bilingual / "assessments/quiz.yml"
    edit(quiz, "text: {en: B, fr: B}", "text: {en: 'Say [bonjour]{lang=fr}', fr: B}")
    loaded, said = _load(bilingual)
    assert loaded is not None, said
    choice = _question(loaded, "one").choices[1]
    assert choice.text == {"en": 'Say <span lang="fr">bonjour</span>', "fr": "B"}
    assert choice.plain == {"en": "Say bonjour", "fr": "B"}
    edit(quiz, "fr: B}", "fr: '# B'}")
    refused(
        bilingual, "course/assessments/quiz.yml:17:59: error: question 'one' choice 'b': a heading"
    )


# --- matching distractors ----------------------------------------------------------------------

DISTRACTORS = "      - {source: Two, target: Deux}\n    distractors: [Trois, Quatre]\n"


def test_distractors_continue_the_target_letters(course: Path, edit: Edit) -> None:
    edit(course / "assessments/quiz.yml", "      - {source: Two, target: Deux}\n", DISTRACTORS)
    loaded, said = _load(course)
    assert loaded is not None, said
    q = _question(loaded, "match")
    assert [(t.target_id, t.text["en"]) for t in q.distractors] == [("c", "Trois"), ("d", "Quatre")]
    assert [t.target_id for t in q.targets] == ["a", "b", "c", "d"]
    assert [(p.source_id, p.target_id) for p in q.pairs] == [("1", "a"), ("2", "b")]


def test_a_distractor_equal_to_a_target_is_refused(course: Path, edit: Edit) -> None:
    edit(
        course / "assessments/quiz.yml",
        "      - {source: Two, target: Deux}\n",
        "      - {source: Two, target: Deux}\n    distractors: [Trois, ' deux ']\n",
    )
    refused(
        course,
        "course/assessments/quiz.yml:32:26: error: question 'match': distractor 2 'deux' is "
        "the target of pair 2; expected a target that matches no source [distractor-is-target]",
    )


def test_more_than_26_targets_are_refused(course: Path, edit: Edit) -> None:
    many = ", ".join(f"D{n}" for n in range(25))
    edit(
        course / "assessments/quiz.yml",
        "      - {source: Two, target: Deux}\n",
        f"      - {{source: Two, target: Deux}}\n    distractors: [{many}]\n",
    )
    refused(
        course,
        "course/assessments/quiz.yml:32:18: error: question 'match': 2 pairs and 25 distractors "
        "make 27 targets; expected at most 26 (SCORM 1.2 target ids are one letter) "
        "[target-count]",
    )


def test_validate_accepts_the_edited_course(course: Path, edit: Edit) -> None:
    edit(course / "assessments/quiz.yml", "      - {source: Two, target: Deux}\n", DISTRACTORS)
    assert run("validate", course).exit_code == 0


def test_the_documented_example_validates(course: Path) -> None:
    snippet = Path(__file__).resolve().parents[2] / "docs/examples/snippets/question-markdown.yml"
    (course / "media").mkdir()
    for name in ("share.png", "logo-f.png"):
        (course / "media" / name).write_bytes(PNG)
    quiz = course / "assessments/quiz.yml"
    head = "title: Quiz\npass_mark: 50\nreveal: false\n"
    quiz.write_text(head + snippet.read_text(encoding="utf-8"), encoding="utf-8")
    loaded, said = _load(course)
    assert loaded is not None and said == [], said
    match = _question(loaded, "match-networks")
    assert [t.plain["en"] for t in match.targets] == ["Careers", "Topics", "Holidays"]
