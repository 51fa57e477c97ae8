"""Where a JSON array of statements goes wrong: the line and column of its first problem and
what was expected there.

The streaming parser (ijson's C backend) says that an array is broken but not where. This
walks the file again, one item at a time, with the standard library's decoder, whose errors
have a place [RFC 8259 §2]. Only a window of the text is held: the item being read and what was
read after it, never the whole file. Columns count characters, as an editor shows them.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import IO, Any, NamedTuple

CHUNK = 1 << 20
# An error this close to the end of the window may only be where the window cuts a token (a
# literal, an escape, a number): read more and decode the item again.
MARGIN = 16
_SPACE = re.compile(r"[ \t\n\r]*")  # JSON's white space [RFC 8259 §2], not str.isspace
_TOKEN = re.compile(r"[A-Za-z0-9_.+-]{1,20}|.", re.DOTALL)
_STRING_OR_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(NaN|-?Infinity)', re.DOTALL)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?', re.DOTALL)
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


class _NotJson(ValueError):
    """NaN or Infinity: Python's decoder takes them, JSON has no such numbers [RFC 8259 §6]."""


def _constant(name: str) -> Any:
    raise _NotJson(name)


_DECODER = json.JSONDecoder(parse_constant=_constant)


def first_problem(stream: IO[bytes], chunk: int = CHUNK) -> Problem | None:
    """The first place where the JSON array in ``stream`` is not JSON, or None if it is."""
    return _Walk(stream, chunk).run()


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

    def run(self) -> Problem | None:
        """Walk the array item by item; its first problem."""
        self._more(0)
        if self.text.startswith("\ufeff"):  # an editor shows no column for it [RFC 8259 §8.1]
            self.text = self.text[1:]
        if not self._skip() or self.text[self.at] != "[":  # the reader saw one
            return self._found("a JSON array [RFC 8259 §5]")
        self.at += 1
        first = True
        while True:
            if not self._skip():
                return self._end("a statement or ']'" if first else "',' or ']'")
            if self.text[self.at] == "]":
                return self._after()
            if not first:
                if self.text[self.at] != ",":
                    return self._found("',' or ']' after a statement [RFC 8259 §5]")
                self.at += 1
                if not self._skip():
                    return self._end("a statement")
            if (problem := self._item()) is not None:
                return problem
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

    def _item(self) -> Problem | None:
        """Decode the item at the walk's place and move past it; its problem, if any."""
        while True:
            try:
                _, end = _DECODER.raw_decode(self.text, self.at)
            except json.JSONDecodeError as error:
                unterminated = error.msg.startswith(_UNTERMINATED)
                if (unterminated or error.pos >= len(self.text) - MARGIN) and self._more(self.at):
                    continue
                return self._invalid(error, unterminated)
            except _NotJson:
                return self._not_a_number()
            except RecursionError:
                return self._problem(self.at, "a statement nested too deeply to read")
            if end < len(self.text) or not self._more(self.at):  # a number may go on
                self.at = end
                return None

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
