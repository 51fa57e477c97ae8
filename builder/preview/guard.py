"""What the preview server refuses before it routes a request: its framing, its path, who sends it.

The preview listens on 127.0.0.1, but any page the author's browser opens can send requests
there; so a request that changes something must come from the preview's own page or course
(same origin) and carry the run's secret, and hostile framing or values get a 4xx, never a 500.
"""

from __future__ import annotations

import hmac
import json
import re
from email.message import Message
from typing import Any
from urllib.parse import unquote_to_bytes

from ..standards.xapi import MAX_DEPTH

TOKEN_HEADER = "X-Coursebuild-Token"
# xAPI statements, State documents and commits nest a few levels: the limit `report` reads with
MAX_JSON_DEPTH = MAX_DEPTH
SAFE_METHODS = ("GET", "HEAD")
DIGITS = re.compile(r"[0-9]+")
BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Refused(Exception):
    """A request answered with `status` and a JSON error `message`, then the connection closed."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def shown(value: str, limit: int = 80) -> str:
    """A header value quoted for a message, cut short if long."""
    return repr(value if len(value) <= limit else value[:limit] + "...")


def body_length(headers: Message, limit: int) -> int:
    """The body's length from Content-Length, or why the request cannot be read safely."""
    if headers.get("Transfer-Encoding") is not None:
        # A body without a length is refused, never guessed at [RFC 9112 §6.3 (411)].
        raise Refused(
            411, "Transfer-Encoding is not accepted here: send the body with a Content-Length"
        )
    values = headers.get_all("Content-Length") or []
    if not values:
        return 0
    # Content-Length = 1*DIGIT, and several must agree [RFC 9110 §8.6].
    if len(set(values)) > 1 or not DIGITS.fullmatch(values[0].strip()):
        found = ", ".join(shown(v) for v in values)
        raise Refused(400, f"Content-Length: expected a whole number of bytes, found {found}")
    length = int(values[0])
    if length > limit:
        raise Refused(413, f"the body is over {limit:,} bytes ({length:,})")
    return length


def decode_path(raw: str) -> str:
    """The request path percent-decoded as UTF-8 [RFC 3986 §2.1, §2.5], or a 400."""
    if CONTROL.search(raw) or BAD_PERCENT.search(raw):
        raise Refused(400, f"the path {shown(raw)} holds a control character or a bad %-escape")
    try:
        path = unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, f"the path {shown(raw)} is not UTF-8 once %-decoded") from None
    if CONTROL.search(path):
        raise Refused(400, f"the path {shown(raw)} holds a control character (%00-%1F, %7F)")
    return path


def cross_origin(headers: Message, origin: str) -> str:
    """Why a state-changing request is not from this server's own pages ('' when it is)."""
    sent = headers.get("Origin")
    # The Origin a browser sends on every cross-origin and every POST request [RFC 6454 §7].
    if sent is not None and sent != origin:
        return f"Origin {shown(sent)} is not this server ({origin})"
    # Fetch Metadata: browsers say where a request comes from; none is a non-browser client.
    site = headers.get("Sec-Fetch-Site")
    if site is not None and site != "same-origin":
        return f"Sec-Fetch-Site {shown(site)}: only the preview's own page may change its data"
    return ""


def token_ok(sent: str | None, token: str) -> bool:
    """Whether the request carries the run's token (compared in constant time)."""
    return sent is not None and hmac.compare_digest(sent.encode(), token.encode())


def depth(value: Any) -> int:
    """How deeply arrays and objects nest in a JSON value (without recursion); a top-level
    array (a body of several statements) is not a level of the values it holds."""
    deepest, stack = 0, [(value, 0 if isinstance(value, list) else 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, level)
        if deepest > MAX_JSON_DEPTH:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


def load_json(data: bytes | str) -> Any:
    """JSON text as a value; ValueError (with why) for bad JSON or JSON nested too deeply."""
    too_deep = f"the JSON is nested deeper than {MAX_JSON_DEPTH} levels"
    try:
        value = json.loads(data)
    except RecursionError:
        raise ValueError(too_deep) from None
    if depth(value) > MAX_JSON_DEPTH:
        raise ValueError(too_deep)
    return value
