"""Hostile YAML: alias bombs, deep nesting, characters XML cannot carry, huge numbers, huge
files. Each is a clear diagnostic at its line, fast, with nothing written (issue 13)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from support.hostile_sources import append, refused, run, write

from builder.diagnostics import Diagnostics
from builder.source import load
from builder.source.files import MAX_SOURCE_BYTES
from builder.source.yaml_limits import screen

Edit = Callable[[Path, str, str], None]


def alias_bomb(indent: str = "") -> str:
    """The 'billion laughs' of YAML: 9 levels of 9 aliases, 9^9 strings once expanded."""
    lines = [f'{indent}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{indent}{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def test_alias_bomb_in_course_yml_is_refused_at_once(course: Path) -> None:
    append(course / "course.yml", "extra:\n" + alias_bomb("  "))
    assert len((course / "course.yml").read_bytes()) < 700
    verdict = run("validate", course)  # expanded, this would not end (9 levels of 9)
    assert verdict.exit_code == 1
    # Every alias is named where it is (all at once); the first on the `b:` line, 17 line.
    assert (
        "course/course.yml:17:10: error: YAML alias '*a' is not allowed in course sources; "
        "expected the value written out [yaml-alias]" in verdict.stderr
    ), verdict.stderr
    assert verdict.stderr.count("[yaml-alias]") == 72


def test_alias_bomb_in_front_matter_is_refused(course: Path, edit: Edit) -> None:
    edit(
        course / "modules/intro.en.md",
        "title: Introduction\n",
        "title: Introduction\n" + alias_bomb(),
    )
    refused(course, "course/modules/intro.en.md:4:8: error: YAML alias '*a' is not allowed")


def test_alias_bomb_inside_a_title_is_refused(course: Path, edit: Edit) -> None:
    nested = alias_bomb().replace("\n", ", ").rstrip(", ").replace(": &", ": &")
    edit(course / "assessments/quiz.yml", "title: Quiz", "title: {" + nested + "}")
    refused(course, "course/assessments/quiz.yml:1:")
    assert "[yaml-alias]" in run("validate", course).stderr


def test_recursive_alias_is_a_diagnostic_not_a_recursion_error(course: Path) -> None:
    append(course / "course.yml", "x: &a [*a]\n")
    refused(
        course,
        "course/course.yml:15:8: error: YAML alias '*a' is not allowed in course sources",
    )


def test_deep_nesting_is_refused(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "title: A minimal course", "title: " + "[" * 60 + "]" * 60)
    refused(
        course,
        "course/course.yml:5:39: error: YAML nesting deeper than 32 levels; expected flat "
        "course data [yaml-too-deep]",
    )


def test_very_deep_nesting_is_refused_without_a_crash(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "title: A minimal course", "title: " + "[" * 5000 + "]" * 5000)
    # libyaml's own limit (1000 levels) may speak first; either way a diagnostic at line 5.
    verdict = refused(course, "course/course.yml:5:")
    assert "[yaml-too-deep]" in verdict.stderr or "nesting depth" in verdict.stderr


@pytest.mark.parametrize(
    ("text", "screened"),
    [
        ("title: " + "[" * 40 + "]" * 40, False),
        ("".join(f"{' ' * n}k{n}:\n" for n in range(40)) + " " * 40 + "x: 1\n", False),
        ("title: A course\nitems: [1, 2, {x: y}]\n", False),
        ("a: **bold** text\n", True),  # a '*' that is no alias: screened, then read
        ("a: [1, {b: - c}]\n", True),  # a syntax error: screened for depth after it
    ],
)
def test_a_document_without_an_alias_is_parsed_once_and_judged_the_same(
    text: str, screened: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A '*' in a comment sends a document through the event screen first: the same verdicts.
    first, second = Diagnostics(), Diagnostics()
    doc = load.parse_yaml(text + "# *\n", "c.yml", first)
    screens: list[str] = []

    def screened_once(text: str, *rest: Any) -> Any:
        screens.append(text)
        return screen(text, *rest)

    monkeypatch.setattr(load, "screen", screened_once)
    again = load.parse_yaml(text, "c.yml", second)
    assert [d.format() for d in second] == [d.format() for d in first]
    assert (again.parsed, again.data) == (doc.parsed, doc.data)
    assert screens == ([text] if screened else [])


@pytest.fixture(params=["libyaml", "python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both YAML loaders: libyaml's when installed, and PyYAML's own."""
    if request.param == "python":
        monkeypatch.setattr(load, "_Loader", yaml.SafeLoader)
    return str(request.param)


def test_loaders_refuse_deep_nesting_and_aliases(loader: str) -> None:
    found = Diagnostics()
    doc = load.parse_yaml("title: " + "[" * 5000 + "]" * 5000 + "\nx: &a [*a]\n", "c.yml", found)
    assert not doc.parsed
    assert found.sorted()[0].format().startswith("c.yml:1:")
    found = Diagnostics()
    load.parse_yaml("a: [1]\nx: &a [*a]\n", "c.yml", found)
    assert [d.code for d in found] == ["yaml-alias"]


@pytest.mark.parametrize(
    ("escape", "shown"), [("\\x0b", "U+000B"), ("\\0", "U+0000"), ("\\ufffe", "U+FFFE")]
)
def test_characters_xml_cannot_carry_are_refused(
    course: Path, edit: Edit, escape: str, shown: str
) -> None:
    edit(course / "course.yml", "title: A minimal course", f'title: "A{escape}B"')
    refused(
        course,
        f"course/course.yml:5:8: error: text contains {shown}, a character XML 1.0 cannot "
        "carry; expected printable text [bad-character]",
    )


def test_a_lone_surrogate_is_refused(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "title: A minimal course", 'title: "A\\ud800B"')
    verdict = refused(course, "course/course.yml:5:")
    assert "U+D800" in verdict.stderr or "invalid Unicode character escape" in verdict.stderr


@pytest.mark.parametrize("escape", ["\\x0b", "\\0", "\\ufffe", "\\ud800"])
def test_either_loader_refuses_characters_xml_cannot_carry(loader: str, escape: str) -> None:
    found = Diagnostics()
    load.parse_yaml(f'a: 1\nb: "x{escape}y"\n', "c.yml", found)
    assert [(d.code, d.location.line, d.location.col) for d in found] in (
        [("bad-character", 2, 4)],
        [("yaml-syntax", 2, 8)],  # libyaml refuses a surrogate escape itself
    ), [d.format() for d in found]


def test_a_bad_character_in_front_matter_is_at_its_line(course: Path, edit: Edit) -> None:
    edit(course / "modules/intro.en.md", "title: Introduction", 'title: "Intro\\x07"')
    refused(course, "course/modules/intro.en.md:2:8: error: text contains U+0007")


def test_tab_newline_and_carriage_return_are_fine(course: Path, edit: Edit) -> None:
    edit(
        course / "course.yml",
        "description: The smallest course that uses every feature.",
        'description: "Tab\\there,\\r\\na new line"',
    )
    verdict = run("validate", course)
    assert verdict.exit_code == 0, verdict.stderr


def test_raw_control_character_is_reported_at_its_line_and_column(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "title: A minimal course", "title: A min\x0bimal course")
    refused(
        course,
        "course/course.yml:5:13: error: YAML syntax error: control character U+000B is not "
        "allowed; expected printable text [yaml-syntax]",
    )


def test_raw_control_character_after_accented_text_is_at_its_column(
    course: Path, edit: Edit
) -> None:
    edit(course / "course.yml", "title: A minimal course", "title: Été\x01")
    refused(course, "course/course.yml:5:11: error: YAML syntax error: control character U+0001")


def test_integer_over_4300_digits_is_a_diagnostic(course: Path, edit: Edit) -> None:
    edit(course / "assessments/quiz.yml", "pass_mark: 80", "pass_mark: 1" + "0" * 5000)
    refused(
        course,
        "course/assessments/quiz.yml:2:12: error: number with 5001 digits; expected at most "
        "4300 digits [bad-number]",
    )


def test_huge_numeric_answer_is_a_diagnostic(course: Path, edit: Edit) -> None:
    edit(course / "assessments/quiz.yml", "answer: 94", "answer: 1" + "0" * 400)
    refused(
        course,
        "course/assessments/quiz.yml:35:13: error: question 'num': answer: expected a finite "
        "number, found '10000",
    )


def test_binary_value_is_refused(course: Path, edit: Edit) -> None:
    edit(course / "modules/intro.en.md", "title: Introduction", "title: !!binary SGVsbG8=")
    refused(
        course,
        "course/modules/intro.en.md:2:8: error: '!!binary' data is not allowed in course "
        "sources; expected text [yaml-binary]",
    )


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("modules/intro.en.md", lambda: "---\ntitle: Big\n---\n\n" + "word " * 1_100_000),
        ("assessments/quiz.yml", lambda: "title: Quiz\n" + "# comment line\n" * 400_000),
    ],
)
def test_source_file_over_the_size_limit_is_refused_before_parsing(
    course: Path, name: str, make: Callable[[], str]
) -> None:
    write(course / name, make())
    size = (course / name).stat().st_size
    verdict = refused(
        course,
        f"course/{name}: error: file is {size:,} bytes, over the {MAX_SOURCE_BYTES:,}-byte "
        "limit for a course source; expected a smaller file (split long pages) [file-too-large]",
    )
    assert verdict.stderr.count("[file-too-large]") == 1


def test_value_with_a_newline_is_one_diagnostic_line(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "code: MIN-1", 'code: "MIN\\n1"')
    verdict = refused(course, "course/course.yml:2:7: error: code: expected a code of up to 64")
    line = next(x for x in verdict.stderr.splitlines() if "course.yml:2:7" in x)
    assert "found 'MIN\\n1' [bad-value]" in line, verdict.stderr


def test_the_xml_character_test_is_exactly_xml_1_0_char() -> None:
    # [XML 1.0 §2.2] Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    # Written out, for every code point: the pattern the loader uses may be any equivalent.
    def is_char(code: int) -> bool:
        return (
            code in (0x9, 0xA, 0xD)
            or 0x20 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF
        )

    every = "".join(map(chr, range(0x110000)))
    refused = {ord(c) for c in load._NOT_XML_CHAR.findall(every)}
    assert refused == {code for code in range(0x110000) if not is_char(code)}
