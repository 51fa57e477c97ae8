"""A source mapping checked against the schema's Structs: every error, each at its value.

msgspec stops at a value's first error, and an author wants every error of a file at once. So
the schema's annotations are walked here, key by key and item by item, with the messages an
author reads ("attempts: expected a whole number, found 'two'"); the checked values then fill
the frozen Structs. The walk knows the few types the schema uses: text, whole numbers,
numbers, flags, a `Literal`'s values, lists, mappings, Structs, `Optional` and a union of
those, with msgspec `Meta` bounds and patterns, and `Accept` for a value read by a function.
`salvage` keeps what can be read of a mapping with errors, so that later checks still run.
"""

from __future__ import annotations

import math
import re
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, Literal

from msgspec import NODEFAULT, Meta, Struct
from msgspec.structs import FieldInfo, fields

from ..diagnostics import Diagnostic, Severity, closest
from .load import Loc, SourceDoc
from .spec_places import Broken, Refused, unquoted_hint

S = typing.TypeVar("S", bound=Struct)


class Accept:
    """Annotated metadata: a function that reads a value, or raises ValueError saying why not."""

    __slots__ = ("read",)

    def __init__(self, read: Callable[[Any], Any]) -> None:
        self.read = read


class Spec(Struct, frozen=True, kw_only=True):
    """A mapping of a course source, as the schema declares it (the base of its Structs)."""


class Problem(Struct, frozen=True):
    """One error of a checked mapping: where it is, its code, its message and a hint."""

    loc: Loc
    code: str
    message: str
    hint: str = ""
    at_key: bool = False
    unquoted: bool = False
    """The value is one YAML read as true/false or a number where text is expected."""


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


def dotted(loc: Loc) -> str:
    """A place as authors write it: `modules[2].page`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def check(
    model: type[S], data: Any, loc: Loc = (), patterns: dict[str, str] | None = None
) -> tuple[S | None, list[Problem]]:
    """`data` as a `model`, or None with every problem found in it (each at `loc` + its place)."""
    walk = _Walk(patterns or {})
    value = walk.struct(model, data, loc)
    return (None if value is _INVALID else value), walk.problems


def salvage(
    model: type[S], data: Any, loc: Loc = (), patterns: dict[str, str] | None = None
) -> tuple[S | None, list[Problem], Broken]:
    """`data` as a `model` even with problems (None only when it is not a mapping): each value
    that cannot be read holds its field's default, or None, and is listed as broken."""
    walk = _Walk(patterns or {}, salvage=True)
    value = walk.struct(model, data, loc)
    return (None if value is _INVALID else value), walk.problems, Broken(frozenset(walk.broken))


def to_diagnostics(doc: SourceDoc, problems: list[Problem]) -> list[Diagnostic]:
    """Problems as diagnostics at the lines and columns of the values (or keys) they are about."""
    return [
        Diagnostic(
            doc.at(p.loc, key=p.at_key),
            Severity.ERROR,
            p.code,
            p.message,
            p.hint or (unquoted_hint(doc, p.loc) if p.unquoted else ""),
        )
        for p in problems
    ]


_INVALID: Any = object()
_NONE = type(None)
# int() and float() also read other scripts' digits; YAML authors mean ASCII ones.
_WHOLE_TEXT = re.compile(r"[+-]?[0-9](?:_?[0-9])*(?:\.0*)?")
_KINDS: dict[Any, str] = {
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    str: "text",
    list: "a list",
    dict: "a mapping",
}


@cache
def struct_fields(model: type) -> dict[str, FieldInfo]:
    """A Struct's fields by name, in order, their annotations resolved (kept per class)."""
    return {f.name: f for f in fields(model)}


def peel(annotation: Any) -> tuple[Any, list[Any]]:
    """The type inside `Annotated`, and its metadata (msgspec `Meta`, `Accept`)."""
    if typing.get_origin(annotation) is Annotated:
        base, *extras = typing.get_args(annotation)
        return base, extras
    return annotation, []


def _kind(annotation: Any) -> str:
    base, _ = peel(annotation)
    origin = typing.get_origin(base) or base
    if isinstance(origin, type) and issubclass(origin, Struct):
        return "a mapping"
    return _KINDS.get(origin, "a value")


def one_of(values: tuple[Any, ...]) -> str:
    """Allowed values as a diagnostic lists them: 'a', 'b' or 'c'."""
    names = [f"'{v}'" for v in values]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


class _Walk:
    def __init__(self, patterns: dict[str, str], salvage: bool = False) -> None:
        self.patterns = patterns
        self.problems: list[Problem] = []
        self.salvage = salvage
        self.broken: set[Loc] = set()

    def fail(
        self, loc: Loc, code: str, expected: str, value: Any, *, unquoted: bool = False
    ) -> Any:
        where = dotted(loc) or "the document"
        message = f"{where}: expected {expected}, found {describe(value)}"
        self.problems.append(Problem(loc, code, message, unquoted=unquoted))
        return _INVALID

    def struct(self, model: type[S], value: Any, loc: Loc) -> Any:
        if not isinstance(value, dict):
            return self.fail(loc, "wrong-type", "a mapping", value)
        known = struct_fields(model)
        names = sorted(known)
        ok = True
        meant: set[str] = set()  # keys misspelt as unknown ones: their absence says nothing more
        for key in value:
            if not (isinstance(key, str) and key in known):
                ok = False
                place = (*loc, key if isinstance(key, str | int) else str(key))
                guess = closest(str(key), names)
                hint = f"did you mean '{guess}'?" if guess else f"allowed keys: {', '.join(names)}"
                message = f"unknown key '{dotted(place)}'"
                self.problems.append(Problem(place, "unknown-key", message, hint, at_key=True))
                if guess is not None and guess not in value:
                    meant.add(guess)
                    self.broken.add((*loc, guess))
        checked: dict[str, Any] = {}
        for name, field in known.items():
            if name in value:
                item = self.value(field.type, value[name], (*loc, name))
                if item is _INVALID:
                    ok = False
                    item = self.broke((*loc, name), field)
                checked[name] = item
            elif field.required:
                ok = False
                if name not in meant:
                    where = dotted(loc) or "the document"
                    message = f"missing required key '{name}' in {where}"
                    self.problems.append(Problem((*loc, name), "missing-field", message))
                checked[name] = self.broke((*loc, name), field)
        return model(**checked) if ok or self.salvage else _INVALID

    def broke(self, loc: Loc, field: FieldInfo) -> Any:
        """What a field that cannot be read holds when salvaged: its default, else None."""
        self.broken.add(loc)
        if field.default is not NODEFAULT:
            return field.default
        return None if field.default_factory is NODEFAULT else field.default_factory()

    def value(self, annotation: Any, value: Any, loc: Loc) -> Any:
        base, extras = peel(annotation)
        for extra in extras:
            if isinstance(extra, Accept):
                try:
                    return extra.read(value)
                except Refused as refused:
                    for at, message in refused.places:
                        place = (*loc, *at)
                        text = f"{dotted(place)}: {message}"
                        self.problems.append(
                            Problem(place, "bad-value", text, unquoted=refused.unquoted)
                        )
                    return _INVALID
                except ValueError as error:
                    self.problems.append(Problem(loc, "bad-value", f"{dotted(loc)}: {error}"))
                    return _INVALID
        origin = typing.get_origin(base)
        if origin in (typing.Union, types.UnionType):
            return self.union(typing.get_args(base), value, loc)
        if origin is Literal:
            allowed = typing.get_args(base)
            if any(type(value) is type(a) and value == a for a in allowed):
                return value
            return self.fail(loc, "bad-value", f"one of {one_of(allowed)}", value)
        if isinstance(base, type) and issubclass(base, Struct):
            return self.struct(base, value, loc)
        if origin is list:
            read = self.items(typing.get_args(base)[0], value, loc)
        elif origin is dict:
            read = self.mapping(typing.get_args(base), value, loc)
        else:
            read = self.scalar(base, value, loc)
        if read is _INVALID:
            return read
        return self.bounds([e for e in extras if isinstance(e, Meta)], read, value, loc)

    def items(self, item_type: Any, value: Any, loc: Loc) -> Any:
        if not isinstance(value, list):
            return self.fail(loc, "wrong-type", "a list", value)
        items = [self.value(item_type, item, (*loc, i)) for i, item in enumerate(value)]
        if not self.salvage:
            return _INVALID if any(i is _INVALID for i in items) else items
        self.broken.update((*loc, i) for i, item in enumerate(items) if item is _INVALID)
        return [None if item is _INVALID else item for item in items]

    def mapping(self, types_of: tuple[Any, ...], value: Any, loc: Loc) -> Any:
        if not isinstance(value, dict):
            return self.fail(loc, "wrong-type", "a mapping", value)
        key_type, item_type = types_of
        pairs = [
            (self.value(key_type, k, (*loc, k)), self.value(item_type, v, (*loc, k)))
            for k, v in value.items()
        ]
        bad = any(k is _INVALID or v is _INVALID for k, v in pairs)
        return _INVALID if bad else dict(pairs)

    def union(self, members: tuple[Any, ...], value: Any, loc: Loc) -> Any:
        if value is None and _NONE in members:
            return None
        members = tuple(m for m in members if m is not _NONE)
        if len(members) == 1:
            return self.value(members[0], value, loc)
        for member in members:
            trial = _Walk(self.patterns, self.salvage)
            read = trial.value(member, value, loc)
            if read is not _INVALID:  # (a salvaged mapping: with what could not be read)
                self.problems.extend(trial.problems)
                self.broken.update(trial.broken)
                return read
            if not any(p.code == "wrong-type" and p.loc == loc for p in trial.problems):
                self.problems.extend(trial.problems)  # the right kind, a wrong value: say which
                return _INVALID
        return self.fail(loc, "wrong-type", " or ".join(_kind(m) for m in members), value)

    def scalar(self, base: Any, value: Any, loc: Loc) -> Any:
        if base is Any:
            return value
        if base is bool or base is str:
            if isinstance(value, base):
                return value
            unquoted = base is str and isinstance(value, bool | int | float)
            return self.fail(loc, "wrong-type", _KINDS[base], value, unquoted=unquoted)
        if base is int:
            return self.whole(value, loc)
        if base is float:
            return self.number(value, loc)
        raise TypeError(f"the source schema has a type spec_check cannot read: {base!r}")

    def whole(self, value: Any, loc: Loc) -> Any:
        # A quoted number is read as YAML's unquoted one would be; `true` is never a number.
        if isinstance(value, str) and value.isascii() and _WHOLE_TEXT.fullmatch(value.strip()):
            return int(value.strip().replace("_", "").split(".")[0])
        if isinstance(value, float) and not math.isfinite(value):
            return self.fail(loc, "bad-value", "a finite number", value)
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        return self.fail(loc, "wrong-type", "a whole number", value)

    def number(self, value: Any, loc: Loc) -> Any:
        read: float | None = None
        if isinstance(value, str) and value.isascii():
            try:
                read = float(value.strip())
            except ValueError:
                read = None
        elif isinstance(value, int | float) and not isinstance(value, bool):
            try:
                read = float(value)
            except OverflowError:
                read = math.inf
        if read is None:
            return self.fail(loc, "wrong-type", "a number", value)
        if not math.isfinite(read):
            # A NaN or an infinity in the runtime config stops the player at launch.
            return self.fail(loc, "bad-value", "a finite number", value)
        return read

    def bounds(self, metas: list[Meta], read: Any, value: Any, loc: Loc) -> Any:
        """`read` (the value as converted) within the Meta's bounds; messages show `value`."""
        ge = next((m.ge for m in metas if m.ge is not None), None)
        le = next((m.le for m in metas if m.le is not None), None)
        if (ge is not None and read < ge) or (le is not None and read > le):
            span = (
                f"in {ge}-{le}"
                if ge is not None and le is not None
                else (f"≥ {ge}" if ge is not None else f"≤ {le}")
            )
            return self.fail(loc, "bad-value", f"a number {span}", value)
        for meta in metas:
            if meta.min_length is not None and len(read) < meta.min_length:
                return self.fail(loc, "bad-value", "a non-empty value", value)
            if meta.pattern is not None and not _matches(meta.pattern, read):
                expected = self.patterns.get(meta.pattern, f"text matching {meta.pattern}")
                return self.fail(loc, "bad-value", expected, value)
        return read


def _matches(pattern: str, text: str) -> bool:
    found = re.search(pattern, text)
    # Python's `$` also matches before a final newline: the match must reach the text's end.
    return found is not None and found.end() == len(text)
