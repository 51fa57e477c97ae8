"""Language editions: the same course model, one package per language (`--split-languages`)."""

from __future__ import annotations

from msgspec.structs import replace

from ..model import Assessment, Course, Module, Pretest


def _only(module: Module, lang: str) -> Module:
    if isinstance(module, Pretest):
        return Pretest(_only_answers(module.assessment, lang))
    return _only_answers(module, lang) if isinstance(module, Assessment) else module


def _only_answers(module: Assessment, lang: str) -> Assessment:
    questions = tuple(
        replace(q, answers={lang: q.answers[lang]}) if q.answers else q for q in module.questions
    )
    return replace(module, questions=questions)


def language_edition(course: Course, lang: str) -> Course:
    """The course with only `lang` rendered; its packages are named <course>-<lang>-<target>."""
    return replace(
        course,
        slug=f"{course.slug}-{lang}",
        # Each edition is its own package in the LMS: its manifest identifiers must differ.
        code=f"{course.code}-{lang.upper()}",
        languages=(lang,),
        modules=tuple(_only(m, lang) for m in course.modules),
    )


def language_editions(course: Course) -> list[Course]:
    """One edition per declared language, in the course's order."""
    return [language_edition(course, lang) for lang in course.languages]
