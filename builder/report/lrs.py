"""Statements from an LRS: ``GET /statements`` page by page, spooled to a temporary file.

[xAPI 1.0.3 Part Three §2.1.3 Statement Resource, GET]: ``activity`` with
``related_activities=true`` (the course's statements and those whose context names it),
``since``/``until``, ``ascending=true``; each answer is a StatementResult whose ``more`` is the
relative IRL of the next page, empty on the last [§2.1.3, StatementResult]. Every request sends
``X-Experience-API-Version`` [Part Three §3.3]. Any failure (an error status, a timeout, an answer
that is not a StatementResult) stops the whole read: a report is never made from part of it.
"""

from __future__ import annotations

import base64
import json
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..standards.xapi import VERSION
from .read import InputError

TIMEOUT = 30.0  # seconds for each request's connection and each read
MAX_PAGES = 1_000_000  # a `more` that never ends is an LRS bug, not a course


def public_endpoint(endpoint: str) -> str:
    """The endpoint as it may be shown: no user name or password, a trailing ``/``."""
    parts = urllib.parse.urlsplit(endpoint)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urllib.parse.urlunsplit((parts.scheme, host, path, "", ""))


def check_endpoint(endpoint: str) -> str | None:
    """Why an --lrs value is unusable, or None."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"expected an LRS address such as https://lrs.example.ca/xapi/, found '{endpoint}'"
    if parts.query or parts.fragment:
        return "expected no query or fragment (the report adds them)"
    return None


def _request(url: str, auth: str | None) -> urllib.request.Request:
    headers = {"X-Experience-API-Version": VERSION, "Accept": "application/json"}
    if auth is not None:
        headers["Authorization"] = "Basic " + base64.b64encode(auth.encode()).decode("ascii")
    return urllib.request.Request(url, headers=headers, method="GET")


def first_url(endpoint: str, activity: str, since: str | None, until: str | None) -> str:
    """The first page's address: the statements about or naming ``activity``, oldest first."""
    query = {"activity": activity, "related_activities": "true", "ascending": "true"}
    if since is not None:
        query["since"] = since
    if until is not None:
        query["until"] = until
    base = public_endpoint(endpoint)
    return f"{base}statements?{urllib.parse.urlencode(query)}"


def _page(url: str, auth: str | None, timeout: float) -> tuple[list[Any], str]:
    shown = public_endpoint(url).rstrip("/")
    try:
        with urllib.request.urlopen(_request(url, auth), timeout=timeout) as answer:
            body = answer.read()
    except urllib.error.HTTPError as error:
        hint = " (check --auth or COURSEBUILD_LRS_AUTH)" if error.code in (401, 403) else ""
        raise InputError(f"the LRS answered {error.code} {error.reason} at {shown}{hint}") from None
    except TimeoutError:
        raise InputError(f"the LRS did not answer within {timeout:g} s at {shown}") from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise InputError(f"cannot reach the LRS at {shown} ({reason})") from None
    try:
        result = json.loads(body)
    except ValueError:
        result = None
    if not (
        isinstance(result, dict)
        and isinstance(result.get("statements"), list)
        and isinstance(result.get("more", ""), str)
    ):
        raise InputError(
            f"the LRS answered something that is not a StatementResult at {shown}; expected "
            '{"statements": [...], "more": "..."} [xAPI 1.0.3 Part Three §2.1.3]'
        )
    return result["statements"], result.get("more") or ""


@contextmanager
def fetched(
    endpoint: str,
    course: str,
    *,
    auth: str | None,
    since: str | None,
    until: str | None,
    timeout: float | None = None,
) -> Iterator[Path]:
    """A temporary JSON-lines file of every statement the LRS gives for the course."""
    with tempfile.NamedTemporaryFile(prefix="coursebuild-lrs-", suffix=".jsonl") as spool:
        timeout = TIMEOUT if timeout is None else timeout
        # A cmi5 AU's statements name the course's AU id, never the course [cmi5 §10]; a
        # statement both answers hold is a duplicate by id, counted once.
        for activity in (course, f"{course.rstrip('/')}/au"):
            url = first_url(endpoint, activity, since, until)
            for _ in range(MAX_PAGES):
                page, more = _page(url, auth, timeout)
                for statement in page:
                    spool.write(json.dumps(statement, ensure_ascii=False).encode() + b"\n")
                if not more:
                    break
                url = urllib.parse.urljoin(public_endpoint(endpoint), more)
            else:
                raise InputError(f"the LRS gave more than {MAX_PAGES:,} pages; stopped")
        spool.flush()
        yield Path(spool.name)
