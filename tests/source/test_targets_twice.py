"""A target listed twice in course.yml is one error at its repeat, as a language listed twice
is: a list quietly de-duplicated hides a slip (`[scorm12, scorm12]` meant another target)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support.hostile_sources import refusal

Edit = Callable[[Path, str, str], None]


def test_a_target_declared_twice_is_one_error_at_the_second(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "  assessment: passed\n", "  assessment: passed\ntargets: [x]\n")
    edit(course / "course.yml", "targets: [x]", "targets: [scorm12, xapi, scorm12]")
    assert refusal(course) == (
        "course/course.yml:15:26: error: targets: 'scorm12' is declared twice (first as "
        "targets[0]); expected each target once, such as [scorm12, scorm2004] [duplicate-target]\n"
        "1 error(s), 0 warning(s)\n"
    )


def test_each_repeat_is_said_once(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "  assessment: passed\n", "  assessment: passed\ntargets:\n")
    edit(course / "course.yml", "targets:\n", "targets:\n  - xapi\n  - xapi\n  - cmi5\n  - xapi\n")
    said = refusal(course)
    assert said.count("[duplicate-target]") == 2, said
    assert "course/course.yml:17:5: error: targets: 'xapi' is declared twice (first as " in said
    assert "course/course.yml:19:5: error: targets: 'xapi' is declared twice (first as " in said
    assert said.endswith("2 error(s), 0 warning(s)\n"), said
