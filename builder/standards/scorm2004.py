"""SCORM 2004: packaging and sequencing namespaces, schema versions [SCORM 2004 4th ed. CAM §3]."""

from __future__ import annotations

NS_IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
NS_ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
NS_ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
NS_IMSSS = "http://www.imsglobal.org/xsd/imsss"

SCHEMA_VERSION = "2004 4th Edition"  # SCORM 2004 4th ed. CAM §3.4.1.4
# What earlier editions wrote, which `check` still recognises.
SCHEMA_VERSIONS = ("2004 4th Edition", "2004 3rd Edition", "CAM 1.3", "1.3")
