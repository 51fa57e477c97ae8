"""The build-time LRS endpoint of dual tracking (course.yml ``xapi.endpoint``): checked here.

Kept apart from ``xapi.py`` so that validating a course does not import ``tincan``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def endpoint_problem(endpoint: str) -> str | None:
    """Why a course.yml ``xapi.endpoint`` is unusable, or None.

    Accepted: an absolute ``https://`` URL, ``http://`` only on this machine (tests), or a path
    on the package's own server (``/lrs/xapi/``: a same-origin proxy). Never credentials,
    query or fragment: the launch supplies ``auth`` (standards.md §4.5).
    """
    example = "expected an LRS address such as https://lrs.example.ca/xapi/ or /lrs-proxy/xapi/"
    if endpoint.startswith("/") and not endpoint.startswith("//"):
        parts = urlsplit(endpoint)
        if parts.query or parts.fragment or " " in endpoint:
            return f"{example}, without query, fragment or spaces"
        return None
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return example
    if parts.username is not None or parts.password is not None:
        return (
            "credentials do not belong in course.yml (they would ship in every package); "
            "the launch URL's 'auth' parameter or a same-origin proxy provides them"
        )
    if parts.query or parts.fragment:
        return f"{example}, without query or fragment (the runtime adds statements, state)"
    if parts.scheme == "http" and parts.netloc.rsplit(":", 1)[0] not in LOCAL_HOSTS:
        return f"{example}; plain http is allowed only for localhost (credentials travel with it)"
    return None


def normalized_endpoint(endpoint: str) -> str:
    """The endpoint with the trailing ``/`` xAPI resources are appended to (standards §4.5)."""
    return endpoint if endpoint.endswith("/") else endpoint + "/"
