"""The xapi and cmi5 targets: tincan.xml, cmi5.xml (against the official schema), their
the runtime files each package loads, and course.yml's ``xapi.endpoint``."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from support.bundle import bundled_modules
from support.xsd import validate_cmi5
from typer.testing import CliRunner

from builder.check.package import self_check
from builder.cli import app
from builder.pipeline import build, validate
from builder.render.config import runtime_config
from builder.standards.tincan import NS_TINCAN
from builder.targets.cmi5.manifest import mastery_score, move_on

Edit = Callable[[Path, str, str], None]
SEEDS = Path(__file__).resolve().parents[2] / "course_src"
T = f"{{{NS_TINCAN}}}"
CMI5 = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    outcome = build([SEEDS], ["xapi", "cmi5"], out)
    assert not outcome.failed, outcome.diagnostics
    return out


SLUGS = ("navigating-social-media", "social-media-at-work")


@pytest.mark.parametrize("slug", SLUGS)
def test_tincan_xml_one_launchable_course_and_every_activity_described(
    dist: Path, slug: str
) -> None:
    package = zipfile.ZipFile(dist / f"{slug}-xapi.zip")
    assert "tincan.xml" in package.namelist() and "index.html" in package.namelist()
    root = etree.fromstring(package.read("tincan.xml"))
    assert root.tag == f"{T}tincan"
    activities = root.findall(f"{T}activities/{T}activity")
    expected = json.loads((dist / f"{slug}-xapi-activities.json").read_text())["activities"]
    assert [a.get("id") for a in activities] == [a["id"] for a in expected]
    assert [a.get("type") for a in activities] == [a["definition"]["type"] for a in expected]
    launches = root.findall(f".//{T}launch")
    assert len(launches) == 1 and launches[0].getparent() is activities[0]
    assert (launches[0].get("lang"), launches[0].text) == ("en-CA", "index.html")
    course = expected[0]
    assert {n.get("lang"): n.text for n in activities[0].findall(f"{T}name")} == course[
        "definition"
    ]["name"]
    for element, activity in zip(activities, expected, strict=True):
        definition = activity["definition"]
        if "interactionType" in definition:
            assert element.findtext(f"{T}interactionType") == definition["interactionType"]
            patterns = element.findall(f"{T}correctResponsePatterns/{T}correctResponsePattern")
            assert [p.text for p in patterns] == definition["correctResponsesPattern"]
    assert self_check((dist / f"{slug}-xapi.zip").read_bytes(), "xapi.zip").findings == []


@pytest.mark.parametrize("slug", SLUGS)
def test_cmi5_xml_is_valid_against_the_official_schema(dist: Path, slug: str) -> None:
    package = zipfile.ZipFile(dist / f"{slug}-cmi5.zip")
    xml = package.read("cmi5.xml")
    assert validate_cmi5(xml) == []
    root = etree.fromstring(xml)
    (au,) = root.findall(f"{CMI5}au")
    course_id = root.find(f"{CMI5}course").get("id")  # type: ignore[union-attr]
    assert au.get("id") == f"{course_id}/au"
    assert (au.get("moveOn"), au.get("masteryScore")) == ("CompletedAndPassed", "0.8")
    assert au.findtext(f"{CMI5}url") == "index.html"
    langs = [s.get("lang") for s in au.findall(f"{CMI5}title/{CMI5}langstring")]
    assert langs == ["en-CA", "fr-CA"]
    assert self_check((dist / f"{slug}-cmi5.zip").read_bytes(), "cmi5.zip").findings == []


def test_each_package_loads_its_adapter(dist: Path) -> None:
    def scripts(zip_path: Path) -> list[str]:
        return [name.removesuffix(".js") for name in bundled_modules(zip_path)]

    xapi = scripts(dist / "navigating-social-media-xapi.zip")
    cmi5 = scripts(dist / "navigating-social-media-cmi5.zip")
    assert {"xapi-client", "xapi-queue", "xapi-video", "adapter-xapi"} <= set(xapi)
    assert "adapter-cmi5" not in xapi and "adapter-scorm12" not in xapi
    assert set(cmi5) == set(xapi) | {"adapter-cmi5"}
    assert xapi.index("adapter-xapi") < xapi.index("player")


@pytest.mark.parametrize(
    ("completion", "assessment", "expected"),
    [
        ({"pages": "all", "video": 0, "assessment": "passed"}, True, "CompletedAndPassed"),
        ({"pages": "none", "video": 50, "assessment": "passed"}, True, "CompletedAndPassed"),
        ({"pages": "none", "video": 0, "assessment": "passed"}, True, "Passed"),
        ({"pages": "all", "video": 0, "assessment": "attempted"}, True, "Completed"),
        ({"pages": "all", "video": 0, "assessment": "none"}, False, "Completed"),
    ],
)
def test_move_on_follows_the_completion_rule(
    course: Path, edit: Edit, completion: dict[str, object], assessment: bool, expected: str
) -> None:
    rule = "\n".join(f"  {k}: {v}" for k, v in completion.items())
    edit(course / "course.yml", "  pages: all\n  video: 0\n  assessment: passed", rule)
    if not assessment:
        edit(course / "course.yml", "  - assessment: quiz\n", "")
    (model,) = validate([course]).courses
    assert move_on(model) == expected
    assert mastery_score(model) == ("0.8" if assessment else None)
    out = course.parent / "dist"
    assert not build([course], ["cmi5"], out).failed
    xml = zipfile.ZipFile(out / "course-cmi5.zip").read("cmi5.xml")
    assert validate_cmi5(xml) == []
    assert f'moveOn="{expected}"'.encode() in xml
    assert (b"masteryScore=" in xml) == assessment


@pytest.mark.parametrize(
    ("endpoint", "problem"),
    [
        ("https://lrs.example.ca/xapi/", None),
        ("https://lrs.example.ca/xapi", None),
        ("/lrs-proxy/xapi/", None),
        ("http://127.0.0.1:8080/xapi/", None),
        ("http://lrs.example.ca/xapi/", "expected https:// (plain http only on localhost"),
        (
            "https://user:secret@lrs.example.ca/xapi/",
            "found a user name or password in the "
            "address (https://lrs.example.ca/...); expected none",
        ),
        ("https://lrs.example.ca/xapi/?key=1", "expected no query or fragment"),
        ("ftp://lrs.example.ca/", "expected an LRS address such as"),
        ("lrs.example.ca/xapi", "expected an LRS address such as"),
        ("/proxy/?x=1", "expected a path without query"),
        # Found by the fuzzer: urlsplit raises on these, which was an internal error.
        ("https://[lrs.example.ca/xapi/", "expected an LRS address such as"),
        ("https://lrs.example.ca:99999/xapi/", "expected an LRS address such as"),
    ],
)
def test_xapi_endpoint_in_course_yml(
    course: Path, edit: Edit, endpoint: str, problem: str | None
) -> None:
    edit(course / "course.yml", "completion:", f"xapi:\n  endpoint: {endpoint}\ncompletion:")
    result = CliRunner().invoke(app, ["validate", str(course)])
    if problem is None:
        assert result.exit_code == 0, result.output
        (model,) = validate([course]).courses
        config = runtime_config(model, "scorm12")
        assert config["xapi"]["lrs"] == endpoint.rstrip("/") + "/"
        assert (
            "xapi" in runtime_config(model, "xapi")
            and runtime_config(model, "xapi")["xapi"]["lrs"] is None
        )
        return
    assert result.exit_code == 1
    line = (course / "course.yml").read_text().splitlines().index(f"  endpoint: {endpoint}") + 1
    assert f"course/course.yml:{line}:13: error: xapi.endpoint: {problem}" in result.stderr
    assert "[bad-xapi-endpoint]" in result.stderr
    assert "secret" not in result.stderr


def test_a_scorm_package_without_an_endpoint_has_no_xapi_config(course: Path) -> None:
    (model,) = validate([course]).courses
    assert "xapi" not in runtime_config(model, "scorm12")
    config = runtime_config(model, "cmi5")["xapi"]
    assert set(config) == {
        "version",
        "languageTags",
        "course",
        "pages",
        "videos",
        "quiz",
        "questions",
        "checks",  # the pages' knowledge checks (issue 15): none here
        "pretest",  # the pre-test (issue 15): none here
        "lrs",
    }
    assert config["checks"] == {}
    assert config["pretest"] is None
    assert list(config["questions"]) == ["tf", "one", "many", "fill", "match", "num"]
