"""The report's cohort: both seed courses, built for xapi and cmi5, taken by scripted learners in
Chromium against a Ralph of its own (no other test's statements in it).

One course's video page plays a 20-second clip of the course's own instead of its external link
(a link cannot be tracked), so that one learner can watch part of it. ``cohort_taken`` runs it;
``Cohort.done[slug]`` is what each learner did, as the scripts did it.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser

from builder.pipeline import build

from .cohort import Done, Script, take
from .launches import QUEUE_KEYS, Launch, xapi_launch_url
from .learner_brisk import BriskLearner
from .lms import extract_package
from .lrs import RalphLRS, start_or_fail
from .lrs_front import LRSFront
from .media import silent_clip
from .seed import COURSE_SRC, SEED_SLUGS, SeedCourse
from .web import guard_network

CLIP_COURSE = "navigating-social-media"  # the seed whose video becomes a clip of its own
CLIP_SECONDS = 20
VIDEO_PAGE = "video"
TARGETS = ("xapi", "cmi5")
LOCALE = {"en": "en-CA", "fr": "fr-CA"}


@dataclass(frozen=True)
class Cohort:
    """The courses' sources (as the report reads them), the LRS, and what every learner did."""

    sources: dict[str, Path]
    lrs: RalphLRS
    done: dict[str, list[Done]]


def scripts(course: SeedCourse, video: bool) -> list[Script]:
    """The cohort of one course: three learners in English, three in French. Each takes the
    course in one target, by turns, the other course's cohort in the other, so that each
    script meets both targets and each course's report reads statements of both."""
    q = list(course.questions)  # in course order; 8 questions: one wrong is 87, two are 75
    return [
        Script("passes", "en", attempts=(frozenset(),)),
        Script("retries", "en", attempts=(frozenset(q[1:3]), frozenset())),
        Script("watches", "en", pages=3, watch=0.475 if video else 0.0),
        Script("fails", "fr", attempts=(frozenset(q[0:3]),)),
        Script("passes-one-wrong", "fr", attempts=(frozenset(q[3:4]),)),
        Script("stops", "fr", pages=2),
    ]


def with_a_clip(source: Path, dest: Path) -> Path:
    """A copy of the seed ``source`` whose video page plays ``media/clip.webm``, captioned."""
    course = dest / source.name
    shutil.copytree(source, course)
    (course / "media").mkdir()
    silent_clip(course / "media" / "clip.webm", CLIP_SECONDS)
    for lang in ("en", "fr"):
        page = course / "modules" / f"{VIDEO_PAGE}.{lang}.md"
        lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
        front = [line for line in lines if not line.startswith(("  url:", "  duration:"))]
        at = front.index("video:\n") + 1
        front[at:at] = [
            "  url: media/clip.webm\n",
            f'  duration: "0:{CLIP_SECONDS:02d}"\n',
            f"  captions: media/clip.{lang}.vtt\n",
        ]
        page.write_text("".join(front), encoding="utf-8")
        cue = f"WEBVTT\n\n00:00.000 --> 00:{CLIP_SECONDS:02d}.000\n(silence)\n"
        (course / "media" / f"clip.{lang}.vtt").write_text(cue, encoding="utf-8")
    return course


def _one(
    browser: Browser, front: LRSFront, dist: Path, course: SeedCourse, script: Script, target: str
) -> Done:
    """One learner, in a browser context of their own, launched for ``target``."""
    context = browser.new_context(service_workers="block", locale=LOCALE[script.lang])
    guard_network(context, [])
    try:
        page = context.new_page()
        name = f"{script.name}-{target}-{uuid.uuid4().hex[:6]}"
        if target == "cmi5":
            other = next(lang for lang in LOCALE if lang != script.lang)
            preference = f"{LOCALE[script.lang]},{LOCALE[other]}"
            launch = Launch(
                front, front.ralph, dist, slug=course.slug, preference=preference, name=name
            )
            page.goto(launch.url)
        else:
            package = front.content_url(f"{course.slug}-xapi/")
            registration = str(uuid.uuid4())
            auth = front.ralph.auth
            page.goto(
                xapi_launch_url(
                    package, front.endpoint, auth, registration, course_id(course), name
                )
            )
        BriskLearner.started(page, course, script.lang)
        done = take(page, course, script, target, VIDEO_PAGE)
        if target == "cmi5":
            page.wait_for_url(launch.return_url)  # after terminated [cmi5 §10]
        else:
            page.wait_for_function(f"{QUEUE_KEYS}.length === 0", timeout=15000)
        return done
    finally:
        context.close()


def course_id(course: SeedCourse) -> str:
    """The course's IRI (``id`` in course.yml)."""
    return str(course.spec["id"])


@contextmanager
def cohort_taken(tmp: Path, browser: Browser) -> Iterator[Cohort]:
    """Build in ``tmp``, start Ralph and the LMS, and let every scripted learner take their
    course; Ralph and the LMS stop after."""
    sources = {slug: COURSE_SRC / slug for slug in SEED_SLUGS}
    sources[CLIP_COURSE] = with_a_clip(sources[CLIP_COURSE], tmp / "src")
    dist = tmp / "dist"
    outcome = build(list(sources.values()), list(TARGETS), dist)
    assert not outcome.failed, outcome.diagnostics
    lrs = start_or_fail(tmp / "ralph")
    front = LRSFront(tmp / "lms", lrs)
    (front.root / "returned.html").write_text("<!DOCTYPE html><title>LMS</title>\n")
    for package in sorted(dist.glob("*.zip")):
        extract_package(package, front.root / package.stem)
    try:
        done: dict[str, list[Done]] = {slug: [] for slug in sources}
        for turn, (slug, source) in enumerate(sources.items()):
            course = SeedCourse(slug, root=source.parent)
            for n, script in enumerate(scripts(course, slug == CLIP_COURSE)):
                target = TARGETS[(n + turn) % len(TARGETS)]
                done[slug].append(_one(browser, front, dist, course, script, target))
        yield Cohort(sources, lrs, done)
    finally:
        front.close()
        lrs.stop()
