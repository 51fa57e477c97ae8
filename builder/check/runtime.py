"""Suspicious run-time patterns in a package's scripts and pages (.js, .html).

Every pattern here is linear in the text it reads: no nested or lazy repetition that could
backtrack, and comments are blanked first by one left-to-right tokenizer (`js_text`).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from msgspec import Struct

from .common import Package
from .html import check_page
from .js import OutOfTime, js_text, page_text
from .zip import Limits

SCANNED = (".js", ".mjs", ".html", ".htm", ".xhtml")
PAGES = (".html", ".htm", ".xhtml")

UNLOAD = re.compile(
    rb"""addEventListener\s*\(\s*["'](?:before)?unload["']"""
    rb"""|\bon(?:before)?unload\s*=(?!=)\s*\S"""  # not jQuery's test `onbeforeunload===b`
    rb"""|\.on\(\s*["'](?:before)?unload["']""",
    re.IGNORECASE,
)
EVAL = re.compile(rb"(?<![\w$])eval\s*\(|\bnew\s+Function\s*\(")
# A string literal that is a protocol-relative or http(s) address: it ends at the first quote
# or space, so each byte is read once; whether it names a script is decided in Python.
REMOTE_STRING = re.compile(rb"""["'`](?:https?:)?//([^"'`\s]{1,4096})["'`]""", re.IGNORECASE)
# Status elements of each SCORM version, and API calls that mix the two.
VOCABULARY = {
    "1.2": re.compile(rb"""["'`]cmi\.core\.lesson_status["'`]"""),
    "2004": re.compile(rb"""["'`]cmi\.(?:completion|success)_status["'`]"""),
    "2004-call-with-1.2": re.compile(rb"""(?<![\w$])SetValue\s*\(\s*["']cmi\.core\."""),
    "1.2-call-with-2004": re.compile(
        rb"""LMSSetValue\s*\(\s*["']cmi\.(?:completion|success)_status"""
    ),
}
NOT_ATTEMPTED = re.compile(
    rb"""["']cmi\.core\.lesson_status["']\s*,\s*["']not attempted["']""", re.IGNORECASE
)


class _Hits(Struct, frozen=True):
    line: int
    count: int


def _remote_script_hits(data: bytes) -> _Hits | None:
    first = None
    count = 0
    for match in REMOTE_STRING.finditer(data):
        url = match.group(1).lower()
        path = url.split(b"?", 1)[0]
        if path.endswith(b".js") or b"cdn" in url[1:]:
            first = match.start() if first is None else first
            count += 1
    return None if first is None else _Hits(data.count(b"\n", 0, first) + 1, count)


def _hits(pattern: re.Pattern[bytes], data: bytes) -> _Hits | None:
    first = None
    count = 0
    for match in pattern.finditer(data):
        if first is None:
            first = match.start()
        count += 1
    if first is None:
        return None
    return _Hits(data.count(b"\n", 0, first) + 1, count)


def _times(hits: _Hits) -> str:
    return "" if hits.count == 1 else f" ({hits.count} times in this file)"


def check_runtime(package: Package, kinds: Collection[str], limits: Limits | None = None) -> None:
    """Unload handlers, eval, CDN scripts, script URLs, and SCORM calls of the wrong version."""
    limits = limits or Limits()
    scanned: set[str] = set()
    budget = limits.max_total_scan
    vocabulary: dict[str, dict[str, _Hits | None]] = {}
    for info in sorted(package.infos, key=lambda i: i.filename):
        name = info.filename
        if not name.lower().endswith(SCANNED) or name.startswith("__MACOSX/") or name in scanned:
            continue
        if package.out_of_time(name):
            return
        scanned.add(name)
        if info.file_size > min(limits.max_scan, budget):
            over = "its size" if info.file_size > limits.max_scan else "the total scanned"
            package.report(
                "check-incomplete",
                name,
                0,
                f"not scanned: {info.file_size:,} bytes, and {over} is over the limit "
                f"({min(limits.max_scan, budget):,} bytes), so its scripts and links are "
                "unchecked",
            )
            continue
        data = package.read(info, limit=limits.max_scan)
        if data is None:
            continue
        budget -= len(data)
        page = name.lower().endswith(PAGES)
        remote = None
        if page:
            hits = check_page(package, name, data)
            if hits.remote_count:
                remote = _Hits(hits.remote_line, hits.remote_count)
        # Comments are blanked only when a pattern is there at all: most files have none.
        text = data
        if any(p.search(data) for p in (UNLOAD, EVAL, NOT_ATTEMPTED, REMOTE_STRING)):
            try:
                text = (
                    page_text(data, package.deadline) if page else js_text(data, package.deadline)
                )
            except OutOfTime:
                package.out_of_time(name)
                return
        if not page:
            remote = _remote_script_hits(text)
        _check_file(package, name, text, remote)
        vocabulary[name] = {key: _hits(pattern, text) for key, pattern in VOCABULARY.items()}
    scorm = [k for k in kinds if k in ("scorm12", "scorm2004")]
    if len(scorm) == 1:
        _check_version(package, scorm[0], vocabulary)


def _check_file(package: Package, name: str, data: bytes, remote: _Hits | None) -> None:
    hits = _hits(UNLOAD, data)
    if hits:
        package.report(
            "runtime-unload",
            name,
            hits.line,
            f"an unload/beforeunload handler{_times(hits)}: Chrome drops the synchronous "
            "requests LMSs save with during unload, and Moodle's frame forbids unload handlers",
            "commit on visibilitychange (hidden) and finish on pagehide",
        )
    hits = _hits(EVAL, data)
    if hits:
        package.report(
            "runtime-eval",
            name,
            hits.line,
            f"calls eval() or new Function(){_times(hits)}: LMSs with a strict Content "
            "Security Policy block it",
        )
    hits = remote
    if hits:
        package.report(
            "runtime-remote-script",
            name,
            hits.line,
            f"a script from another server (CDN){_times(hits)}: the course breaks offline "
            "or behind a firewall, and that server sees every learner",
            "ship the script inside the package",
        )
    hits = _hits(NOT_ATTEMPTED, data)
    if hits:
        package.report(
            "runtime-not-attempted",
            name,
            hits.line,
            f"sets cmi.core.lesson_status to 'not attempted'{_times(hits)}: only the LMS may "
            "set it; LMSs reject the call (error 405)",
            "write 'incomplete' when the learner starts",
        )


def _check_version(
    package: Package, kind: str, vocabulary: dict[str, dict[str, _Hits | None]]
) -> None:
    if kind == "scorm2004":
        own, wrong, call = "2004", "1.2", "2004-call-with-1.2"
        element, other = "cmi.core.lesson_status", "cmi.completion_status/cmi.success_status"
    else:
        own, wrong, call = "1.2", "2004", "1.2-call-with-2004"
        element, other = "cmi.completion_status or cmi.success_status", "cmi.core.lesson_status"
    speaks_own = any(found[own] for found in vocabulary.values())
    for name, found in sorted(vocabulary.items()):
        hits = found[call]
        if hits:
            package.report(
                "runtime-wrong-version",
                name,
                hits.line,
                f"calls the other SCORM version's API with its own elements{_times(hits)}: "
                "LMSSetValue takes 1.2 elements (cmi.core.*), SetValue takes 2004 ones",
            )
            continue
        hits = None if speaks_own else found[wrong]
        if hits:
            package.report(
                "runtime-wrong-version",
                name,
                hits.line,
                f"uses {element}, a SCORM {wrong} element, in a SCORM {own} package, and no "
                f"file uses {other}{_times(hits)}: the LMS rejects it and nothing is tracked",
                "build the package for the version its run-time speaks, or fix the manifest",
            )
