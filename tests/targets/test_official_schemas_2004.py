"""Both seed packages validate against the official SCORM 2004 4th edition XSDs (fetched at test
time), and the validator notices broken manifests; `check`'s rules on the same breakage are
in tests/check/test_self_check.py."""

from __future__ import annotations

import zipfile
from pathlib import Path

from support.xsd import validate_scorm2004

from builder.check.package import self_check


def read(package: Path) -> tuple[bytes, set[str]]:
    with zipfile.ZipFile(package) as archive:
        return archive.read("imsmanifest.xml"), set(archive.namelist())


def test_manifest_is_valid_against_the_official_xsds(seed_zip_2004: Path) -> None:
    manifest, _ = read(seed_zip_2004)
    assert validate_scorm2004(manifest) == []
    assert self_check(seed_zip_2004.read_bytes(), seed_zip_2004.name).findings == []


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
