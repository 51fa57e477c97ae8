"""Both seed packages validate against the official SCORM 1.2 XSDs (fetched at test time)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from support.xsd import validate_scorm12


def test_manifest_is_valid_against_the_official_xsds(seed_zip: Path) -> None:
    with zipfile.ZipFile(seed_zip) as archive:
        manifest = archive.read("imsmanifest.xml")
    assert validate_scorm12(manifest) == []


def test_the_validator_would_notice_a_broken_manifest(seed_zip: Path) -> None:
    with zipfile.ZipFile(seed_zip) as archive:
        manifest = archive.read("imsmanifest.xml")
    broken = manifest.replace(b'adlcp:scormtype="sco"', b'adlcp:scormtype="lesson"')
    assert validate_scorm12(broken) != []
