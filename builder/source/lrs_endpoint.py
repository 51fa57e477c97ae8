"""The build-time LRS endpoint of dual tracking (course.yml ``xapi.endpoint``): checked here.

Kept apart from ``xapi.py`` so that validating a course does not import ``tincan``.
"""

from __future__ import annotations

from .paths import split_url

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def endpoint_problem(endpoint: str) -> str | None:
    """Why a course.yml ``xapi.endpoint`` is unusable (a diagnostic message), or None.

    Accepted: an absolute ``https://`` URL, ``http://`` only on this machine (tests), or a path
    on the package's own server (``/lrs/xapi/``: a same-origin proxy). Never credentials,
    query or fragment: the launch supplies ``auth`` [Tin Can launch §Launch: the
    ``auth`` parameter of Rustici's xAPI Launch document, launch.md].
    """
    found = f"found '{endpoint}'"
    parts = split_url(endpoint)
    if parts is not None and endpoint.startswith("/") and not endpoint.startswith("//"):
        if parts.query or parts.fragment or " " in endpoint:
            return f"expected a path without query, fragment or spaces, {found}"
        return None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return (
            "expected an LRS address such as https://lrs.example.ca/xapi/ (or a path on the "
            f"package's server such as /lrs-proxy/xapi/), {found}"
        )
    if parts.username is not None or parts.password is not None:
        where = f"{parts.scheme}://{parts.hostname}"  # never echo the secret
        return (
            f"found a user name or password in the address ({where}/...); expected none: they "
            "would ship in every package (the launch's 'auth' or a same-origin proxy gives them)"
        )
    if parts.query or parts.fragment:
        return f"expected no query or fragment (the runtime adds the resource), {found}"
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        return f"expected https:// (plain http only on localhost: credentials go with it), {found}"
    return None


def normalized_endpoint(endpoint: str) -> str:
    """The endpoint with the trailing ``/`` the xAPI resources follow [Tin Can launch §Launch]."""
    return endpoint if endpoint.endswith("/") else endpoint + "/"
