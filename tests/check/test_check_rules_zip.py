"""Broken fixtures for the zip rules and where the manifest is: one per rule (at least)."""

from __future__ import annotations

import stat
import zipfile

import pytest
from check_cases import Broken, Cases, assert_reports_its_rule, manifest_case
from support.check_kit import (
    central_field,
    check,
    cmi5,
    duplicate_zip,
    line_of,
    only,
    patch_central,
    rules,
    scorm12,
    swap,
    tincan,
    zip_of,
)

from builder.check.zip import Limits
from builder.diagnostics import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
M = "imsmanifest.xml"
JS = "assets/app.js"
CASES = Cases()
case = CASES.case


# --- zip entries -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../evil.js", "/etc/evil.js", "C:/evil.js", "assets\\evil.js"])
def test_zip_slip(name: str) -> None:
    files = scorm12()
    files[name] = b"alert(1);\n"
    finding = only(check(zip_of(files)), "zip-slip")
    assert (finding.severity, finding.location.file, finding.location.line) == (ERROR, name, 0)
    assert rules(check(zip_of(files))) == {"zip-slip"}


def test_zip_slip_nul_in_a_name() -> None:
    files = scorm12()
    files["assets/evil.jsXname.png"] = b"x"
    data = zip_of(files).replace(b"evil.jsXname", b"evil.js\x00name")
    finding = only(check(data), "zip-slip")
    assert (finding.severity, finding.location.file, finding.location.line) == (
        ERROR,
        "assets/evil.js",
        0,
    )
    assert "NUL" in finding.message and rules(check(data)) == {"zip-slip"}


@case("zip-slip", ERROR)
def zip_slip() -> Broken:
    files = scorm12()
    files["../../evil.sh"] = b"rm -rf /\n"
    return Broken(zip_of(files), "../../evil.sh", 0)


@case("zip-symlink", ERROR)
def zip_symlink() -> Broken:
    files = scorm12()
    files["assets/link.js"] = b"/etc/passwd"
    info = zipfile.ZipInfo("assets/link.js")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return Broken(zip_of(files, {"assets/link.js": info}), "assets/link.js", 0)


@case("zip-duplicate", ERROR)
def zip_duplicate() -> Broken:
    return Broken(duplicate_zip(scorm12(), "index.html", b"<p>other</p>"), "index.html", 0)


@case("zip-case-collision", WARNING, also=("file-unlisted",))
def zip_case_collision() -> Broken:
    files = scorm12()
    files["Index.html"] = files["index.html"]
    return Broken(zip_of(files), "Index.html", 0)


@case("zip-too-large", ERROR, limits=Limits(max_total=1000))
def zip_too_large() -> Broken:
    return Broken(zip_of(scorm12()), "", 0)


@case("zip-bomb", ERROR)
def zip_bomb_ratio() -> Broken:
    files = scorm12()
    files[JS] = b" " * (4 * 1024 * 1024)
    return Broken(zip_of(files), JS, 0)


@case("zip-bomb", ERROR)
def zip_bomb_overlap() -> Broken:
    data = zip_of(scorm12())
    data = patch_central(data, "assets/style.css", "offset", central_field(data, JS, "offset"))
    return Broken(data, "assets/style.css", 0)


@case("zip-encrypted", ERROR)
def zip_encrypted() -> Broken:
    data = patch_central(zip_of(scorm12()), "assets/style.css", "flags", 0x1)
    return Broken(data, "assets/style.css", 0)


@case("zip-compression", WARNING)
def zip_compression() -> Broken:
    info = zipfile.ZipInfo("assets/style.css")
    info.compress_type = zipfile.ZIP_BZIP2
    return Broken(zip_of(scorm12(), {"assets/style.css": info}), "assets/style.css", 0)


@case("zip-unreadable", ERROR)
def zip_unreadable() -> Broken:
    data = zip_of(scorm12())
    data = patch_central(data, "index.html", "crc", central_field(data, "index.html", "crc") ^ 1)
    return Broken(data, "index.html", 0)


@case("zip-corrupt", ERROR)
def zip_truncated() -> Broken:
    data = zip_of(scorm12())
    return Broken(data[: len(data) - 40], "", 0)


@case("zip-entries", ERROR, limits=Limits(max_entries=3))
def zip_too_many_entries() -> Broken:
    return Broken(zip_of(scorm12()), "", 0)


@case("check-incomplete", ERROR, limits=Limits(max_scan=400))
def page_too_big_to_scan() -> Broken:
    files = scorm12()
    files["index.html"] += b"<p>" + b"x" * 300 + b"</p>"
    return Broken(zip_of(files), "index.html", 0)


# --- where the manifest is -----------------------------------------------------------------


@case("no-manifest", ERROR)
def no_manifest() -> Broken:
    files = scorm12()
    del files[M]
    return Broken(zip_of(files), "", 0)


@case("manifest-location", ERROR)
def manifest_in_a_folder() -> Broken:
    files = {f"course/{name}": data for name, data in scorm12().items()}
    return Broken(zip_of(files), "course/imsmanifest.xml", 0)


@case("manifest-location", ERROR)
def manifest_misnamed() -> Broken:
    files = scorm12()
    files["IMSManifest.xml"] = files.pop(M)
    return Broken(zip_of(files), "IMSManifest.xml", 0)


@case("manifest-location", ERROR)
def cmi5_in_a_folder() -> Broken:
    files = {f"course/{name}": data for name, data in cmi5().items()}
    return Broken(zip_of(files), "course/cmi5.xml", 0)


@case("tincan-nested", WARNING)
def tincan_in_a_wrapper_folder() -> Broken:
    files = {f"course/{name}": data for name, data in tincan().items()}
    return Broken(zip_of(files), "course/tincan.xml", 0)


@case("xml-malformed", ERROR)
def xml_malformed() -> Broken:
    return manifest_case(scorm12, "</organizations>", "</organisations>")


@case("xml-malformed", ERROR)
def cmi5_malformed() -> Broken:
    files = swap(cmi5(), "cmi5.xml", "<url>index.html</url>", "<url>index.html<url>")
    return Broken(zip_of(files), "cmi5.xml", line_of(files, "cmi5.xml", "</au>"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_fixture_reports_its_rule(name: str) -> None:
    assert_reports_its_rule(CASES[name])
