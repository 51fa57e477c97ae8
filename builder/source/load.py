"""Load stage: read YAML and Markdown sources, keeping the line of every value."""

from __future__ import annotations

import re
import sys
import unicodedata
from itertools import chain
from pathlib import Path
from typing import Any

import yaml
from msgspec import Struct, field

from ..diagnostics import Diagnostics, Location
from .encoding import report_not_utf8
from .files import MAX_SOURCE_BYTES
from .yaml_limits import TOO_DEEP, screen, too_deep

Loc = tuple[str | int, ...]

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# What XML 1.0 Char leaves out: the controls but tab, LF and CR, the surrogates, U+FFFE and
# U+FFFF [XML 1.0 §2.2]. Every text value can end up in an XML manifest or course structure.
# Listed rather than written as Char negated: that class took Python 10 ms to compile.
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# YAML 1.1 reads NEL, LS and PS as line breaks, so PyYAML moves every later line, ends a plain
# text or a comment there. YAML 1.2 reads them as text, as editors show them, and asks a processor
# reading a YAML 1.1 document to do the same, with a warning [YAML 1.2 §5.4].
_UNICODE_BREAKS = {
    "\x85": "NEXT LINE (NEL)",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
}
_UNICODE_BREAK = "[\x85\u2028\u2029]"  # compiled by `re` at its first use, if ever


class SourceDoc(Struct, frozen=True):
    """A parsed YAML document: plain data plus the position of every value and key."""

    file: str
    data: Any
    value_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0
    parsed: bool = True
    text: str = ""
    """The YAML as written, to place diagnostics inside a value (a Markdown `|` block)."""

    def at(self, loc: Loc, key: bool = False) -> Location:
        """The location of the value (or key) at `loc`, falling back to its nearest parent."""
        marks = self.key_marks if key else self.value_marks
        probe = tuple(loc)
        while probe:
            if probe in marks:
                line, col = marks[probe]
                return Location(self.file, line + self.line_offset, col)
            if not key and probe in self.key_marks:
                line, col = self.key_marks[probe]
                return Location(self.file, line + self.line_offset, col)
            probe = probe[:-1]
        line, col = self.value_marks.get((), (1, 1))
        return Location(self.file, line + self.line_offset, col)


class MarkdownDoc(Struct, frozen=True):
    """A Markdown file split into its front matter and its body."""

    file: str
    front: SourceDoc
    body: str | None
    """None when the front matter is not closed: where the body starts is unknown."""
    body_line: int


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _walk(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    loc: Loc,
    doc_values: dict[Loc, tuple[int, int]],
    doc_keys: dict[Loc, tuple[int, int]],
    where: str,
    diagnostics: Diagnostics,
    offset: int,
) -> Any:
    doc_values[loc] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        if node.flow_style and any(_keyless(k, v) for k, v in node.value):
            line, col = _mark(node)
            diagnostics.trap(Location(where, line + offset, col), _COMMA_HINT)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = (
                _scalar(loader, key_node, where, diagnostics, offset)
                if isinstance(key_node, yaml.ScalarNode)
                else loader.construct_object(key_node, deep=True)
            )
            if not isinstance(key, str | int | bool) or isinstance(key, bool):
                key = str(key)
            if key in result:
                line, col = _mark(key_node)
                diagnostics.error(
                    Location(where, line + offset, col),
                    "yaml-duplicate-key",
                    f"key '{key}' appears twice in the same mapping; expected each key once",
                )
            doc_keys[(*loc, key)] = _mark(key_node)
            result[key] = _walk(
                loader, value_node, (*loc, key), doc_values, doc_keys, where, diagnostics, offset
            )
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _walk(loader, item, (*loc, i), doc_values, doc_keys, where, diagnostics, offset)
            for i, item in enumerate(node.value)
        ]
    return _scalar(loader, node, where, diagnostics, offset)


def _scalar(
    loader: yaml.SafeLoader, node: yaml.Node, where: str, diagnostics: Diagnostics, offset: int
) -> Any:
    """A scalar's value; one no course can use (binary data, characters XML cannot carry, a
    number Python will not read) is a diagnostic at its place."""
    line, col = _mark(node)
    at = Location(where, line + offset, col)
    try:
        # Most scalars are text, which PyYAML constructs as the node's value: asked directly.
        value = node.value if node.tag == _TEXT else loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:
        text = str(node.value)
        if node.tag.endswith(":int"):
            digits = sum(c.isdigit() for c in text)
            diagnostics.error(
                at,
                "bad-number",
                f"number with {digits} digits; expected at most "
                f"{sys.get_int_max_str_digits() or digits - 1} digits",
            )
        else:
            shown = f"{text[:40]}…" if len(text) > 40 else text
            diagnostics.error(
                at,
                "bad-value",
                f"'{shown}' cannot be read ({exc}); expected a valid value, or quotes to make it "
                "text",
            )
        return None
    if (hint := _trap_hint(node, value)) is not None:
        diagnostics.trap(at, hint)
    if isinstance(value, bytes):
        diagnostics.error(
            at, "yaml-binary", "'!!binary' data is not allowed in course sources; expected text"
        )
        return None
    if isinstance(value, str) and (bad := _NOT_XML_CHAR.search(value)):
        diagnostics.error(
            at,
            "bad-character",
            f"text contains U+{ord(bad.group()):04X}, a character XML 1.0 cannot carry; "
            "expected printable text",
        )
    return value


_TEXT = "tag:yaml.org,2002:str"
_COMMA_HINT = (
    "a comma inside {...} starts a new entry; put text that holds a comma in quotes, "
    'such as {en: "Before posting, ask.", fr: "Avant de publier, demandez."}'
)
_BOOLEAN_WORDS = frozenset({"true", "false", "yes", "no", "on", "off"})


def _keyless(key: yaml.Node, value: yaml.Node) -> bool:
    """True for a plain flow-map entry with no value: text cut off by a comma [YAML 1.1 §7.4]."""
    return (
        isinstance(key, yaml.ScalarNode)
        and not key.style
        and isinstance(value, yaml.ScalarNode)
        and value.tag.endswith(":null")
        and value.value == ""
    )


def _trap_hint(node: yaml.Node, value: Any) -> str | None:
    """What to write instead of a scalar YAML reads other than most authors expect."""
    text = str(node.value)
    style = node.style if isinstance(node, yaml.ScalarNode) else None
    if not style and isinstance(value, int | float) and ":" in text:
        # YAML 1.1 reads 3:32 as a base-60 number, 212 [YAML 1.1 types: int, float "sexagesimal"].
        return f'without quotes, {text} is the base-60 number {value}; write "{text}"'
    if style in ("'", '"') and text.lower() in _BOOLEAN_WORDS:
        return f"in quotes, '{text}' is text; write {text.lower()} without quotes for true/false"
    return None


def parse_yaml(text: str, where: str, diagnostics: Diagnostics, line_offset: int = 0) -> SourceDoc:
    """Parse one YAML document; syntax errors become diagnostics and an empty document."""
    stand_ins, read = None, text
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        stand_ins = _StandIns(text)
        read = stand_ins.text
        _warn_unicode_breaks(text, where, diagnostics, line_offset)
    loader = _Loader(read)
    try:
        # Without a `*`, a document holds no alias: libyaml's composer, which stops at 1,000
        # levels, builds the nodes safely and their depth is checked on them; one parse, not two.
        screened = _Loader is yaml.SafeLoader or "*" in read
        if screened and not screen(read, where, diagnostics, line_offset, _Loader):
            return SourceDoc(where, None, {}, {}, line_offset, parsed=False)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError:
            # libyaml refuses 1,000 levels as a syntax error: the screen says "too deep" first
            if not screened and not screen(read, where, diagnostics, line_offset, _Loader):
                return SourceDoc(where, None, {}, {}, line_offset, parsed=False)
            raise
        if node is not None and (deep := too_deep(node)) is not None:
            line, col = _mark(deep)
            diagnostics.error(Location(where, line + line_offset, col), *TOO_DEEP)
            return SourceDoc(where, None, {}, {}, line_offset, parsed=False)
        values: dict[Loc, tuple[int, int]] = {}
        keys: dict[Loc, tuple[int, int]] = {}
        data = (
            None
            if node is None
            else _walk(loader, node, (), values, keys, where, diagnostics, line_offset)
        )
        if stand_ins is not None:
            data = stand_ins.restored(data)
            values, keys = stand_ins.restored_marks(values), stand_ins.restored_marks(keys)
        return SourceDoc(where, data, values, keys, line_offset, text=text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + line_offset) if mark else 0
        col = (mark.column + 1) if mark else 0
        problem = exc.problem or "invalid YAML"
        context = ""
        if exc.context:
            started = exc.context_mark
            since = f" started at line {started.line + 1 + line_offset}" if started else ""
            context = f" ({exc.context}{since})"
        diagnostics.error(
            Location(where, line, col),
            "yaml-syntax",
            f"YAML syntax error: {problem}{context}",
            "check indentation and quote values that contain ':' or '#'",
        )
    except yaml.reader.ReaderError as exc:
        _unreadable_character(text, exc, where, diagnostics, line_offset)
    except yaml.YAMLError as exc:
        diagnostics.error(Location(where, 1, 1), "yaml-syntax", f"YAML error: {exc}")
    finally:
        loader.dispose()
    return SourceDoc(where, None, {}, {}, line_offset, parsed=False)


class _StandIns:
    """NEL, LS and PS replaced by private-use characters the text does not hold, one character
    for one (every line and column stays), so that PyYAML reads them as text; then put back."""

    def __init__(self, text: str) -> None:
        used = set(text)
        private = chain(range(0xE000, 0xF900), range(0xF0000, 0xFFFFE))
        free = (chr(code) for code in private if chr(code) not in used)
        self._pairs = [(char, next(free)) for char in _UNICODE_BREAKS]
        for char, stand_in in self._pairs:  # str.replace: str.translate is 20 times slower
            text = text.replace(char, stand_in)
        self.text = text
        self.keys_changed = False

    def restored(self, data: Any) -> Any:
        """`data` as written: each stand-in turned back into its character."""
        if isinstance(data, str):
            if not data.isascii():
                for char, stand_in in self._pairs:
                    data = data.replace(stand_in, char)
            return data
        if isinstance(data, list):
            return [self.restored(item) for item in data]
        if isinstance(data, dict):
            result = {self.restored(k): self.restored(v) for k, v in data.items()}
            self.keys_changed = self.keys_changed or result.keys() != data.keys()
            return result
        return data

    def restored_marks(self, marks: dict[Loc, tuple[int, int]]) -> dict[Loc, tuple[int, int]]:
        """`marks` under the keys as written (the same, unless a key held a stand-in)."""
        if not self.keys_changed:
            return marks
        return {tuple(map(self.restored, loc)): mark for loc, mark in marks.items()}


def _warn_unicode_breaks(text: str, where: str, diagnostics: Diagnostics, offset: int) -> None:
    """A warning at each NEL, LS and PS: read as text, where YAML 1.1 tools break the line."""
    line, line_start, counted = 1 + offset, 0, 0
    for found in re.finditer(_UNICODE_BREAK, text):
        at = found.start()
        breaks = text.count("\n", counted, at)
        if breaks:
            line, line_start = line + breaks, text.rfind("\n", counted, at) + 1
        counted = at
        char = found.group()
        diagnostics.warning(
            Location(where, line, at - line_start + 1),
            "unicode-line-break",
            f"U+{ord(char):04X} {_UNICODE_BREAKS[char]} is read as text, not as a line break, as "
            "YAML 1.2 reads it and editors show it (YAML 1.1 tools start a new line here); "
            "expected a space or a new line",
        )


def _unreadable_character(
    text: str, exc: yaml.reader.ReaderError, where: str, diagnostics: Diagnostics, offset: int
) -> None:
    """A character YAML refuses [YAML 1.1 §5.1], at its line and column (the C reader gives
    only a byte offset, so the character is looked for: the reader stops at its first one)."""
    char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
    index = max(text.find(char), 0)
    line = text.count("\n", 0, index) + 1 + offset
    col = index - text.rfind("\n", 0, index)
    kind = "control character" if unicodedata.category(char) == "Cc" else "character"
    diagnostics.error(
        Location(where, line, col),
        "yaml-syntax",
        f"YAML syntax error: {kind} U+{ord(char):04X} is not allowed; expected printable text",
    )


def read_text(path: Path, where: str, diagnostics: Diagnostics) -> str | None:
    """Read a UTF-8 text file, reporting unreadable, over-large or non-UTF-8 files."""
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            diagnostics.error(
                Location(where),
                "file-too-large",
                f"file is {size:,} bytes, over the {MAX_SOURCE_BYTES:,}-byte limit for a course "
                "source; expected a smaller file (split long pages)",
            )
            return None
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        report_not_utf8(path, where, diagnostics)
    except OSError as exc:
        diagnostics.error(Location(where), "file-unreadable", f"cannot read file: {exc.strerror}")
    return None


def split_front_matter(text: str, where: str, diagnostics: Diagnostics) -> MarkdownDoc:
    """Split `---` front matter from a Markdown body, keeping line numbers."""
    # Lines end at line feeds only, as editors show them (not at U+2028 and the like, as
    # str.splitlines would); files are read with universal newlines, so there is no \r.
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return MarkdownDoc(where, SourceDoc(where, {}), text, 1)
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            front = parse_yaml("".join(f"{line}\n" for line in lines[1:end]), where, diagnostics, 1)
            return MarkdownDoc(where, front, "\n".join(lines[end + 1 :]), end + 2)
    diagnostics.error(
        Location(where, 1, 1),
        "front-matter-unclosed",
        "front matter starts with '---' but has no closing '---' line",
    )
    return MarkdownDoc(where, SourceDoc(where, None, parsed=False), None, len(lines) + 1)
