"""Valid packages of every kind pass clean; kinds and versions are told apart; report format."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support.check_kit import (
    BASES,
    CMI5_XML,
    MANIFEST_12,
    MANIFEST_2004,
    TINCAN_XML,
    check,
    only,
    rules,
    scorm12,
    scorm2004,
    swap,
    zip_of,
)
from support.xsd import validate_cmi5, validate_scorm12, validate_scorm2004

from builder.check.package import check_bytes, format_summary, to_json

LABELS = {
    "scorm12": "SCORM 1.2",
    "scorm2004": "SCORM 2004 4th Edition",
    "tincan": "Tin Can",
    "cmi5": "cmi5",
}


@pytest.mark.parametrize("kind", sorted(BASES))
def test_base_packages_are_clean(kind: str) -> None:
    report = check(zip_of(BASES[kind]()))
    assert report.findings == []
    assert (report.kinds, report.label, report.files) == ([kind], LABELS[kind], 4)
    assert format_summary(report) == f"pkg.zip: ok ({LABELS[kind]}, 4 files)"


@pytest.mark.parametrize(
    ("text", "validate"),
    [
        (MANIFEST_12, validate_scorm12),
        (MANIFEST_2004, validate_scorm2004),
        (CMI5_XML, validate_cmi5),
    ],
    ids=["scorm12", "scorm2004", "cmi5"],
)
def test_base_descriptors_are_valid_against_the_official_schemas(
    text: str, validate: Callable[[bytes], list[str]]
) -> None:
    assert validate(text.encode()) == []


def test_tincan_base_has_the_documented_shape() -> None:
    assert 'xmlns="http://projecttincan.com/tincan.xsd"' in TINCAN_XML
    assert TINCAN_XML.count("<launch") == 1


@pytest.mark.parametrize(
    ("schemaversion", "label"),
    [
        ("2004 3rd Edition", "SCORM 2004 3rd Edition"),
        ("CAM 1.3", "SCORM CAM 1.3"),
    ],
)
def test_earlier_2004_editions_are_recognised(schemaversion: str, label: str) -> None:
    files = swap(scorm2004(), "imsmanifest.xml", "2004 4th Edition", schemaversion)
    report = check(zip_of(files))
    assert (report.kinds, report.label, report.findings) == (["scorm2004"], label, [])


def test_a_package_can_be_scorm_and_tin_can_at_once() -> None:
    files = scorm12()
    files["tincan.xml"] = TINCAN_XML.encode()
    report = check(zip_of(files))
    assert (report.kinds, report.label, report.findings) == (
        ["scorm12", "tincan"],
        "SCORM 1.2 + Tin Can",
        [],
    )


def test_descriptors_in_folders_do_not_count_when_one_is_at_the_root() -> None:
    files = scorm12()
    files["extras/cmi5.xml"] = CMI5_XML.encode()
    files["extras/imsmanifest.xml"] = b"<not-even-xml"
    report = check(zip_of(files))
    assert report.kinds == ["scorm12"]
    assert {(f.code, f.location.file) for f in report.findings} == {
        ("file-unlisted", "extras/cmi5.xml"),
        ("file-unlisted", "extras/imsmanifest.xml"),
    }


def test_a_manifest_in_a_folder_is_still_checked_inside_it() -> None:
    files = {f"course/{name}": data for name, data in scorm12().items()}
    files = swap(files, "course/imsmanifest.xml", 'identifierref="res-1"', 'identifierref="x"')
    report = check(zip_of(files))
    assert rules(report) == {"manifest-location", "scorm-identifierref"}
    assert only(report, "scorm-identifierref").location.file == "course/imsmanifest.xml"


def test_xml_base_is_applied_to_hrefs() -> None:
    files = {
        ("content/" + n if n in ("index.html", "assets/app.js", "assets/style.css") else n): d
        for n, d in scorm12().items()
    }
    files = swap(files, "imsmanifest.xml", "<resources>", '<resources xml:base="content/">')
    assert check(zip_of(files)).findings == []


def test_percent_encoded_hrefs_name_the_decoded_file() -> None:
    files = scorm12()
    files["my page.html"] = files.pop("index.html")
    files = swap(files, "imsmanifest.xml", 'href="index.html"', 'href="my%20page.html"', count=2)
    assert check(zip_of(files)).findings == []


def test_schema_files_need_not_be_listed() -> None:
    files = scorm12()
    files["imscp_rootv1p1p2.xsd"] = b"<xs:schema/>"
    files["common/ims_xml.xsd"] = b"<xs:schema/>"
    assert check(zip_of(files)).findings == []


def test_many_unlisted_files_are_counted_not_all_listed() -> None:
    files = scorm12()
    for n in range(30):
        files[f"extra/{n:02}.txt"] = b"x"
    report = check(zip_of(files))
    unlisted = [f for f in report.findings if f.code == "file-unlisted"]
    assert len(unlisted) == 21
    assert [f.message for f in unlisted if f.location.file == "imsmanifest.xml"] == [
        "10 more files in the zip are listed in no <resource>"
    ]


def test_a_2004_package_with_both_run_times_is_not_the_wrong_version() -> None:
    files = scorm2004()
    files["assets/scorm12.js"] = b'api.LMSSetValue("cmi.core.lesson_status", "passed");\n'
    files = swap(
        files,
        "imsmanifest.xml",
        '<file href="assets/app.js"/>',
        '<file href="assets/app.js"/><file href="assets/scorm12.js"/>',
    )
    assert check(zip_of(files)).findings == []


def test_an_empty_zip_has_no_manifest() -> None:
    report = check(zip_of({}))
    assert rules(report) == {"no-manifest"} and report.label == "unknown package"


def test_not_a_zip_is_a_zip_corrupt_finding() -> None:
    report = check_bytes(b"PK\x03\x04 not really", "x.zip")
    assert rules(report) == {"zip-corrupt"} and report.failed()


def test_findings_format_like_compiler_diagnostics() -> None:
    files = swap(scorm12(), "imsmanifest.xml", 'default="org"', 'default="nope"')
    files["notes.txt"] = b"x"
    report = check(zip_of(files))
    lines = [f.format(report.package) for f in report.findings]
    assert lines == [
        "pkg.zip:imsmanifest.xml:9: error: organizations default 'nope' names no "
        "<organization> [scorm-default-org]\n"
        "    hint: set default to the identifier of the organization the LMS should show",
        "pkg.zip:notes.txt: warning: 'notes.txt' is in the zip but no <resource> lists it in "
        "a <file> [file-unlisted]",
    ]
    assert format_summary(report) == "pkg.zip: SCORM 1.2: 1 error(s), 1 warning(s)"


def test_unprintable_entry_names_are_escaped_in_text() -> None:
    files = scorm12()
    files["evil\nname.js"] = b"x"
    report = check(zip_of(files))
    text = "\n".join(f.format(report.package) for f in report.findings)
    assert "evil\\nname.js" in text and "evil\nname" not in text


def test_json_report_shape() -> None:
    files = swap(scorm12(), "imsmanifest.xml", ">80<", ">800<")
    report = check(zip_of(files))
    data = to_json([report])
    assert data["errors"] == 1 and data["warnings"] == 0
    (package,) = data["packages"]
    assert package["ok"] is False and package["kinds"] == ["scorm12"]
    assert package["problems"] == [
        {
            "rule": "mastery-range",
            "severity": "error",
            "file": "imsmanifest.xml",
            "line": 14,
            "message": "adlcp:masteryscore '800' is not a number from 0 to 100",
            "hint": None,
        }
    ]
