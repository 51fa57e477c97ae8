"""The pre-test: an assessment file taken once before the assessment (course.yml `pretest:`)."""

from __future__ import annotations

from typing import Literal

from msgspec.structs import replace

from ..model import Assessment, Module, Pretest
from .checks import warn_keys
from .context import CourseContext
from .load import Loc, SourceDoc

PRETEST_IGNORES = ("pass_mark", "attempts", "display")
"""Assessment keys that mean nothing for a pre-test: it is taken once, all its questions on one
page, and its score passes nothing (the final assessment's pass mark alone does)."""


def warn_pretest_keys(doc: SourceDoc, ctx: CourseContext) -> None:
    """Warn about each assessment key a pre-test has no use for."""
    why = "a pre-test is taken once, all its questions on one page, and its score passes nothing"
    warn_keys(doc, ctx, PRETEST_IGNORES, "pretest-key-ignored", why)
    if isinstance(doc.data, dict) and doc.data.get("feedback") == "immediate":
        ctx.diagnostics.warning(
            doc.at(("feedback",)),
            "pretest-key-ignored",
            "feedback: immediate: a pre-test is answered as a whole, its verdicts shown with its "
            "result; expected feedback: attempt (the default) or never",
        )


def as_pretest(assessment: Assessment) -> Pretest:
    """The assessment as a pre-test: one attempt, every question on one page, no pass mark."""
    feedback: Literal["attempt", "never"] = "never" if assessment.feedback == "never" else "attempt"
    return Pretest(replace(assessment, pass_mark=0, attempts=1, display="all", feedback=feedback))


def check_pretest_place(
    modules: list[Module], places: dict[str, Loc], doc: SourceDoc, ctx: CourseContext
) -> None:
    """The pre-test comes before the assessment: it measures what the learner knew coming in."""
    final = next((m for m in modules if isinstance(m, Assessment)), None)
    pretest = next((m for m in modules if isinstance(m, Pretest)), None)
    if final is None or pretest is None:
        return
    if modules.index(pretest) > modules.index(final):
        ctx.diagnostics.error(
            doc.at((*places[pretest.id], "pretest")),
            "pretest-order",
            f"pre-test '{pretest.id}' comes after the assessment '{final.id}'; expected it "
            "before the assessment (pages may come before it: a welcome page, say)",
        )
