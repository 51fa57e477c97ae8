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

_TOKEN = re.compile(
    rb"(?P<comment>//[^\n]*+|/\*(?:[^*]++|\*(?!/))*+(?:\*/)?)"
    rb"|\"(?:[^\"\\\n]++|\\.)*+\"?"
    rb"|'(?:[^'\\\n]++|\\.)*+'?"
    rb"|`(?:[^`\\]++|\\.)*+`?"
    # A regular expression literal can only follow a punctuator (not a value): `(/x/`, `=/x/`.
    rb"|[(,=:\[!&|?{};][ \t]*+/(?![/*])(?:[^/\\\[\n]++|\\.|\[(?:[^\]\\\n]++|\\.)*+\]?)*+/?",
    re.DOTALL,
)
_HTML_COMMENT = re.compile(rb"<!--(?:[^-]++|-(?!->))*+(?:-->)?")
_NOT_NEWLINE = re.compile(rb"[^\n]+")
_TOKENS_BETWEEN_CLOCK_CHECKS = 65_536


class OutOfTime(Exception):
    """The deadline passed while a text was being tokenized."""


def _spaces(match: re.Match[bytes]) -> bytes:
    return b" " * (match.end() - match.start())


def _blank_spans(data: bytes, spans: list[tuple[int, int]]) -> bytes:
    if not spans:
        return data
    out = bytearray(data)
    for start, end in spans:
        out[start:end] = _NOT_NEWLINE.sub(_spaces, data[start:end])
    return bytes(out)


def js_text(data: bytes, deadline: float = float("inf")) -> bytes:
    """A script with its comments blanked out (same length, same lines); OutOfTime when the
    deadline (time.monotonic()) passes first."""
    if b"/" not in data:
        return data
    spans: list[tuple[int, int]] = []
    for count, match in enumerate(_TOKEN.finditer(data)):
        if count % _TOKENS_BETWEEN_CLOCK_CHECKS == 0 and time.monotonic() > deadline:
            raise OutOfTime
        if match.lastgroup == "comment":
            spans.append(match.span())
    return _blank_spans(data, spans)


def page_text(data: bytes, deadline: float = float("inf")) -> bytes:
    """A page with its HTML comments, and the comments of its inline scripts, blanked out."""
    text = _blank_spans(data, [m.span() for m in _HTML_COMMENT.finditer(data)])
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
