"""The repository stands on its own: no tracked file points at a document outside it.

Comments cite the specifications themselves ([SCORM 2004 4th ed. RTE §4.2.8], [xAPI 1.0.3
§2.4.1], [cmi5 §8.1], [Tin Can launch §Launch], [xAPI Video Profile 1.0 §2.3]), never a team
document kept elsewhere, its numbered checklist, or the shorthand source tags it defined.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
THIS_FILE = Path(__file__).resolve().relative_to(REPO_ROOT).as_posix()
# The outside folder's name, put together here so that not even this guard spells it out.
OUTSIDE_FOLDER = "/".join(("..", "shared"))

# What a self-contained repository never mentions, each with why it is refused.
FORBIDDEN: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "a team document outside the repository",
        re.compile(r"\b(?:standards|design|toolchain)\.md\b"),
    ),
    ("a folder outside the repository", re.compile(r"\.\./shared\b")),
    ("a numbered checklist rule (state the rule)", re.compile(r"\bchecklist(?: rules?)? \d")),
    (
        "a section of the team's standards digest",
        re.compile(r"\bstandards (?:§|table \d|checklist|\d)"),
    ),
    (
        "a shorthand source tag (cite the specification by name)",
        re.compile(
            r"\[(?:LAUNCH|TCJS|VID|XC|XD|CMI5|RTE|CAM|SN)\b"
            r"|\b(?:LAUNCH|TCJS|VID)[;\]]"
            r"|\b(?:RTE (?:1\.2|2004|4th)|CAM 2004|SN 4th|XD §|XC §|CMI5 §|xAPI §)"
        ),
    ),
)


def offences(text: str) -> list[tuple[int, str]]:
    """Each (line number, reason) where text mentions something outside the repository."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for reason, pattern in FORBIDDEN:
            if pattern.search(line):
                found.append((number, reason))
    return found


def tracked_texts() -> list[tuple[str, str]]:
    """Every tracked text file (path, content), this guard aside."""
    names = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    texts = []
    for raw in names:
        name = raw.decode()
        path = REPO_ROOT / name
        if not name or name == THIS_FILE or not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        texts.append((name, data.decode("utf-8", errors="replace")))
    return texts


def test_no_tracked_file_points_outside_the_repository() -> None:
    texts = tracked_texts()
    assert len(texts) > 100, "git ls-files listed too few files to be this repository"
    problems = [
        f"{name}:{number}: {reason}" for name, text in texts for number, reason in offences(text)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "line",
    [
        "query or fragment: the launch supplies ``auth`` (standards.md §4.5).",
        "element names and order follow the launch document (design.md)",
        "see toolchain.md for the pinned versions",
        f"the seeds in {OUTSIDE_FOLDER}/seeds",
        "  // never failed after passed [cmi5 §9.3.5; checklist 28]",
        " * The queue (the idempotency recipe, checklist rule 22):",
        '   * "passed" at LMSFinish, and any other into "failed" [standards 2.7], and',
        'test("1.2 response formats per interaction type (standards table 2.6)")',
        " * Launch parsing follows the Tin Can launch document [LAUNCH; TCJS].",
        "/* xapi-video.js: xAPI Video Profile statements [VID; docs/xapi.md].",
        '    """POST on a document: top-level keys merged [XC §2.3]."""',
        "  var IFIS = [...]; // exactly one [XD §2.4.2.1]",
        "standards.md §5.1 [CMI5 §13-14, CourseStructure.xsd]",
        "# What an LMS keeps between sessions [RTE 1.2 §3.4]: the rest",
        "  /* cmi.exit [RTE §4.2.8]: suspend keeps the attempt. */",
        "SCHEMA_VERSION = '2004 4th Edition'  # CAM 2004 4th ed. §3.4.1.4",
        "        # [SN 4th ed. §3.2.1 controlMode].",
        "carry the launch's credential instead [xAPI §4.1.2];",
    ],
)
def test_each_outside_reference_is_caught(line: str) -> None:
    assert offences(line), line


@pytest.mark.parametrize(
    "line",
    [
        "  /* cmi.exit [SCORM 2004 4th ed. RTE §4.2.8]: suspend keeps the attempt. */",
        "# [SCORM 1.2 RTE §3.4 cmi.core.lesson_status]",
        "[xAPI 1.0.3 §2.4.1], [xAPI 1.0.3 Part Three §2.1], [cmi5 §8.1], [RFC 3986 §3]",
        "[Tin Can launch §Launch], [TinCanJS src/LRS.js], [xAPI Video Profile 1.0 §2.3]",
        "  values: Object.assign({}, LAUNCH[version], extra || {}),",
        "Strict: the SCORM standards as written (the preview's own LMS)",
        "spec constants live in builder/standards/ now",
        "tables and does not necessarily apply. Test the checklist below.",
        "a course's body is rendered once and shared by every target",
    ],
)
def test_a_citation_of_the_specification_itself_passes(line: str) -> None:
    assert not offences(line), line
