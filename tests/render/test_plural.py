"""Counted strings at build time: the catalogue's plural forms, chosen by each language's CLDR
rules through Babel (issue 15: "1 pages vues sur 7", "1 questions")."""

from __future__ import annotations

import re

import pytest
from babel import Locale

from builder.render.plural import say
from builder.theme import catalogues

COUNTED = ("menu_more", "progress_text", "quiz_intro", "attempts_left", "record_todo")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_plural_string_has_the_forms_its_language_needs(lang: str) -> None:
    needed = set(Locale.parse(lang).plural_form.tags) | {"other"}
    plurals = {k: v for k, v in catalogues()[lang].items() if isinstance(v, dict)}
    assert set(COUNTED) <= set(plurals)
    for key, entry in plurals.items():
        assert set(entry) - {"by"} == needed, key
        assert all("{" + entry["by"] + "}" in f for k, f in entry.items() if k != "by"), key


def test_the_form_follows_the_number_in_each_language() -> None:
    fr, en = catalogues()["fr"], catalogues()["en"]
    assert say(fr["progress_text"], "fr", seen=1, total=7) == "1 page vue sur 7"
    assert say(fr["progress_text"], "fr", seen=0, total=7) == "0 page vue sur 7"
    assert say(fr["progress_text"], "fr", seen=3, total=7) == "3 pages vues sur 7"
    assert say(en["progress_text"], "en", seen=1, total=7) == "1 of 7 pages seen"
    assert re.search(r"\b1 question\b(?!s)", say(en["quiz_intro"], "en", count=1, **{"pass": 80}))
    assert re.search(r"\b1 page\b(?!s)", say(fr["menu_more"], "fr", total=1))
    assert re.search(r"\b12 pages\b", say(fr["menu_more"], "fr", total=12))
    # CLDR French "many" (a million): "1000000 de pages"
    assert re.search(r"\b1000000 de pages\b", say(fr["menu_more"], "fr", total=1_000_000))


def test_a_plain_string_is_filled_in_and_unknown_placeholders_stay() -> None:
    assert say("Page {n} of {total}", "en", n=2) == "Page 2 of {total}"
