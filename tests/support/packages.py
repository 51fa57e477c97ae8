"""Hand-made packages for testing the test tools themselves."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr


def scorm12_manifest(
    href: str = "index.html",
    *,
    title: str = "Tiny course",
    mastery_score: str | None = None,
    parameters: str | None = None,
    files: tuple[str, ...] = (),
) -> str:
    """A minimal SCORM 1.2 ``imsmanifest.xml`` with one SCO (valid against the official XSDs)."""
    mastery = (
        f"<adlcp:masteryscore>{escape(mastery_score)}</adlcp:masteryscore>" if mastery_score else ""
    )
    params = f" parameters={quoteattr(parameters)}" if parameters else ""
    file_elems = "".join(f"<file href={quoteattr(f)}/>" for f in (href.split("?")[0], *files))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="test.package" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{escape(title)}</title>
      <item identifier="item-1" identifierref="res-1"{params}>
        <title>{escape(title)}</title>{mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-1" type="webcontent" adlcp:scormtype="sco"
              href={quoteattr(href)}>{file_elems}</resource>
  </resources>
</manifest>
"""


def write_zip(path: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (name -> content) into a zip at ``path``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in sorted(files.items()):
            zf.writestr(name, content)
    return path
