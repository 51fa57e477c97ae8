"""SCORM 1.2: content packaging namespaces and schema version [SCORM 1.2 CAM §2.3]."""

from __future__ import annotations

NS_IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
NS_ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
NS_IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
SCHEMA_VERSION = "1.2"
