"""Every figure of report.json against a hand count of tests/support/report_statements.py.

Hand count (read 31 = 27 statements of 3 learners + 1 duplicate + 1 other course + 1 voiding
statement + 1 line that is not JSON):

L1 (en-CA): pages p1 p2; video played, 0-10 s of 100: bins 0, 1; attempt (q1 a right, q2 false
    right) = 100; passed, completed; terminated 100 s; time on p1 60 s, p2 180 s.
L2 (en-US): pages p1 (p2 voided); attempts (b wrong, true wrong) = 0, then (a right, false
    right) = 100; passed; terminated 50 s; time on p1 120 s (to its first answer).
L3 (fr-CA): pages p1 p2; video initialized, completed 0-100: every bin; attempt (a right, true
    wrong) = 1/4 = 25 (q2 weighs 3); terminated 60 s; time on p1 60 s, p2 180 s.

Point-biserial, first attempts Y = (100, 0, 25): mean 41.667, population sd
sqrt((58.333² + 41.667² + 16.667²) / 3) = sqrt(1805.56) = 42.492.
q1: first right X = (1, 0, 1): M1 = 62.5, M0 = 0, p = 2/3: 62.5 / 42.492 * sqrt(2/9) = 0.6934.
q2: X = (1, 0, 0): M1 = 100, M0 = 12.5, p = 1/3: 87.5 / 42.492 * sqrt(2/9) = 0.9707.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support.report_statements import ACTIVITIES, C, cmi5_learner, lines
from support.seed import COURSE_SRC as SEEDS

from builder.pipeline import validate
from builder.report.course import CourseError, from_document
from builder.report.run import Request, compute
from builder.xapi.activities import activities_document


def _report(
    tmp_path: Path,
    min_group: int = 1,
    data: bytes | None = None,
    document: dict[str, Any] = ACTIVITIES,
) -> dict[str, Any]:
    path = tmp_path / "statements.jsonl"
    path.write_bytes(lines() if data is None else data)
    info = from_document(document, "activities.json")
    request = Request(
        str(path), None, None, None, None, None, None, tmp_path / "r", "en", False, min_group
    )
    return compute(info, request)


def _steps(section: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(s.get("page") or s.get("quiz") or s["step"], s["learners"]) for s in section["funnel"]]


def test_input_counts_and_period(tmp_path: Path) -> None:
    report = _report(tmp_path)
    assert report["input"] == {
        "read": 31,
        "used": 26,
        "other_courses": 1,
        "voided": 2,
        "duplicates": 1,
        "malformed": 1,
        "outside_period": 0,
    }
    assert report["period"] == {
        "since": None,
        "until": None,
        "first": "2026-01-05T10:30:00.000Z",
        "last": "2026-01-05T11:37:00.000Z",
    }
    assert report["generated_from"] == {"kind": "file", "name": "statements.jsonl"}
    assert list(report["sections"]) == ["all", "en", "fr"]


def test_funnel_and_video(tmp_path: Path) -> None:
    everyone = _report(tmp_path)["sections"]["all"]
    assert everyone["learners"] == 3
    assert _steps(everyone) == [
        ("launched", 3),
        ("p1", 3),
        ("p2", 2),
        ("p2", 2),
        ("final", 3),
        ("passed", 2),
        ("completed", 1),
    ]
    (video,) = everyone["videos"]
    assert (video["learners"], video["completed"]) == (2, 1)
    assert [b["learners"] for b in video["watched"]] == [2, 2] + [1] * 18


def test_items(tmp_path: Path) -> None:
    q1, q2 = _report(tmp_path)["sections"]["all"]["items"]
    assert (q1["learners"], q1["answers"], q1["correct_share"]) == (3, 4, 0.6667)
    assert (q1["discrimination"], q1["mean_attempts"], q1["median_seconds"]) == (
        0.6934,
        1.3333,
        15.0,
    )
    assert [(r["response"], r["count"], r["share"]) for r in q1["responses"]] == [
        ("a", 3, 0.75),
        ("b", 1, 0.25),
    ]
    assert q1["responses"][0]["label"] == {"en": "A", "fr": "A"} and q1["flags"] == []
    assert (q2["correct_share"], q2["discrimination"], q2["median_seconds"]) == (
        0.3333,
        0.9707,
        20.0,
    )
    assert [(r["response"], r["count"]) for r in q2["responses"]] == [("true", 2), ("false", 2)]
    assert q2["text"] == {"en": "Yes?", "fr": "Oui?"} and q2["type"] == "true-false"


def test_languages_side_by_side(tmp_path: Path) -> None:
    sections = _report(tmp_path)["sections"]
    en, fr = sections["en"], sections["fr"]
    assert (en["learners"], fr["learners"]) == (2, 1)
    assert [i["correct_share"] for i in en["items"]] == [0.5, 0.5]
    assert [i["discrimination"] for i in en["items"]] == [1.0, 1.0]  # (100 - 0) / 50 * 0.5
    assert [i["flags"] for i in fr["items"]] == [["everybody-right"], ["nobody-right"]]
    assert [i["discrimination"] for i in fr["items"]] == [None, None]  # one learner: undefined


def test_scores_and_time(tmp_path: Path) -> None:
    everyone = _report(tmp_path)["sections"]["all"]
    scores = everyone["scores"]
    assert [b["learners"] for b in scores["distribution"]] == [0, 0, 1, 0, 0, 0, 0, 0, 0, 2]
    assert scores["pass_rate_by_attempt"] == [
        {"attempt": 1, "learners": 3, "passed": 1, "share": 0.3333},
        {"attempt": 2, "learners": 1, "passed": 1, "share": 1.0},
    ]
    assert scores["pass_mark"] == 50
    pages = everyone["time"]["pages"]
    assert [(p["page"], p["median_seconds"], p["learners"]) for p in pages] == [
        ("p1", 60.0, 3),
        ("p2", 180.0, 2),
    ]
    assert everyone["time"]["course_median_seconds"] == 60.0


def test_small_groups_are_masked(tmp_path: Path) -> None:
    sections = _report(tmp_path, min_group=3)["sections"]
    assert sections["all"]["learners"] == 3 and sections["en"]["learners"] == "<3"
    assert _steps(sections["all"])[-1] == ("completed", "<3")
    assert sections["en"]["items"][0]["correct_share"] is None
    assert sections["all"]["items"][0]["correct_share"] == 0.6667
    assert sections["all"]["time"]["pages"][1]["median_seconds"] is None


@pytest.mark.parametrize(
    "garbage",
    [
        b"[1, 2]\n",
        b'"text"\n',
        b'{"verb": {}}\n',
        b'{"actor": {}, "verb": {"id": "x"}, "object": {"id": "https://ex.ca/c"}}\n',
    ],
)
def test_malformed_statements_are_counted_never_a_traceback(tmp_path: Path, garbage: bytes) -> None:
    report = _report(tmp_path, data=lines() + garbage)
    assert report["input"]["malformed"] == 2 and report["input"]["used"] == 26


def test_a_cmi5_learner_counts_as_any_other(tmp_path: Path) -> None:
    # The acceptance test's cmi5 learners were left out: an AU's own statements name the LMS's
    # activityId, with the publisher's AU id in the grouping [cmi5 §10], never the course IRI.
    data = lines() + b"".join(json.dumps(s).encode() + b"\n" for s in cmi5_learner())
    report = _report(tmp_path, data=data)
    assert report["input"]["other_courses"] == 1  # still only the other course's statement
    french = report["sections"]["fr"]
    assert french["learners"] == 2
    assert _steps(french)[:2] == [("launched", 2), ("p1", 2)]
    assert _steps(french)[-2:] == [("passed", 1), ("completed", 1)]


def test_a_video_measured_in_no_language_of_a_section_is_no_step_and_said_untracked(
    tmp_path: Path,
) -> None:
    """Defect: a seed course's video is a link card, which sends no statement, and the funnel
    said 0 learners played it. Where the runtime cannot measure a video (``measured`` lists the
    languages where it can), it is no funnel step and its entry says it is not tracked."""
    document = {**ACTIVITIES, "videos": [{"id": f"{C}/videos/p2", "measured": ["en"]}]}
    sections = _report(tmp_path, document=document)["sections"]
    assert [s["step"] for s in sections["fr"]["funnel"]].count("video") == 0
    assert sections["fr"]["videos"] == [
        {
            "page": "p2",
            "activity": f"{C}/videos/p2",
            "title": {"en": "Film", "fr": "Film"},
            "tracked": False,
            "learners": None,
            "completed": None,
            "watched": [],
        }
    ]
    for name in ("all", "en"):
        assert [s["step"] for s in sections[name]["funnel"]].count("video") == 1
        assert sections[name]["videos"][0]["tracked"] is True


def test_an_older_activities_file_without_videos_counts_every_video_as_tracked(
    tmp_path: Path,
) -> None:
    (video,) = _report(tmp_path)["sections"]["fr"]["videos"]
    assert video["tracked"] is True


def test_the_activities_file_says_where_each_video_is_measured() -> None:
    """A link card (both seeds' videos) is measured in no language; a file is in every one."""
    course = next(c for c in validate([SEEDS]).courses if c.slug == "navigating-social-media")
    assert activities_document(course)["videos"] == [
        {"id": f"{course.id}/videos/video", "measured": []}
    ]


@pytest.mark.parametrize("videos", [[{"id": f"{C}/videos/p2", "measured": "en"}], ["p2"]])
def test_a_videos_list_that_is_not_one_coursebuild_wrote_is_a_clear_error(videos: Any) -> None:
    with pytest.raises(CourseError, match="not an activities file coursebuild wrote"):
        from_document({**ACTIVITIES, "videos": videos}, "activities.json")
