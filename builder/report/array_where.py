"""A JSON array of statements read one item at a time, and where it goes wrong: the line and
column of its first problem and what was expected there.

The standard library's decoder reads each item of a window of the text [RFC 8259 §2]: only the
item being read and what was read after it is held, never the whole file, and its errors have a
place. Its recursion ends a hostile nesting in linear time and memory (a streaming parser that
keeps a path per level took memory growing with the square of the depth); an item nested deeper
than a statement can be (``MAX_DEPTH``) is refused where it passes the limit. Columns count
characters, as an editor shows them.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import IO, Any, NamedTuple

from ..standards.xapi import MAX_DEPTH

CHUNK = 1 << 20
# An error this close to the end of the window may only be where the window cuts a token (a
# literal, an escape, a number): read more and decode the item again.
MARGIN = 16
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's white space [RFC 8259 §2], not str.isspace
_TOKEN = re.compile(r"[A-Za-z0-9_.+-]{1,20}|.", re.DOTALL)
_STRING_OR_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(NaN|-?Infinity)', re.DOTALL)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?', re.DOTALL)
_NESTING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_UNTERMINATED = "Unterminated string"
# What the standard library's decoder says was expected, as the message says it [RFC 8259].
_EXPECTED = {
    "Expecting value": "a JSON value [RFC 8259 §3]",
    "Expecting property name enclosed in double quotes": "a property name in double quotes "
    "[RFC 8259 §4]",
    "Expecting ':' delimiter": "':' after the property name [RFC 8259 §4]",
    "Expecting ',' delimiter": "',' or the end of the object or array [RFC 8259 §4, §5]",
    "Invalid control character at": "an escape such as \\t or \\u0009 for a control "
    "character in a string [RFC 8259 §7]",
    "Invalid \\escape": 'one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX [RFC 8259 §7]',
    "Invalid \\uXXXX escape": "four hexadecimal digits after \\u [RFC 8259 §7]",
    "Illegal trailing comma before end of object": "another property after ',' [RFC 8259 §4]",
    "Illegal trailing comma before end of array": "another value after ',' [RFC 8259 §5]",
}


class Problem(NamedTuple):
    """The first problem of the array: where (1-based) and what, for the user."""

    line: int
    column: int
    message: str


class Unreadable(Exception):
    """The array's first problem: the reading stops there."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _NotJson(ValueError):
    """NaN or Infinity: Python's decoder takes them, JSON has no such numbers [RFC 8259 §6]."""


def _constant(name: str) -> Any:
    raise _NotJson(name)


_DECODER = json.JSONDecoder(parse_constant=_constant)


def items(stream: IO[bytes], chunk: int = CHUNK) -> Iterator[Any]:
    """Each item of the JSON array in ``stream``; raises Unreadable at its first problem."""
    return _Walk(stream, chunk).items()


def first_problem(stream: IO[bytes], chunk: int = CHUNK) -> Problem | None:
    """The first place where the JSON array in ``stream`` is not JSON, or None if it is."""
    try:
        for _ in items(stream, chunk):
            pass
    except Unreadable as found:
        return found.problem
    return None


def too_deep(text: str, start: int = 0, end: int | None = None) -> int | None:
    """Where the JSON value at ``start`` first nests deeper than ``MAX_DEPTH`` arrays and
    objects (strings skipped), or None if it does not."""
    depth = 0
    for token in _NESTING.finditer(text, start, len(text) if end is None else end):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return token.start()
        elif char in "]}":
            depth -= 1
    return None


def within_limit(text: str) -> bool:
    """Whether a decoded JSON text nests at most ``MAX_DEPTH`` deep (counted cheaply first)."""
    return text.count("[") + text.count("{") <= MAX_DEPTH or too_deep(text) is None


class _Walk:
    """The file's text from the item being read on, where that text starts, and the walk."""

    def __init__(self, stream: IO[bytes], chunk: int) -> None:
        self.stream, self.chunk = stream, chunk
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.text = ""
        self.at = 0  # the walk's place in text
        self.line, self.column = 1, 1  # where text[0] is in the file
        self.ended = False
        self.bad: str | None = None  # a byte that is not UTF-8, right after the text

    def items(self) -> Iterator[Any]:
        """Walk the array item by item, yielding each; raises Unreadable at its first problem."""
        self._more(0)
        if self.text.startswith("\ufeff"):  # an editor shows no column for it [RFC 8259 §8.1]
            self.text = self.text[1:]
        if not self._skip() or self.text[self.at] != "[":  # the reader saw one
            raise Unreadable(self._found("a JSON array [RFC 8259 §5]"))
        self.at += 1
        first = True
        while True:
            if not self._skip():
                raise Unreadable(self._end("a statement or ']'" if first else "',' or ']'"))
            if self.text[self.at] == "]":
                if (problem := self._after()) is not None:
                    raise Unreadable(problem)
                return
            if not first:
                if self.text[self.at] != ",":
                    raise Unreadable(self._found("',' or ']' after a statement [RFC 8259 §5]"))
                self.at += 1
                if not self._skip():
                    raise Unreadable(self._end("a statement"))
            yield self._item()
            first = False

    def _more(self, keep: int) -> bool:
        """Read more text, forgetting what lies before ``keep``; False when there is no more
        (then nothing is forgotten: the places found in the text stay right)."""
        read = ""
        while not read and not self.ended:  # a chunk may end inside a character
            data = self.stream.read(max(self.chunk, len(self.text) - keep))  # doubles an item
            try:
                read = self.decoder.decode(data, final=not data)
            except UnicodeDecodeError as error:
                read = error.object[: error.start].decode()
                self.bad = f"0x{error.object[error.start]:02X}"
            self.ended = not data or self.bad is not None
        if not read:
            return False
        gone = self.text[:keep]
        newlines = gone.count("\n")
        self.line += newlines
        self.column = len(gone) - gone.rfind("\n") if newlines else self.column + len(gone)
        self.text, self.at = self.text[keep:] + read, self.at - keep
        return True

    def _skip(self) -> bool:
        """Move past white space; False at the end of the text."""
        while True:
            match = _SPACE.match(self.text, self.at)
            self.at = match.end() if match else self.at
            if self.at < len(self.text):
                return True
            if not self._more(self.at):
                return False

    def _item(self) -> Any:
        """Decode the item at the walk's place and move past it; raises Unreadable."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.at)
            except json.JSONDecodeError as error:
                unterminated = error.msg.startswith(_UNTERMINATED)
                if (unterminated or error.pos >= len(self.text) - MARGIN) and self._more(self.at):
                    continue
                raise Unreadable(self._invalid(error, unterminated)) from None
            except _NotJson:
                raise Unreadable(self._not_a_number()) from None
            except RecursionError:  # far deeper than the limit: where it is passed is read
                raise Unreadable(self._too_deep(len(self.text))) from None
            if end < len(self.text) or not self._more(self.at):  # a number may go on
                text, at = self.text, self.at
                # An item with few brackets cannot nest deeply: most are only counted.
                many = text.count("[", at, end) + text.count("{", at, end) > MAX_DEPTH
                if many and too_deep(text, at, end) is not None:
                    raise Unreadable(self._too_deep(end))
                self.at = end
                return value

    def _too_deep(self, end: int) -> Problem:
        """The place in the item at the walk's place where it nests deeper than the limit."""
        found = too_deep(self.text, self.at, end)
        return self._problem(
            self.at if found is None else found,
            f"a statement nested deeper than {MAX_DEPTH} levels of arrays and objects; expected "
            f"at most {MAX_DEPTH}, far more than any statement nests [xAPI 1.0.3 §2.4]",
        )

    def _invalid(self, error: json.JSONDecodeError, unterminated: bool) -> Problem:
        if self.bad is not None and (unterminated or error.pos >= len(self.text)):
            return self._end("")
        if unterminated:
            return self._problem(
                error.pos,
                "a string starts here and is never closed; expected a closing '\"' [RFC 8259 §7]",
            )
        if error.msg.startswith("Invalid control") and self.text[error.pos] in "\r\n":
            line, column = self._where(self._string_start(error.pos))
            return self._problem(
                error.pos,
                f"a line break in the string that starts at line {line} column {column}; "
                "expected its closing '\"' before the line ends, or \\n [RFC 8259 §7]",
            )
        expected = _EXPECTED.get(error.msg, error.msg)
        if error.pos >= len(self.text):
            return self._end(expected, inside=True)
        self.at = error.pos
        return self._found(expected)

    def _string_start(self, index: int) -> int:
        """Where the string that ``index`` is in starts, in the item at the walk's place."""
        start = self.at
        for match in _STRING.finditer(self.text, self.at, index):
            start = match.start()
        return start

    def _not_a_number(self) -> Problem:
        """Where the NaN or Infinity in the item at the walk's place is."""
        for match in _STRING_OR_CONSTANT.finditer(self.text, self.at):
            if match.group(1):
                self.at = match.start()
                break
        return self._found(
            "a number, a string, true, false or null: JSON has no NaN or Infinity [RFC 8259 §6]"
        )

    def _after(self) -> Problem | None:
        """After the array's closing ']': nothing but white space."""
        line, column = self._where(self.at)
        self.at += 1
        if not self._skip():
            return None if self.bad is None else self._end("")
        return self._problem(
            self.at,
            f"found {self._token(self.at)} after the JSON array, which ends at line {line} "
            f"column {column}; expected nothing more: one JSON array, or one statement per line",
        )

    def _end(self, expected: str, inside: bool = False) -> Problem:
        """The text ends: the file breaks off, or a byte that is not UTF-8 ends what was read."""
        where = len(self.text)
        if self.bad is not None:
            return self._problem(
                where, f"byte {self.bad} is not UTF-8; expected UTF-8 text [RFC 8259 §8.1]"
            )
        place = ", inside a statement" if inside else ""
        return self._problem(
            where, f"the JSON array breaks off at the end of the file{place}; expected {expected}"
        )

    def _found(self, expected: str) -> Problem:
        return self._problem(
            self.at, f"invalid JSON: found {self._token(self.at)}; expected {expected}"
        )

    def _token(self, index: int) -> str:
        """What is at ``index``, as a message quotes it."""
        match = _TOKEN.match(self.text, index)
        if match is None:
            return "the end of the file"
        text = match.group()
        return f"'{text}'" if text.isprintable() else f"U+{ord(text):04X}"

    def _problem(self, index: int, message: str) -> Problem:
        return Problem(*self._where(index), message)

    def _where(self, index: int) -> tuple[int, int]:
        newlines = self.text.count("\n", 0, index)
        if not newlines:
            return self.line, self.column + index
        return self.line + newlines, index - self.text.rfind("\n", 0, index)
