"""One broken fixture per rule: each reports its rule, severity, file and line, and nothing else.

Every fixture is a valid base package (check_kit.py) with one thing changed.
"""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from check_kit import (
    central_field,
    check,
    cmi5,
    duplicate_zip,
    line_of,
    only,
    patch_central,
    rules,
    scorm12,
    scorm2004,
    swap,
    tincan,
    zip_of,
)

from builder.check_rules_common import RULES
from builder.check_rules_zip import Limits
from builder.diagnostics import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
M = "imsmanifest.xml"
JS = "assets/app.js"


@dataclass(frozen=True)
class Broken:
    """A broken package and where its problem is."""

    data: bytes
    file: str
    line: int


@dataclass(frozen=True)
class Case:
    rule: str
    severity: Severity
    build: Callable[[], Broken]
    also: frozenset[str]
    limits: Limits | None


CASES: dict[str, Case] = {}


def case(
    rule: str, severity: Severity, also: tuple[str, ...] = (), limits: Limits | None = None
) -> Callable[[Callable[[], Broken]], Callable[[], Broken]]:
    def register(build: Callable[[], Broken]) -> Callable[[], Broken]:
        CASES[build.__name__] = Case(rule, severity, build, frozenset(also), limits)
        return build

    return register


def manifest_case(
    base: Callable[[], dict[str, bytes]], old: str, new: str, needle: str | None = None
) -> Broken:
    """Swap text in the manifest; the problem is on the line of `needle` (default: `new`)."""
    files = swap(base(), M, old, new)
    return Broken(zip_of(files), M, line_of(files, M, needle or new))


# --- zip entries -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../evil.js", "/etc/evil.js", "C:/evil.js", "assets\\evil.js"])
def test_zip_slip(name: str) -> None:
    files = scorm12()
    files[name] = b"alert(1);\n"
    finding = only(check(zip_of(files)), "zip-slip")
    assert (finding.severity, finding.file, finding.line) == (ERROR, name, 0)
    assert rules(check(zip_of(files))) == {"zip-slip"}


def test_zip_slip_nul_in_a_name() -> None:
    files = scorm12()
    files["assets/evil.jsXname.png"] = b"x"
    data = zip_of(files).replace(b"evil.jsXname", b"evil.js\x00name")
    finding = only(check(data), "zip-slip")
    assert (finding.severity, finding.file, finding.line) == (ERROR, "assets/evil.js", 0)
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


# --- SCORM header: root, metadata, versions, prefixes --------------------------------------


@case("scorm-root", ERROR)
def scorm_root_element() -> Broken:
    files = swap(scorm12(), M, "<manifest identifier", "<package identifier")
    files = swap(files, M, "</manifest>", "</package>")
    return Broken(zip_of(files), M, line_of(files, M, "<package"))


@case("scorm-root", ERROR)
def scorm_root_namespace() -> Broken:
    return manifest_case(
        scorm12,
        'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"',
        'xmlns="http://example.org/cp"',
        "<manifest",
    )


@case("scorm-metadata", WARNING)
def scorm_no_metadata() -> Broken:
    old = (
        "  <metadata>\n    <schema>ADL SCORM</schema>\n"
        "    <schemaversion>1.2</schemaversion>\n  </metadata>\n"
    )
    return manifest_case(scorm12, old, "", "<manifest")


@case("scorm-schema", ERROR)
def scorm_schema() -> Broken:
    return manifest_case(scorm12, "<schema>ADL SCORM</schema>", "<schema>ADL SCROM</schema>")


@case("scorm-schemaversion", ERROR)
def schemaversion_2004_with_12_namespaces() -> Broken:
    return manifest_case(
        scorm12,
        "<schemaversion>1.2</schemaversion>",
        "<schemaversion>2004 4th Edition</schemaversion>",
        "<metadata>",
    )


@case("scorm-schemaversion", ERROR)
def schemaversion_12_with_2004_namespaces() -> Broken:
    return manifest_case(
        scorm2004,
        "<schemaversion>2004 4th Edition</schemaversion>",
        "<schemaversion>1.2</schemaversion>",
        "<metadata>",
    )


@case("scorm-schemaversion", ERROR)
def schemaversion_unknown() -> Broken:
    return manifest_case(
        scorm12,
        "<schemaversion>1.2</schemaversion>",
        "<schemaversion>SCORM 1.2</schemaversion>",
        "<metadata>",
    )


@case("scorm-schemaversion", ERROR)
def schemaversion_missing_in_2004() -> Broken:
    return manifest_case(
        scorm2004, "    <schemaversion>2004 4th Edition</schemaversion>\n", "", "<metadata>"
    )


@case("scorm-schemaversion", ERROR, also=("scorm-prefix",))
def namespaces_mixed() -> Broken:
    return manifest_case(
        scorm2004,
        'xmlns:imsss="http://www.imsglobal.org/xsd/imsss">',
        'xmlns:imsss="http://www.imsglobal.org/xsd/imsss"\n'
        '    xmlns:old="http://www.adlnet.org/xsd/adlcp_rootv1p2">',
        "<manifest",
    )


@case("scorm-prefix", ERROR)
def prefix_adlcp() -> Broken:
    files = swap(scorm12(), M, "adlcp:", "a:", count=4)
    files = swap(files, M, "xmlns:adlcp=", "xmlns:a=")
    return Broken(zip_of(files), M, line_of(files, M, "<manifest"))


@case("scorm-prefix", ERROR)
def prefix_imsss() -> Broken:
    files = swap(scorm2004(), M, "imsss:", "ss:", count=None)
    files = swap(files, M, "xmlns:imsss=", "xmlns:ss=")
    return Broken(zip_of(files), M, line_of(files, M, "<manifest"))


# --- SCORM structure ----------------------------------------------------------------------


@case("scorm-required", ERROR)
def resource_without_type() -> Broken:
    files = scorm12()
    line = line_of(files, M, 'identifier="res-shared"')
    files = swap(files, M, 'identifier="res-shared" type="webcontent"', 'identifier="res-shared"')
    return Broken(zip_of(files), M, line)


@case("scorm-required", ERROR)
def item_without_title_in_2004() -> Broken:
    files = scorm2004()
    line = line_of(files, M, '<item identifier="item-1"')
    old = 'identifierref="res-1">\n        <title>Tiny course</title>'
    files = swap(files, M, old, 'identifierref="res-1">')
    return Broken(zip_of(files), M, line)


@case("identifier-invalid", ERROR)
def identifier_not_an_ncname() -> Broken:
    return manifest_case(scorm12, 'identifier="item-1"', 'identifier="1st item"')


@case("identifier-duplicate", ERROR)
def identifier_used_twice() -> Broken:
    return manifest_case(scorm12, '<item identifier="item-1"', '<item identifier="org"')


@case("scorm-default-org", ERROR)
def default_organization_missing() -> Broken:
    return manifest_case(scorm12, 'default="org"', 'default="org-2"')


@case("scorm-identifierref", ERROR)
def item_refers_to_missing_resource() -> Broken:
    return manifest_case(scorm12, 'identifierref="res-1"', 'identifierref="res-2"')


@case("scorm-identifierref", ERROR)
def dependency_on_missing_resource() -> Broken:
    return manifest_case(
        scorm12, '<dependency identifierref="res-shared"/>', '<dependency identifierref="lib"/>'
    )


@case("scorm-resource-type", ERROR)
def resource_type_not_webcontent() -> Broken:
    return manifest_case(
        scorm12, 'type="webcontent" adlcp:scormtype="sco"', 'type="text/html" adlcp:scormtype="sco"'
    )


@case("scorm-scormtype", ERROR)
def scormtype_value() -> Broken:
    return manifest_case(scorm12, 'adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"')


@case("scorm-scormtype", ERROR)
def scormtype_2004_spelling_in_12() -> Broken:
    return manifest_case(scorm12, 'adlcp:scormtype="sco"', 'adlcp:scormType="sco"')


@case("scorm-scormtype", ERROR)
def scormtype_12_spelling_in_2004() -> Broken:
    return manifest_case(scorm2004, 'adlcp:scormType="sco"', 'adlcp:scormtype="sco"')


@case("scorm-scormtype", ERROR)
def scormtype_without_prefix() -> Broken:
    return manifest_case(scorm12, 'adlcp:scormtype="sco"', 'scormtype="sco"')


@case("scorm-scormtype-missing", WARNING)
def scormtype_missing() -> Broken:
    return manifest_case(scorm12, ' adlcp:scormtype="sco"', "", '<resource identifier="res-1"')


@case("scorm-sco-href", ERROR)
def sco_without_href() -> Broken:
    return manifest_case(
        scorm12, 'adlcp:scormtype="sco" href="index.html"', 'adlcp:scormtype="sco"'
    )


@case("launch-missing", ERROR)
def scorm_launch_file_missing() -> Broken:
    return manifest_case(scorm12, 'scormtype="sco" href="index.html"', 'scormtype="sco" href="x"')


@case("file-missing", ERROR)
def listed_file_missing() -> Broken:
    old = '      <file href="assets/app.js"/>\n'
    return manifest_case(
        scorm12, old, old + '      <file href="assets/logo.png"/>\n', "assets/logo.png"
    )


@case("file-unlisted", WARNING)
def file_not_listed() -> Broken:
    files = scorm12()
    files["notes.txt"] = b"to do\n"
    return Broken(zip_of(files), "notes.txt", 0)


@pytest.mark.parametrize(
    "href", ["../index.html", "/index.html", "C:/course/index.html", "file:index.html"]
)
def test_href_unsafe(href: str) -> None:
    files = swap(
        scorm12(), M, 'scormtype="sco" href="index.html"', f'scormtype="sco" href="{href}"'
    )
    finding = only(check(zip_of(files)), "href-unsafe")
    assert (finding.severity, finding.file, finding.line) == (ERROR, M, 19)
    assert line_of(files, M, href) == 19


@case("href-unsafe", ERROR, also=("file-unlisted",))
def file_href_with_backslash() -> Broken:
    return manifest_case(scorm12, '<file href="assets/app.js"/>', '<file href="assets\\app.js"/>')


@case("href-remote", WARNING)
def launch_on_another_server() -> Broken:
    return manifest_case(
        scorm12,
        'scormtype="sco" href="index.html"',
        'scormtype="sco" href="https://example.org/tiny/index.html"',
    )


@case("mastery-range", ERROR)
def masteryscore_above_100() -> Broken:
    return manifest_case(scorm12, ">80</adlcp:masteryscore>", ">120</adlcp:masteryscore>")


@case("mastery-range", ERROR)
def masteryscore_not_a_number() -> Broken:
    return manifest_case(scorm12, ">80</adlcp:masteryscore>", ">80%</adlcp:masteryscore>")


@case("mastery-range", ERROR)
def min_normalized_measure_above_1() -> Broken:
    return manifest_case(
        scorm2004, ">0.8</imsss:minNormalizedMeasure>", ">80</imsss:minNormalizedMeasure>"
    )


@case("mastery-unused", WARNING)
def measure_not_satisfied_by_measure() -> Broken:
    return manifest_case(scorm2004, 'satisfiedByMeasure="true"', 'satisfiedByMeasure="false"')


# --- Tin Can ------------------------------------------------------------------------------

T = "tincan.xml"


def tincan_case(old: str, new: str, needle: str | None = None) -> Broken:
    files = tincan()
    line = line_of(files, T, needle) if needle and needle in files[T].decode() else 0
    files = swap(files, T, old, new)
    return Broken(zip_of(files), T, line or line_of(files, T, needle or new))


@case("tincan-structure", ERROR)
def tincan_namespace() -> Broken:
    return tincan_case('xmlns="http://projecttincan.com/tincan.xsd"', 'xmlns="urn:x"', "<tincan")


@case("tincan-structure", ERROR)
def tincan_activity_without_id() -> Broken:
    return tincan_case(
        '<activity id="https://example.org/courses/tiny/quiz"\n', "<activity\n", "<activity\n"
    )


@case("tincan-launch", ERROR)
def tincan_two_launches() -> Broken:
    return tincan_case(
        '<name lang="en-US">Quiz</name>',
        '<name lang="en-US">Quiz</name><launch>index.html</launch>',
        "Quiz</name><launch>",
    )


@case("tincan-launch", ERROR)
def tincan_no_launch() -> Broken:
    return tincan_case('      <launch lang="en-US">index.html</launch>\n', "", "<tincan")


@case("launch-missing", ERROR)
def tincan_launch_file_missing() -> Broken:
    return tincan_case(">index.html</launch>", ">start.html</launch>")


@case("iri-invalid", ERROR)
def tincan_id_not_an_iri() -> Broken:
    return tincan_case('id="https://example.org/courses/tiny/quiz"', 'id="quiz"')


@case("identifier-duplicate", ERROR)
def tincan_id_twice() -> Broken:
    return tincan_case(
        'id="https://example.org/courses/tiny/quiz"',
        'id="https://example.org/courses/tiny"',
        'id="https://example.org/courses/tiny/quiz"',
    )


@case("href-unsafe", ERROR)
def tincan_launch_goes_up() -> Broken:
    return tincan_case(">index.html</launch>", ">../index.html</launch>")


# --- cmi5 ---------------------------------------------------------------------------------

C = "cmi5.xml"


def cmi5_case(old: str, new: str, needle: str | None = None) -> Broken:
    files = cmi5()
    line = line_of(files, C, needle) if needle and needle in files[C].decode() else 0
    files = swap(files, C, old, new)
    return Broken(zip_of(files), C, line or line_of(files, C, needle or new))


@case("cmi5-structure", ERROR)
def cmi5_namespace() -> Broken:
    return cmi5_case(
        'xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"',
        'xmlns="https://example.org/cmi5"',
        "<courseStructure",
    )


@case("cmi5-structure", ERROR)
def cmi5_course_without_id() -> Broken:
    return cmi5_case('<course id="https://example.org/courses/tiny">', "<course>")


@case("cmi5-au-url", ERROR)
def cmi5_au_without_url() -> Broken:
    return cmi5_case("<url>index.html</url>", "<url> </url>")


@case("cmi5-vocabulary", ERROR)
def cmi5_move_on() -> Broken:
    return cmi5_case('moveOn="CompletedOrPassed"', 'moveOn="Complete"', "<au id=")


@case("cmi5-vocabulary", ERROR)
def cmi5_launch_method() -> Broken:
    return cmi5_case('launchMethod="AnyWindow"', 'launchMethod="NewWindow"', "<au id=")


@case("mastery-range", ERROR)
def cmi5_mastery_score() -> Broken:
    return cmi5_case('masteryScore="0.8"', 'masteryScore="80"', "<au id=")


@case("launch-missing", ERROR)
def cmi5_au_file_missing() -> Broken:
    return cmi5_case("<url>index.html</url>", "<url>start.html?x=1</url>")


@case("href-unsafe", ERROR)
def cmi5_au_url_absolute_path() -> Broken:
    return cmi5_case("<url>index.html</url>", "<url>/index.html</url>")


@case("iri-invalid", ERROR)
def cmi5_au_id_not_an_iri() -> Broken:
    return cmi5_case('<au id="https://example.org/courses/tiny/au/1"', '<au id="au 1"')


@case("identifier-duplicate", ERROR)
def cmi5_au_id_is_the_course_id() -> Broken:
    return cmi5_case(
        '<au id="https://example.org/courses/tiny/au/1"',
        '<au id="https://example.org/courses/tiny"',
        "<au id=",
    )


# --- run-time patterns ---------------------------------------------------------------------


def script_case(
    base: Callable[[], dict[str, bytes]], name: str, old: str, new: str, needle: str
) -> Broken:
    files = swap(base(), name, old, new)
    return Broken(zip_of(files), name, line_of(files, name, needle))


@case("runtime-unload", WARNING)
def unload_handler() -> Broken:
    return script_case(scorm12, JS, '"pagehide"', '"unload"', 'addEventListener("unload"')


@case("runtime-unload", WARNING)
def onbeforeunload_in_a_page() -> Broken:
    return script_case(scorm12, "index.html", "<body>", '<body onbeforeunload="finish()">', "<body")


@case("runtime-eval", WARNING)
def eval_call() -> Broken:
    return script_case(
        scorm12, JS, 'api.LMSInitialize("");', 'eval("api.LMSInitialize()");', "eval"
    )


@case("runtime-eval", WARNING)
def new_function() -> Broken:
    return script_case(
        scorm12, JS, 'api.LMSInitialize("");', 'new Function("api.LMSInitialize()")();', "new F"
    )


@case("runtime-remote-script", WARNING)
def script_from_a_cdn_in_a_page() -> Broken:
    tag = '<script src="https://cdn.example.com/jquery.min.js"></script>\n'
    return script_case(scorm12, "index.html", "<script src=", tag + "<script src=", "cdn.")


@case("runtime-remote-script", WARNING)
def script_from_a_cdn_in_a_script() -> Broken:
    load = 'var s = document.createElement("script");\ns.src = "https://unpkg.com/x/x.js";\n'
    return script_case(scorm12, JS, "var api", load + "var api", "unpkg")


@case("runtime-wrong-version", ERROR)
def completion_status_in_a_12_package() -> Broken:
    return script_case(
        scorm12, JS, '"cmi.core.lesson_status"', '"cmi.completion_status"', "completion_status"
    )


@case("runtime-wrong-version", ERROR)
def lesson_status_in_a_2004_package() -> Broken:
    return script_case(
        scorm2004, JS, '"cmi.completion_status"', '"cmi.core.lesson_status"', "lesson_status"
    )


@case("runtime-not-attempted", ERROR)
def lesson_status_not_attempted() -> Broken:
    return script_case(scorm12, JS, '"incomplete"', '"not attempted"', "not attempted")


# --- the table ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_fixture_reports_its_rule(name: str) -> None:
    case_ = CASES[name]
    broken = case_.build()
    report = check(broken.data, case_.limits)
    finding = only(report, case_.rule)
    assert (finding.severity, finding.file, finding.line) == (
        case_.severity,
        broken.file,
        broken.line,
    ), finding
    assert case_.severity is RULES[case_.rule].severity
    assert rules(report) == {case_.rule} | case_.also, report.findings


def test_every_rule_has_a_broken_fixture() -> None:
    assert {c.rule for c in CASES.values()} == set(RULES)
