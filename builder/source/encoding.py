"""Where a course source stops being UTF-8, said at the line and column an editor shows."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..diagnostics import Diagnostics, Location

# The byte order marks of the encodings Windows editors offer besides UTF-8 ("Unicode").
_UTF16_32 = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
HINT = "save it as UTF-8 (in most editors: Save As, then the encoding UTF-8)"


def report_not_utf8(path: Path, where: str, diagnostics: Diagnostics) -> None:
    """Report a source that does not decode as UTF-8 at its first bad byte (`file-encoding`)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error(Location(where), "file-unreadable", f"cannot read file: {exc.strerror}")
        return
    for mark, name in _UTF16_32:
        if data.startswith(mark):
            diagnostics.error(
                Location(where, 1, 1),
                "file-encoding",
                f"file is {name} (it starts with {mark.hex(' ').upper()}); expected UTF-8 text",
                HINT,
            )
            return
    text = data.removeprefix(codecs.BOM_UTF8)
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = text[: exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line_start = before.rfind(b"\n") + 1
        line = before.count(b"\n") + 1
        column = len(before[line_start:].decode("utf-8")) + 1
        diagnostics.error(
            Location(where, line, column),
            "file-encoding",
            f"file is not valid UTF-8 (byte 0x{text[exc.start]:02X} at line {line}, column "
            f"{column}); expected UTF-8 text",
            HINT,
        )
