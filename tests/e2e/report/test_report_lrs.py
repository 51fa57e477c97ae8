"""Issue 17's acceptance test: ``coursebuild report --lrs`` against the real Ralph that scripted
learners filled from Chromium (both seed courses, xapi and cmi5, English and French, passing,
failing, retrying, stopping early, watching part of the video: ``support/report_cohort.py``).

The report's funnel, item statistics (learners, answers, share right first time, mean
attempts) and per-choice counts must equal what the scripts did, for "all" and per language;
the part of the video played must show in its drop-off curve; and with the default
``--min-group 5`` the small groups are masked ("<5", shares null). The command runs once as a
real process, otherwise through Typer's CliRunner.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.report_cohort import CLIP_COURSE, CLIP_SECONDS, VIDEO_PAGE, Cohort
from support.report_truth import counted, funnel, in_section, items, mask, video_learners, watched
from support.seed import SeedCourse
from typer.testing import CliRunner

from builder.cli import app

SECTIONS = ("all", "en", "fr")
COURSES = ("navigating-social-media", "social-media-at-work")


def run_report(
    cohort: Cohort,
    slug: str,
    out: Path,
    *extra: str,
    process: bool = False,
    file: Path | None = None,
) -> Any:
    """``coursebuild report <source> --lrs <Ralph> --auth … --out <out>`` (or ``--statements
    <file>``); report.json."""
    lrs = cohort.lrs
    args = ["report", str(cohort.sources[slug]), "--out", str(out), *extra]
    if file is None:
        args += ["--lrs", lrs.endpoint, "--auth", f"{lrs.username}:{lrs.password}"]
    else:
        args += ["--statements", str(file)]
    if process:
        command = Path(sys.executable).with_name("coursebuild")
        done = subprocess.run([str(command), *args], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout + done.stderr
    else:
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    text = (out / "report.json").read_text(encoding="utf-8")
    assert lrs.password not in text  # never credentials
    return json.loads(text)


@pytest.fixture(scope="module", params=["lrs", "file"])
def reports(
    request: pytest.FixtureRequest, cohort: Cohort, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """Each course's report.json with --min-group 1, read from Ralph (the clip course's by a
    real process), or from a JSON-lines file of every statement Ralph has (what the query
    leaves out aside, the same report)."""
    file = None
    if request.param == "file":
        file = tmp_path_factory.mktemp("statements") / "statements.jsonl"
        lines = [json.dumps(s) for s in cohort.lrs.statements()]
        file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = {}
    for slug in COURSES:
        out = tmp_path_factory.mktemp(f"report-{slug}")
        process = slug == CLIP_COURSE and file is None
        found[slug] = run_report(cohort, slug, out, "--min-group", "1", process=process, file=file)
    return found


def course_of(cohort: Cohort, slug: str) -> SeedCourse:
    return SeedCourse(slug, root=cohort.sources[slug].parent)


def steps(section: dict[str, Any]) -> dict[tuple[str, str], Any]:
    """The funnel as (step, page or quiz id) -> learners."""
    return {
        (s["step"], s.get("page") or s.get("quiz") or ""): s["learners"] for s in section["funnel"]
    }


@pytest.mark.parametrize("slug", COURSES)
def test_the_report_reads_the_course_from_the_lrs(
    cohort: Cohort, reports: dict[str, Any], slug: str
) -> None:
    report = reports[slug]
    course = course_of(cohort, slug)
    assert report["format"] == "coursebuild-report/1"
    assert report["generated_from"]["kind"] in ("lrs", "file")
    if report["generated_from"]["kind"] == "lrs":
        assert report["generated_from"]["name"] == cohort.lrs.endpoint
    assert report["course"]["id"] == course.spec["id"]
    assert report["course"]["languages"] == ["en", "fr"]
    assert list(report["sections"]) == list(SECTIONS)
    assert report["privacy"] == {"min_group": 1, "learners_listed": False}
    assert report["learners"] is None
    assert report["input"]["malformed"] == 0


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("slug", COURSES)
def test_the_funnel_counts_the_learners(
    cohort: Cohort, reports: dict[str, Any], slug: str, section: str
) -> None:
    course = course_of(cohort, slug)
    done = in_section(cohort.done[slug], section)
    figures = reports[slug]["sections"][section]
    assert figures["learners"] == len(done)
    shown = steps(figures)
    expected = funnel(done, course)
    assert {key: shown.get(key) for key in expected} == expected
    video = shown.get(("video", VIDEO_PAGE))
    if slug == CLIP_COURSE:
        assert video == video_learners(done)
    else:  # an external link or no address: nothing to track
        assert video in (None, 0)
    order = [s["step"] for s in figures["funnel"]]
    assert order[0] == "launched" and order[-3:] == ["attempted", "passed", "completed"]
    pages = [s["page"] for s in figures["funnel"] if s["step"] == "page"]
    assert [p for p in pages if p != course.assessment_id] == list(
        p for p in course.page_ids if p != course.assessment_id
    )


@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("slug", COURSES)
def test_item_statistics_and_choices_are_what_the_learners_answered(
    cohort: Cohort, reports: dict[str, Any], slug: str, section: str
) -> None:
    course = course_of(cohort, slug)
    expected = items(in_section(cohort.done[slug], section), course)
    shown = reports[slug]["sections"][section]["items"]
    assert [i["question"] for i in shown] == list(expected)  # course order
    for item in shown:
        truth = expected[item["question"]]
        assert item["quiz"] == course.assessment_id
        assert (item["learners"], item["answers"]) == (truth.learners, truth.answers), item
        assert item["correct_share"] == truth.correct_share(1), item
        assert item["mean_attempts"] == truth.mean_attempts(1), item
        assert counted(item["responses"]) == dict(truth.responses), item


@pytest.mark.parametrize("section", SECTIONS)
def test_the_video_drop_off_shows_the_part_played(
    cohort: Cohort, reports: dict[str, Any], section: str
) -> None:
    done = in_section(cohort.done[CLIP_COURSE], section)
    videos = reports[CLIP_COURSE]["sections"][section]["videos"]
    assert [v["page"] for v in videos] == [VIDEO_PAGE]
    (video,) = videos
    assert video["learners"] == video_learners(done)
    assert video["completed"] == 0  # played to 47.5 %, the course asks for all of it
    assert [(b["from"], b["to"]) for b in video["watched"]] == [
        (n, n + 5) for n in range(0, 100, 5)
    ]
    assert [b["learners"] for b in video["watched"]] == watched(done, CLIP_SECONDS)
    played = [d.watched for d in done if d.watched]
    assert all(end < CLIP_SECONDS / 2 for _, end in played)  # so half the curve is empty


@pytest.mark.parametrize("slug", COURSES)
def test_small_groups_are_masked_by_default(cohort: Cohort, tmp_path: Path, slug: str) -> None:
    report = run_report(cohort, slug, tmp_path / "report")
    assert report["privacy"] == {"min_group": 5, "learners_listed": False}
    course = course_of(cohort, slug)
    masked_somewhere = False
    for section in SECTIONS:
        done = in_section(cohort.done[slug], section)
        figures = report["sections"][section]
        assert figures["learners"] == mask(len(done), 5)
        expected = {key: mask(n, 5) for key, n in funnel(done, course).items()}
        shown = steps(figures)
        assert {key: shown.get(key) for key in expected} == expected
        for item in figures["items"]:
            truth = items(done, course)[item["question"]]
            assert item["learners"] == mask(truth.learners, 5)
            assert item["answers"] == mask(truth.answers, 5)
            assert item["correct_share"] == truth.correct_share(5)
            assert item["mean_attempts"] == truth.mean_attempts(5)
            masked_somewhere |= item["learners"] == "<5"
            for row in item["responses"]:
                n = truth.responses.get(str(row["response"]), 0)
                assert row["count"] == mask(n, 5)
                if truth.learners < 5:
                    assert row["share"] is None
    assert masked_somewhere  # four learners answered, two per language: small groups
