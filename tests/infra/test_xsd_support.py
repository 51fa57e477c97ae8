"""The official-schema validators accept valid manifests (the small packages' of
``support/check_kit.py``) and catch broken ones."""

from __future__ import annotations

import pytest
from lxml import etree
from support import xsd
from support.check_kit import CMI5_XML, MANIFEST_12, MANIFEST_2004


def test_scorm12_accepts_a_minimal_valid_manifest() -> None:
    assert xsd.validate_scorm12(MANIFEST_12.encode()) == []


def test_scorm12_accepts_inline_imsmd_metadata() -> None:
    # Needs the ##any -> ##other fix and the imsmd import in the driver schema.
    manifest = MANIFEST_12.replace(
        "<schemaversion>1.2</schemaversion>",
        "<schemaversion>1.2</schemaversion>"
        '<lom xmlns="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"><general><title>'
        '<langstring xml:lang="en">Minimal</langstring></title></general></lom>',
    )
    assert xsd.validate_scorm12(manifest.encode()) == []


def test_scorm12_rejects_a_bogus_scormtype() -> None:
    manifest = MANIFEST_12.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"')
    errors = xsd.validate_scorm12(manifest.encode())
    assert errors, "a scormtype other than sco/asset must be rejected"
    assert any("scormtype" in e for e in errors), errors


def test_scorm12_rejects_a_missing_resources_element() -> None:
    start = MANIFEST_12.index("<resources>")
    end = MANIFEST_12.index("</resources>") + len("</resources>")
    manifest = MANIFEST_12[:start] + MANIFEST_12[end:]
    errors = xsd.validate_scorm12(manifest.encode())
    assert errors, "a manifest without <resources> must be rejected"
    assert any("resources" in e for e in errors), errors


def test_scorm12_rejects_an_unknown_adlcp_element() -> None:
    # adlcp:* sits in a strict wildcard: only the driver's import makes this checkable.
    manifest = MANIFEST_12.replace(
        "<adlcp:masteryscore>80</adlcp:masteryscore>", "<adlcp:passmark>80</adlcp:passmark>"
    )
    assert xsd.validate_scorm12(manifest.encode()) != []


def test_scorm12_reports_malformed_xml_as_an_error() -> None:
    errors = xsd.validate_scorm12(b"<manifest><organizations></manifest>")
    assert len(errors) == 1
    assert "not well-formed" in errors[0]


def test_scorm2004_accepts_a_minimal_manifest_and_rejects_a_bogus_scormtype() -> None:
    assert xsd.validate_scorm2004(MANIFEST_2004.encode()) == []
    bad = MANIFEST_2004.replace('adlcp:scormType="sco"', 'adlcp:scormType="page"')
    assert any("scormType" in e for e in xsd.validate_scorm2004(bad.encode()))


def test_cmi5_accepts_a_course_structure_and_rejects_an_au_without_url() -> None:
    assert xsd.validate_cmi5(CMI5_XML.encode()) == []
    bad = CMI5_XML.replace("<url>index.html</url>", "")
    assert any("url" in e for e in xsd.validate_cmi5(bad.encode()))


def test_schema_loading_refuses_the_network() -> None:
    driver = (
        b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        b'<xs:import namespace="urn:x" schemaLocation="http://example.com/x.xsd"/></xs:schema>'
    )
    doc = etree.fromstring(
        driver, xsd._parser(xsd.SCORM12_DIR), base_url=str(xsd.SCORM12_DIR / "driver.xsd")
    )
    with pytest.raises(etree.XMLSchemaParseError, match=r"example\.com"):
        etree.XMLSchema(doc)
