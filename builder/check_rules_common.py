"""What every `check` rule shares: the rule table, findings, the package being read, helpers."""

from __future__ import annotations

import bisect
import functools
import posixpath
import re
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from .diagnostics import Severity
from .standards.types import XS_DECIMAL

ERROR = Severity.ERROR
WARNING = Severity.WARNING


@dataclass(frozen=True)
class Rule:
    """A rule of `coursebuild check`: a stable code, one severity, what it is about."""

    code: str
    severity: Severity
    applies_to: str
    summary: str


_TABLE: tuple[tuple[str, Severity, str, str], ...] = (
    ("zip-slip", ERROR, "zip", "an entry's path leaves the folder it is extracted into"),
    ("zip-symlink", ERROR, "zip", "an entry is a symbolic link"),
    ("zip-duplicate", ERROR, "zip", "two entries have the same name"),
    ("zip-case-collision", WARNING, "zip", "two entry names differ only in letter case"),
    ("zip-too-large", ERROR, "zip", "uncompressed size above the limit (--max-size)"),
    ("zip-bomb", ERROR, "zip", "a suspicious compression ratio, or entries that overlap"),
    ("zip-encrypted", ERROR, "zip", "an entry is encrypted"),
    ("zip-compression", WARNING, "zip", "an entry uses a method other than stored or deflate"),
    ("zip-unreadable", ERROR, "zip", "an entry cannot be read (bad CRC, damaged data)"),
    ("zip-corrupt", ERROR, "zip", "not a readable zip: truncated, damaged or not a zip"),
    ("zip-entries", ERROR, "zip", "more entries, or a bigger directory, than the limit"),
    ("check-incomplete", ERROR, "any", "a limit stopped the check (time, scan size)"),
    ("no-manifest", ERROR, "any", "no imsmanifest.xml, tincan.xml or cmi5.xml"),
    ("manifest-location", ERROR, "any", "the manifest is in a folder, or misnamed"),
    ("tincan-nested", WARNING, "Tin Can", "tincan.xml is in a wrapper folder"),
    ("xml-malformed", ERROR, "any", "the manifest is not well-formed XML"),
    ("scorm-root", ERROR, "SCORM", "the root element is not an IMS CP <manifest>"),
    ("scorm-metadata", WARNING, "SCORM 1.2", "no <metadata> with schema and schemaversion"),
    ("scorm-schema", ERROR, "SCORM", "<schema> is not 'ADL SCORM'"),
    ("scorm-schemaversion", ERROR, "SCORM", "schemaversion unknown or not matching namespaces"),
    ("scorm-prefix", ERROR, "SCORM", "ADL/IMSSS namespaces not on their usual prefixes"),
    ("scorm-required", ERROR, "SCORM", "a required element or attribute is missing"),
    ("scorm-length", ERROR, "SCORM 1.2", "a value longer than the SCORM 1.2 schema allows"),
    ("identifier-invalid", ERROR, "SCORM", "an identifier is not a valid NCName"),
    ("identifier-duplicate", ERROR, "any", "an identifier is used twice"),
    ("scorm-default-org", ERROR, "SCORM", "organizations' default names no organization"),
    ("scorm-identifierref", ERROR, "SCORM", "an identifierref names no resource"),
    ("scorm-resource-type", ERROR, "SCORM", "a resource's type is not 'webcontent'"),
    ("scorm-scormtype", ERROR, "SCORM", "scormtype/scormType misspelt or not sco|asset"),
    ("scorm-scormtype-missing", WARNING, "SCORM", "a launched resource has no scormtype"),
    ("scorm-sco-href", ERROR, "SCORM", "a SCO or launched resource has no href"),
    ("launch-missing", ERROR, "any", "the launch file is not in the zip"),
    ("file-missing", ERROR, "SCORM", "a <file> listed in the manifest is not in the zip"),
    ("file-unlisted", WARNING, "SCORM", "a file in the zip is listed in no resource"),
    ("href-unsafe", ERROR, "any", "an absolute, '..', backslash or non-web href"),
    ("href-remote", WARNING, "SCORM, Tin Can", "content is loaded from another server"),
    ("mastery-range", ERROR, "any", "mastery score out of range or not a number"),
    ("mastery-unused", WARNING, "SCORM 2004", "minNormalizedMeasure without satisfiedByMeasure"),
    ("tincan-structure", ERROR, "Tin Can", "not a <tincan> with <activities>, ids missing"),
    ("tincan-launch", ERROR, "Tin Can", "not exactly one activity with a <launch>"),
    ("iri-invalid", ERROR, "Tin Can, cmi5", "an activity, course or AU id is not an IRI"),
    ("cmi5-structure", ERROR, "cmi5", "no <courseStructure>, <course> or <au>, ids missing"),
    ("cmi5-au-url", ERROR, "cmi5", "an AU has no <url>"),
    ("cmi5-vocabulary", ERROR, "cmi5", "moveOn or launchMethod outside the vocabulary"),
    ("cmi5-launch-param", ERROR, "cmi5", "an AU URL's query uses a cmi5 launch parameter"),
    ("cmi5-objective-ref", ERROR, "cmi5", "an AU's objective idref names no objective"),
    ("html-script-url", ERROR, "any", "a javascript:, vbscript: or data:text/html URL"),
    ("runtime-unload", WARNING, "any", "an unload/beforeunload handler in a script"),
    ("runtime-eval", WARNING, "any", "eval( or new Function( in a script"),
    ("runtime-remote-script", WARNING, "any", "a script loaded from another server (CDN)"),
    ("runtime-wrong-version", ERROR, "SCORM", "run-time elements of the other SCORM version"),
    ("runtime-not-attempted", ERROR, "SCORM", "a SCO sets lesson_status to 'not attempted'"),
    ("runtime-config", ERROR, "any", "coursebuild's player config is not strict JSON"),
)
RULES: dict[str, Rule] = {code: Rule(code, sev, kind, text) for code, sev, kind, text in _TABLE}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in a package: the file inside the zip ('' = the zip), line (0 = unknown)."""

    file: str
    line: int
    rule: str
    message: str
    severity: Severity = field(compare=False)
    hint: str = field(default="", compare=False)


# Everything that reading a damaged or hostile zip entry may raise.
ZIP_READ_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    EOFError,
    OSError,
    ValueError,
    struct.error,
)


def is_dir(info: zipfile.ZipInfo) -> bool:
    """True for a folder entry (ZipInfo.is_dir fails on an empty name)."""
    return info.filename.endswith("/")


@dataclass
class Package:
    """A zip being checked: its entries, safe reads, and the findings so far."""

    archive: zipfile.ZipFile
    max_read: int = 64 * 1024 * 1024
    findings: list[Finding] = field(default_factory=list)
    unsafe: set[int] = field(default_factory=set)  # ids of entries never to decompress
    deadline: float = float("inf")  # time.monotonic() when the check stops reading
    stopped: bool = False  # the deadline passed (reported once)

    @property
    def infos(self) -> list[zipfile.ZipInfo]:
        """Every entry, in central-directory order (duplicates included)."""
        return self.archive.infolist()

    @functools.cached_property
    def names(self) -> frozenset[str]:
        """The names of the file entries (not folders)."""
        return frozenset(i.filename for i in self.infos if not is_dir(i))

    @property
    def unsafe_names(self) -> set[str]:
        """The names of the entries never to decompress (reported by a zip rule)."""
        return {i.filename for i in self.infos if id(i) in self.unsafe}

    def out_of_time(self, file: str = "") -> bool:
        """True once the time budget is spent; the first time, report `check-incomplete`."""
        if not self.stopped and time.monotonic() > self.deadline:
            self.stopped = True
            self.report(
                "check-incomplete",
                file,
                0,
                "the check ran out of its time budget here: the rest of the package was not "
                "checked, so it cannot be called safe",
                "check a package this slow to read by hand; an LMS will be slow with it too",
            )
        return self.stopped

    def report(self, code: str, file: str, line: int, message: str, hint: str = "") -> None:
        """Record a finding of rule `code` (its severity comes from the rule table)."""
        self.findings.append(Finding(file, line, code, message, RULES[code].severity, hint))

    def read(self, info: zipfile.ZipInfo, limit: int | None = None) -> bytes | None:
        """An entry's bytes, or None when it is unsafe, too big or unreadable (reported)."""
        if id(info) in self.unsafe or is_dir(info):
            return None
        cap = self.max_read if limit is None else limit
        if info.file_size > cap:
            if limit is None:
                self.report(
                    "zip-too-large",
                    info.filename,
                    0,
                    f"{info.file_size:,} bytes uncompressed: more than the {cap:,} bytes "
                    "this check reads of one file",
                )
            return None
        try:
            with self.archive.open(info) as stream:
                return stream.read(cap + 1)[:cap]
        except ZIP_READ_ERRORS as exc:
            self.report("zip-unreadable", info.filename, 0, f"cannot be read: {exc}")
            self.unsafe.add(id(info))
            return None


def parse_xml(package: Package, file: str, data: bytes) -> etree._Element | None:
    """Parse XML without DTDs, entities or network; report `xml-malformed` with its line."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", 0) or 0
        message = getattr(exc, "msg", "") or str(exc)
        package.report("xml-malformed", file, line, f"not well-formed XML: {message}")
        return None
    _start_lines(root, data)
    return root


_BYTE_ENCODINGS = ("utf8", "ascii", "usascii", "iso88591", "latin1", "windows1252")


# Start tags in document order; comments, CDATA, processing instructions and the doctype are
# skipped whole, so a '<name' inside them is never taken for a tag. Linear: one pass.
_MARKUP = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!(?:[^\[>]|\[[^\]]*\])*>|<([^\s/>!?]+)",
    re.DOTALL,
)


def _start_lines(root: etree._Element, data: bytes) -> None:
    """Move each element's sourceline from the end of its start tag (libxml2) to its start."""
    encoding = str(root.getroottree().docinfo.encoding or "").lower().replace("-", "")
    if encoding not in _BYTE_ENCODINGS:
        return
    tags = (m for m in _MARKUP.finditer(data) if m.group(1) is not None)
    found: list[tuple[etree._Element, int]] = []
    for element in elements(root):
        tag = next(tags, None)
        name = f"{element.prefix}:{local(element)}" if element.prefix else local(element)
        if tag is None or tag.group(1) != name.encode("utf-8"):
            return  # the text and the tree disagree: keep libxml2's lines
        found.append((element, tag.start()))
    newlines = [match.start() for match in re.finditer(b"\n", data)]
    for element, at in found:
        element.sourceline = bisect.bisect_left(newlines, at) + 1  # type: ignore[assignment]


def elements(root: etree._Element) -> list[etree._Element]:
    """Every element under root (itself included), without comments or entities."""
    return list(root.iter(etree.Element))


def local(element: etree._Element) -> str:
    """An element's name without its namespace."""
    return str(etree.QName(element).localname)


def namespace(element: etree._Element) -> str:
    """An element's namespace ('' when it has none)."""
    return str(etree.QName(element).namespace or "")


def line_of(element: etree._Element) -> int:
    """An element's line in its file (0 when lxml does not know)."""
    line: object = element.sourceline
    return line if isinstance(line, int) else 0


_DRIVE_RE = re.compile(r"^[A-Za-z]:([/\\]|$)")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


@dataclass(frozen=True)
class Href:
    """An href as a package sees it: kind 'file' (path in the zip), 'remote' or 'unsafe'."""

    kind: str
    path: str = ""
    reason: str = ""


def classify_href(href: str) -> Href:
    """Sort an href into a file of the package, a remote address, or an unsafe path."""
    value = href.strip()
    if "\\" in value:
        return Href("unsafe", reason="it has a backslash; hrefs use forward slashes")
    if _DRIVE_RE.match(value):
        return Href("unsafe", reason="it starts with a drive letter")
    scheme = _SCHEME_RE.match(value)
    if scheme:
        if scheme.group(1).lower() in ("http", "https"):
            return Href("remote", path=value)
        return Href("unsafe", reason=f"'{scheme.group(1)}:' addresses do not load in an LMS")
    if value.startswith("//"):
        return Href("remote", path=value)
    if value.startswith("/"):
        return Href("unsafe", reason="it is absolute; hrefs are relative to the manifest")
    path = unquote(value.split("#", 1)[0].split("?", 1)[0])
    if ".." in path.split("/"):
        return Href("unsafe", reason="it goes up with '..'")
    return Href("file", path=posixpath.normpath(path) if path else "")


def decimal(text: str | None) -> float | None:
    """A plain decimal number (xs:decimal), or None when text is not one."""
    if text is None or not XS_DECIMAL.fullmatch(text.strip()):
        return None
    return float(text)


def check_href(
    package: Package,
    file: str,
    line: int,
    href: str,
    what: str,
    *,
    base_dir: str = "",
    missing: str = "launch-missing",
    remote: str | None = "href-remote",
) -> str | None:
    """Check that an href names a file of the package; its path in the zip, or None."""
    target = classify_href(href)
    if target.kind == "unsafe":
        package.report(
            "href-unsafe",
            file,
            line,
            f"{what} '{href}', which is not a safe path inside the package: {target.reason}",
        )
        return None
    if target.kind == "remote":
        if remote is not None:
            package.report(
                remote,
                file,
                line,
                f"{what} '{href}' on another server: the course does not work offline, "
                "and that server may track learners or disappear",
            )
        return None
    raw = href.strip().split("#", 1)[0].split("?", 1)[0]
    for candidate in (target.path, raw):
        if candidate and base_dir + candidate in package.names:
            return base_dir + candidate
    package.report(missing, file, line, f"{what} '{href}', which is not in the zip")
    return None
