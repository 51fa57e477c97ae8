"""Both seed packages validate against the official SCORM 2004 4th edition XSDs (fetched at test
time), and the validator and our own rules notice broken manifests."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from support.xsd import validate_scorm2004

from builder.targets.manifest_rules_2004 import check_scorm2004_manifest


def read(package: Path) -> tuple[bytes, set[str]]:
    with zipfile.ZipFile(package) as archive:
        return archive.read("imsmanifest.xml"), set(archive.namelist())


def test_manifest_is_valid_against_the_official_xsds(seed_zip_2004: Path) -> None:
    manifest, names = read(seed_zip_2004)
    assert validate_scorm2004(manifest) == []
    assert check_scorm2004_manifest(manifest, names) == []


def test_the_validator_would_notice_a_broken_manifest(seed_zip_2004: Path) -> None:
    manifest, _ = read(seed_zip_2004)
    for old, new in [
        (b'adlcp:scormType="sco"', b'adlcp:scormType="lesson"'),
        (b'completionSetByContent="true"', b'completionSetByContent="yes"'),
        (b"<imsss:minNormalizedMeasure>0.8<", b"<imsss:minNormalizedMeasure>80<"),
        (b"<imsss:deliveryControls", b"<imsss:bogus/><imsss:deliveryControls"),
    ]:
        assert old in manifest
        assert validate_scorm2004(manifest.replace(old, new)) != [], new


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (b"2004 4th Edition", b"1.2", "schemaversion is '1.2'"),
        (b"2004 4th Edition", b"CAM 1.3", "schemaversion is 'CAM 1.3'"),
        (b"adlcp:", b"cp:", "bound to 'cp'; expected 'adlcp'"),
        (b'adlcp:scormType="sco"', b'adlcp:scormType="lesson"', "scormType 'lesson'"),
        (b'adlcp:scormType="sco"', b'adlcp:scormtype="sco"', "scormType None"),
        (b"<metadata>", b'<metadata xmlns:a="http://www.adlnet.org/xsd/adlcp_rootv1p2">', "1.2's"),
        (b'<file href="index.html"/>', b"", "'index.html' is not listed"),
        (b'<file href="index.html"/>', b'<file href="../x.html"/>', "not a safe relative path"),
        (b'identifierref="RES-', b'identifierref="NONE-', "refers to missing resource"),
        (b'default="ORG-', b'default="NONE-', "names no organization"),
        (b"<imsss:minNormalizedMeasure>0.8<", b"<imsss:minNormalizedMeasure>80<", "from -1 to 1"),
        (b'flow="true"', b'flow="yes"', "flow='yes' is not a boolean"),
    ],
)
def test_our_rules_name_each_problem(
    seed_zip_2004: Path, old: bytes, new: bytes, problem: str
) -> None:
    manifest, names = read(seed_zip_2004)
    assert old in manifest
    if old == b"adlcp:":  # a prefix is renamed everywhere, declaration included
        manifest = manifest.replace(b"xmlns:adlcp=", b"xmlns:cp=")
    problems = check_scorm2004_manifest(
        manifest.replace(old, new, -1 if old == b"adlcp:" else 1), names
    )
    assert any(problem in p for p in problems), problems


def test_our_rules_refuse_a_scorm12_manifest(tmp_path: Path) -> None:
    manifest = b'<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"/>'
    assert check_scorm2004_manifest(manifest, set()) == [
        "root element is {http://www.imsproject.org/xsd/imscp_rootv1p1p2}manifest; "
        "expected {http://www.imsglobal.org/xsd/imscp_v1p1}manifest"
    ]
    assert check_scorm2004_manifest(b"<manifest", set())[0].startswith("imsmanifest.xml is not")
