"""WebVTT files checked as a browser reads them: what its parser would refuse or drop.

The blocks are found as the WebVTT parser finds them [WebVTT §6.1] (a line holding "-->" is a
cue's timings, a blank line ends a block), and each is held to the syntax [WebVTT §4.1]: the
file signature, cue timings `[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt` with minutes and seconds under
60 that end after they start, and at least one cue. A browser gives up on a file without the
signature and silently drops a cue whose timings it cannot read, or a block of text that is no
cue: the learner would get no captions while the build said nothing.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import NamedTuple

from .paths import shown

ARROW = "-->"
# A timestamp the parser reads [WebVTT §6.3 "collect a WebVTT timestamp"]: optional hours of any
# number of digits, then minutes and seconds of exactly two digits under 60 and a fraction of
# exactly three; a first field that is not such minutes is hours, which need both after them.
_TIMESTAMP = re.compile(r"(?:([0-9]+):)?([0-5][0-9]):([0-5][0-9])\.([0-9]{3})(?![0-9])")
_SPACE = " \t"
_EXAMPLE = "'00:00:01.000 --> 00:00:04.000'"
_TIME = (
    "expected a time [hh:]mm:ss.ttt such as 00:01.000 or 01:02:03.500 (minutes and seconds 00 "
    "to 59, three digits after the point)"
)


class Problem(NamedTuple):
    """One way a WebVTT file falls short: where (1-based line and column) and what was expected."""

    line: int
    column: int
    message: str
    signature: bool = False  # the file is not WebVTT at all: nothing else was checked


def problems(text: str) -> Iterator[Problem]:
    """Each problem of a WebVTT file's text, in file order."""
    lines = _lines(text)
    _, first = next(lines, (1, ""))
    if not first.startswith("WEBVTT"):
        yield Problem(1, 1, "the file does not start with 'WEBVTT'", signature=True)
        return
    if len(first) > 6 and first[6] not in _SPACE:
        yield Problem(
            1,
            7,
            f"the file starts with '{shown(first[:7])}'; expected 'WEBVTT' followed by a space, "
            "a tab or a line break",
        )
        return
    reader = _Reader()
    for number, line in lines:
        if (found := reader.read(number, line)) is not None:
            yield found
    if (found := reader.end()) is not None:
        yield found
    if reader.cues == 0 and not reader.reported:
        yield Problem(
            1,
            1,
            "the file has no cue; expected at least one: a blank line, then a line such as "
            f"{_EXAMPLE} and the text under it",
        )


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line and its number; CRLF, CR and LF all end a line [WebVTT §4.1]."""
    for number, line in enumerate(io.StringIO(text.removeprefix("\ufeff"), newline=None), 1):
        yield number, line.rstrip("\n")


class _Reader:
    """The blocks after the signature line, read line by line as the parser reads them."""

    def __init__(self) -> None:
        self.header = True  # the lines right under the signature line, up to a blank one
        self.count = 0  # lines read in the current block
        self.arrow = False  # the current block has had its timings line
        self.first: tuple[int, str] = (0, "")
        self.cues = 0
        self.reported = False

    def read(self, number: int, line: str) -> Problem | None:
        """The problem that this line shows, if any."""
        if not line:
            found = self.end()
            self.header = False
            return found
        if ARROW in line:
            in_text = self.arrow  # a cue's timings are read: this line is in its text
            if self.header or in_text or self.count > 1:
                self.header, self.count = False, 0  # a new block starts here
            self.count += 1
            self.arrow = True
            if in_text and not _starts_with_digit(line):
                return self._noted(
                    Problem(
                        number,
                        line.find(ARROW) + 1,
                        f"'{ARROW}' in a cue's text makes the line a new cue's timings; expected "
                        "text without it (write '--&gt;')",
                    )
                )
            return self._noted(_timings(number, line), cue=True)
        self.count += 1
        if self.header:  # metadata (Kind: captions), which browsers skip; not a cue gone wrong
            return self._noted(_timings(number, line)) if _starts_with_digit(line) else None
        if self.count == 1:
            self.first = (number, line)
        elif self.count == 2 and not self.arrow:
            return self._noted(self._not_a_cue(number, line))
        return None

    def end(self) -> Problem | None:
        """The problem of the block that a blank line, or the end of the file, closes."""
        found = None
        if not self.header and self.count == 1 and not self.arrow:
            found = self._noted(self._not_a_cue())
        self.count, self.arrow = 0, False
        return found

    def _noted(self, found: Problem | None, cue: bool = False) -> Problem | None:
        """`found`, counted; a cue's timings line without a problem is a cue the browser shows."""
        if found is None:
            self.cues += cue
        else:
            self.reported = True
        return found

    def _not_a_cue(self, number: int = 0, second: str = "") -> Problem | None:
        """Why a block without timings (its first line, and its second when it has one) is not
        a comment, a style sheet or a region; None when it is one."""
        at, first = self.first
        word = first.rstrip(_SPACE)
        if first.startswith("NOTE") and (len(first) == 4 or first[4] in _SPACE):
            return None
        if word in ("STYLE", "REGION"):
            if self.cues == 0:
                return None
            return Problem(
                at,
                1,
                f"a {word} block after the first cue is ignored; expected STYLE and REGION "
                "blocks before the first cue",
            )
        for where, line in ((at, first), (number, second)):
            if _starts_with_digit(line):  # meant as timings: say what is wrong
                return _timings(where, line)
        return Problem(
            at,
            1,
            f"text '{_clip(first)}' belongs to no cue (a blank line ends a cue's text); expected "
            f"cue timings such as {_EXAMPLE} before it, or 'NOTE' to make it a comment",
        )


def _timings(number: int, line: str) -> Problem | None:
    """What is wrong with a cue's timings line [WebVTT §4.1 "WebVTT cue timings"], or None;
    cue settings after the end time are the browser's to apply or ignore."""
    at = _skip(line, 0)
    start = _TIMESTAMP.match(line, at)
    if start is None:
        return Problem(number, at + 1, f"{_TIME}, found {_found(line, at)}")
    arrow = _skip(line, start.end())
    if not line.startswith(ARROW, arrow):
        return Problem(
            number,
            arrow + 1,
            f"expected '{ARROW}' between the start and end times, found {_found(line, arrow)}",
        )
    at = _skip(line, arrow + len(ARROW))
    end = _TIMESTAMP.match(line, at)
    if end is None:
        return Problem(number, at + 1, f"{_TIME}, found {_found(line, at)}")
    if _milliseconds(end) <= _milliseconds(start):
        return Problem(
            number,
            at + 1,
            f"the cue ends at {end.group(0)}, before it starts ({start.group(0)}); expected an "
            "end time after the start time",
        )
    return None


def _milliseconds(time: re.Match[str]) -> int:
    hours, minutes, seconds, fraction = time.groups()
    return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(fraction)


def _starts_with_digit(line: str) -> bool:
    return line.lstrip(_SPACE)[:1].isdigit()


def _skip(line: str, at: int) -> int:
    while at < len(line) and line[at] in _SPACE:
        at += 1
    return at


def _found(line: str, at: int) -> str:
    """The word at `at`, quoted, or "the end of the line"."""
    word = line[at:].split(maxsplit=1)[0] if line[at:].strip() else ""
    return f"'{_clip(word)}'" if word else "the end of the line"


def _clip(text: str, limit: int = 40) -> str:
    return shown(text if len(text) <= limit + 1 else f"{text[:limit]}…")
