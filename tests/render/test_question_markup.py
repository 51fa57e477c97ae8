"""Question texts as HTML in the page, plain text where markup cannot go, and matching
distractors in the runtime config, the drop-downs and the resume-state budget (issue 15)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from support.course_fixtures import add_questions

from builder.diagnostics import Diagnostics
from builder.model import Course
from builder.render.config import runtime_config
from builder.render.html import render_body
from builder.render.suspend_budget import worst_case_state_length
from builder.render.view import course_view, mark_safe
from builder.source.course import load_course

Edit = Callable[[Path, str, str], None]
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1d2f10000000049454e44ae426082"
)
PAIRS = "      - {source: Two, target: Deux}\n"


def _marked_up(course: Path, edit: Edit) -> Course:
    quiz = course / "assessments/quiz.yml"
    (course / "media").mkdir()
    (course / "media/chart.png").write_bytes(PNG)
    edit(quiz, "prompt: Pick a.", "prompt: Pick **a** <b>now</b>.")
    edit(quiz, "text: B,", "text: '![A pie chart](media/chart.png)',")
    edit(quiz, "feedback: No.}", "feedback: 'No, see `b`.'}")
    edit(quiz, "prompt: Match them.", 'prompt: "Match them:\\n\\n- one\\n- two"')
    edit(quiz, PAIRS, PAIRS + "    distractors: ['*Trois*', Quatre]\n")
    edit(quiz, "target: Deux}", "target: '**Deux**'}")
    edit(quiz, "incorrect: Over 94%.", "incorrect: '> Over 94%.'")
    diagnostics = Diagnostics()
    loaded = load_course(course, diagnostics)
    assert loaded is not None, [d.format() for d in diagnostics]
    return loaded


def _body(loaded: Course) -> str:
    return render_body(mark_safe(course_view(loaded)))


def _question(body: str, qid: str) -> str:
    match = re.search(
        rf'<li class="cb-question" id="en_quiz_q_{qid}".*?(?=<li class="cb-question"|</ol>)',
        body,
        re.S,
    )
    assert match, qid
    return match.group(0)


def test_prompt_choice_and_feedback_markup_is_html(course: Path, edit: Edit) -> None:
    one = _question(_body(_marked_up(course, edit)), "one")
    assert '<span class="cb-prompt">Pick <strong>a</strong> &lt;b&gt;now&lt;/b&gt;.</span>' in one
    assert (
        '<label for="en_quiz_q_one_b"><img src="media/chart.png" alt="A pie chart" /></label>'
        in one
    )
    assert '<div class="cb-choice-fb" data-cb-choice-fb hidden>No, see <code>b</code>.</div>' in one
    assert "<b>" not in one


def test_block_prompt_and_feedback_are_blocks(course: Path, edit: Edit) -> None:
    body = _body(_marked_up(course, edit))
    match = _question(body, "match")
    assert '<div class="cb-prompt"><p>Match them:</p>\n<ul>\n<li>one</li>' in match
    num = _question(body, "num")
    assert (
        '<div data-cb-fb="incorrect" hidden><blockquote>\n<p>Over 94%.</p>\n</blockquote>\n</div>'
        in num
    )


def test_drop_downs_offer_every_target_as_plain_text(course: Path, edit: Edit) -> None:
    match = _question(_body(_marked_up(course, edit)), "match")
    selects = re.findall(r"<select .*?</select>", match, re.S)
    assert len(selects) == 2
    for select in selects:
        options = re.findall(r'<option value="(\w*)">([^<]*)</option>', select)
        # Sorted by their words, the markup gone (an <option> holds text only).
        assert options[1:] == [("b", "Deux"), ("d", "Quatre"), ("c", "Trois"), ("a", "Un")]
    assert '<label for="en_quiz_q_match_2">Two</label>' in match


def test_config_lists_distractor_targets_and_keeps_the_correct_pairs(
    course: Path, edit: Edit
) -> None:
    loaded = _marked_up(course, edit)
    config = runtime_config(loaded, "scorm12")
    match = next(q for q in config["assessment"]["questions"] if q["id"] == "match")
    assert match["sources"] == ["1", "2"]
    assert match["targets"] == ["a", "b", "c", "d"]
    assert match["correct"] == ["1.a", "2.b"]


def test_distractors_do_not_grow_the_resume_state_budget(course: Path, edit: Edit) -> None:
    def budget(config: dict[str, Any]) -> int:
        return worst_case_state_length(config)

    plain = load_course(course, Diagnostics())
    assert plain is not None
    before = budget(runtime_config(plain, "scorm12"))
    after = budget(runtime_config(_marked_up(course, edit), "scorm12"))
    assert after == before  # one target id per source, whichever targets are offered


def test_ordering_items_and_scale_labels_are_inline_markdown(course: Path, edit: Edit) -> None:
    from builder.xapi.activities import question_activities

    quiz = course / "assessments/quiz.yml"
    add_questions(
        quiz,
        "  - id: steps\n    type: ordering\n    prompt: Order them.\n"
        + "    items: ['**Stop**', Think, '`Post`']\n"
        + "  - id: mood\n    type: likert\n    prompt: Useful?\n"
        + "    scale: ['*No*', Somewhat, Yes please]\n",
    )
    diagnostics = Diagnostics()
    loaded = load_course(course, diagnostics)
    assert loaded is not None, [d.format() for d in diagnostics]
    body = _body(loaded)
    assert '<span class="cb-order-text" id="en_quiz_q_steps_a"><strong>Stop</strong></span>' in body
    assert '<label for="en_quiz_q_mood_a"><em>No</em></label>' in body
    assessment = loaded.assessment
    assert assessment is not None
    by_id = {
        a["id"].rsplit("/", 1)[-1]: a["definition"] for a in question_activities(loaded, assessment)
    }
    shown = json.dumps(by_id)
    assert "<strong>" not in shown and "<em>" not in shown and "`" not in shown
    steps = next(d for k, d in by_id.items() if k.endswith("steps"))
    assert [next(iter(c["description"].values())) for c in steps["choices"]] == [
        "Stop",
        "Think",
        "Post",
    ]


def test_no_two_elements_share_an_id_when_a_question_is_named_after_a_part(course: Path) -> None:
    # Question "one" has a choice "b", "match" a source "2", "num" a text box: the page gave
    # them the ids en-q-one-b, en-q-match-2, en-q-num-input, and a question named "one-b" the
    # same id as that choice. A label then named whichever came first in the page (a split pool
    # appends questions as their files come), and the player took one for the other.
    twins = "".join(
        f"  - id: {twin}\n    type: true-false\n    prompt: Twin {twin}.\n    answer: true\n"
        for twin in ("one-b", "match-2", "num-input", "num-hint")
    )
    add_questions(course / "assessments/quiz.yml", twins)
    diagnostics = Diagnostics()
    loaded = load_course(course, diagnostics)
    assert loaded is not None, [d.format() for d in diagnostics]
    body = _body(loaded)
    ids = re.findall(r'\bid="([^"]+)"', body)
    assert sorted(i for i in set(ids) if ids.count(i) > 1) == []
    for twin in ("one-b", "match-2", "num-input", "num-hint"):
        assert f'<li class="cb-question" id="en_quiz_q_{twin}"' in body
    # each label and description names its own question's control
    assert '<input type="radio" id="en_quiz_q_one_b" name="en_quiz_q_one" value="b">' in _question(
        body, "one"
    )
    assert 'id="en_quiz_q_num_input"' in _question(body, "num")
    labelled = set(re.findall(r'\b(?:for|aria-describedby)="([^"]+)"', body))
    assert labelled <= set(ids)
