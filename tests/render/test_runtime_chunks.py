"""The runtime's chunks: what the learner's browser loads at launch, and what waits for a page."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from test_runtime_bundle import SEEDS, seed_config, with_pretest, without

from builder.render.runtime import (
    CHUNK_OF,
    chunk_config,
    chunk_path,
    runtime_assets,
    runtime_chunks,
)
from builder.theme import BUNDLED_CHUNKS

QUESTIONS = ["answer-key.js", "quiz.js", "player-questions.js", "player-quiz.js", "player-check.js"]
VIDEO = ["video-events.js", "player-video.js"]


def shipped_modules(script: bytes) -> list[str]:
    """The modules in a debug build's script, each under its name."""
    return re.findall(r"^/\* ([\w.-]+\.js) \*/$", script.decode("utf-8"), re.M)


def test_the_launch_script_holds_no_assessment_nor_video_code() -> None:
    for target in ("scorm12", "scorm2004", "xapi", "cmi5"):
        config = seed_config(target)
        on_demand = set(CHUNK_OF) - {"video-events.js"}  # (at launch with xAPI: below)
        assert not on_demand & set(runtime_chunks(config)["launch"])
        files = {
            p: shipped_modules(b)
            for p, b in runtime_assets(config, debug=True)
            if p.endswith(".js")
        }
        assert not {*QUESTIONS, "player-video.js"} & set(files["assets/runtime.js"])
        assert set(QUESTIONS) <= set(files["assets/runtime-questions.js"])
        # the xAPI adapters' video statements (xapi-video.js) read video-events.js at launch
        xapi = target in ("xapi", "cmi5")
        assert files["assets/runtime-video.js"] == (VIDEO[1:] if xapi else VIDEO)
        assert ("video-events.js" in files["assets/runtime.js"]) is xapi
        assert "player-chunks.js" in files["assets/runtime.js"]


def test_a_course_without_a_video_ships_no_video_chunk() -> None:
    config = without(seed_config(), "video")
    assert "video" not in runtime_chunks(config)
    assert "assets/runtime-video.js" not in dict(runtime_assets(config))
    assert [c["name"] for c in chunk_config(config)] == ["questions"]


def test_a_course_without_questions_ships_no_questions_chunk() -> None:
    config = without(seed_config(), "checks")
    config["assessment"] = None
    config["pages"] = [p for p in config["pages"] if p["kind"] == "page"]
    assert "questions" not in runtime_chunks(config)
    assert "assets/runtime-questions.js" not in dict(runtime_assets(config))


def test_each_chunk_names_the_pages_that_need_it() -> None:
    config = with_pretest(seed_config())
    config["pages"].insert(0, {"id": "pre", "kind": "pretest"})
    chunks = {c["name"]: c for c in chunk_config(config)}
    assert chunks["video"]["src"] == "assets/runtime-video.js"
    assert chunks["video"]["pages"] == [p["id"] for p in config["pages"] if p.get("video")]
    checked = {c["page"] for c in config["checks"]}
    assessment = config["assessment"]["id"]
    assert checked and set(chunks["questions"]["pages"]) == checked | {"pre", assessment}
    assert "player-pretest.js" in runtime_chunks(config)["questions"]


def test_the_runtime_config_lists_the_chunks_the_package_ships() -> None:
    config = seed_config()
    shipped = {p for p, _ in runtime_assets(config) if p.startswith("assets/runtime-")}
    assert (
        {a for c in config["chunks"] for a in (c["src"], c["css"])}
        == shipped
        == {
            "assets/runtime-questions.js",
            "assets/runtime-questions.css",
            "assets/runtime-video.js",
            "assets/runtime-video.css",
        }
    )


def test_the_question_and_video_rules_wait_with_their_chunk() -> None:
    config = seed_config()
    files = dict(runtime_assets(config))
    launch = files["assets/coursebuild.css"].decode("utf-8")
    assert ".cb-question{" not in launch and ".cb-embed{" not in launch
    assert b".cb-question{" in files["assets/runtime-questions.css"]
    assert b".cb-embed{" in files["assets/runtime-video.css"]
    # (the package's <noscript> links them: test_runtime_bundle.py, built packages)


def test_a_debug_runtime_build_is_readable_and_never_taken_for_an_unchanged_build(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from builder.cli import app

    seed, out = SEEDS[0], tmp_path / "dist"
    package = out / f"{seed.name}-scorm12.zip"

    def build(*options: str) -> dict[str, list[str]]:
        args = ["build", str(seed), "-t", "scorm12", "-o", str(out), "-j", "1", *options]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        with zipfile.ZipFile(package) as z:
            return {n: shipped_modules(z.read(n)) for n in z.namelist() if n.endswith(".js")}

    debug = build("--debug-runtime")
    assert "player.js" in debug["assets/runtime.js"]
    assert debug["assets/runtime-video.js"] == VIDEO
    normal = build()  # same sources, other options: rebuilt, minified
    assert normal["assets/runtime.js"] == [] and normal["assets/runtime-video.js"] == []
    assert build("--debug-runtime") == debug


def test_every_chunk_is_a_name_a_theme_may_not_override() -> None:
    chunks = {chunk_path(name) for name in set(CHUNK_OF.values())}
    assert chunks == {f"assets/{name}" for name in BUNDLED_CHUNKS}


def test_the_assessment_attempt_bookkeeping_waits_with_the_questions_chunk() -> None:
    chunks = runtime_chunks(seed_config())
    assert "tracking-quiz.js" in chunks["questions"]
    files = dict(runtime_assets(seed_config()))
    launch = files["assets/runtime.js"]
    for method in (b"quizBegin", b"quizCheck", b"quizFinish", b"recordCheck", b"attemptsLeft"):
        assert method + b"=function" not in launch  # named at launch, made by the chunk
        assert method + b"=function" in files["assets/runtime-questions.js"]


def test_answer_formats_and_the_result_screen_words_wait_with_the_questions_chunk() -> None:
    files = dict(runtime_assets(seed_config()))
    launch, questions = files["assets/runtime.js"], files["assets/runtime-questions.js"]
    for name in (
        "response12",
        "parseDecimal",
        "INTERACTION_TYPE_12",
        "time12",
        "report",
        "interaction12",
    ):
        made = re.compile(rf"[\w$]\.{name}=".encode())  # made (tracking.report only calls it)
        assert not made.search(launch), name
        assert made.search(questions), name
        assert not re.search(rf"[{{,]{name}:(?!function)[\w$]".encode(), launch)  # nor an API's
