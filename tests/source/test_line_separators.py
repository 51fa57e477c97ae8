"""U+0085, U+2028 and U+2029 (text pasted from Word or a PDF): YAML 1.1 reads them as line breaks,
YAML 1.2 and editors do not [YAML 1.2 §5.4]. Lines are counted as an editor shows them, the
characters are read as text, with a warning, and the packages carry them intact."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from support.course_fixtures import example_course
from support.hostile_sources import refused, run

from builder.diagnostics import Diagnostics
from builder.source.course import load_course
from builder.source.load import parse_yaml, split_front_matter

Edit = Callable[[Path, str, str], None]
BREAKS = pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])


@pytest.fixture
def my_course(tmp_path: Path) -> Path:
    """The README's example course."""
    return example_course(tmp_path)


@BREAKS
def test_a_later_line_keeps_its_number(my_course: Path, edit: Edit, char: str) -> None:
    final = my_course / "assessments/final.yml"
    edit(final, "title: {en: Final assessment,", f'title: {{en: "Final{char}assessment",')
    edit(final, "pass_mark: 80", "pass_mark: 180")
    refused(
        my_course,
        "my-course/assessments/final.yml:2:12: error: pass_mark: expected a number in 0-100, "
        "found '180' [bad-value]",
    )


@BREAKS
def test_front_matter_does_not_move_the_body(my_course: Path, edit: Edit, char: str) -> None:
    page = my_course / "modules/intro.en.md"
    edit(page, "title: Introduction", f'title: "Intro{char}duction"')
    edit(page, "This course shows", "This course [shows](javascript:x)")
    refused(my_course, "my-course/modules/intro.en.md:7:13: error: link to 'javascript:x'")


@BREAKS
def test_a_body_line_keeps_its_number_and_column(my_course: Path, edit: Edit, char: str) -> None:
    page = my_course / "modules/intro.en.md"
    edit(page, "# Welcome", f"# Wel{char}come")
    edit(page, "This course shows", f"This{char}course [shows](javascript:x)")
    refused(my_course, "my-course/modules/intro.en.md:7:13: error: link to 'javascript:x'")


@BREAKS
def test_unquoted_text_is_read_whole_with_a_warning(my_course: Path, edit: Edit, char: str) -> None:
    final = my_course / "assessments/final.yml"
    edit(final, "title: {en: Final assessment, fr: Évaluation finale}", "title:")
    edit(
        final, "pass_mark:", f"  en: Final{char}assessment  # a{char}x: y\n  fr: Finale\npass_mark:"
    )
    diagnostics = Diagnostics()
    course = load_course(my_course, diagnostics)
    said = [d.format() for d in diagnostics]
    assert course is not None and course.assessment is not None, said
    assert course.assessment.title["en"] == f"Final{char}assessment"
    assert [line.split(": warning: ")[0] for line in said] == [
        "my-course/assessments/final.yml:2:12",
        "my-course/assessments/final.yml:2:28",
    ]
    assert all(line.endswith("[unicode-line-break]") for line in said), said


def test_the_warning_names_the_character_and_what_to_write() -> None:
    diagnostics = Diagnostics()
    doc = parse_yaml('a: "x\u2028y"\nb: [1,\u20292]\n', "c.yml", diagnostics)
    assert doc.data == {"a": "x\u2028y", "b": [1, "\u20292"]}
    assert str(doc.at(("b", 1))) == "c.yml:2:7"
    assert [d.format() for d in diagnostics] == [
        "c.yml:1:6: warning: U+2028 LINE SEPARATOR is read as text, not as a line break, as "
        "YAML 1.2 reads it and editors show it (YAML 1.1 tools start a new line here); expected "
        "a space or a new line [unicode-line-break]",
        "c.yml:2:7: warning: U+2029 PARAGRAPH SEPARATOR is read as text, not as a line break, "
        "as YAML 1.2 reads it and editors show it (YAML 1.1 tools start a new line here); "
        "expected a space or a new line [unicode-line-break]",
    ]


def test_front_matter_is_split_at_line_feeds_only() -> None:
    md = split_front_matter("---\ntitle: a\u2028b\n---\nBody\u2028text\n", "p.md", Diagnostics())
    assert md.front.data == {"title": "a\u2028b"}
    assert (md.body, md.body_line) == ("Body\u2028text\n", 4)


def test_keys_and_stand_in_characters_are_kept_as_written() -> None:
    # The file already holds the private-use characters a first choice of stand-in would take.
    written = "".join(map(chr, range(0xE000, 0xE010)))
    doc = parse_yaml(f"k\u2028: {written}\x85\n", "c.yml", Diagnostics())
    assert doc.data == {"k\u2028": f"{written}\x85"}
    assert str(doc.at(("k\u2028",), key=True)) == "c.yml:1:1"


def test_packages_carry_the_characters_in_valid_json_and_xml(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "title: A minimal course", 'title: "A minimal\u2028course"')
    edit(course / "course.yml", "modules:", "targets: [scorm12, scorm2004, xapi, cmi5]\nmodules:")
    edit(course / "assessments/quiz.yml", "prompt: Pick a.", 'prompt: "Pick\u2029a\x85now."')
    edit(course / "modules/intro.en.md", "title: Introduction", "title: Intro\u2028duction")
    built = run("build", course)
    assert built.exit_code == 0, built.stderr
    zips = sorted(built.out.glob("*.zip"))
    assert len(zips) == 4
    for package in zips:
        with zipfile.ZipFile(package) as archive:
            xml = {
                n: etree.fromstring(archive.read(n))
                for n in archive.namelist()
                if n.endswith(".xml")
            }
            own = next(n for n in ("imsmanifest.xml", "tincan.xml", "cmi5.xml") if n in xml)
            manifest = etree.tostring(xml[own], encoding="unicode")
            assert "A minimal\u2028course" in manifest, package.name
            page = archive.read("index.html").decode("utf-8")
            config = re.search(r'id="coursebuild-config">(.*?)</script>', page, re.S)
            assert config is not None
            json.loads(config.group(1))
            assert "Pick\u2029a\x85now." in page and "Intro\u2028duction" in page
    activities = json.loads((built.out / "course-xapi-activities.json").read_text("utf-8"))
    # Plain text (xAPI definitions, drop-down options) has them as spaces, as str.split reads.
    assert "Pick a now." in json.dumps(activities)
