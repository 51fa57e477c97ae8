"""Script text without its comments, for the run-time patterns: a linear tokenizer.

One left-to-right pass of one regular expression finds comments, string, template and regular
expression literals [ECMA-262 §12.4 comments, §12.9 literals]; comments become spaces (newlines
kept, so lines still count), everything else stays. Every alternative always ends a token
(an unterminated string stops at its line's end, a comment or template at the end of the text),
so no byte is read twice however hostile the script.
"""

from __future__ import annotations

import re
import time
from array import array

_TOKEN = re.compile(
    rb"(?P<comment>//[^\n]*+|/\*(?:[^*]++|\*(?!/))*+(?:\*/)?)"
    rb"|(?P<code>\"(?:[^\"\\\n]++|\\.)*+\"?"
    rb"|'(?:[^'\\\n]++|\\.)*+'?"
    rb"|`(?:[^`\\]++|\\.)*+`?"
    # A regular expression literal can only follow a punctuator (not a value): `(/x/`, `=/x/`.
    rb"|[(,=:\[!&|?{};][ \t]*+/(?![/*])(?:[^/\\\[\n]++|\\.|\[(?:[^\]\\\n]++|\\.)*+\]?)*+/?)",
    re.DOTALL,
)
_HTML_COMMENT = re.compile(rb"<!--(?:[^-]++|-(?!->))*+(?:-->)?")
_NOT_NEWLINE = re.compile(rb"[^\n]+")
_TOKENS_BETWEEN_CLOCK_CHECKS = 65_536


class OutOfTime(Exception):
    """The deadline passed while a text was being tokenized."""


def _spaces(match: re.Match[bytes]) -> bytes:
    return b" " * (match.end() - match.start())


def _blank_spans(data: bytes, starts: array[int], ends: array[int]) -> bytes:
    if not starts:
        return data
    out = bytearray(data)
    for start, end in zip(starts, ends, strict=True):
        part = data[start:end]
        out[start:end] = _NOT_NEWLINE.sub(_spaces, part) if b"\n" in part else b" " * len(part)
    return bytes(out)


def _spans(
    pattern: re.Pattern[bytes], data: bytes, deadline: float
) -> tuple[array[int], array[int]]:
    # Two flat arrays, not a list of tuples: millions of one-line comments stay small.
    starts, ends = array("q"), array("q")
    for count, match in enumerate(pattern.finditer(data)):
        if count % _TOKENS_BETWEEN_CLOCK_CHECKS == 0 and time.monotonic() > deadline:
            raise OutOfTime
        if match.lastgroup != "code":
            starts.append(match.start())
            ends.append(match.end())
    return starts, ends


def js_text(data: bytes, deadline: float = float("inf")) -> bytes:
    """A script with its comments blanked out (same length, same lines); OutOfTime when the
    deadline (time.monotonic()) passes first."""
    if b"/" not in data:
        return data
    return _blank_spans(data, *_spans(_TOKEN, data, deadline))


def page_text(data: bytes, deadline: float = float("inf")) -> bytes:
    """A page with its HTML comments, and the comments of its inline scripts, blanked out."""
    text = _blank_spans(data, *_spans(_HTML_COMMENT, data, deadline))
    lower = text.lower()
    parts: list[bytes] = []
    done = 0
    at = lower.find(b"<script", done)
    while at >= 0:
        opened = lower.find(b">", at)
        if opened < 0:
            break
        closed = lower.find(b"</script", opened)
        end = closed if closed >= 0 else len(text)
        parts += [text[done : opened + 1], js_text(text[opened + 1 : end], deadline)]
        done = end
        at = lower.find(b"<script", done + 1) if closed >= 0 else -1
    parts.append(text[done:])
    return b"".join(parts)
