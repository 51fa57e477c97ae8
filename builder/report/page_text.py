"""The report page's words and numbers in one language: its catalogue, and counts, shares,
durations and course texts formatted as that language writes them.

French per the Translation Bureau's *Le guide du rédacteur* (docs/style-fr.md): decimal comma,
a narrow no-break space between thousands, a no-break space before ``%`` and ``:``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from msgspec import Struct

from ..render.plural import PLACEHOLDER, Entry, say
from ..theme import templates_dir

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space: the French thousands separator
DASH = "\u2013"  # en dash  # a figure withheld (null): too few learners


def report_dir() -> Path:
    """The report's theme folder: inside the installed package, or the checkout's templates/."""
    return templates_dir("report", "report.html.j2")


@cache
def catalogue(lang: str) -> dict[str, Any]:
    """The page's strings in one language (English for a language it has no catalogue for)."""
    folder = report_dir() / "i18n"
    path = folder / f"{lang}.json"
    if not path.is_file():
        path = folder / "en.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


class Words(Struct, frozen=True):
    """Everything the page writes in one language, for a course in `languages`."""

    lang: str
    languages: tuple[str, ...]
    min_group: int

    def __call__(self, key: str, **values: object) -> str:
        """A catalogue string, its plural form chosen and its {placeholders} filled in."""
        entry: Entry = catalogue(self.lang)[key]
        return say(entry, self.lang, **values)

    def markup(self, key: str, **values: object) -> Markup:
        """A catalogue string as markup, its {placeholders} filled with escaped values (a
        Markup value, such as a course text marked with its language, kept as it is)."""
        template = str(escape(self(key)))
        return Markup(
            PLACEHOLDER.sub(
                lambda m: str(escape(values[m[1]])) if m[1] in values else m[0], template
            )
        )

    def language_name(self, code: str) -> str:
        """A language's name in the page's language (its code in capitals if unknown)."""
        names: Mapping[str, str] = catalogue(self.lang)["language_names"]
        return names.get(code, code.upper())

    def section_name(self, key: str) -> str:
        """A section's column heading: all learners, or a language's name."""
        return self("all") if key == "all" else self.language_name(key).capitalize()

    def number(self, value: float, decimals: int = 0, strip: bool = True) -> str:
        """A number with this language's decimal mark and thousands separator (to `decimals`
        places, trailing zeros dropped unless `strip` is false)."""
        text = f"{value:,.{decimals}f}"
        if decimals and strip:
            text = text.rstrip("0").rstrip(".")
        text = text.replace("-", "\u2212")  # the minus sign, not a hyphen
        if self.lang == "fr":
            return text.replace(",", NNBSP).replace(".", ",")
        return text

    def count(self, value: Any) -> str:
        """A count of learners or statements; a masked one ("<5") as "< 5"."""
        if isinstance(value, str):
            return value.replace("<", f"<{NBSP}", 1) if value.startswith("<") else value
        if value is None:
            return DASH
        return self.number(value)

    def share(self, value: float | None) -> str:
        """A share (0 to 1) as a percentage, to one decimal; null as a dash."""
        if value is None:
            return DASH
        space = NBSP if self.lang == "fr" else ""
        return f"{self.number(value * 100, 1)}{space}%"

    def decimal(self, value: float | None, decimals: int = 2) -> str:
        """A statistic (discrimination, mean attempts), to `decimals` places; null as a dash."""
        return DASH if value is None else self.number(value, decimals, strip=False)

    def seconds(self, value: float | None) -> str:
        """A duration in seconds as "42 s", "3 min 05 s" or "1 h 02 min"; null as a dash."""
        if value is None:
            return DASH
        if value < 60:
            return self("seconds", n=self.number(value, 1 if value < 10 else 0))
        whole = round(value)
        if whole < 3600:
            return self("minutes", m=whole // 60, s=f"{whole % 60:02d}")
        return self("hours", h=whole // 3600, m=f"{whole % 3600 // 60:02d}")

    def text(self, texts: Mapping[str, str] | None, fallback: str = "") -> Markup:
        """A course text in the page's language, else the course's first language that has it,
        marked with `lang=` [WCAG 2.1 SC 3.1.2]; escaped (course texts are untrusted)."""
        texts = texts or {}
        order: Sequence[str] = (self.lang, *self.languages, *sorted(texts))
        for code in order:
            found = texts.get(code)
            if found:
                if code == self.lang:
                    return escape(found)
                return Markup('<span lang="{}">{}</span>').format(code, found)
        return escape(fallback)

    def plain(self, texts: Mapping[str, str] | None, fallback: str = "") -> str:
        """A course text as plain words (for a chart or a title attribute), no markup."""
        texts = texts or {}
        for code in (self.lang, *self.languages, *sorted(texts)):
            if texts.get(code):
                return texts[code]
        return fallback


def is_masked(value: Any) -> bool:
    """A count the engine masked ("<5")."""
    return isinstance(value, str) and value.startswith("<")


def as_number(value: Any) -> float | None:
    """A count or figure as a number to draw; masked or null ones are not drawn."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
