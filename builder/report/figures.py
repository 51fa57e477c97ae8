"""report.json from a tally: every section's funnel, videos, items, scores and time
(docs/report.md; the contract is the "report.json" section there)."""

from __future__ import annotations

import hashlib
import itertools
import math
from datetime import UTC, datetime
from typing import Any

from .consume import Tally
from .course import CourseInfo, Page
from .items import Analysis, analyse, item_row, scores
from .stats import mask, median, rounded
from .store import Section
from .tally import BINS

FORMAT = "coursebuild-report/1"
IDLE = 30 * 60  # a longer gap between two statements is time away, not time on the page


def iso(moment: float | None) -> str | None:
    """A time as report.json writes it: UTC with milliseconds, ``2026-01-01T00:00:00.000Z``."""
    if moment is None:
        return None
    when = datetime.fromtimestamp(moment, UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def _funnel(
    info: CourseInfo, section: Section, min_group: int, languages: tuple[str, ...]
) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = [
        {"step": "launched", "learners": mask(len(section.launched), min_group)}
    ]
    page_number = 0
    for module in info.order:
        if isinstance(module, Page):
            seen = len(section.seen[page_number])
            steps.append(
                {
                    "step": "page",
                    "page": module.id,
                    "title": module.title,
                    "learners": mask(seen, min_group),
                }
            )
            if module.video_tracked(languages):
                started = len(section.video_started[page_number])
                steps.append(
                    {
                        "step": "video",
                        "page": module.id,
                        "title": module.video_title,
                        "learners": mask(started, min_group),
                    }
                )
            page_number += 1
        elif module.role == "assessment":
            steps.append(
                {"step": "attempted", "quiz": module.id, "title": module.title, "learners": None}
            )  # filled in by _attempted
    steps.append({"step": "passed", "learners": mask(len(section.passed), min_group)})
    steps.append({"step": "completed", "learners": mask(len(section.completed), min_group)})
    return steps


def _videos(
    info: CourseInfo, section: Section, min_group: int, languages: tuple[str, ...]
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for number, page in enumerate(info.pages):
        if not page.video_iri:
            continue
        if not page.video_tracked(languages):  # a link card: no statement says how far
            found.append(
                {
                    "page": page.id,
                    "activity": page.video_iri,
                    "title": page.video_title,
                    "tracked": False,
                    "learners": None,
                    "completed": None,
                    "watched": [],
                }
            )
            continue
        masks = [m for m in section.video_bins[number] if m]
        watched = [
            {
                "from": 5 * i,
                "to": 5 * (i + 1),
                "learners": mask(sum(1 for m in masks if m >> i & 1), min_group),
            }
            for i in range(BINS)
        ]
        found.append(
            {
                "page": page.id,
                "activity": page.video_iri,
                "title": page.video_title,
                "tracked": True,
                "learners": mask(len(section.video_started[number]), min_group),
                "completed": mask(len(section.video_completed[number]), min_group),
                "watched": watched,
            }
        )
    return found


def _page_times(section: Section, pages: int) -> list[dict[int, float]]:
    """Per page, each learner's time on it: from its ``experienced`` to the registration's next
    page, assessment answer or course ``terminated``, gaps over IDLE left out."""
    times: list[dict[int, float]] = [{} for _ in range(pages)]
    for (learner, _reg), (moments, marks) in section.visits():
        order = sorted(range(len(moments)), key=moments.__getitem__)
        for here, after in itertools.pairwise(order):
            page = marks[here]
            gap = moments[after] - moments[here]
            if page >= 0 and gap <= IDLE:
                times[page][learner] = times[page].get(learner, 0.0) + gap
    return times


def _time(info: CourseInfo, section: Section, min_group: int) -> dict[str, Any]:
    times = _page_times(section, len(info.pages))
    pages = []
    for page, spent in zip(info.pages, times, strict=True):
        enough = len(spent) >= min_group
        pages.append(
            {
                "page": page.id,
                "title": page.title,
                "median_seconds": rounded(median(list(spent.values()))) if enough else None,
                "learners": mask(len(spent), min_group),
            }
        )
    course = [spent for spent in section.course_seconds if not math.isnan(spent)]
    whole = rounded(median(course)) if len(course) >= min_group else None
    return {"pages": pages, "course_median_seconds": whole}


def section_figures(
    tally: Tally, section: Section, min_group: int, languages: tuple[str, ...]
) -> dict[str, Any]:
    """One section of report.json: its learners are those of ``languages``."""
    info = tally.info
    analysis = analyse(section, info.quizzes, tally.final)
    funnel = _funnel(info, section, min_group, languages)
    items: list[dict[str, Any]] = []
    checks: list[dict[str, Any]] = []
    index = 0
    for number, quiz in enumerate(info.quizzes):
        for question in quiz.questions:
            row = item_row(quiz, question, index, section, analysis, min_group)
            (items if number == tally.final else checks).append(row)
            index += 1
    _attempted(funnel, analysis, tally, min_group)
    final = info.assessment
    return {
        "learners": mask(len(section.learners), min_group),
        "funnel": funnel,
        "videos": _videos(info, section, min_group, languages),
        "items": items,
        "checks": checks,
        "scores": scores(analysis, final.pass_mark if final else None, min_group),
        "time": _time(info, section, min_group),
    }


def _attempted(funnel: list[dict[str, Any]], analysis: Analysis, tally: Tally, n: int) -> None:
    """The funnel's ``attempted``: learners who answered a question of the assessment."""
    if tally.final < 0:
        return
    start = sum(len(q.questions) for q in tally.info.quizzes[: tally.final])
    count = len(tally.info.quizzes[tally.final].questions)
    learners: set[int] = set()
    for who, _ in analysis.first[start : start + count]:
        learners.update(who)
    for step in funnel:
        if step["step"] == "attempted":
            step["learners"] = mask(len(learners), n)


def learner_rows(tally: Tally) -> list[dict[str, Any]]:
    """One row per learner (only with --learners): a hash of the identifier, never the name."""
    everyone = tally.section("all")
    analysis = analyse(everyone, tally.info.quizzes, tally.final)
    sections = {lang: tally.section(lang) for lang in tally.info.languages}
    rows = []
    for key, learner in tally.learner_ids.items():
        languages = [lang for lang in tally.info.languages if learner in sections[lang].learners]
        rows.append(
            {
                "learner": hashlib.sha256(key.encode()).hexdigest(),
                "languages": languages,
                "launched": learner in everyone.launched,
                "pages_seen": sum(1 for seen in everyone.seen if learner in seen),
                "first_score": analysis.first_score.get(learner),
                "best_score": analysis.best_score.get(learner),
                "passed": learner in everyone.passed,
                "completed": learner in everyone.completed,
            }
        )
    return sorted(rows, key=lambda row: str(row["learner"]))


def document(
    tally: Tally,
    *,
    source: dict[str, str],
    since: float | None,
    until: float | None,
    min_group: int,
    learners: bool,
) -> dict[str, Any]:
    """The whole of report.json, keys in the contract's order."""
    info = tally.info
    counts = tally.counts
    return {
        "format": FORMAT,
        "generated_from": source,
        "course": {
            "id": info.id,
            "revision": info.revision,
            "title": info.title,
            "languages": list(info.languages),
        },
        "period": {
            "since": iso(since),
            "until": iso(until),
            "first": iso(tally.first),
            "last": iso(tally.last),
        },
        "privacy": {"min_group": min_group, "learners_listed": learners},
        "input": {
            "read": counts.read,
            "used": counts.used,
            "other_courses": counts.other_courses,
            "voided": counts.voided,
            "duplicates": counts.duplicates,
            "malformed": counts.malformed,
            "outside_period": counts.outside_period,
        },
        "sections": {
            name: section_figures(
                tally,
                tally.section(name),
                min_group,
                tally.info.languages if name == "all" else (name,),
            )
            for name in tally.names
        },
        "learners": learner_rows(tally) if learners else None,
    }
