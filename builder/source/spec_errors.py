"""The source schema's validation errors as diagnostics, each at its value's line and column."""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, Severity, did_you_mean
from .load import Loc, SourceDoc


def describe(value: Any) -> str:
    """Say what a value is, for 'expected X, found Y' messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The schema model that describes the mapping at `loc`, to list its allowed keys."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    return annotation


_EXPECTED = {
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_parsing": "a number",
    "float_type": "a number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def _message(err: Any, where: str, patterns: dict[str, str]) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    found = describe(err.get("input"))
    if kind in _EXPECTED:
        return f"{where}: expected {_EXPECTED[kind]}, found {found}"
    if kind == "finite_number":
        return f"{where}: expected a finite number, found {found}"
    if kind == "literal_error":
        return f"{where}: expected one of {ctx.get('expected', '')}, found {found}"
    if kind in ("greater_than_equal", "less_than_equal"):
        model_field = where.rsplit(".", 1)[-1]
        bounds = {"pass_mark": "0-100", "mastery_score": "0-100", "video": "0-100"}
        expected = bounds.get(model_field) or (
            f"≥ {ctx.get('ge')}" if kind == "greater_than_equal" else f"≤ {ctx.get('le')}"
        )
        return f"{where}: expected a number in {expected}, found {found}"
    if kind == "string_pattern_mismatch":
        expected = patterns.get(str(ctx.get("pattern")), f"text matching {ctx.get('pattern')}")
        return f"{where}: expected {expected}, found {found}"
    if kind in ("too_short", "string_too_short"):
        return f"{where}: expected a non-empty value, found {found}"
    if kind == "value_error":
        return f"{where}: {err['msg'].removeprefix('Value error, ')}"
    return f"{where}: {err['msg']}, found {found}"


def to_diagnostics(
    model: type[BaseModel],
    doc: SourceDoc,
    exc: ValidationError,
    prefix: Loc,
    patterns: dict[str, str],
) -> list[Diagnostic]:
    """A pydantic error list as diagnostics at the lines of the values they are about."""
    found: list[Diagnostic] = []
    for err in exc.errors(include_url=False):
        inner: Loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
        loc: Loc = (*prefix, *inner)
        kind = err["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            parent = _model_at(model, inner[:-1])
            allowed = sorted(parent.model_fields) if parent else []
            hint = did_you_mean(key, allowed) or (
                f"allowed keys: {', '.join(allowed)}" if allowed else ""
            )
            found.append(
                Diagnostic(
                    doc.at(loc, key=True),
                    Severity.ERROR,
                    "unknown-key",
                    f"unknown key '{_dotted(loc)}'",
                    hint,
                )
            )
        elif kind == "missing":
            parent_where = _dotted(loc[:-1]) or "the document"
            found.append(
                Diagnostic(
                    doc.at(loc[:-1]),
                    Severity.ERROR,
                    "missing-field",
                    f"missing required key '{loc[-1]}' in {parent_where}",
                )
            )
        else:
            code = "bad-value" if kind not in _EXPECTED else "wrong-type"
            found.append(
                Diagnostic(doc.at(loc), Severity.ERROR, code, _message(err, _dotted(loc), patterns))
            )
    return found
