"""Broken fixtures for the SCORM manifest rules (1.2 and 2004): one per rule (at least)."""

from __future__ import annotations

import pytest
from check_cases import Broken, Cases, assert_reports_its_rule, manifest_case
from support.check_kit import check, line_of, only, rules, scorm12, scorm2004, swap, zip_of

from builder.diagnostics import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
M = "imsmanifest.xml"
CASES = Cases()
case = CASES.case


# --- SCORM header: root, metadata, versions, prefixes --------------------------------------


@case("scorm-root", ERROR)
def scorm_root_element() -> Broken:
    files = swap(scorm12(), M, "<manifest identifier", "<package identifier")
    files = swap(files, M, "</manifest>", "</package>")
    return Broken(zip_of(files), M, line_of(files, M, "<package"))


@case("scorm-root", ERROR)
def scorm_root_namespace() -> Broken:
    return manifest_case(
        scorm12,
        'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"',
        'xmlns="http://example.org/cp"',
        "<manifest",
    )


@case("scorm-metadata", WARNING)
def scorm_no_metadata() -> Broken:
    old = (
        "  <metadata>\n    <schema>ADL SCORM</schema>\n"
        "    <schemaversion>1.2</schemaversion>\n  </metadata>\n"
    )
    return manifest_case(scorm12, old, "", "<manifest")


@case("scorm-schema", ERROR)
def scorm_schema() -> Broken:
    return manifest_case(scorm12, "<schema>ADL SCORM</schema>", "<schema>ADL SCROM</schema>")


@case("scorm-schemaversion", ERROR)
def schemaversion_2004_with_12_namespaces() -> Broken:
    return manifest_case(
        scorm12,
        "<schemaversion>1.2</schemaversion>",
        "<schemaversion>2004 4th Edition</schemaversion>",
        "<metadata>",
    )


@case("scorm-schemaversion", ERROR)
def schemaversion_12_with_2004_namespaces() -> Broken:
    return manifest_case(
        scorm2004,
        "<schemaversion>2004 4th Edition</schemaversion>",
        "<schemaversion>1.2</schemaversion>",
        "<metadata>",
    )


@case("scorm-schemaversion", ERROR)
def schemaversion_unknown() -> Broken:
    return manifest_case(
        scorm12,
        "<schemaversion>1.2</schemaversion>",
        "<schemaversion>SCORM 1.2</schemaversion>",
        "<metadata>",
    )


@case("scorm-schemaversion", ERROR)
def schemaversion_missing_in_2004() -> Broken:
    return manifest_case(
        scorm2004, "    <schemaversion>2004 4th Edition</schemaversion>\n", "", "<metadata>"
    )


@case("scorm-schemaversion", ERROR, also=("scorm-prefix",))
def namespaces_mixed() -> Broken:
    return manifest_case(
        scorm2004,
        'xmlns:imsss="http://www.imsglobal.org/xsd/imsss">',
        'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"\n'
        '    xmlns:old="http://www.adlnet.org/xsd/adlcp_rootv1p2">',
        "<manifest",
    )


@case("scorm-prefix", ERROR)
def prefix_adlcp() -> Broken:
    files = swap(scorm12(), M, "adlcp:", "a:", count=4)
    files = swap(files, M, "xmlns:adlcp=", "xmlns:a=")
    return Broken(zip_of(files), M, line_of(files, M, "<manifest"))


@case("scorm-prefix", ERROR)
def prefix_imsss() -> Broken:
    files = swap(scorm2004(), M, "imsss:", "ss:", count=None)
    files = swap(files, M, "xmlns:imsss=", "xmlns:ss=")
    return Broken(zip_of(files), M, line_of(files, M, "<manifest"))


# --- SCORM structure ----------------------------------------------------------------------


@case("scorm-required", ERROR)
def resource_without_type() -> Broken:
    files = scorm12()
    line = line_of(files, M, 'identifier="res-shared"')
    files = swap(files, M, 'identifier="res-shared" type="webcontent"', 'identifier="res-shared"')
    return Broken(zip_of(files), M, line)


@case("scorm-required", ERROR)
def item_without_title_in_2004() -> Broken:
    files = scorm2004()
    line = line_of(files, M, '<item identifier="item-1"')
    old = 'identifierref="res-1">\n        <title>Tiny course</title>'
    files = swap(files, M, old, 'identifierref="res-1">')
    return Broken(zip_of(files), M, line)


@case("scorm-length", ERROR)
def title_over_200_characters() -> Broken:
    # A bilingual title: both languages joined, 201 characters [SCORM 1.2 CAM titleType].
    title = "Naviguer les médias sociaux en toute sécurité / " + "x" * 153
    assert len(title) == 201
    return manifest_case(
        scorm12,
        "<title>Tiny course</title>\n      <item",
        f"<title>{title}</title>\n      <item",
        "<title>Naviguer",
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "<schemaversion>1.2</schemaversion>",
            "<schemaversion>1.2" + " " * 20 + "</schemaversion>",
        ),
        ('"test.package" version="1.0"', '"test.package" version="' + "1" * 21 + '"'),
        (
            "<adlcp:masteryscore>80</adlcp:masteryscore>",
            "<adlcp:masteryscore>80</adlcp:masteryscore><adlcp:datafromlms>"
            + "d" * 256
            + "</adlcp:datafromlms>",
        ),
        (
            '<organization identifier="org">',
            '<organization identifier="org" structure="' + "s" * 201 + '">',
        ),
        (
            'type="webcontent" adlcp:scormtype="asset"',
            'type="' + "w" * 1001 + '" adlcp:scormtype="asset"',
        ),
    ],
)
def test_other_scorm12_length_limits(old: str, new: str) -> None:
    files = swap(scorm12(), M, old, new)
    assert "scorm-length" in rules(check(zip_of(files)))


def test_a_200_character_title_is_fine() -> None:
    files = swap(
        scorm12(),
        M,
        "<title>Tiny course</title>\n      <item",
        "<title>" + "t" * 200 + "</title>\n      <item",
    )
    assert check(zip_of(files)).findings == []


def test_a_duplicate_identifier_is_not_also_a_resource_without_href() -> None:
    files = swap(scorm12(), M, '<resource identifier="res-shared"', '<resource identifier="res-1"')
    files = swap(files, M, '<dependency identifierref="res-shared"/>', "")
    assert rules(check(zip_of(files))) == {"identifier-duplicate"}


@case("identifier-invalid", ERROR)
def identifier_not_an_ncname() -> Broken:
    return manifest_case(scorm12, 'identifier="item-1"', 'identifier="1st item"')


@case("identifier-duplicate", ERROR)
def identifier_used_twice() -> Broken:
    return manifest_case(scorm12, '<item identifier="item-1"', '<item identifier="org"')


@case("scorm-default-org", ERROR)
def default_organization_missing() -> Broken:
    return manifest_case(scorm12, 'default="org"', 'default="org-2"')


@case("scorm-identifierref", ERROR)
def item_refers_to_missing_resource() -> Broken:
    return manifest_case(scorm12, 'identifierref="res-1"', 'identifierref="res-2"')


@case("scorm-identifierref", ERROR)
def dependency_on_missing_resource() -> Broken:
    return manifest_case(
        scorm12, '<dependency identifierref="res-shared"/>', '<dependency identifierref="lib"/>'
    )


@case("scorm-resource-type", ERROR)
def resource_type_not_webcontent() -> Broken:
    return manifest_case(
        scorm12, 'type="webcontent" adlcp:scormtype="sco"', 'type="text/html" adlcp:scormtype="sco"'
    )


@case("scorm-scormtype", ERROR)
def scormtype_value() -> Broken:
    return manifest_case(scorm12, 'adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"')


@case("scorm-scormtype", ERROR)
def scormtype_2004_spelling_in_12() -> Broken:
    return manifest_case(scorm12, 'adlcp:scormtype="sco"', 'adlcp:scormType="sco"')


@case("scorm-scormtype", ERROR)
def scormtype_12_spelling_in_2004() -> Broken:
    return manifest_case(scorm2004, 'adlcp:scormType="sco"', 'adlcp:scormtype="sco"')


@case("scorm-scormtype", ERROR)
def scormtype_without_prefix() -> Broken:
    return manifest_case(scorm12, 'adlcp:scormtype="sco"', 'scormtype="sco"')


@case("scorm-scormtype-missing", WARNING)
def scormtype_missing() -> Broken:
    return manifest_case(scorm12, ' adlcp:scormtype="sco"', "", '<resource identifier="res-1"')


@case("scorm-sco-href", ERROR)
def sco_without_href() -> Broken:
    return manifest_case(
        scorm12, 'adlcp:scormtype="sco" href="index.html"', 'adlcp:scormtype="sco"'
    )


@case("launch-missing", ERROR)
def scorm_launch_file_missing() -> Broken:
    return manifest_case(scorm12, 'scormtype="sco" href="index.html"', 'scormtype="sco" href="x"')


@case("file-missing", ERROR)
def listed_file_missing() -> Broken:
    old = '      <file href="assets/app.js"/>\n'
    return manifest_case(
        scorm12, old, old + '      <file href="assets/logo.png"/>\n', "assets/logo.png"
    )


@case("file-unlisted", WARNING)
def file_not_listed() -> Broken:
    files = scorm12()
    files["notes.txt"] = b"to do\n"
    return Broken(zip_of(files), "notes.txt", 0)


@pytest.mark.parametrize(
    "href", ["../index.html", "/index.html", "C:/course/index.html", "file:index.html"]
)
def test_href_unsafe(href: str) -> None:
    files = swap(
        scorm12(), M, 'scormtype="sco" href="index.html"', f'scormtype="sco" href="{href}"'
    )
    finding = only(check(zip_of(files)), "href-unsafe")
    assert (finding.severity, finding.location.file, finding.location.line) == (ERROR, M, 19)
    assert line_of(files, M, href) == 19


@case("href-unsafe", ERROR, also=("file-unlisted",))
def file_href_with_backslash() -> Broken:
    return manifest_case(scorm12, '<file href="assets/app.js"/>', '<file href="assets\\app.js"/>')


@case("href-remote", WARNING)
def launch_on_another_server() -> Broken:
    return manifest_case(
        scorm12,
        'scormtype="sco" href="index.html"',
        'scormtype="sco" href="https://example.org/tiny/index.html"',
    )


@case("mastery-range", ERROR)
def masteryscore_above_100() -> Broken:
    return manifest_case(scorm12, ">80</adlcp:masteryscore>", ">120</adlcp:masteryscore>")


@case("mastery-range", ERROR)
def masteryscore_not_a_number() -> Broken:
    return manifest_case(scorm12, ">80</adlcp:masteryscore>", ">80%</adlcp:masteryscore>")


@case("mastery-range", ERROR)
def min_normalized_measure_above_1() -> Broken:
    return manifest_case(
        scorm2004, ">0.8</imsss:minNormalizedMeasure>", ">80</imsss:minNormalizedMeasure>"
    )


@case("mastery-unused", WARNING)
def measure_not_satisfied_by_measure() -> Broken:
    return manifest_case(scorm2004, 'satisfiedByMeasure="true"', 'satisfiedByMeasure="false"')


@pytest.mark.parametrize("value", ["1", " true "])
def test_satisfied_by_measure_is_any_xs_boolean_true(value: str) -> None:
    """A 1 is as true as "true" [XML Schema Part 2 §3.2.2]: the LMS uses the pass mark."""
    files = swap(scorm2004(), M, 'satisfiedByMeasure="true"', f'satisfiedByMeasure="{value}"')
    assert check(zip_of(files)).findings == []


@case("scorm-href-unlisted", WARNING)
def launch_file_not_in_its_files() -> Broken:
    return manifest_case(
        scorm12, '      <file href="index.html"/>\n', "", '<resource identifier="res-1"'
    )


@case("scorm-boolean", ERROR)
def delivery_control_not_a_boolean() -> Broken:
    return manifest_case(scorm2004, 'completionSetByContent="true"', 'completionSetByContent="yes"')


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_fixture_reports_its_rule(name: str) -> None:
    assert_reports_its_rule(CASES[name])
