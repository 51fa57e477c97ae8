"""Broken fixtures for the Tin Can and cmi5 rules: one per rule (at least)."""

from __future__ import annotations

import pytest
from check_cases import Broken, Cases, assert_reports_its_rule
from support.check_kit import check, cmi5, line_of, only, swap, tincan, zip_of

from builder.diagnostics import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
CASES = Cases()
case = CASES.case


# --- Tin Can ------------------------------------------------------------------------------

T = "tincan.xml"


def tincan_case(old: str, new: str, needle: str | None = None) -> Broken:
    files = tincan()
    line = line_of(files, T, needle) if needle and needle in files[T].decode() else 0
    files = swap(files, T, old, new)
    return Broken(zip_of(files), T, line or line_of(files, T, needle or new))


@case("tincan-structure", ERROR)
def tincan_namespace() -> Broken:
    return tincan_case('xmlns="http://projecttincan.com/tincan.xsd"', 'xmlns="urn:x"', "<tincan")


@case("tincan-structure", ERROR)
def tincan_activity_without_id() -> Broken:
    return tincan_case(
        '<activity id="https://example.org/courses/tiny/quiz"\n', "<activity\n", "<activity\n"
    )


@case("tincan-name", WARNING)
def tincan_activity_without_name() -> Broken:
    return tincan_case(
        '      <name lang="en-US">Quiz</name>\n',
        "",
        '<activity id="https://example.org/courses/tiny/quiz"',
    )


@case("tincan-launch", ERROR)
def tincan_two_launches() -> Broken:
    return tincan_case(
        '<name lang="en-US">Quiz</name>',
        '<name lang="en-US">Quiz</name><launch>index.html</launch>',
        "Quiz</name><launch>",
    )


@case("tincan-launch", ERROR)
def tincan_no_launch() -> Broken:
    return tincan_case('      <launch lang="en-US">index.html</launch>\n', "", "<tincan")


@case("launch-missing", ERROR)
def tincan_launch_file_missing() -> Broken:
    return tincan_case(">index.html</launch>", ">start.html</launch>")


@case("iri-invalid", ERROR)
def tincan_id_not_an_iri() -> Broken:
    return tincan_case('id="https://example.org/courses/tiny/quiz"', 'id="quiz"')


@case("identifier-duplicate", ERROR)
def tincan_id_twice() -> Broken:
    return tincan_case(
        'id="https://example.org/courses/tiny/quiz"',
        'id="https://example.org/courses/tiny"',
        'id="https://example.org/courses/tiny/quiz"',
    )


@case("href-unsafe", ERROR)
def tincan_launch_goes_up() -> Broken:
    return tincan_case(">index.html</launch>", ">../index.html</launch>")


# --- cmi5 ---------------------------------------------------------------------------------

C = "cmi5.xml"


def cmi5_case(old: str, new: str, needle: str | None = None) -> Broken:
    files = cmi5()
    line = line_of(files, C, needle) if needle and needle in files[C].decode() else 0
    files = swap(files, C, old, new)
    return Broken(zip_of(files), C, line or line_of(files, C, needle or new))


@case("cmi5-structure", ERROR)
def cmi5_namespace() -> Broken:
    return cmi5_case(
        'xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"',
        'xmlns="https://example.org/cmi5"',
        "<courseStructure",
    )


@case("cmi5-structure", ERROR)
def cmi5_course_without_id() -> Broken:
    return cmi5_case('<course id="https://example.org/courses/tiny">', "<course>")


@case("cmi5-au-url", ERROR)
def cmi5_au_without_url() -> Broken:
    return cmi5_case("<url>index.html</url>", "<url> </url>")


@case("cmi5-vocabulary", ERROR)
def cmi5_move_on() -> Broken:
    return cmi5_case('moveOn="CompletedOrPassed"', 'moveOn="Complete"', "<au id=")


@case("cmi5-vocabulary", ERROR)
def cmi5_launch_method() -> Broken:
    return cmi5_case('launchMethod="AnyWindow"', 'launchMethod="NewWindow"', "<au id=")


@case("mastery-range", ERROR)
def cmi5_mastery_score() -> Broken:
    return cmi5_case('masteryScore="0.8"', 'masteryScore="80"', "<au id=")


@case("launch-missing", ERROR)
def cmi5_au_file_missing() -> Broken:
    return cmi5_case("<url>index.html</url>", "<url>start.html?x=1</url>")


@case("href-unsafe", ERROR)
def cmi5_au_url_absolute_path() -> Broken:
    return cmi5_case("<url>index.html</url>", "<url>/index.html</url>")


@case("iri-invalid", ERROR)
def cmi5_au_id_not_an_iri() -> Broken:
    return cmi5_case('<au id="https://example.org/courses/tiny/au/1"', '<au id="au 1"')


@case("identifier-duplicate", ERROR)
def cmi5_au_id_is_the_course_id() -> Broken:
    return cmi5_case(
        '<au id="https://example.org/courses/tiny/au/1"',
        '<au id="https://example.org/courses/tiny"',
        "<au id=",
    )


# --- cmi5: what the official XSD and the spec require (issue 13) ---------------------------


@case("cmi5-structure", ERROR)
def cmi5_au_without_title() -> Broken:
    return cmi5_case(
        '    <title><langstring lang="en-US">Tiny course</langstring></title>\n    <description>'
        '<langstring lang="en-US">The whole',
        '    <description><langstring lang="en-US">The whole',
        "<au id=",
    )


@pytest.mark.parametrize("attribute", ["moveOn", "launchMethod"])
def test_cmi5_vocabulary_written_as_child_elements(attribute: str) -> None:
    value = {"moveOn": "CompletedOrPassed", "launchMethod": "AnyWindow"}[attribute]
    files = swap(cmi5(), C, f' {attribute}="{value}"', "")
    files = swap(
        files,
        C,
        "<url>index.html</url>",
        f"<url>index.html</url><{attribute}>{value}</{attribute}>",
    )
    finding = only(check(zip_of(files)), "cmi5-structure")
    assert attribute in finding.message and finding.location.line == line_of(
        files, C, f"<{attribute}>"
    )


@case("cmi5-au-url", ERROR)
def cmi5_au_url_with_a_space() -> Broken:
    files = cmi5()
    files["my page.html"] = files["index.html"]
    files = swap(files, C, "<url>index.html</url>", "<url>my page.html</url>")
    return Broken(zip_of(files), C, line_of(files, C, "<url>"))


@pytest.mark.parametrize("name", ["endpoint", "fetch", "actor", "registration", "activityId"])
def test_cmi5_au_url_with_a_launch_parameter(name: str) -> None:
    files = swap(cmi5(), C, "<url>index.html</url>", f"<url>index.html?lang=en&amp;{name}=x</url>")
    finding = only(check(zip_of(files)), "cmi5-launch-param")
    assert name in finding.message and finding.location.line == line_of(files, C, "<url>")


@case("cmi5-launch-param", ERROR)
def cmi5_au_url_collides_with_endpoint() -> Broken:
    return cmi5_case("<url>index.html</url>", "<url>index.html?endpoint=x</url>")


@case("cmi5-objective-ref", ERROR)
def cmi5_objective_ref_to_nothing() -> Broken:
    return cmi5_case(
        "    <url>index.html</url>\n",
        '    <url>index.html</url>\n    <objectives><objective idref="https://example.org/o/9"/>'
        "</objectives>\n",
        "idref=",
    )


def test_cmi5_objective_ref_to_a_course_objective_is_fine() -> None:
    files = swap(
        cmi5(),
        C,
        "  <au id=",
        '  <objectives><objective id="https://example.org/o/1"><title><langstring lang="en-US">'
        'O</langstring></title><description><langstring lang="en-US">O</langstring>'
        "</description></objective></objectives>\n  <au id=",
    )
    files = swap(
        files,
        C,
        "    <url>index.html</url>\n",
        '    <url>index.html</url>\n    <objectives><objective idref="https://example.org/o/1"/>'
        "</objectives>\n",
    )
    assert check(zip_of(files)).findings == []


@pytest.mark.parametrize("url", ["myapp://launch/course", "ms-word:ofe%7Cu%7Chttps://x.org/a.docx"])
def test_cmi5_au_url_with_an_application_scheme_is_fine(url: str) -> None:
    # cmi5 §13.1.4: the AU's URL may use any scheme the learner's device can launch.
    files = swap(cmi5(), C, "<url>index.html</url>", f"<url>{url}</url>")
    assert check(zip_of(files)).findings == []


@pytest.mark.parametrize(
    "url", ["javascript:alert(document.domain)", "data:text/html,x", " vbscript:x"]
)
def test_cmi5_au_url_with_a_script_scheme_is_unsafe(url: str) -> None:
    files = swap(cmi5(), C, "<url>index.html</url>", f"<url>{url}</url>")
    assert only(check(zip_of(files)), "href-unsafe").location.line == line_of(files, C, "<url>")


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_fixture_reports_its_rule(name: str) -> None:
    assert_reports_its_rule(CASES[name])
