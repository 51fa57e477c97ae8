"""Small valid packages of each kind, built in memory, and the tools to break them.

Every base package is clean for `coursebuild check` (and valid against the official schemas
where there are some); each broken fixture is a base package with one thing changed.
"""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
from collections.abc import Mapping

from builder.check.package import Report, check_bytes
from builder.check.zip import Limits
from builder.diagnostics import Diagnostic

Files = dict[str, bytes]

INDEX_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tiny course</title>
<script src="assets/app.js"></script>
</head>
<body>
<h1>Tiny course</h1>
</body>
</html>
"""

APP_JS_12 = """// A tiny SCORM 1.2 SCO.
var api = window.API;
api.LMSInitialize("");
api.LMSSetValue("cmi.core.lesson_status", "incomplete");
window.addEventListener("pagehide", function () {
  api.LMSFinish("");
});
"""

APP_JS_2004 = """// A tiny SCORM 2004 SCO.
var api = window.API_1484_11;
api.Initialize("");
api.SetValue("cmi.completion_status", "incomplete");
window.addEventListener("pagehide", function () {
  api.Terminate("");
});
"""

APP_JS_XAPI = """// A tiny xAPI activity.
var query = new URLSearchParams(window.location.search);
var endpoint = query.get("endpoint");
document.title = endpoint ? "Tiny course" : "Tiny course (no LRS)";
"""

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="test.package" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Tiny course</title>
      <item identifier="item-1" identifierref="res-1">
        <title>Tiny course</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-1" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
      <file href="assets/app.js"/>
      <dependency identifierref="res-shared"/>
    </resource>
    <resource identifier="res-shared" type="webcontent" adlcp:scormtype="asset">
      <file href="assets/style.css"/>
    </resource>
  </resources>
</manifest>
"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="test.package" version="1.0"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Tiny course</title>
      <item identifier="item-1" identifierref="res-1">
        <title>Tiny course</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="pass" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-1" type="webcontent" adlcp:scormType="sco" href="index.html">
      <file href="index.html"/>
      <file href="assets/app.js"/>
      <file href="assets/style.css"/>
    </resource>
  </resources>
</manifest>
"""

TINCAN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<tincan xmlns="http://projecttincan.com/tincan.xsd">
  <activities>
    <activity id="https://example.org/courses/tiny"
              type="http://adlnet.gov/expapi/activities/course">
      <name lang="en-US">Tiny course</name>
      <description lang="en-US">A tiny course.</description>
      <launch lang="en-US">index.html</launch>
    </activity>
    <activity id="https://example.org/courses/tiny/quiz"
              type="http://adlnet.gov/expapi/activities/assessment">
      <name lang="en-US">Quiz</name>
    </activity>
  </activities>
</tincan>
"""

CMI5_XML = """<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.org/courses/tiny">
    <title><langstring lang="en-US">Tiny course</langstring></title>
    <description><langstring lang="en-US">A tiny course.</langstring></description>
  </course>
  <au id="https://example.org/courses/tiny/au/1"
      moveOn="CompletedOrPassed" masteryScore="0.8" launchMethod="AnyWindow">
    <title><langstring lang="en-US">Tiny course</langstring></title>
    <description><langstring lang="en-US">The whole course.</langstring></description>
    <url>index.html</url>
  </au>
</courseStructure>
"""

STYLE_CSS = "body { font-family: sans-serif; }\n"


def _files(descriptor: str, text: str, app_js: str) -> Files:
    return {
        descriptor: text.encode(),
        "index.html": INDEX_HTML.encode(),
        "assets/app.js": app_js.encode(),
        "assets/style.css": STYLE_CSS.encode(),
    }


def scorm12() -> Files:
    """A valid one-SCO SCORM 1.2 package (with a shared asset resource)."""
    return _files("imsmanifest.xml", MANIFEST_12, APP_JS_12)


def scorm2004() -> Files:
    """A valid one-SCO SCORM 2004 4th edition package with a mastery measure."""
    return _files("imsmanifest.xml", MANIFEST_2004, APP_JS_2004)


def tincan() -> Files:
    """A valid Tin Can package: one launchable activity and one described one."""
    return _files("tincan.xml", TINCAN_XML, APP_JS_XAPI)


def cmi5() -> Files:
    """A valid cmi5 package: a course with one AU."""
    return _files("cmi5.xml", CMI5_XML, APP_JS_XAPI)


BASES = {"scorm12": scorm12, "scorm2004": scorm2004, "tincan": tincan, "cmi5": cmi5}


def swap(files: Files, name: str, old: str, new: str, count: int | None = 1) -> Files:
    """Replace text in a file of the package; `old` occurs `count` times (None: any, not 0)."""
    text = files[name].decode()
    assert old in text and count in (None, text.count(old)), f"{old!r} in {name}?"
    files[name] = text.replace(old, new).encode()
    return files


def line_of(files: Files, name: str, needle: str) -> int:
    """The line (from 1) of the one occurrence of `needle` in a file of the package."""
    text = files[name].decode()
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times in {name}"
    return text[: text.index(needle)].count("\n") + 1


def zip_of(files: Mapping[str, bytes], infos: Mapping[str, zipfile.ZipInfo] | None = None) -> bytes:
    """Zip the files in order; `infos` gives some of them their own ZipInfo."""
    buffer = io.BytesIO()
    with (
        warnings.catch_warnings(),
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        warnings.simplefilter("ignore", UserWarning)  # duplicate names, on purpose
        for name, data in files.items():
            info = (infos or {}).get(name)
            if info is None:
                archive.writestr(name, data)
            else:
                archive.writestr(info, data)
    return buffer.getvalue()


def duplicate_zip(files: Mapping[str, bytes], name: str, other: bytes) -> bytes:
    """Zip the files, then `name` a second time with other content."""
    buffer = io.BytesIO(zip_of(files))
    with (
        warnings.catch_warnings(),
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
    ):
        warnings.simplefilter("ignore", UserWarning)
        archive.writestr(name, other)
    return buffer.getvalue()


def _central_headers(data: bytes) -> dict[str, int]:
    """Offsets of each central-directory header, by entry name."""
    found: dict[str, int] = {}
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        found[data[at + 46 : at + 46 + name_length].decode()] = at
        at = data.find(b"PK\x01\x02", at + 46 + name_length)
    return found


def patch_central(data: bytes, name: str, field: str, value: int) -> bytes:
    """Change one field of an entry's central-directory header: flags, crc or offset."""
    offset, fmt = {"flags": (8, "<H"), "crc": (16, "<I"), "offset": (42, "<I")}[field]
    buffer = bytearray(data)
    struct.pack_into(fmt, buffer, _central_headers(data)[name] + offset, value)
    return bytes(buffer)


def central_field(data: bytes, name: str, field: str) -> int:
    """Read one field of an entry's central-directory header."""
    offset, fmt = {"flags": (8, "<H"), "crc": (16, "<I"), "offset": (42, "<I")}[field]
    value: int = struct.unpack_from(fmt, data, _central_headers(data)[name] + offset)[0]
    return value


def check(data: bytes, limits: Limits | None = None) -> Report:
    """`coursebuild check` on a zip held in memory, named pkg.zip."""
    return check_bytes(data, "pkg.zip", limits)


def rules(report: Report) -> set[str]:
    """The rule codes a report mentions."""
    return {f.code for f in report.findings}


def only(report: Report, rule: str) -> Diagnostic:
    """The one finding of `rule` in the report (fails if there are none or several)."""
    found = [f for f in report.findings if f.code == rule]
    assert len(found) == 1, f"{rule}: {found or report.findings}"
    return found[0]
