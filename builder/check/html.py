"""Rules read from a page's parsed HTML: script-scheme URLs, CDN scripts, the player's config.

Pages are parsed with lxml's HTML parser as a stream of events (the tree is pruned as it is
read, so memory stays flat), which decodes entities as a browser does: `jav&#x09;ascript:` is
seen as the `javascript:` it is.
"""

from __future__ import annotations

import io
import json
import re

from lxml import etree
from msgspec import Struct

from .common import Package

# Attributes whose value a browser follows or loads as a URL [HTML Living Standard §4, §4.10].
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "data",
        "poster",
        "background",
        "cite",
        "longdesc",
        "codebase",
        "manifest",
        "xlink:href",
    }
)
SCRIPT_SCHEMES = ("javascript", "vbscript", "livescript")
# A data: URL that a frame, object or link opens as a document that can run script.
ACTIVE_DATA = ("text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml")
INERT_DATA_TAGS = frozenset({"img", "source", "image", "track", "audio", "video", "input"})
CONFIG_ID = "coursebuild-config"
# Browsers remove tabs and newlines anywhere in a URL, and strip leading and trailing C0
# controls and spaces, before they read the scheme [WHATWG URL §4.4 basic URL parser].
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]*)", re.IGNORECASE)
_EVENTS_BETWEEN_CLOCK_CHECKS = 4096


class PageHits(Struct):
    """What one page holds: remote scripts (first line, count)."""

    remote_line: int = 0
    remote_count: int = 0


def script_url(value: str, tag: str) -> str:
    """Why a URL would run script when followed or loaded ('' when it would not)."""
    url = _TAB_OR_NEWLINE.sub("", value).strip(_C0_AND_SPACE)
    scheme = _SCHEME.match(url)
    if scheme is None:
        return ""
    name = scheme.group(1).lower()
    if name in SCRIPT_SCHEMES:
        return f"a {name}: URL runs script in the page's origin"
    if name == "data" and tag not in INERT_DATA_TAGS:
        media = url[len("data:") :].split(",", 1)[0].split(";", 1)[0].strip().lower()
        if media in ACTIVE_DATA:
            return f"a data:{media} URL opens a document that can run script"
    return ""


def _is_remote(src: str) -> bool:
    value = src.strip().lower()
    return value.startswith(("//", "http://", "https://"))


def check_page(package: Package, name: str, data: bytes) -> PageHits:
    """Report script-scheme URLs and a broken player config; count remote scripts."""
    hits = PageHits()
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        html=True,
        recover=True,
        huge_tree=False,
        no_network=True,
    )
    count = 0
    try:
        for event, element in events:
            count += 1
            if count % _EVENTS_BETWEEN_CLOCK_CHECKS == 0 and package.out_of_time(name):
                break
            if not isinstance(element.tag, str):
                continue
            if event == "start":
                _start(package, name, element, hits)
                continue
            if element.tag == "script" and element.get("id") == CONFIG_ID:
                _check_config(package, name, element)
            # Keep memory flat on huge pages: drop what has been read.
            element.clear(keep_tail=False)
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
    except (etree.LxmlError, ValueError):  # nothing a browser would render either
        pass
    return hits


def _start(package: Package, name: str, element: etree._Element, hits: PageHits) -> None:
    tag = str(element.tag).lower()
    line = element.sourceline if isinstance(element.sourceline, int) else 0
    for attribute, value in element.attrib.items():
        key = str(attribute).lower()
        if key in URL_ATTRIBUTES:
            reason = script_url(str(value), tag)
        elif key == "content" and (element.get("http-equiv") or "").lower() == "refresh":
            target = _REFRESH_URL.search(str(value))
            reason = script_url(target.group(1), tag) if target else ""
        else:
            continue
        if reason:
            shown = str(value) if len(str(value)) <= 80 else str(value)[:77] + "..."
            package.report(
                "html-script-url",
                name,
                line,
                f'<{tag} {key}="{shown}">: {reason} (stored cross-site scripting in the LMS)',
                "link to a page or file of the package; run script from the package's own .js "
                "files",
            )
    if tag == "script" and _is_remote(element.get("src") or ""):
        hits.remote_count += 1
        hits.remote_line = hits.remote_line or line


def _reject_constant(value: str) -> object:
    raise ValueError(f"{value} is not JSON")


def _check_config(package: Package, name: str, element: etree._Element) -> None:
    text = element.text or ""
    line = element.sourceline if isinstance(element.sourceline, int) else 0
    try:
        # Strict JSON [RFC 8259 §6]: NaN and Infinity are not numbers there, and the player's
        # JSON.parse throws on them, so the course never starts.
        json.loads(text, parse_constant=_reject_constant)
    except ValueError as exc:
        package.report(
            "runtime-config",
            name,
            line,
            f'the player\'s configuration (<script id="{CONFIG_ID}">) is not strict JSON: '
            f"{exc}; the player's JSON.parse fails and the course never starts",
            "rebuild the package; numbers in the course sources must be finite",
        )
