"""The learner given to `coursebuild statements --actor`: an xAPI Agent, checked as one."""

from __future__ import annotations

import json
import re
from typing import Any

# One inverse functional identifier (IFI) and nothing else an Agent does not have
# [xAPI 1.0.3 §2.4.2.1, Table 2.4.2.1.s1; §2.4.2.3 IFIs].
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
PROPERTIES = ("objectType", "name", *IFIS)
MAX_CHARS = 4096  # far more than any real Agent; bounds the work done on a hostile one
MAX_DEPTH = 2  # the Agent object and its account object
EXAMPLE = '{"account": {"homePage": "https://lms.example.ca", "name": "learner"}}'

_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")  # scheme ":" rest [RFC 3986 §4.3]
_MAILTO = re.compile(r"mailto:[^@\s]+@[^@\s]+")  # [RFC 6068 §2]
_SHA1 = re.compile(r"[0-9a-fA-F]{40}")


def _surrogate(text: str) -> str | None:
    """The first lone surrogate in `text` as U+XXXX: not text, so not JSON [RFC 8259 §8.1]."""
    for char in text:
        if 0xD800 <= ord(char) <= 0xDFFF:
            return f"U+{ord(char):04X}"
    return None


def _depth(text: str) -> int:
    """How deeply the JSON text nests arrays and objects, found without parsing it."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if escaped:
            escaped = False
        elif in_string:
            escaped, in_string = char == "\\", char != '"'
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (key, *_strings(item))]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [value] if isinstance(value, str) else []


def parse_actor(text: str) -> dict[str, Any]:
    """An Agent from JSON with exactly one identifier (IFI); raises ValueError otherwise."""
    if len(text) > MAX_CHARS:
        raise ValueError(f"too large: {len(text):,} characters; an Agent is at most {MAX_CHARS:,}")
    if where := _surrogate(text):
        raise ValueError(f"has a lone surrogate ({where}), which is not text; expected UTF-8")
    if (depth := _depth(text)) > MAX_DEPTH:
        raise ValueError(f"nested {depth} levels deep; an Agent nests {MAX_DEPTH} (its account)")
    try:
        actor = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON: {error}") from None
    if not isinstance(actor, dict):
        raise ValueError(f"expected a JSON object such as {EXAMPLE}")
    for string in _strings(actor):
        if where := _surrogate(string):
            raise ValueError(f"has a lone surrogate ({where}), which is not text")
    for key in actor:
        if key not in PROPERTIES:
            raise ValueError(
                f"unknown property {key!r}; an Agent has {', '.join(PROPERTIES[:2])} and one of "
                f"{', '.join(IFIS)} [xAPI 1.0.3 §2.4.2.1]"
            )
    if actor.get("objectType", "Agent") != "Agent":
        raise ValueError(f"objectType must be 'Agent', found {actor['objectType']!r}")
    if not isinstance(actor.get("name", ""), str):
        raise ValueError("'name' must be a string [xAPI 1.0.3 §2.4.2.1]")
    ifis = [key for key in IFIS if key in actor]
    if len(ifis) != 1:
        raise ValueError(f"expected exactly one of {', '.join(IFIS)}; found {len(ifis)}")
    _check_ifi(ifis[0], actor[ifis[0]])
    return actor


def _check_ifi(kind: str, value: Any) -> None:
    """Each identifier in the form xAPI gives it [xAPI 1.0.3 §2.4.2.3]."""
    if kind == "account":
        if not (isinstance(value, dict) and set(value) == {"homePage", "name"}):
            raise ValueError("account must have exactly 'homePage' and 'name'")
        if not all(isinstance(v, str) and v for v in value.values()):
            raise ValueError("account 'homePage' and 'name' must be non-empty strings")
        if not _ABSOLUTE.fullmatch(value["homePage"]):
            raise ValueError(
                "account homePage must be an absolute IRL such as https://lms.example.ca"
            )
        return
    if not (isinstance(value, str) and value):
        raise ValueError(f"{kind} must be a non-empty string")
    if kind == "mbox" and not _MAILTO.fullmatch(value):
        raise ValueError(
            "mbox must be a 'mailto:' IRI with an email address, such as mailto:ana@example.ca"
        )
    if kind == "mbox_sha1sum" and not _SHA1.fullmatch(value):
        raise ValueError("mbox_sha1sum must be 40 hexadecimal digits (the SHA-1 of a mailto IRI)")
    if kind == "openid" and not _ABSOLUTE.fullmatch(value):
        raise ValueError("openid must be an absolute URI such as https://openid.example.ca/ana")
