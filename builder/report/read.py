"""Statements from a file or stdin, streamed: a JSON array or JSON lines, told apart by the
first character (docs/report.md, Input).

Nothing holds every statement: JSON lines are parsed one line at a time and an array one item
at a time (array_where). Voiding needs the ids voided before the statements they void may have been
read, so a first cheap pass looks for the voided verb's IRI in the raw bytes and, only when it
occurs, reads the voiding statements' targets; stdin is spooled to a temporary file first.
"""

from __future__ import annotations

import codecs
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..standards.xapi import ADL_VERB
from .array_where import Unreadable, items

VOIDED = f"{ADL_VERB}voided"
_VOIDED_BYTES = VOIDED.encode()
CHUNK = 1 << 20
BOM = codecs.BOM_UTF8
# The byte order marks of other encodings, UTF-32's first (its little-endian mark starts as
# UTF-16's does), and without a mark, where the first two characters' zero bytes fall when they
# are ASCII, as JSON's are [RFC 4627 §3].
_WIDE_MARKS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_WIDE_WITHOUT_MARK: dict[tuple[bool, ...], str] = {
    (True, True, True, False): "UTF-32",
    (False, True, True, True): "UTF-32",
    (True, False, True, False): "UTF-16",
    (False, True, False, True): "UTF-16",
}

MALFORMED = object()
"""What a line that is not JSON reads as: skipped and counted."""


class InputError(Exception):
    """The statements cannot be read (a message for the user; no report is written), said at
    ``where``: a file's line and column, or the command."""

    def __init__(self, message: str, where: str = "coursebuild") -> None:
        super().__init__(message)
        self.where = where


@contextmanager
def spooled(stream: IO[bytes]) -> Iterator[Path]:
    """A temporary file holding all of ``stream`` (stdin), removed afterwards."""
    with tempfile.NamedTemporaryFile(prefix="coursebuild-report-", suffix=".json") as spool:
        shutil.copyfileobj(stream, spool, CHUNK)
        spool.flush()
        yield Path(spool.name)


def _is_array(path: Path, name: str) -> bool:
    """Whether the file is a JSON array (else JSON lines), once its encoding is checked."""
    with path.open("rb") as stream:
        head = stream.read(4)
        _check_encoding(head, name)
        chunk = head.removeprefix(BOM) + stream.read(4096)
        while chunk:
            stripped = chunk.lstrip(b" \t\r\n")
            if stripped:
                return stripped.startswith(b"[")
            chunk = stream.read(4096)
    return False


def _check_encoding(head: bytes, name: str) -> None:
    """Refuse UTF-16 and UTF-32: JSON exchanged between systems is UTF-8 [RFC 8259 §8.1]. Read
    as bytes, such a file would be lines of garbage, and a voiding statement in it unseen."""
    found = next((code for mark, code in _WIDE_MARKS if head.startswith(mark)), None)
    if found is None and len(head) == 4:
        found = _WIDE_WITHOUT_MARK.get(tuple(byte == 0 for byte in head))
    if found is not None:
        raise InputError(
            f"{name} is {found} (its first bytes are {head.hex(' ').upper()}); expected UTF-8 "
            "[RFC 8259 §8.1]: save it as UTF-8 (PowerShell: Out-File -Encoding utf8)"
        )


def _mentions_voided(path: Path) -> bool:
    tail = b""
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            if _VOIDED_BYTES in tail + chunk:
                return True
            tail = chunk[-len(_VOIDED_BYTES) :]
    return False


def statements(path: Path, name: str) -> Iterator[Any]:
    """Every item of the file, parsed; ``MALFORMED`` for a JSON line that is not JSON."""
    if _is_array(path, name):
        yield from _array(path, name)
        return
    with path.open("rb") as stream:
        loads, decode = json.loads, json.JSONDecoder().decode
        for line in stream:
            if line.isspace():
                continue
            # A line is a document of its own, decoded whole in bounded memory, and no limit is
            # checked: counting the brackets of every line would cost 5 % of the whole pass.
            try:
                # A line of UTF-8 parsed as json.loads would, without its check of the encoding
                yield decode(line.decode())
            except RecursionError:  # nested hundreds of levels deeper than any statement
                yield MALFORMED
            except ValueError:
                try:  # a BOM on the first line, or not JSON
                    yield loads(line)
                except (ValueError, RecursionError):
                    yield MALFORMED


def _array(path: Path, name: str) -> Iterator[Any]:
    with path.open("rb") as stream:
        try:
            yield from items(stream)  # a BOM is read past [RFC 8259 §8.1]
        except Unreadable as found:
            where = f"{name}:{found.problem.line}:{found.problem.column}"
            raise InputError(found.problem.message, where) from None


def voided_ids(path: Path, name: str) -> frozenset[str]:
    """The ids of the statements voided by a voiding statement anywhere in the file
    [xAPI 1.0.3 §2.3.2 Voided: verb voided, object a StatementRef]."""
    array = _is_array(path, name)
    if not _mentions_voided(path):
        return frozenset()
    found: set[str] = set()
    if array:
        items: Iterator[Any] = _array(path, name)
    else:
        items = _voiding_lines(path)
    for item in items:
        if not isinstance(item, dict):
            continue
        verb, target = item.get("verb"), item.get("object")
        if (
            isinstance(verb, dict)
            and verb.get("id") == VOIDED
            and isinstance(target, dict)
            and target.get("objectType") == "StatementRef"
            and isinstance(target.get("id"), str)
        ):
            found.add(target["id"])
    return frozenset(found)


def _voiding_lines(path: Path) -> Iterator[Any]:
    with path.open("rb") as stream:
        for line in stream:
            if _VOIDED_BYTES in line:
                try:
                    yield json.loads(line)
                except ValueError:
                    continue
