"""`validate` and `check` agree on what an absolute IRI is (issue 14: one definition)."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest
from support.check_kit import check, rules, swap, tincan, zip_of
from typer.testing import CliRunner

from builder import pipeline
from builder.check.package import check_path
from builder.cli import app

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"
FIXTURE_ID = "https://training.example.ca/courses/minimal"
TARGETS = ("scorm12", "scorm2004", "xapi", "cmi5")
TINCAN_ID = "https://example.org/courses/tiny/quiz"

# The same values go to both commands; each must accept the good ones and refuse the bad ones.
GOOD = (
    "https://example.org/courses/c",
    "http://example.org:8080/c?x=1#f",
    "urn:uuid:0b5b7a4c-7a52-4bd4-9b8b-3a1f5a8e4a10",
    "tag:example.org,2024:course",
    "https://exemple.org/cours/été",
)
BAD = (
    "https:example",
    "https:/example",
    "http:///path",
    "no-scheme",
    "1http://example.org",
    "https://exa mple.org",
    "https://example.org/<c>",
    "urn:",
)


def _course_with_id(tmp_path: Path, iri: str) -> Path:
    course = tmp_path / "course"
    shutil.copytree(MINIMAL, course)
    yml = course / "course.yml"
    text = yml.read_text(encoding="utf-8")
    assert f"id: {FIXTURE_ID}" in text
    yml.write_text(text.replace(f"id: {FIXTURE_ID}", f'id: "{iri}"', 1), encoding="utf-8")
    return course


def _validate_accepts(tmp_path: Path, iri: str) -> bool:
    outcome = pipeline.validate([_course_with_id(tmp_path, iri)])
    codes = {d.code for d in outcome.diagnostics}
    assert codes <= {"bad-iri"}, outcome.diagnostics
    return "bad-iri" not in codes


def _check_accepts(iri: str) -> bool:
    files = swap(tincan(), "tincan.xml", f'id="{TINCAN_ID}"', f"id={quoteattr(iri)}")
    return "iri-invalid" not in rules(check(zip_of(files)))


def test_a_built_course_with_a_scheme_only_https_id_is_refused_before_check_can_object(
    tmp_path: Path,
) -> None:
    # The issue: `id: "https:example"` passed validate and build, then check reported 13
    # [iri-invalid] errors on the packages just built. Now build refuses it, or check agrees.
    course = _course_with_id(tmp_path, "https:example")
    out = tmp_path / "out"
    targets = [arg for target in TARGETS for arg in ("-t", target)]
    result = CliRunner().invoke(app, ["build", str(course), "-o", str(out), *targets])
    zips = sorted(out.rglob("*.zip")) if out.exists() else []
    findings = [
        f"{z.name}: {f.code}"
        for z in zips
        for f in check_path(z).findings
        if f.code == "iri-invalid"
    ]
    assert findings == []
    if result.exit_code != 0:
        assert "[bad-iri]" in result.stderr and zips == []


@pytest.mark.parametrize("iri", GOOD + BAD)
def test_validate_and_check_say_the_same_about_an_id(tmp_path: Path, iri: str) -> None:
    assert _validate_accepts(tmp_path, iri) == _check_accepts(iri) == (iri in GOOD)
