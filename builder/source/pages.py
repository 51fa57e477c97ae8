"""Page modules: one Markdown file per language, with its video, captions and transcript."""

from __future__ import annotations

import os
from pathlib import Path

from msgspec import Struct, field
from msgspec.structs import replace

from ..diagnostics import Location
from ..model import Attachment, Page, Text
from .attachments import check_block_parity, load_attachments
from .context import CourseContext
from .load import SourceDoc, read_text, split_front_matter
from .markdown import render_markdown
from .page_video import VideoSource, page_video
from .parity import check_transcripts
from .paths import locate_source, resolve_inside
from .schema import PageFront, VideoSpec, salvage_spec
from .schema_types import is_blank
from .spec_check import struct_fields
from .spec_places import Broken


class _Parts(Struct, frozen=True):
    """What a page's language files gave, language by language, as they are read."""

    titles: Text = field(default_factory=dict)
    bodies: Text = field(default_factory=dict)
    transcripts: Text = field(default_factory=dict)
    videos: dict[str, VideoSource] = field(default_factory=dict)
    transcript_at: dict[str, Location] = field(default_factory=dict)
    transcript_files: dict[str, Path] = field(default_factory=dict)
    attachments: dict[str, tuple[Attachment, ...]] = field(default_factory=dict)
    empty: dict[str, str] = field(default_factory=dict)
    unread: dict[str, set[str]] = field(default_factory=dict)
    """Per front matter key, the languages whose value could not be read (said already)."""


def load_page(name: str, listed_at: Location, ctx: CourseContext) -> Page | None:
    """Read and check one page module in every language: text, video, transcript, parity."""
    if not ctx.compare and len(ctx.languages) > 1:
        _each_language_alone(name, listed_at, ctx)
        return None
    parts = _Parts()
    files = {lang: ctx.course_dir / "modules" / f"{name}.{lang}.md" for lang in ctx.languages}
    for lang in ctx.languages:
        _read_language(name, lang, files, listed_at, ctx, parts)
    if len(parts.titles) != len(ctx.languages):
        _videos_alone(name, parts, ctx)
        return None
    # A key that could not be read in one language is compared with no other language's.
    unread = parts.unread
    _check_empty(name, files, parts.empty, ctx)
    names = {lang: ctx.name(path) for lang, path in files.items()}
    attached = {} if "attachments" in unread else parts.attachments
    check_block_parity(name, parts.bodies, attached, names, ctx)
    video = page_video(name, parts.videos, parts.titles, ctx, unread.get("video", set()))
    if "transcript" not in unread:
        check_transcripts(
            name,
            parts.transcript_at,
            parts.transcript_files,
            {lang: ctx.name(files[lang]) for lang in ctx.languages},
            ctx.diagnostics,
        )
    first = ctx.languages[0]
    if first in parts.transcript_files:
        ctx.counterparts += [
            (path, parts.transcript_files[first])
            for lang, path in parts.transcript_files.items()
            if lang != first
        ]
    if unread:
        return None
    if video is not None and not parts.transcript_at:
        ctx.diagnostics.warning(
            listed_at,
            "video-no-transcript",
            f"module '{name}' has a video but no transcript; expected 'transcript:' "
            "(a transcript is needed for WCAG 2.1 AA)",
        )
    attachments = parts.attachments if any(parts.attachments.values()) else None
    return Page(name, parts.titles, parts.bodies, video, parts.transcripts or None, attachments)


def _videos_alone(name: str, parts: _Parts, ctx: CourseContext) -> None:
    """Check the video of each language read on its own, a language's file being unread (said
    already): its link and tracks do not depend on the other files; what compares them waits."""
    for lang, source in parts.videos.items():
        alone = replace(ctx, languages=(lang,), compare=False)
        unread = parts.unread.get("video", set()) & {lang}
        page_video(name, {lang: source}, {lang: parts.titles[lang]}, alone, unread)


def _each_language_alone(name: str, listed_at: Location, ctx: CourseContext) -> None:
    """Check each language's file of a page on its own, those that are there (the first
    language's when none is): nothing compared between them, no file said to be missing."""
    folder = ctx.course_dir / "modules"
    there = [lang for lang in ctx.languages if os.path.lexists(folder / f"{name}.{lang}.md")]
    for lang in there or ctx.languages[:1]:
        load_page(name, listed_at, replace(ctx, languages=(lang,)))


def _read_language(
    name: str,
    lang: str,
    files: dict[str, Path],
    listed_at: Location,
    ctx: CourseContext,
    parts: _Parts,
) -> None:
    """Read one language's file of a page into `parts`; diagnostics for what is wrong with it."""
    first = ctx.languages[0]
    path = files[lang]
    found = locate_source(
        ctx.course_dir, f"modules/{name}.{lang}.md", "module file", ctx.diagnostics
    )
    if lang != first and found.path is not None:
        ctx.counterparts.append((path, files[first]))
    if found.missing:
        ctx.diagnostics.error(
            listed_at,
            "missing-translation" if lang != first else "file-not-found",
            f"module '{name}' has no '{lang}' file; expected {ctx.name(path)}",
        )
        return
    if found.path is None:
        return
    where = ctx.name(path)
    text = read_text(path, where, ctx.diagnostics)
    if text is None:
        return
    md = split_front_matter(text, where, ctx.diagnostics)
    if md.body is None:
        return
    # Salvaged: a key in error leaves the other keys, and the body, to check; front matter
    # that is not YAML is read as no mapping at all (each of its keys unread).
    front, problems, broken = (
        salvage_spec(PageFront, md.front) if md.front.parsed else (None, [], Broken())
    )
    ctx.diagnostics.extend(problems)
    rendered = render_markdown(md.body, where, md.body_line, ctx.course_dir, ctx.diagnostics, lang)
    ctx.media.update(rendered.media)
    parts.bodies[lang] = rendered.html
    if is_blank(md.body):
        parts.empty[lang] = where
    _front_parts(lang, md.front, front, broken, ctx, parts)


def _front_parts(
    lang: str,
    doc: SourceDoc,
    front: PageFront | None,
    broken: Broken,
    ctx: CourseContext,
    parts: _Parts,
) -> None:
    """What one language's front matter gives, but the values that could not be read."""
    for key in struct_fields(PageFront):
        if front is None or not broken.intact((key,)):
            parts.unread.setdefault(key, set()).add(lang)
    parts.titles[lang] = front.title if front is not None and broken.usable(("title",)) else ""
    if front is None:
        return
    video = front.video  # (None when it could not be read at all)
    titles: tuple[tuple[tuple[str, ...], str | None], ...] = (
        (("title",), parts.titles[lang]),
        (("video", "title"), _video_title(video)),
    )
    for place, title in titles:
        if title is not None and is_blank(title) and broken.usable(place):
            ctx.diagnostics.error(
                doc.at(place),
                "blank-title",
                f"{'.'.join(place)} is blank; expected a title in '{lang}' (screen readers "
                "announce it)",
            )
    if front.transcript is not None and broken.usable(("transcript",)):
        parts.transcript_at[lang] = doc.at(("transcript",))
        loaded = _load_transcript(front.transcript, lang, parts.transcript_at[lang], ctx)
        if loaded is not None:
            parts.transcripts[lang], parts.transcript_files[lang] = loaded
    if video is not None:
        parts.videos[lang] = VideoSource(video, doc.at(("video",)), doc, broken)
    parts.attachments[lang] = load_attachments(front.attachments, doc, ctx, broken)


def _check_empty(
    name: str, files: dict[str, Path], empty: dict[str, str], ctx: CourseContext
) -> None:
    """A page with text in some languages needs it in all of them."""
    for lang, where in empty.items():
        if len(empty) < len(ctx.languages):
            other = next(ctx.name(files[k]) for k in ctx.languages if k not in empty)
            ctx.diagnostics.error(
                Location(where, 1, 1),
                "missing-translation",
                f"module '{name}' has a title but no text in '{lang}'; expected the '{lang}' "
                f"text of {other}",
            )


def _load_transcript(
    ref: str, lang: str, location: Location, ctx: CourseContext
) -> tuple[str, Path] | None:
    path = resolve_inside(ctx.course_dir, ref, location, ctx.diagnostics, "transcript")
    if path is None:
        return None
    where = ctx.name(path)
    text = read_text(path, where, ctx.diagnostics)
    if text is None:
        return None
    md = split_front_matter(text, where, ctx.diagnostics)
    if md.body is None:
        return None
    if is_blank(md.body):
        ctx.diagnostics.error(
            Location(where, 1, 1),
            "transcript-empty",
            f"transcript '{ref}' is empty; expected the full text of the video",
        )
        return None
    rendered = render_markdown(md.body, where, md.body_line, ctx.course_dir, ctx.diagnostics, lang)
    ctx.media.update(rendered.media)
    return rendered.html, path


def _video_title(video: VideoSpec | None) -> str | None:
    return video.title if video is not None else None
