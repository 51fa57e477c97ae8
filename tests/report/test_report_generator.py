"""bench/report_statements.py, the synthetic cohort of the scale bench, says what learners did.

Issue 17 defect: the generator gave a learner's video statements (initialized, played, paused)
the id of the page's `experienced` statement, so the report rightly dropped them as duplicates
(20,000 statements: 3,429 duplicates) and the synthetic cohort never watched the video.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

from builder.report.course import load_source
from builder.report.run import Request, compute

BENCH = Path(__file__).resolve().parents[2] / "bench" / "report_statements.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_report_statements", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # a dataclass finds its module there
    spec.loader.exec_module(module)
    return module


def test_ids_unique_but_the_intended_resends_and_the_video_watched(tmp_path: Path) -> None:
    generator = _generator()
    path = tmp_path / "statements.jsonl"
    made = generator.generate(3000, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == made.statements >= 3000
    by_id: dict[str, list[str]] = {}
    for line in lines:
        by_id.setdefault(json.loads(line)["id"], []).append(line)
    repeated = {sid: same for sid, same in by_id.items() if len(same) > 1}
    # A resend is the same statement again (the runtime's queue retrying a POST), never a
    # different statement under an id already used.
    assert all(len(set(same)) == 1 for same in repeated.values())
    assert sum(len(same) - 1 for same in repeated.values()) == made.resent > 0

    report = compute(
        load_source(generator.activities_file(tmp_path / "activities.json")),
        Request(str(path), None, None, None, None, None, None, tmp_path / "r", "en", False, 5),
    )
    assert report["input"]["duplicates"] == made.resent
    assert report["input"]["used"] == made.statements - made.resent
    for name, section in report["sections"].items():
        steps = Counter(step["step"] for step in section["funnel"])
        assert steps["video"] == 1, name
        (video,) = (step for step in section["funnel"] if step["step"] == "video")
        assert isinstance(video["learners"], int) and video["learners"] > 0, name
        watched = [b["learners"] for b in section["videos"][0]["watched"]]
        # Everyone who watched saw the start; some stopped early, so the curve falls.
        assert watched[0] == video["learners"] > watched[-1] > 0, name


def test_wrong_answers_are_of_their_questions_kind_and_a_low_score_fails(tmp_path: Path) -> None:
    # A wrong answer was "b" whatever the question (a true-false one too), so the report's
    # per-choice table lost a quarter of the answers; and every learner passed.
    generator = _generator()
    path = tmp_path / "statements.jsonl"
    generator.generate(3000, path)
    report = compute(
        load_source(generator.activities_file(tmp_path / "activities.json")),
        Request(str(path), None, None, None, None, None, None, tmp_path / "r", "en", False, 1),
    )
    everyone = report["sections"]["all"]
    for item in everyone["items"]:
        chosen = sum(r["count"] for r in item["responses"])
        if item["type"] == "true-false":  # every answer is one of the two values
            assert chosen == item["answers"], item["question"]
        elif item["type"] == "choice":  # every answer picks one choice or more
            assert chosen >= item["answers"], item["question"]
    steps = {step["step"]: step["learners"] for step in everyone["funnel"]}
    (first,) = everyone["scores"]["pass_rate_by_attempt"]
    assert 0 < steps["passed"] == first["passed"] < steps["attempted"]
    assert steps["completed"] == steps["passed"]  # the course's rule: pass the assessment
