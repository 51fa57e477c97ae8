"""What every check of one course shares: its folder, its languages and the collector."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct, field

from ..diagnostics import Diagnostics, relative_name
from ..model import Text
from .load import Loc, SourceDoc
from .parity import Counterpart, TextLines
from .schema_types import is_blank


class CourseContext(Struct):
    """What every check of one course needs: where it is, its languages, the collector."""

    course_dir: Path
    languages: tuple[str, ...]
    diagnostics: Diagnostics
    media: set[Path] = field(default_factory=set)
    counterparts: list[Counterpart] = field(default_factory=list)
    unread: set[str] = field(default_factory=set)
    """Values a later check of the course reads that could not be read ('pass_mark'): it is
    skipped, as it would only repeat their error."""
    compare: bool = True
    """False when `languages` are not the list course.yml declares (it could not be read) or a
    page is checked in the languages of its files alone: each language is then checked on its
    own, and nothing one lacks beside another is said (it would only follow from that)."""

    def name(self, path: Path) -> str:
        """How a file is named in diagnostics."""
        return relative_name(path, self.course_dir)

    def text(self, value: Any, doc: SourceDoc, loc: Loc, what: str) -> Text:
        """Resolve a text or language map to every declared language, reporting gaps."""
        if isinstance(value, str):
            if self.compare and len(self.languages) > 1:
                self.diagnostics.error(
                    doc.at(loc),
                    "missing-translation",
                    f"{what} is plain text in a course declared in "
                    f"{', '.join(self.languages)}; expected a language map "
                    f"{{{', '.join(f'{lang}: ...' for lang in self.languages)}}}",
                )
            if is_blank(value):
                self.diagnostics.error(doc.at(loc), "blank-text", f"{what} is blank; expected text")
            return dict.fromkeys(self.languages, value)
        mapping = {str(k): str(v) for k, v in dict(value).items()}
        for lang in mapping if self.compare else ():
            if lang not in self.languages:
                self.diagnostics.warning(
                    doc.at((*loc, lang), key=True),
                    "undeclared-language",
                    f"{what} has text in '{lang}', which the course does not declare "
                    f"(declared: {', '.join(self.languages)})",
                )
        for lang in self.languages if self.compare else mapping:
            if is_blank(mapping.get(lang, "")):
                self.diagnostics.error(
                    doc.at(loc),
                    "missing-translation",
                    f"{what} has no '{lang}' text; expected '{lang}: ...' beside "
                    f"{', '.join(k for k in mapping if k != lang) or 'the other languages'}",
                )
        self._remember_lines(doc, loc, what)
        fallback = next(
            (mapping[k] for k in self.languages if not is_blank(mapping.get(k, ""))), ""
        )
        return {lang: mapping.get(lang) or fallback for lang in self.languages}

    def _remember_lines(self, doc: SourceDoc, loc: Loc, what: str) -> None:
        """Where each language's text starts, for the stale-translation check after reading."""
        keys = [(*loc, lang) for lang in self.languages]
        if len(keys) < 2 or not self.compare or not doc.parsed:
            return
        if any(key not in doc.key_marks for key in keys):
            return
        starts = tuple(
            (lang, doc.key_marks[key][0] + doc.line_offset, doc.key_marks[key][1])
            for lang, key in zip(self.languages, keys, strict=True)
        )
        self.counterparts.append(TextLines(self.course_dir.parent / doc.file, what, starts))
