"""Counted strings: a catalogue entry's plural form chosen by its language's CLDR rules.

A counted entry is an object of CLDR plural categories plus ``by``, the placeholder whose
number picks the form [Unicode UTS #35 Part 3 §5 "Language Plural Rules"]. Babel holds the CLDR
data; it loads only when a template prints a counted string.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel.plural import PluralRule

Entry = str | dict[str, str]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def _rule(lang: str) -> PluralRule:
    """The CLDR plural rule of a language (Babel's locale data, loaded once)."""
    from babel import Locale

    return Locale.parse(lang).plural_form


def category(lang: str, count: float) -> str:
    """The CLDR plural category of a number in a language: "one", "many", "other"…"""
    return str(_rule(lang)(count))


def say(entry: Entry, lang: str, **values: object) -> str:
    """A catalogue entry in lang, its plural form chosen and its {placeholders} filled in."""
    if isinstance(entry, dict):
        forms = entry
        count = values.get(forms["by"])
        picked = category(lang, count) if isinstance(count, int | float) else "other"
        text = forms.get(picked, forms["other"])
    else:
        text = entry
    return PLACEHOLDER.sub(lambda m: str(values.get(m[1], m[0])), text)
