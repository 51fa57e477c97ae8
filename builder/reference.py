"""docs/reference.md: every key of course.yml, a page's front matter and an assessment, with its
type, default, allowed values and description, read from the source schema's models.

Run `python -m builder.reference > docs/reference.md` (`make docs`) after changing the schema
(builder/source/schema.py, schema_assessment.py, schema_types.py);
a test fails while the file is out of date. A new field or model appears here by itself.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any, Literal

from msgspec import NODEFAULT, Meta, Struct
from msgspec.structs import FieldInfo

from .source.schema import AssessmentSpec, CourseSpec, PageFront, QuestionSpec
from .source.spec_check import Accept, peel, struct_fields

ROOTS: tuple[tuple[str, str, type[Struct]], ...] = (
    ("course.yml", "The course: one `course.yml` at the top of its folder.", CourseSpec),
    (
        "Page front matter",
        "Between the `---` lines at the top of `modules/<name>.<lang>.md`.",
        PageFront,
    ),
    ("assessments/<name>.yml", "The course's assessment.", AssessmentSpec),
    ("Each of `questions`", "One question of an assessment's `questions` list.", QuestionSpec),
)

HEADER = """\
# Source reference

<!-- Generated from builder/source/schema*.py by `python -m builder.reference`; do not edit. -->

Every key coursebuild reads, with its type, its default and what it does. A key not listed is
an error (`[unknown-key]`, with the nearest key as a hint). Text is a plain string, or a
language map with every language of the course: `{en: ..., fr: ...}` (quote a text holding a
comma: `{en: "Yes, ask first."}`). How the pieces fit together:
[course-format.md](course-format.md); the diagnostics: [diagnostics.md](diagnostics.md).
"""


def _parts(annotation: Any) -> tuple[Any, list[Any], bool]:
    """The type inside Optional and Annotated, its constraints, and whether None is allowed."""
    constraints: list[Any] = []
    optional = False
    while True:
        annotation, extras = peel(annotation)  # Annotated nests flat: one peel is all
        constraints.extend(extras)
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin in (typing.Union, types.UnionType) and type(None) in args:
            optional = True
            rest = [a for a in args if a is not type(None)]
            annotation = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
        else:
            return annotation, constraints, optional


def _model(annotation: Any) -> type[Struct] | None:
    inner, _, _ = _parts(annotation)
    if typing.get_origin(inner) is list:
        inner, _, _ = _parts(typing.get_args(inner)[0])
    return inner if isinstance(inner, type) and issubclass(inner, Struct) else None


def _limits(constraints: list[Any]) -> list[str]:
    said = []
    for c in constraints:
        if not isinstance(c, Meta):
            continue
        if c.ge is not None:
            said.append(f"≥ {c.ge}")
        if c.le is not None:
            said.append(f"≤ {c.le}")
        if c.min_length is not None:
            said.append(f"at least {c.min_length}")
        if c.pattern is not None:
            said.append(f"matching `{c.pattern}`")
    return said


def _description(annotation: Any) -> str:
    _, extras = peel(annotation)
    return next((e.description for e in extras if isinstance(e, Meta) and e.description), "")


def _kind(annotation: Any, constraints: list[Any]) -> str:
    """A type as authors read it: text, a whole number, one of..., a list of..."""
    inner, more, _ = _parts(annotation)
    constraints = [*constraints, *more]
    origin = typing.get_origin(inner)
    reader = next((c for c in constraints if isinstance(c, Accept)), None)
    kind: str
    if reader is not None and reader.read.__doc__:
        text = reader.read.__doc__.strip().splitlines()[0].removeprefix("Accept ")
        kind = text.rstrip(".")
    elif origin is list:
        item = _kind(typing.get_args(inner)[0], [])
        return (
            "a list of mappings (keys below)" if item.startswith("a mapping") else f"a list: {item}"
        )
    elif origin is Literal:
        kind = "one of " + ", ".join(f"`{v}`" for v in typing.get_args(inner))
    elif isinstance(inner, type) and issubclass(inner, Struct):
        kind = "a mapping (keys below)"
    else:
        names: dict[Any, str] = {
            bool: "`true` or `false`",
            int: "a whole number",
            float: "a number",
            str: "text",
        }
        kind = names.get(inner, "any value") if isinstance(inner, type) else "any value"
    limits = _limits(constraints)
    return kind + (f" ({', '.join(limits)})" if limits else "")


def _default(field: FieldInfo) -> str:
    if field.required:
        return "required"
    value = field.default if field.default is not NODEFAULT else field.default_factory()
    if value is None or value == []:
        return "—"
    if isinstance(value, Struct):
        return "(keys below)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list):
        return "`[" + ", ".join(str(v) for v in value) + "]`"
    return f"`{value}`"


def _rows(model: type[Struct], prefix: str = "") -> Iterator[str]:
    for name, field in struct_fields(model).items():
        key = f"{prefix}{name}"
        kind = _kind(field.type, [])
        about = _description(field.type).replace("|", "\\|")
        yield f"| `{key}` | {kind} | {_default(field)} | {about} |"
        nested = _model(field.type)
        if nested is not None:
            inner, _, _ = _parts(field.type)
            yield from _rows(nested, f"{key}[]." if typing.get_origin(inner) is list else f"{key}.")


def render() -> str:
    """The whole of docs/reference.md."""
    parts = [HEADER]
    for title, intro, model in ROOTS:
        parts.append(f"\n## {title}\n\n{intro}\n\n| Key | Type | Default | What it does |\n")
        parts.append("| --- | --- | --- | --- |\n")
        parts.extend(f"{row}\n" for row in _rows(model))
    return "".join(parts)


if __name__ == "__main__":
    print(render(), end="")
