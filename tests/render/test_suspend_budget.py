"""builder/render/suspend_budget.py: the worst-case length of the runtime's resume state.

The rules mirror templates/theme/static/state.js (see its FORMAT comment). tests/js/state.test.js
encodes a worst-case state with state.js and checks it against this module; the last test here
runs that JavaScript test, so either runner catches a drift between the two.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "js" / "fixtures" / "budget-configs.json"

# Load the module from this source tree (an installed `builder` may be another checkout).
_spec = importlib.util.spec_from_file_location(
    "suspend_budget", ROOT / "builder" / "render" / "suspend_budget.py"
)
assert _spec and _spec.loader
suspend_budget = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(suspend_budget)
worst: Callable[..., int] = suspend_budget.worst_case_state_length


def fixture(name: str) -> dict[str, Any]:
    for entry in json.loads(FIXTURES.read_text(encoding="utf-8")):
        if entry["name"] == name:
            return copy.deepcopy(entry["config"])
    raise KeyError(name)


def page(i: int, video: bool = False) -> dict[str, Any]:
    return {
        "id": f"p{i}",
        "kind": "page",
        "video": {"kind": "link", "duration": 60} if video else None,
    }


def test_one_page_without_assessment() -> None:
    # "1" "|" fingerprint (4) "|" language + page "|" bitmap (1) "|" no video "|" no assessment
    assert worst(fixture("one page, no assessment")) == 1 + 1 + 4 + 1 + 2 + 1 + 1 + 1 + 0 + 1


def test_contract_example_by_hand() -> None:
    # 3 pages, 1 video: 15; header UU BB LL R C: 8; five questions, each "|" + index + checked:
    # single (shuffled, 3 choices) 3+3+1, true-false 3+1, fill-in 100 -> 3+500,
    # matching 2 sources 3+2, numeric (default 20) 3+20
    assert worst(fixture("contract example"), watched=False) == 15 + 8 + 7 + 4 + 503 + 5 + 23
    assert worst(fixture("contract example"), watched=False) == 565
    # the video's place (2) and 1% parts watched (25 hex digits): 27 more, no comma for one video
    assert worst(fixture("contract example")) == 565 + 27


def test_fixture_values_are_stable() -> None:
    big = fixture("big: 40 pages, 10 videos, draw 20 of 50")
    assert worst(big, watched=False) == 979
    assert worst(big) == 979 + 10 * 27 + 9  # and the commas between the 10 videos
    assert worst(fixture("no shuffle, fill-in with the default maxLength"), watched=False) == 1343


def test_pages_and_videos() -> None:
    base = {"languages": ["en"], "pages": [page(0)], "assessment": None}
    one = worst(base)
    assert worst({**base, "pages": [page(0, video=True)]}, watched=False) == one + 2
    assert worst({**base, "pages": [page(0, video=True)]}) == one + 2 + 27
    two = {**base, "pages": [page(0, video=True), page(1, video=True)]}
    assert worst(two) == worst(two, watched=False) + 2 * 27 + 1  # and a comma between them
    assert worst({**base, "pages": [page(i) for i in range(4)]}) == one  # 4 bits: 1 hex digit
    assert worst({**base, "pages": [page(i) for i in range(5)]}) == one + 1
    assert (
        worst({**base, "pages": [page(i) for i in range(36)]}) == one + 8
    )  # indices 0..35: 1 digit
    assert worst({**base, "pages": [page(i) for i in range(37)]}) == one + 9 + 1  # index 36 = "10"


def quiz(questions: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
    assessment = {
        "id": "final",
        "passMark": 80,
        "attempts": 3,
        "shuffle": False,
        "draw": None,
        "display": "all",
    }
    assessment.update(kw)
    assessment["questions"] = questions
    return {
        "languages": ["en", "fr"],
        "pages": [page(0), {"id": "final", "kind": "assessment"}],
        "assessment": assessment,
    }


def test_each_question_type() -> None:
    empty = worst(quiz([]))

    def one(question: dict[str, Any], **kw: Any) -> int:
        """What one question of the kind adds to the worst-case state."""
        return worst(quiz([question], **kw)) - empty

    assert one({"id": "a", "type": "true-false", "correct": [True]}) == 3 + 1
    assert one({"id": "a", "type": "single", "choices": list("abcde"), "correct": ["a"]}) == 3 + 1
    assert (
        one({"id": "a", "type": "single", "choices": list("abcde"), "correct": ["a"]}, shuffle=True)
        == 3 + 5 + 1
    )
    assert one({"id": "a", "type": "multiple", "choices": list("abcde"), "correct": ["a"]}) == 3 + 2
    assert (
        one(
            {"id": "a", "type": "multiple", "choices": list("abcd"), "correct": ["a"]}, shuffle=True
        )
        == 3 + 4 + 1
    )
    assert one({"id": "a", "type": "true-false", "correct": [True]}, shuffle=True) == 3 + 1
    assert (
        one(
            {
                "id": "a",
                "type": "matching",
                "sources": list("123"),
                "targets": list("abc"),
                "correct": [],
            }
        )
        == 3 + 3
    )
    assert one({"id": "a", "type": "fill-in", "correct": ["x"], "maxLength": 10}) == 3 + 50
    assert one({"id": "a", "type": "fill-in", "correct": ["x"]}) == 3 + 5 * 255
    assert one({"id": "a", "type": "numeric", "min": 1, "max": 1}) == 3 + 20
    assert one({"id": "a", "type": "numeric", "min": 1, "max": 1, "maxLength": 6}) == 3 + 6


def test_draw_counts_the_longest_questions() -> None:
    qs = [
        {"id": f"f{i}", "type": "fill-in", "correct": ["x"], "maxLength": 10 * (i + 1)}
        for i in range(5)
    ]
    empty = worst(quiz([]))
    assert worst(quiz(qs, draw=2)) - empty == (3 + 250) + (3 + 200)
    assert worst(quiz(qs, draw=5)) == worst(quiz(qs, draw=None)) == worst(quiz(qs, draw=9))
    assert worst(quiz(qs, draw=0)) == worst(quiz(qs))


def test_question_index_width_grows_with_the_pool() -> None:
    def tf(i: int) -> dict[str, Any]:
        return {"id": f"q{i}", "type": "true-false", "correct": [True]}

    assert worst(quiz([tf(i) for i in range(36)])) - worst(quiz([tf(i) for i in range(35)])) == 4
    # 37 questions: every index and the current-question field take 2 digits
    assert (
        worst(quiz([tf(i) for i in range(37)])) - worst(quiz([tf(i) for i in range(36)]))
        == 1 + 36 + 5
    )


def test_refuses_what_the_encoding_cannot_hold() -> None:
    with pytest.raises(ValueError, match="languages"):
        worst({"languages": [f"l{i}" for i in range(37)], "pages": [page(0)], "assessment": None})
    with pytest.raises(ValueError, match="essay"):
        worst(quiz([{"id": "a", "type": "essay"}]))


def test_fits_the_scorm12_limit_for_the_sample_courses() -> None:
    for entry in json.loads(FIXTURES.read_text(encoding="utf-8")):
        assert worst(entry["config"]) <= 4096, entry["name"]


def test_state_js_agrees() -> None:
    assert shutil.which("node"), "Node.js is needed (make setup installs it)"
    """Run the JavaScript side of the tie (tests/js/state.test.js) with this Python."""
    result = subprocess.run(
        ["node", "--test", str(ROOT / "tests" / "js" / "state.test.js")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHON": sys.executable},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_a_scorm12_package_never_has_to_drop_a_result_s_answers(tmp_path: Path) -> None:
    """A result's answers leave the state only past the drawn questions' step, which a SCORM 1.2
    package never reaches: the build refuses a course whose state could be over 4,096 characters
    once the videos' watched parts are dropped (the one step it counts on). The course that loses
    its answers under SCORM 2004's edition2 limit of 4,000 is refused for SCORM 1.2."""
    from support.quiz_course import write_quiz_course
    from typer.testing import CliRunner

    from builder.cli import app

    quiz = "title: Quiz\npass_mark: 50\nattempts: 0\ndisplay: all\nquestions:\n" + "".join(
        f"  - id: q{i}\n    type: fill-in\n    prompt: Type word {i}.\n"
        f"    answers: [word{i}]\n    max_length: 255\n"
        for i in range(30)
    )
    course = write_quiz_course(tmp_path / "src", "limits", quiz)
    runner = CliRunner()
    out = tmp_path / "dist"
    refused = runner.invoke(app, ["build", str(course), "-t", "scorm12", "-o", str(out)])
    assert refused.exit_code != 0 and "[suspend-data-budget]" in refused.output
    assert not out.exists() or not any(out.iterdir())
    taken = runner.invoke(app, ["build", str(course), "-t", "scorm2004", "-o", str(out)])
    assert taken.exit_code == 0, taken.output
