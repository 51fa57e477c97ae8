"""The source schema's value types: texts, language maps, slugs, whole numbers, flags."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Annotated, Any

from msgspec import Meta

from ..targets import REGISTRY
from .spec_check import Accept, describe, one_of
from .spec_places import Refused

if TYPE_CHECKING:
    from .load import Loc

LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
SLUG_RE = r"^[a-z0-9][a-z0-9-]{0,62}$"
CODE_RE = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
PAGE_FILE_RE = r"([a-z0-9][a-z0-9-]{0,62})\.([a-z]{2,3}(?:-[A-Z]{2})?)\.md"
"""A page file's name, `<page>.<lang>.md`: its page (group 1) and its language (group 2)."""


def _text(value: Any) -> str | dict[str, str]:
    """Accept a plain string or a language map {en: ..., fr: ...} of strings."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        bad = [k for k in value if not isinstance(k, str) or not LANGUAGE_RE.match(k)]
        if bad:
            raise ValueError(f"expected language codes like 'en' or 'fr' as keys, found '{bad[0]}'")
        return {str(k): v for k, v in value.items()}
    if _language_map_of_scalars(value):
        # {en: Yes, fr: Oui} is a language map: the fault is the value YAML read as true.
        raise Refused(
            [
                ((lang,), f"expected text, found {describe(v)}")
                for lang, v in value.items()
                if not isinstance(v, str)
            ],
            unquoted=True,
        )
    expected = "expected text or a language map like {en: ..., fr: ...}"
    raise Refused(
        [((), f"{expected}, found {describe(value)}")],
        unquoted=isinstance(value, bool | int | float),
    )


def _language_map_of_scalars(value: Any) -> bool:
    """True for a language map whose values are texts, booleans and numbers (not all texts)."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(k, str) and LANGUAGE_RE.match(k) for k in value)
        and all(isinstance(v, str | bool | int | float) for v in value.values())
    )


def _texts(value: Any) -> list[str] | dict[str, list[str]]:
    """Accept a list of strings, or a language map of lists of strings."""

    def is_list(v: Any) -> bool:
        return isinstance(v, list) and bool(v) and all(isinstance(i, str | int | float) for i in v)

    if is_list(value):
        _no_booleans([((), value)])
        return [str(v) for v in value]
    if isinstance(value, dict) and value and all(is_list(v) for v in value.values()):
        _no_booleans([((k,), v) for k, v in value.items()])
        return {str(k): [str(i) for i in v] for k, v in value.items()}
    raise ValueError(
        "expected a list of accepted answers, or a language map of lists "
        f"like {{en: [...], fr: [...]}}, found {describe(value)}"
    )


def _no_booleans(lists: list[tuple[Loc, list[Any]]]) -> None:
    """Refuse answers YAML read as true or false (`yes`, `No`): kept as 'True', no learner's
    typed answer would ever match them."""
    places = [
        ((*key, i), f"expected text, found {describe(item)}")
        for key, items in lists
        for i, item in enumerate(items)
        if isinstance(item, bool)
    ]
    if places:
        raise Refused(places, unquoted=True)


def _scale(value: Any) -> str | list[str | dict[str, str]]:
    """Accept a named Likert scale, or a list of labels (texts or language maps)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        labels: list[str | dict[str, str]] = []
        refused: list[tuple[tuple[str | int, ...], str]] = []
        unquoted = False
        for n, label in enumerate(value):
            try:
                labels.append(_text(label))
            except Refused as error:
                refused += [((n, *at), message) for at, message in error.places]
                unquoted = unquoted or error.unquoted
        if refused:
            raise Refused(refused, unquoted=unquoted)
        return labels
    raise ValueError(f"expected a list of labels or a named scale, found {describe(value)}")


# Characters that show nothing: Default_Ignorable_Code_Point [Unicode 15.1
# DerivedCoreProperties.txt] (the soft hyphen, zero-width spaces and joiners, bidi controls, the
# Hangul fillers, variation selectors, tags) and U+2800 BRAILLE PATTERN BLANK, an empty cell.
_SHOWS_NOTHING = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def is_blank(text: str) -> bool:
    """True when `text` has nothing to read: only whitespace, control and format characters,
    and characters that show nothing (zero-width spaces, Hangul fillers, a blank braille cell)."""
    return all(
        c.isspace() or _SHOWS_NOTHING.match(c) or unicodedata.category(c) in ("Cf", "Cc")
        for c in text
    )


def _target(value: Any) -> str:
    """Accept the name of a target in builder/targets' registry."""
    if isinstance(value, str) and value in REGISTRY:
        return value
    raise ValueError(f"expected one of {one_of(tuple(REGISTRY))}, found {describe(value)}")


Text = Annotated[Any, Accept(_text)]
TextList = Annotated[Any, Accept(_texts)]
Scale = Annotated[Any, Accept(_scale)]
TargetName = Annotated[Any, Accept(_target)]
Slug = Annotated[str, Meta(pattern=SLUG_RE)]
Language = Annotated[str, Meta(pattern=LANGUAGE_RE.pattern)]
# A YAML `true` is never a number here, and a number never a flag (spec_check is strict on both).
Whole = int
Number = float
Flag = bool
