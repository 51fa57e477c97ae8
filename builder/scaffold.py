"""`coursebuild new`: a small course that validates and builds, for an author to start from."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .source.paths import shown
from .source.schema import CODE_RE
from .theme import catalogues

DEFAULT_LANGUAGES = ("en",)

# The starting texts, per language; a language with the player's strings but none here starts
# from the English texts, for the author to translate.
_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "My new course",
        "description": "What this course teaches.",
        "intro": "Introduction",
        "welcome": "Welcome",
        "body": "Write this page in Markdown. Add pages to `modules/` and list them in "
        "`course.yml`.",
        "quiz": "Final assessment",
        "tf": "A course is built from plain text files.",
        "right": "Right.",
        "wrong": "It is: YAML and Markdown.",
        "single": "Where do the pages of a course go?",
        "modules": "In the modules folder.",
        "media": "In the media folder.",
        "yes": "Yes.",
        "no": "No: media holds images, videos and captions.",
    },
    "fr": {
        "title": "Mon nouveau cours",
        "description": "Ce que ce cours enseigne.",
        "intro": "Introduction",
        "welcome": "Bienvenue",
        "body": "Rédigez cette page en Markdown. Ajoutez des pages dans `modules/` et "
        "inscrivez-les dans `course.yml`.",
        "quiz": "Évaluation finale",
        "tf": "Un cours est fait de fichiers texte.",
        "right": "Exact.",
        "wrong": "C'est bien le cas : du YAML et du Markdown.",
        "single": "Où vont les pages d'un cours?",
        "modules": "Dans le dossier modules.",
        "media": "Dans le dossier media.",
        "yes": "Oui.",
        "no": "Non : media contient les images, vidéos et sous-titres.",
    },
}


class ScaffoldError(Exception):
    """The course folder cannot be made: it exists with files in it, or cannot be written."""


def check_slug(name: str) -> str | None:
    """Why `name` cannot name a course folder, or None."""
    # The folder's name is the course's slug, in every zip's name: `code`'s characters.
    if re.fullmatch(CODE_RE, name):
        return None
    return (
        f"'{shown(name)}' cannot name a course; expected up to 64 letters, digits, '-' and '_', "
        "starting with a letter or digit (it names the course's zips)"
    )


def check_languages(languages: list[str]) -> str | None:
    """Why `languages` cannot be a course's languages, or None."""
    supported = sorted(catalogues())
    unknown = [lang for lang in languages if lang not in supported]
    if unknown:
        return f"'{unknown[0]}' is not supported; expected one of: {', '.join(supported)}"
    if not languages or len(set(languages)) != len(languages):
        return "expected each language once, such as en or en,fr"
    return None


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _map(languages: list[str], key: str) -> str:
    parts = [f"{lang}: {_quoted(_TEXTS.get(lang, _TEXTS['en'])[key])}" for lang in languages]
    return "{" + ", ".join(parts) + "}"


def _course_yml(slug: str, languages: list[str]) -> str:
    return f"""\
# A new course. Every key, its type and default: docs/reference.md in coursebuild's repository.
id: https://training.example.org/courses/{slug}   # stable IRI: your organisation's address
code: {_quoted(slug.upper())}
version: 0.1.0
languages: [{", ".join(languages)}]   # the first is the default
title: {_map(languages, "title")}
description: {_map(languages, "description")}
modules:
  - page: intro            # modules/intro.<lang>.md
  - assessment: final      # assessments/final.yml
completion: {{pages: all, video: 0, assessment: passed}}
targets: [scorm12]         # also: scorm2004, xapi, cmi5
"""


def _page(lang: str) -> str:
    text = _TEXTS.get(lang, _TEXTS["en"])
    return f"---\ntitle: {_quoted(text['intro'])}\n---\n\n# {text['welcome']}\n\n{text['body']}\n"


def _assessment(languages: list[str]) -> str:
    def m(key: str) -> str:
        return _map(languages, key)

    return f"""\
title: {m("quiz")}
pass_mark: 50        # with two questions, one right passes; raise it as you add questions
attempts: 3          # 0 = unlimited
reveal: false        # right or wrong only: attempt 2 asks the same questions
questions:
  - id: plain-text
    type: true-false
    prompt: {m("tf")}
    answer: true
    feedback: {{correct: {m("right")}, incorrect: {m("wrong")}}}
  - id: pages
    type: single
    prompt: {m("single")}
    choices:
      - id: a
        text: {m("modules")}
        correct: true
        feedback: {m("yes")}
      - id: b
        text: {m("media")}
        feedback: {m("no")}
"""


def scaffold(folder: Path, languages: list[str], name: str = "") -> list[Path]:
    """Write a new course named `name` (else the folder's name) into `folder` (absent or
    empty); the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(f"'{folder.as_posix()}' already exists and is not an empty folder")
    files = {
        "course.yml": _course_yml(name or folder.name, languages),
        "assessments/final.yml": _assessment(languages),
        **{f"modules/intro.{lang}.md": _page(lang) for lang in languages},
    }
    written = []
    try:
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError as error:
        raise ScaffoldError(f"cannot write {folder.as_posix()}: {error.strerror}") from error
    return written
