"""The LRS's addresses: the --lrs endpoint judged and shown, and the addresses the LRS itself
names (a StatementResult's ``more``, a redirect's ``Location``) kept to the endpoint's origin.

The origin (scheme, host, port) [RFC 6454 §4] is where the user sent the Basic credentials,
the protection space they belong to [RFC 9110 §11.5]: no request ever leaves it.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, quote, urljoin, urlunsplit

from ..source.paths import split_url

DEFAULT_PORTS = {"http": 80, "https": 443}
# http.client refuses these in a request line and urlsplit silently drops tab and newline: an
# address holding one is refused rather than sent as something else [RFC 3986 §2].
_UNSENDABLE = re.compile(r"[\x00-\x20\x7f]")
_USERINFO = re.compile(r"^([^:/?#]*:)?//.*@")  # to the last "@": a password may hold a "/"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ASCII_VISIBLE = "".join(map(chr, range(0x21, 0x7F)))

Origin = tuple[str, str, int]


class Elsewhere(ValueError):
    """An address the LRS gave that is on another origin (``origin``: how to show that one)."""

    def __init__(self, origin: str) -> None:
        super().__init__(origin)
        self.origin = origin


def _split(url: str) -> tuple[SplitResult, Origin] | None:
    """``url`` split, with its origin, or None when it is no http(s) address a request can go to."""
    parts = split_url(url) if not _UNSENDABLE.search(url) else None
    if parts is None or parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    try:
        parts.hostname.encode("idna")  # what the socket will do with it: a bad label raises
    except UnicodeError:
        return None
    if parts.port == 0:  # a valid URI, but no server listens there (and urllib would use 80)
        return None
    return parts, (parts.scheme, parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme])


def _netloc(parts: SplitResult) -> str:
    host = parts.hostname or ""
    # An IPv6 address keeps its brackets [RFC 3986 §3.2.2].
    host = f"[{host}]" if ":" in host else host
    return f"{host}:{parts.port}" if parts.port else host


def shown(text: str, limit: int = 120) -> str:
    """``text`` as a message may quote it: no user or password, control characters escaped."""
    text = _USERINFO.sub(lambda match: f"{match[1] or ''}//***@", text)
    text = _CONTROL.sub(lambda match: f"\\x{ord(match[0]):02x}", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_endpoint(endpoint: str) -> str | None:
    """Why an --lrs value is unusable, or None."""
    split = _split(endpoint)
    if split is None:
        return (
            "expected an LRS address such as https://lrs.example.ca/xapi/, "
            f"found '{shown(endpoint)}'"
        )
    parts = split[0]
    if parts.username is not None or parts.password is not None:
        # A password on the command line shows in the shell's history and in process lists.
        return (
            "expected no user name or password in the address; give them as USER:PASS in "
            "COURSEBUILD_LRS_AUTH (or --auth)"
        )
    if parts.query or parts.fragment:
        return "expected no query or fragment (the report adds them)"
    return None


def public_endpoint(endpoint: str) -> str:
    """The endpoint as it may be shown: no user name or password, a trailing ``/``."""
    parts = split_url(endpoint)
    assert parts is not None  # checked by check_endpoint
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, _netloc(parts), path, "", ""))


def resolve(base: str, reference: str) -> str:
    """``reference`` resolved against ``base`` [RFC 3986 §5.2], kept to ``base``'s origin."""
    # Raises Elsewhere when it is on another origin, ValueError when it is no address.
    here = _split(base)
    assert here is not None  # our own address, checked
    try:
        target = _split(urljoin(base, reference)) if not _UNSENDABLE.search(reference) else None
    except ValueError:  # urljoin splits the reference: an unclosed "[", a bad port
        target = None
    if target is None:
        raise ValueError(reference)
    parts, origin = target
    if origin != here[1] or parts.username is not None or parts.password is not None:
        raise Elsewhere(f"{parts.scheme}://{_netloc(parts)}")
    # Built on the base's own scheme and host, so that whatever urllib makes of an odd address
    # the request goes where the origin check said.
    return urlunsplit((here[0].scheme, _netloc(here[0]), parts.path, parts.query, ""))


def request_target(url: str) -> str:
    """``url`` as a request sends it: an IRI's other characters as UTF-8 escapes [RFC 3987 §3.1]."""
    parts = split_url(url)
    assert parts is not None  # our own address, checked
    path = quote(parts.path, safe=_ASCII_VISIBLE)
    query = quote(parts.query, safe=_ASCII_VISIBLE)
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))
