"""Statements from an LRS: ``GET /statements`` page by page, spooled to a temporary file.

[xAPI 1.0.3 Part Three §2.1.3 Statement Resource, GET]: ``activity`` with
``related_activities=true`` (the course's statements and those whose context names it),
``since``/``until``, ``ascending=true``; each answer is a StatementResult whose ``more`` is the
relative IRL of the next page on the same LRS, empty on the last [xAPI 1.0.3 Part Two §2.5].
Every request sends ``X-Experience-API-Version`` [Part Three §3.3], and goes to the endpoint's
origin only (``lrs_address``). Any failure (an error status, a timeout, an answer that is not a
StatementResult, a ``more`` elsewhere or seen before) stops the whole read: a report is never
made from part of it.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..standards.xapi import MAX_DEPTH, VERSION
from .array_where import within_limit
from .lrs_address import Elsewhere, public_endpoint, request_target, resolve, shown
from .read import InputError

TIMEOUT = 30.0  # seconds for each request's connection and each read
MAX_PAGES = 1_000_000  # each with a new `more` (one seen before is a loop, stopped at once)
MAX_REDIRECTS = 5  # a client should detect cyclical redirections [RFC 9110 §15.4]
REDIRECTS = (301, 302, 303, 307, 308)
STATEMENT_RESULT = "[xAPI 1.0.3 Part Two §2.5]"
WITHIN = f"expected at most {MAX_DEPTH}, far more than any statement nests [xAPI 1.0.3 §2.4]"


def _request(url: str, auth: str | None) -> urllib.request.Request:
    headers = {"X-Experience-API-Version": VERSION, "Accept": "application/json"}
    if auth is not None:
        headers["Authorization"] = "Basic " + base64.b64encode(auth.encode()).decode("ascii")
    return urllib.request.Request(request_target(url), headers=headers, method="GET")


def _opener() -> urllib.request.OpenerDirector:
    # Without urllib's HTTPRedirectHandler, which follows any Location with every header of the
    # request, Authorization too: to another host, or from https to plain http. `_get` follows
    # a redirect itself, within the endpoint's origin only, the protection space the
    # credentials were given for [RFC 9110 §11.5]; refusing every redirect would break an LRS
    # that merely moved (a trailing slash, a new path). One to elsewhere stops the read.
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def first_url(endpoint: str, activity: str, since: str | None, until: str | None) -> str:
    """The first page's address: the statements about or naming ``activity``, oldest first."""
    query = {"activity": activity, "related_activities": "true", "ascending": "true"}
    if since is not None:
        query["since"] = since
    if until is not None:
        query["until"] = until
    base = public_endpoint(endpoint)
    return f"{base}statements?{urllib.parse.urlencode(query)}"


def _redirected(url: str, location: str | None) -> str:
    where = public_endpoint(url).rstrip("/")
    if location is None:
        raise InputError(f"the LRS at {where} redirected without a Location; expected one")
    try:
        return resolve(url, location)
    except Elsewhere as elsewhere:
        raise InputError(
            f"the LRS at {where} redirected to another server ({elsewhere.origin}); expected "
            "an answer from the LRS's own scheme, host and port, the only place the "
            f"credentials go (if {elsewhere.origin} is the LRS, give it as --lrs)"
        ) from None
    except ValueError:
        raise InputError(
            f"the LRS at {where} redirected to something that is not an address "
            f"('{shown(location)}'); expected a Location on the LRS [RFC 9110 §10.2.2]"
        ) from None


def _get(url: str, auth: str | None, timeout: float) -> bytes:
    """The body of the answer at ``url``, after redirects within the endpoint's origin."""
    opener = _opener()
    for _ in range(MAX_REDIRECTS + 1):
        where = public_endpoint(url).rstrip("/")
        try:
            with opener.open(_request(url, auth), timeout=timeout) as answer:
                body: bytes = answer.read()
                return body
        except urllib.error.HTTPError as error:
            error.close()
            if error.code not in REDIRECTS:
                hint = " (check --auth or COURSEBUILD_LRS_AUTH)" if error.code in (401, 403) else ""
                status = f"{error.code} {shown(str(error.reason))}"
                raise InputError(f"the LRS answered {status} at {where}{hint}") from None
            url = _redirected(url, error.headers.get("Location"))
        except TimeoutError:
            raise InputError(f"the LRS did not answer within {timeout:g} s at {where}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = shown(str(getattr(error, "reason", error)))
            raise InputError(f"cannot reach the LRS at {where} ({reason})") from None
        except http.client.HTTPException as error:  # a status line that is not HTTP, a cut body
            raise InputError(
                f"the LRS's answer at {where} is not HTTP or was cut short "
                f"({type(error).__name__}); expected an HTTP answer"
            ) from None
    raise InputError(f"the LRS redirected more than {MAX_REDIRECTS} times, at {where}; stopped")


def _page(url: str, auth: str | None, timeout: float) -> tuple[list[bytes], str]:
    """One page's statements as JSON lines, each checked for the nesting limit, and its
    ``more``."""
    body = _get(url, auth, timeout)
    where = public_endpoint(url).rstrip("/")
    try:
        result = json.loads(body)
    except RecursionError:  # nested hundreds of levels deeper than the limit
        raise InputError(
            f"the LRS answered JSON nested deeper than {MAX_DEPTH} levels at {where}; {WITHIN}"
        ) from None
    except ValueError:
        result = None
    if not (
        isinstance(result, dict)
        and isinstance(result.get("statements"), list)
        and isinstance(result.get("more", ""), str)
    ):
        raise InputError(
            f"the LRS answered something that is not a StatementResult at {where}; expected "
            f'{{"statements": [...], "more": "..."}} {STATEMENT_RESULT}'
        )
    lines = [_line(statement) for statement in result["statements"]]
    for line in lines:
        if not within_limit(line.decode()):  # the limit a statements file has
            raise InputError(
                f"the LRS answered a statement nested deeper than {MAX_DEPTH} levels of arrays "
                f"and objects at {where}; {WITHIN}"
            )
    return lines, result.get("more") or ""


def _next(endpoint: str, more: str) -> str:
    """The next page's address: ``more`` on the endpoint's origin [xAPI 1.0.3 Part Two §2.5]."""
    try:
        return resolve(public_endpoint(endpoint), more)
    except Elsewhere as elsewhere:
        raise InputError(
            f"the LRS gave a 'more' on another server ({elsewhere.origin}); expected a "
            f"relative IRL on the LRS itself, where the credentials go {STATEMENT_RESULT}"
        ) from None
    except ValueError:
        raise InputError(
            f"the LRS gave a 'more' that is not an address ('{shown(more)}'); expected a "
            f"relative IRL such as /xapi/statements?more=... {STATEMENT_RESULT}"
        ) from None


def _key(url: str) -> bytes:
    return hashlib.blake2b(url.encode(), digest_size=16).digest()


def _line(statement: Any) -> bytes:
    text = json.dumps(statement, ensure_ascii=False)
    try:
        return text.encode() + b"\n"
    except UnicodeEncodeError:  # a lone surrogate ("\ud800"): kept as the escape it came as
        return json.dumps(statement).encode() + b"\n"


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
            # The pages asked in this query, as digests: an LRS's `more` may be long, and a
            # million of them must not fill the memory. An empty page with a new `more` is no
            # error (an LRS may re-run the query per page and leave out what was voided since
            # [xAPI 1.0.3 Part Two §2.5]); a `more` to a page already asked is a loop.
            asked: set[bytes] = set()
            for _ in range(MAX_PAGES):
                asked.add(_key(url))
                page, more = _page(url, auth, timeout)
                spool.writelines(page)
                if not more:
                    break
                url = _next(endpoint, more)
                if _key(url) in asked:
                    raise InputError(
                        f"the LRS gave a 'more' to a page already read ('{shown(more)}'), a "
                        f"loop; expected each to lead to a new page {STATEMENT_RESULT}"
                    )
            else:
                raise InputError(f"the LRS gave more than {MAX_PAGES:,} pages; stopped")
        spool.flush()
        yield Path(spool.name)
