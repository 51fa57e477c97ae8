"""A seeded generator of synthetic statements for one seed course (issue 17's bench).

Each learner takes the course in English or French as the model learner does
(builder/xapi/statements.py), with what real learners do: some stop part-way, watch part of the
video, answer wrong (a wrong answer the question allows: the other truth value, another choice,
pairs swapped), and fail when their score is under the pass mark (`failed` with the score, no
`completed`). `python bench/report_statements.py N FILE`; `activities_file` writes the course
as the report reads it.
"""

from __future__ import annotations

import json
import random
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "course_src" / "navigating-social-media"
VIDEO = "https://w3id.org/xapi/video/"
RESEND = 0.005  # share of statements sent twice, as a runtime's queue retrying a POST does


@dataclass(frozen=True)
class Generated:
    """What a generated file holds: statements written, of which resends (an id again)."""

    statements: int
    resent: int
    learners: int


def _templates(source: Path) -> tuple[Any, dict[str, list[dict[str, Any]]]]:
    from builder.pipeline import validate
    from builder.xapi.statements import statements

    (course,) = validate([source]).courses
    return course, {lang: statements(course, lang=lang) for lang in course.languages}


def _video(base: dict[str, Any], course_id: str, rng: random.Random) -> list[dict[str, Any]]:
    length = 180
    stop = rng.choice([20, 60, 120, 180, 180])
    ext = {
        f"{VIDEO}extensions/session-id": str(uuid.UUID(int=rng.getrandbits(128))),
        f"{VIDEO}extensions/length": length,
    }
    found = []
    for verb, result in (
        ("initialized", None),
        ("played", {"extensions": {f"{VIDEO}extensions/time": 0}}),
        ("paused", {"extensions": {f"{VIDEO}extensions/played-segments": f"0[.]{stop}"}}),
    ):
        one = json.loads(json.dumps(base))
        one["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))  # its own statement
        one["verb"] = {
            "id": f"{VIDEO}verbs/{verb}"
            if verb != "initialized"
            else "http://adlnet.gov/expapi/verbs/initialized"
        }
        one["object"] = {"id": f"{course_id}/videos/video", "objectType": "Activity"}
        one["context"]["extensions"] = ext
        if result:
            one["result"] = result
        found.append(one)
    return found


def wrong_response(definition: dict[str, Any], right: str) -> str:
    """A wrong answer of the question's own kind [xAPI 1.0.3 §2.4.4.1.1, response formats]."""
    kind = definition.get("interactionType")
    if kind == "true-false":
        return "true" if right == "false" else "false"
    if kind == "choice":
        ids = [c["id"] for c in definition.get("choices", [])]
        chosen = set(right.split("[,]"))
        return next((i for i in ids if i not in chosen), ids[0] if ids else "z")
    if kind == "matching":
        pairs = [p.split("[.]") for p in right.split("[,]")]
        if len(pairs) > 1:  # the first two sources swap their targets
            pairs[0][1], pairs[1][1] = pairs[1][1], pairs[0][1]
        return "[,]".join("[.]".join(p) for p in pairs)
    if kind == "numeric":
        return "0" if right != "0" else "1"
    return "not sure"


def _scored(
    batch: list[dict[str, Any]], course: str, quiz: str, mastery: float
) -> list[dict[str, Any]]:
    """The learner's statements with `passed` turned into `failed` (and no `completed`) when the
    percent of the assessment's answers that were right is under ``mastery`` (a percent)."""
    answers = [
        s["result"]["success"]
        for s in batch
        if s["verb"]["id"].endswith("/answered")
        and any(
            p["id"] == quiz for p in s["context"].get("contextActivities", {}).get("parent", [])
        )
    ]
    score = round(100 * sum(answers) / len(answers)) if answers else 0
    if score >= mastery:
        return batch
    kept = []
    for one in batch:
        verb = one["verb"]["id"]
        if verb.endswith("/completed") and one["object"]["id"] == course:
            continue
        if verb.endswith("/passed"):
            failed = {"id": verb[: -len("passed")] + "failed", "display": {"en-US": "failed"}}
            one = {**one, "verb": failed}
            result = {**one["result"], "success": False}
            result["score"] = {"scaled": score / 100, "raw": score, "min": 0, "max": 100}
            one["result"] = result
        kept.append(one)
    return kept


def activities_file(out: Path, source: Path = SEED) -> Path:
    """The course's activities file, the report's SOURCE, with its video measured in every
    language: the synthetic learners watch it as they would a file the runtime measures (the
    seed's own video is a link to another site, which nothing measures)."""
    from builder.pipeline import validate
    from builder.xapi.activities import activities_document

    (course,) = validate([source]).courses
    document = activities_document(course)
    document["videos"] = [{**v, "measured": list(course.languages)} for v in document["videos"]]
    out.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return out


def generate(count: int, out: Path, seed: int = 17, source: Path = SEED) -> Generated:
    """Write at least ``count`` statements (whole learners) as JSON lines; what was written."""
    rng = random.Random(seed)
    course, templates = _templates(source)
    quiz = f"{course.id}/quizzes/{course.assessment.id}"
    written = resent = 0
    with out.open("w", encoding="utf-8") as stream:
        learner = 0
        while written < count:
            learner += 1
            lang = rng.choice(course.languages)
            actor = {
                "objectType": "Agent",
                "account": {"homePage": "https://lms.example.ca", "name": f"l{learner}"},
            }
            registration = str(uuid.UUID(int=rng.getrandbits(128)))
            quits = rng.random() < 0.2
            mine: list[dict[str, Any]] = []
            for position, template in enumerate(templates[lang]):
                if quits and position > 3:
                    break
                one = dict(template)
                one["id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                one["actor"] = actor
                one["context"] = {**template["context"], "registration": registration}
                one["timestamp"] = f"2026-01-{1 + learner % 28:02d}" + template["timestamp"][10:]
                if template["verb"]["id"].endswith("answered") and rng.random() < 0.25:
                    right = template["result"]["response"]
                    wrong = wrong_response(template["object"]["definition"], right)
                    one["result"] = {**template["result"], "success": False, "response": wrong}
                mine.append(one)
                if template["object"]["id"].endswith("/modules/video"):
                    mine += _video(one, course.id, rng)
            for statement in _scored(mine, course.id, quiz, course.mastery_score):
                line = json.dumps(statement, ensure_ascii=False) + "\n"
                stream.write(line)
                if rng.random() < RESEND:
                    stream.write(line)
                    resent += 1
                written += 1
    return Generated(written + resent, resent, learner)


if __name__ == "__main__":
    made = generate(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{made.statements} statements ({made.resent} resent) of {made.learners} learners")
