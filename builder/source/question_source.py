"""A question as its type's handler reads it: the spec, where it sits, what could not be read;
and the fields of the model that handler fills."""

from __future__ import annotations

from typing import Any

from msgspec import Struct, field

from ..model import Choice, Pair, Target, Text
from .context import CourseContext
from .load import Loc, SourceDoc
from .qtext import QuestionText, question_text
from .schema import QuestionSpec
from .spec_places import Broken


class QuestionSource(Struct, frozen=True):
    """A question's spec with where it sits in its file, to read its text and report on it;
    `broken`: the places of the spec that could not be read (each already reported)."""

    q: QuestionSpec
    doc: SourceDoc
    loc: Loc
    ctx: CourseContext
    broken: Broken = Broken()

    def usable(self, *sub: str | int) -> bool:
        """True when the value at `sub` within the question was read as written."""
        return not self.broken.places or self.broken.usable((*self.loc, *sub))

    @property
    def label(self) -> str:
        """How diagnostics name the question: by its id, or by its place when that is unusable."""
        if self.usable("id"):
            return f"question '{self.q.id}'"
        return f"question {int(self.loc[-1]) + 1}"

    def text(self, value: Any, sub: Loc, what: str) -> Text:
        """Text of the question at `sub`, every language present (or a diagnostic)."""
        return self.ctx.text(value, self.doc, (*self.loc, *sub), f"{self.label} {what}")

    def rich(self, value: Any, sub: Loc, what: str, *, inline: bool = False) -> QuestionText:
        """Markdown text of the question at `sub` as safe HTML and plain text; `inline`: one
        line (a choice, a pair's source or target), no block allowed."""
        loc = (*self.loc, *sub)
        text = self.text(value, sub, what)
        return question_text(text, self.doc, loc, self.ctx, f"{self.label} {what}", inline=inline)

    def error(self, sub: Loc, code: str, message: str) -> None:
        """An error at `sub` within the question, which it names."""
        at = self.doc.at((*self.loc, *sub))
        self.ctx.diagnostics.error(at, code, f"{self.label}: {message}")


class Answer(Struct, frozen=True):
    """The fields of a Question its type fills; the others keep these empty values."""

    choices: tuple[Choice, ...] = ()
    pairs: tuple[Pair, ...] = ()
    answer_bool: bool | None = None
    answers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    numeric_min: float | None = None
    numeric_max: float | None = None
    items: tuple[Choice, ...] = ()
    scale: tuple[Choice, ...] = ()
    distractors: tuple[Target, ...] = ()
