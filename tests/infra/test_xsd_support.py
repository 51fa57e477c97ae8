"""The official-schema validators accept valid manifests and catch broken ones."""

from __future__ import annotations

import pytest
from lxml import etree
from support import xsd

SCORM12_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.minimal" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd
                        http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd
                        http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Minimal course</title>
      <item identifier="item-1" identifierref="res-1" isvisible="true">
        <title>Only lesson</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-1" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""

SCORM2004_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="com.example.minimal2004" version="1"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Minimal course</title>
      <item identifier="item-1" identifierref="res-1">
        <title>Only lesson</title>
        <imsss:sequencing>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-1" type="webcontent" adlcp:scormType="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""

CMI5_COURSE = """<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.org/courses/minimal">
    <title><langstring lang="en">Minimal</langstring></title>
    <description><langstring lang="en">A course.</langstring></description>
  </course>
  <au id="https://example.org/courses/minimal/au/1" moveOn="Passed" masteryScore="0.8">
    <title><langstring lang="en">Only lesson</langstring></title>
    <description><langstring lang="en">The lesson.</langstring></description>
    <url>index.html</url>
  </au>
</courseStructure>
"""


def test_scorm12_accepts_a_minimal_valid_manifest() -> None:
    assert xsd.validate_scorm12(SCORM12_MANIFEST.encode()) == []


def test_scorm12_accepts_inline_imsmd_metadata() -> None:
    # Needs the ##any -> ##other fix and the imsmd import in the driver schema.
    manifest = SCORM12_MANIFEST.replace(
        "<schemaversion>1.2</schemaversion>",
        "<schemaversion>1.2</schemaversion>"
        '<lom xmlns="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"><general><title>'
        '<langstring xml:lang="en">Minimal</langstring></title></general></lom>',
    )
    assert xsd.validate_scorm12(manifest.encode()) == []


def test_scorm12_rejects_a_bogus_scormtype() -> None:
    manifest = SCORM12_MANIFEST.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"')
    errors = xsd.validate_scorm12(manifest.encode())
    assert errors, "a scormtype other than sco/asset must be rejected"
    assert any("scormtype" in e for e in errors), errors


def test_scorm12_rejects_a_missing_resources_element() -> None:
    start = SCORM12_MANIFEST.index("<resources>")
    end = SCORM12_MANIFEST.index("</resources>") + len("</resources>")
    manifest = SCORM12_MANIFEST[:start] + SCORM12_MANIFEST[end:]
    errors = xsd.validate_scorm12(manifest.encode())
    assert errors, "a manifest without <resources> must be rejected"
    assert any("resources" in e for e in errors), errors


def test_scorm12_rejects_an_unknown_adlcp_element() -> None:
    # adlcp:* sits in a strict wildcard: only the driver's import makes this checkable.
    manifest = SCORM12_MANIFEST.replace(
        "<adlcp:masteryscore>80</adlcp:masteryscore>", "<adlcp:passmark>80</adlcp:passmark>"
    )
    assert xsd.validate_scorm12(manifest.encode()) != []


def test_scorm12_reports_malformed_xml_as_an_error() -> None:
    errors = xsd.validate_scorm12(b"<manifest><organizations></manifest>")
    assert len(errors) == 1
    assert "not well-formed" in errors[0]


def test_scorm2004_accepts_a_minimal_manifest_and_rejects_a_bogus_scormtype() -> None:
    assert xsd.validate_scorm2004(SCORM2004_MANIFEST.encode()) == []
    bad = SCORM2004_MANIFEST.replace('adlcp:scormType="sco"', 'adlcp:scormType="page"')
    assert any("scormType" in e for e in xsd.validate_scorm2004(bad.encode()))


def test_cmi5_accepts_a_course_structure_and_rejects_an_au_without_url() -> None:
    assert xsd.validate_cmi5(CMI5_COURSE.encode()) == []
    bad = CMI5_COURSE.replace("<url>index.html</url>", "")
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
