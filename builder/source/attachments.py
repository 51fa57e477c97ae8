"""A page's attachments (PDF job aids...): files checked, packaged and described; and the parity
of its attachments and `:::` blocks between languages."""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Sequence

from ..diagnostics import Location
from ..model import Attachment
from .context import CourseContext
from .load import SourceDoc
from .paths import package_url, resolve_inside
from .schema import AttachmentSpec
from .schema_types import is_blank
from .spec_places import Broken

_BLOCK_RE = re.compile(
    r'<(?:aside class="cb-callout cb-callout-(\w+)"|details class="cb-(details)")'
)


def load_attachments(
    specs: Sequence[AttachmentSpec], front: SourceDoc, ctx: CourseContext, broken: Broken
) -> tuple[Attachment, ...]:
    """Each attachment's file, found inside the course and packaged, with its kind and size;
    those with a value that could not be read (`broken`, said already) are left out."""
    found: list[Attachment] = []
    for index, spec in enumerate(specs):
        if not broken.intact(("attachments", index)):
            continue
        # (a page checked in one language alone, or languages not read: no list to hold it to)
        if ctx.compare and spec.language not in ctx.languages:
            ctx.diagnostics.error(
                front.at(("attachments", index, "language")),
                "attachment-language",
                f"attachment '{spec.title[:40]}' is in '{spec.language}', which the course does "
                f"not declare; expected one of {', '.join(ctx.languages)}",
            )
        if is_blank(spec.title):
            ctx.diagnostics.error(
                front.at(("attachments", index, "title")),
                "blank-text",
                f"attachments[{index}].title is blank; expected what the link says",
            )
        where = front.at(("attachments", index, "file"))
        path = resolve_inside(ctx.course_dir, spec.file, where, ctx.diagnostics, "attachment")
        if path is None:
            continue
        ctx.media.add(path)
        mime, _ = mimetypes.guess_type(path.name)
        found.append(
            Attachment(
                url=package_url(ctx.course_dir, path),
                title=spec.title,
                language=spec.language,
                kind=(path.suffix[1:] or "file").upper(),
                size=path.stat().st_size,
                mime_type=mime or "application/octet-stream",
            )
        )
    return tuple(found)


def check_block_parity(
    name: str,
    bodies: dict[str, str],
    attachments: dict[str, tuple[Attachment, ...]],
    files: dict[str, str],
    ctx: CourseContext,
) -> None:
    """Callouts, accordions and attachments: as many in each language as in the first."""
    first = ctx.languages[0]
    counts = {lang: _counts(bodies.get(lang, ""), attachments.get(lang, ())) for lang in bodies}
    for lang in ctx.languages[1:]:
        if lang not in counts or first not in counts:
            continue
        for what in sorted(set(counts[first]) | set(counts[lang])):
            have, want = counts[lang].get(what, 0), counts[first].get(what, 0)
            if have != want:
                ctx.diagnostics.warning(
                    Location(files[lang], 1, 1),
                    "block-parity",
                    f"module '{name}' has {want} {what}(s) in '{first}' but {have} in '{lang}'; "
                    f"expected the same in both, each translated",
                )


def _counts(html: str, attachments: tuple[Attachment, ...]) -> dict[str, int]:
    counts: dict[str, int] = {"attachment": len(attachments)} if attachments else {}
    for match in _BLOCK_RE.finditer(html):
        what = f"{match.group(1) or match.group(2)} block"
        counts[what] = counts.get(what, 0) + 1
    return counts
