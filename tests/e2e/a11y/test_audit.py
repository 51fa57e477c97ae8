"""`coursebuild audit` through its command line: real Chromium, real axe-core, no mocks."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from support.course_fixtures import add_questions
from typer.testing import CliRunner

from builder.cli import app

REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO / "course_src"
BILINGUAL = REPO / "tests" / "fixtures" / "bilingual"
SUMMARY = re.compile(
    r"^audit: (\d+) package\(s\), (\d+) page states checked with axe-core "
    r"\(wcag2a, wcag2aa, wcag21a, wcag21aa\): (\d+) violation\(s\) in [\d.]+ s "
    r"\([\d.]+ s of checks per page state\)$"
)
QUIZ_STATES = 3  # unanswered check, feedback after an answer, the result


def audit(*args: str, cwd: Path = REPO, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m builder audit ...` with this checkout's builder, whatever the folder."""
    return subprocess.run(
        [sys.executable, "-m", "builder", "audit", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )


def expected_states(course: Path) -> int:
    """Every page in every language, and the quiz states in every language; each knowledge
    check a question checked unanswered, then its feedback in every language; the pre-test
    submitted unanswered, then its result in every language."""
    spec = yaml.safe_load((course / "course.yml").read_text(encoding="utf-8"))
    quiz = any("assessment" in m for m in spec["modules"])
    checks = sum(1 for m in spec["modules"] if "check" in m)
    pretest = sum(1 for m in spec["modules"] if "pretest" in m)  # unanswered, then its result
    languages = len(spec["languages"])
    return languages * (len(spec["modules"]) + (QUIZ_STATES if quiz else 0)) + (
        checks + pretest
    ) * (1 + languages)


def test_both_seed_courses_have_no_violation_on_any_page_in_either_language(
    tmp_path: Path,
) -> None:
    dist = REPO / "dist"
    before = (
        sorted((p.name, p.stat().st_mtime_ns) for p in dist.iterdir()) if dist.is_dir() else None
    )
    result = audit(str(SEEDS), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " error: " not in result.stderr  # warnings (a stale translation, say) may be there
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout  # the summary, no violation
    summary = SUMMARY.match(lines[0])
    assert summary, lines[0]
    courses = sorted(SEEDS.glob("*/course.yml"))
    assert int(summary.group(1)) == len(courses) == 2
    assert int(summary.group(2)) == sum(expected_states(c.parent) for c in courses) == 44
    assert summary.group(3) == "0"
    # Built in a temporary folder: no dist/ where it ran, the checkout's dist/ untouched.
    assert not (tmp_path / "dist").exists()
    after = (
        sorted((p.name, p.stat().st_mtime_ns) for p in dist.iterdir()) if dist.is_dir() else None
    )
    assert after == before


def _with_image_without_alt(package: Path, broken: Path) -> None:
    """The package with one image that has no alt text on the French introduction page:
    what the builder refuses in a source, put straight into the built page."""
    with zipfile.ZipFile(package) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    page = files["index.html"].decode("utf-8")
    at = page.index('<div class="cb-body">', page.index('id="fr_intro"'))
    at += len('<div class="cb-body">')
    files["index.html"] = (page[:at] + '<img src="media/chart.png">' + page[at:]).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    broken.write_bytes(buffer.getvalue())


def test_a_violation_is_printed_with_its_page_and_element_and_exits_1(tmp_path: Path) -> None:
    built = CliRunner().invoke(app, ["build", str(BILINGUAL), "--out", str(tmp_path)])
    assert built.exit_code == 0, built.output
    broken = tmp_path / "broken-scorm12.zip"
    _with_image_without_alt(tmp_path / "bilingual-scorm12.zip", broken)

    result = audit(str(broken))
    assert result.returncode == 1, result.stdout + result.stderr
    *violations, summary = result.stdout.splitlines()
    assert violations == [
        "broken-scorm12 [fr] intro: image-alt (critical) .cb-body > img "
        "— Images must have alternative text"
    ]
    found = SUMMARY.match(summary)
    assert found, summary
    assert found.groups()[0::2] == ("1", "1")
    assert found.group(2) == str(expected_states(BILINGUAL))


def test_a_course_the_builder_refuses_is_not_audited(tmp_path: Path) -> None:
    course = tmp_path / "course"
    course.mkdir()
    for path in BILINGUAL.rglob("*"):
        if path.is_file():
            (course / path.relative_to(BILINGUAL)).parent.mkdir(parents=True, exist_ok=True)
            (course / path.relative_to(BILINGUAL)).write_bytes(path.read_bytes())
    page = course / "modules" / "intro.en.md"
    page.write_text(page.read_text().replace("a quiz.", "a [](https://www.canada.ca) quiz."))
    result = audit(str(course))
    assert result.returncode == 1
    assert "[link-no-text]" in result.stderr
    assert result.stderr.splitlines()[-1] == "audit: the build failed, so nothing was checked"
    assert result.stdout == ""


@pytest.fixture
def hidden_playwright(tmp_path: Path) -> str:
    """A PYTHONPATH on which `import playwright` fails, as when it is not installed."""
    shadow = tmp_path / "shadow" / "playwright"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text('raise ImportError("no playwright here")\n')
    return os.pathsep.join([str(shadow.parent), str(REPO)])


AXE_HINT = (
    "npm install axe-core (in the project folder), or give its axe.min.js with --axe PATH or "
    "COURSEBUILD_AXE"
)
CHROMIUM_HINT = (
    "apt-get install chromium-headless-shell "
    "(or set COURSEBUILD_CHROMIUM to a Chromium or Chrome executable)"
)
PLAYWRIGHT_HINT = (
    "pip install playwright (or pip install 'coursebuild[audit]'); its own browser download "
    "is not needed"
)


def test_missing_tools_are_named_with_how_to_install_them_and_exit_2(
    tmp_path: Path, hidden_playwright: str
) -> None:
    no_axe = tmp_path / "nowhere" / "axe.min.js"
    result = audit(str(BILINGUAL), "--axe", str(no_axe))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"audit: axe-core is not installed at {no_axe.as_posix()}: {AXE_HINT}",
        "audit: nothing checked; install what is missing and run it again",
    ]
    assert result.stdout == ""

    no_chromium = tmp_path / "chromium"
    result = audit(str(BILINGUAL), COURSEBUILD_CHROMIUM=str(no_chromium))
    assert result.returncode == 2
    assert f"Chromium is not installed (COURSEBUILD_CHROMIUM={no_chromium}): " in result.stderr
    assert CHROMIUM_HINT in result.stderr

    result = audit(str(BILINGUAL), PYTHONPATH=hidden_playwright)
    assert result.returncode == 2
    assert f"audit: Playwright (Python) is not installed: {PLAYWRIGHT_HINT}" in result.stderr

    result = audit(
        str(BILINGUAL),
        PYTHONPATH=hidden_playwright,
        COURSEBUILD_CHROMIUM=str(no_chromium),
        COURSEBUILD_AXE=str(no_axe),
    )
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 4  # all three at once, then what to do
    assert all(h in result.stderr for h in (AXE_HINT, CHROMIUM_HINT, PLAYWRIGHT_HINT))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "tests" / "check"))
    from support import hostile_zips as hostile  # small hostile zips, made in memory

    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(hostile.bomb())  # ~1.2 MB of zip, 1.1 GB unpacked
    work = tmp_path / "work"
    work.mkdir()
    result = audit(str(bomb), cwd=work, TMPDIR=str(work))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "bomb: cannot open the package" in result.stderr and "[zip-bomb]" in result.stderr
    assert "Traceback" not in result.stderr
    assert sum(p.stat().st_size for p in work.rglob("*") if p.is_file()) == 0


def test_extraction_counts_bytes_and_never_trusts_the_headers(tmp_path: Path) -> None:
    from builder.check.safe_unzip import Refused, extract
    from builder.check.zip import Limits

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", b"x" * 100_000)
    raw = bytearray(data.getvalue())
    # Declare 1,000 bytes in the central directory where 100,000 are stored.
    at = raw.find(b"PK\x01\x02")
    raw[at + 24 : at + 28] = (1000).to_bytes(4, "little")
    lying = tmp_path / "lying.zip"
    lying.write_bytes(bytes(raw))
    with pytest.raises(Refused) as refused:
        extract(lying, tmp_path / "out", Limits())
    assert refused.value.code in ("zip-bomb", "zip-corrupt")
    assert not (tmp_path / "out").exists()
    with pytest.raises(Refused, match="zip-entries"):
        extract(lying, tmp_path / "out", Limits(max_entries=0))


def test_the_example_theme_override_has_no_violation(tmp_path: Path) -> None:
    course = tmp_path / "courses" / "branded"
    shutil.copytree(BILINGUAL, course)
    shutil.copytree(REPO / "docs" / "examples" / "theme-gc", course / "theme")
    spec = course / "course.yml"
    spec.write_text(
        spec.read_text(encoding="utf-8") + "theme:\n  custom_dir: theme\n", encoding="utf-8"
    )
    result = audit(str(course), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = SUMMARY.match(result.stdout.splitlines()[0])
    assert summary and summary.group(3) == "0", result.stdout
    assert int(summary.group(2)) == expected_states(course)


def test_ordering_and_survey_questions_have_no_violation(tmp_path: Path) -> None:
    course = tmp_path / "courses" / "qtypes"
    shutil.copytree(BILINGUAL, course)
    quiz = course / "assessments" / "quiz.yml"
    add_questions(
        quiz,
        """  - id: steps
    type: ordering
    prompt: {en: Put the steps in order., fr: Mettez les étapes dans l'ordre.}
    items:
      - {en: Think, fr: Réfléchir}
      - {en: Write, fr: Écrire}
      - {en: Post, fr: Publier}
  - id: mood
    type: likert
    prompt: {en: I liked this course., fr: J'ai aimé ce cours.}
    scale: agree5
""",
    )
    result = audit(str(course), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = SUMMARY.match(result.stdout.splitlines()[0])
    assert summary and summary.group(3) == "0", result.stdout
    assert int(summary.group(2)) == expected_states(course)


PRETEST = """title: {en: What do you know?, fr: Que savez-vous?}
shuffle: true
questions:
  - id: sky
    type: true-false
    prompt: {en: The sky is blue., fr: Le ciel est bleu.}
    answer: true
    feedback:
      correct: {en: Right., fr: Exact.}
      incorrect: {en: Look up., fr: Levez les yeux.}
  - id: pick
    type: multiple
    prompt: {en: Pick a and b., fr: Choisissez a et b.}
    choices:
      - {id: a, text: {en: A, fr: A}, correct: true}
      - {id: b, text: {en: B, fr: B}, correct: true}
      - {id: c, text: {en: C, fr: C}}
"""


def test_a_pretest_and_its_result_have_no_violation_in_either_language(tmp_path: Path) -> None:
    course = tmp_path / "course"
    shutil.copytree(BILINGUAL, course)
    (course / "assessments" / "baseline.yml").write_text(PRETEST, encoding="utf-8")
    spec = course / "course.yml"
    spec.write_text(spec.read_text().replace("modules:\n", "modules:\n  - pretest: baseline\n"))
    result = audit(str(course), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = SUMMARY.match(result.stdout.splitlines()[-1])
    assert summary, result.stdout
    assert summary.group(2) == str(expected_states(course))
    assert summary.group(3) == "0", result.stdout
