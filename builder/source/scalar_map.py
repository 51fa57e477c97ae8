"""Where each character of a YAML text value was written in its file.

A diagnostic inside a question text (an unsafe link, a block in a choice) has a line and column
in the text as YAML built it. A `|` block keeps the file's lines; but folding (a `>` block, and
plain or quoted text over several lines) joins lines with a space and drops their indentation,
and quoted text has escapes (`\\"`, `\\x41`, an escaped line break) and `''` [YAML 1.2 §6.5,
§7.3, §8.1.3]. So the text is walked beside the file, character by character, to find where
each one was written: only when there is a diagnostic to place.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .markdown import LINE_BREAK

# What the file may hold between two characters of the text: indentation, the spaces before a
# folded line break, the break itself [YAML 1.2 §6.5, §7.3].
_SKIPPED = frozenset(" \t\r\n")
# What folding makes of line breaks: a space, or as many line feeds as there were empty lines.
_FOLDED = frozenset(" \n")
_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
"""The double-quoted escapes of one character [YAML 1.1 §5.7, YAML 1.2 §5.7]."""
_HEX_DIGITS = {"x": 2, "u": 4, "U": 8}


@lru_cache(maxsize=4)
def line_starts(text: str) -> tuple[int, ...]:
    """The index where each line of `text` starts: lines end at a line feed, as editors (and
    YAML 1.2) count them [YAML 1.2 §5.4]."""
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return tuple(starts)


def _escape(text: str, at: int) -> tuple[str, int]:
    """What the escape at `at` (a backslash in double-quoted text) stands for, and its length."""
    code = text[at + 1 : at + 2]
    if code in ("\r", "\n"):  # an escaped line break joins the lines, with no space
        return "", 3 if text[at + 1 : at + 3] == "\r\n" else 2
    width = _HEX_DIGITS.get(code)
    if width is None:
        return _ESCAPES.get(code, code), 2
    try:
        return chr(int(text[at + 2 : at + 2 + width], 16)), 2 + width
    except ValueError:
        return "\\", 1


def _after_blanks(text: str, at: int) -> int:
    """Where the spaces and tabs from `at` end."""
    while text[at : at + 1] in (" ", "\t"):
        at += 1
    return at


def _first_character(text: str, start: int) -> tuple[str, int]:
    """The scalar's style (its indicator, or '' for plain text) and where its text starts."""
    style = text[start : start + 1]
    if style in ("'", '"'):
        return style, start + 1
    if style in ("|", ">"):  # the text starts on the line after the header [YAML 1.2 §8.1.1]
        end = text.find("\n", start)
        return style, len(text) if end < 0 else end + 1
    return "", start


def origins(text: str, start: int, value: str) -> list[int]:
    """The index in `text` of each character of `value`, the scalar written at `start`; a text
    folding made (a space, a line feed) is given the place of the break or the next line. The
    list stops short where the file does not give the value (it is not that scalar's)."""
    style, at = _first_character(text, start)
    found: list[int] = []
    done, end = 0, len(text)
    while done < len(value) and at < end:
        char = text[at]
        if style == '"' and char == "\\":
            meant, width = _escape(text, at)
            if not value.startswith(meant, done):
                break
            found.extend([at] * len(meant))
            done, at = done + len(meant), at + width
            if not meant:  # an escaped line break: the next line's blanks are not text either
                at = _after_blanks(text, at)
        elif char == style and style in ("'", '"'):
            if style == '"' or text[at + 1 : at + 2] != "'" or value[done] != "'":
                break  # the closing quote
            found.append(at)  # '' is one quote [YAML 1.2 §7.3.2]
            done, at = done + 1, at + 2
        elif char == "\n" and style not in ("|", ">"):
            # A break in flow text: the next line's leading blanks are never text [YAML 1.2 §6.3];
            # the break is a line feed, or the space it folds to [YAML 1.2 §6.5] (taken here: a
            # `''` next would read the space as a closing quote)
            if value[done] in ("\n", " "):
                found.append(at)
                done += 1
            at = _after_blanks(text, at + 1)
        elif char == value[done]:
            found.append(at)
            done, at = done + 1, at + 1
        elif char in _SKIPPED:
            at += 1
        elif value[done] in _FOLDED:
            found.append(at)
            done += 1
        else:
            break
    return found


class ValueMap:
    """The file position of any line and column of one YAML scalar's text."""

    def __init__(self, text: str, start: int, value: str) -> None:
        self.text = text
        self.start = start
        self.value = value
        self.origins = origins(text, start, value)

    def place(self, line: int, col: int) -> tuple[int, int]:
        """The (line, column) in the file, 1-based, of column `col` of the text's line `line`.

        Column 0 (not known) gives the line only; a column the file cannot give, the start of
        that line of the text; a line the file cannot give, the start of the scalar.
        """
        head = self._line_start(line)
        if head is None or head >= len(self.origins):
            return self._position(self.start)
        index = head + col - 1
        if col > 0 and index < self._line_end(head) and index < len(self.origins):
            return self._position(self.origins[index])
        found_line, found_col = self._position(self.origins[head])
        return found_line, found_col if col > 0 else 0

    def _line_start(self, line: int) -> int | None:
        """Where line `line` (1-based) of the text starts in it."""
        if line <= 1:
            return 0
        for n, found in enumerate(re.finditer(LINE_BREAK, self.value), start=2):
            if n == line:
                return found.end()
        return None

    def _line_end(self, head: int) -> int:
        found = re.compile(LINE_BREAK).search(self.value, head)
        return found.start() if found else len(self.value)

    def _position(self, index: int) -> tuple[int, int]:
        """The (line, column) of `index` in the file; a line break gives its line only."""
        starts = line_starts(self.text)
        line = bisect_right(starts, index)
        if self.text[index : index + 1] in ("\n", "\r", ""):
            return line, 0
        return line, index - starts[line - 1] + 1
