"""The French of the seed courses and the player's catalogue follows the Translation Bureau's
conventions (TERMIUM Plus, *Le guide du rédacteur*; docs/style-fr.md): what can be checked by
a machine is checked here (issue 15, "Interface text")."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "course_src"
CATALOGUE = REPO / "templates" / "theme" / "i18n" / "fr.json"
NBSP = "\u00a0"

# calques and wrong terms the issue names, with what replaces them (docs/style-fr.md)
BANNED = {
    "Participez, et vérifiez": "Participez aux échanges et vérifiez",
    "Remplissez l'espace": "Complétez la phrase",
    "qui s'appliquent": "Cochez toutes les bonnes réponses",
    "Bon retour": "(no greeting)",
    "site de l'éditeur": "site du diffuseur",
    "dispositifs": "appareils",
    "bureau des valeurs": "Bureau des valeurs et de l'éthique",
}
# masculine plurals that need their feminine form first (doublet complet)
DOUBLETS = {"employés": "employées et ", "collaborateurs": "collaboratrices et "}


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _french_yaml(node: object) -> Iterator[str]:
    """Every string under an `fr` key of a course.yml or an assessment."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value) if key == "fr" else _french_yaml(value)
    elif isinstance(node, list):
        for value in node:
            yield from _french_yaml(value)


def _markdown_blocks(text: str) -> Iterator[str]:
    """The prose of a French page: its front matter's values (but URLs), then each block
    with list markers and heading numbers taken off and its lines joined."""
    if text.startswith("---\n"):
        front, text = text[4:].split("\n---\n", 1)
        data = yaml.safe_load(front)
        # URLs and durations ("2:14") are data, not prose
        yield from (s for s in _strings(data) if not re.match(r"https?:|\d+(:\d\d)+$", s))
    for block in re.split(r"\n\s*\n", text):
        marker = r"^\s*(?:#+\s*|[-*]\s+)?(?:\d+\.\s+)?"  # list marker, heading, point number
        lines = [re.sub(marker, "", ln) for ln in block.splitlines()]
        yield " ".join(ln for ln in lines if ln)


def french_texts() -> list[tuple[str, str]]:
    """(where, text) for every French text of the seeds and the catalogue."""
    found: list[tuple[str, str]] = []
    for path in sorted(SEEDS.glob("*/**/*.fr.md")):
        blocks = _markdown_blocks(path.read_text(encoding="utf-8"))
        found += [(path.relative_to(REPO).as_posix(), b) for b in blocks]
    for path in sorted([*SEEDS.glob("*/course.yml"), *SEEDS.glob("*/assessments/*.yml")]):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [(path.relative_to(REPO).as_posix(), s) for s in _french_yaml(data)]
    for key, value in json.loads(CATALOGUE.read_text(encoding="utf-8")).items():
        forms = value.values() if isinstance(value, dict) else [value]
        found += [(f"fr.json {key}", f) for f in forms if f not in ("seen", "total", "n", "count")]
    return found


TEXTS = french_texts()


def test_the_french_texts_are_found() -> None:
    assert len({where for where, _ in TEXTS}) > 20


def _apostrophe(text: str) -> list[str]:
    return ["typographic apostrophe (use ' throughout)"] if "\u2019" in text else []


def _numeral(text: str) -> list[str]:
    # no sentence starts with a digit, nor (catalogue) with a counted placeholder
    starts = re.search(r"(?:^|[.!?]\s+)(?:\d|\{\w+\}(?=[^.]*\.$))", text)
    return ["a sentence starts with a numeral"] if starts else []


def _spacing(text: str) -> list[str]:
    bad = []
    if re.search(r"[^" + NBSP + r"](?::(?=\s|$)|%)", text):
        bad.append("U+00A0 before : and %")
    if re.search(r"\s[;?!]", text):
        bad.append("no space before ; ? ! (Canadian usage)")
    if re.search("«(?!" + NBSP + ")|(?<!" + NBSP + ")»", text):
        bad.append("U+00A0 inside « »")
    return bad


def _calques(text: str) -> list[str]:
    return [f"{w!r} (write {r!r})" for w, r in BANNED.items() if w in text]


def _doublets(text: str) -> list[str]:
    return [
        f"{noun!r} alone (write {feminine + noun!r})"
        for noun, feminine in DOUBLETS.items()
        for m in re.finditer(rf"\b{noun}\b", text)
        if not text[: m.start()].endswith(feminine)
    ]


RULES = {
    "apostrophe": _apostrophe,
    "numeral": _numeral,
    "spacing": _spacing,
    "calques": _calques,
    "doublets": _doublets,
}


@pytest.mark.parametrize("rule", sorted(RULES))
def test_french_conventions(rule: str) -> None:
    bad: list[str] = []
    for where, text in TEXTS:
        plain = re.sub(r"`[^`]*`|https?://\S+|\]\([^)]*\)", "", text)  # code, URLs, link targets
        bad += [f"{where}: {why}: {text!r}" for why in RULES[rule](plain)]
    assert not bad, "\n".join(bad)
