"""A page's video in every language: its link, captions and audio description, each checked
as far as its `video:` mapping could be read."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

from ..diagnostics import Location
from ..model import Text, Video
from .context import CourseContext
from .description import audio_description
from .load import SourceDoc
from .schema import VideoSpec
from .spec_places import Broken
from .tracks import text_track
from .video import classify_video, parse_duration


class VideoSource(Struct, frozen=True):
    """One language's `video:` as salvaged: `broken` says which of its values were not read."""

    spec: VideoSpec
    location: Location
    front: SourceDoc
    broken: Broken


class _Seen(Struct, frozen=True):
    """Each language's captions and description tracks so far (translations must differ)."""

    captions: dict[str, Path]
    descriptions: dict[str, Path]


def page_video(
    name: str,
    videos: dict[str, VideoSource],
    titles: Text,
    ctx: CourseContext,
    unread: set[str],
) -> dict[str, Video] | None:
    """The page's video in every language; a language without its own inherits the first's.
    `unread`: the languages whose `video:` could not be read whole (None then: not built)."""
    if not videos:
        return None
    first = ctx.languages[0]
    if first not in videos and first not in unread:
        lang = next(iter(videos))
        ctx.diagnostics.error(
            videos[lang].location,
            "missing-translation",
            f"module '{name}' has a video in '{lang}' but not in '{first}'",
        )
        return None
    result: dict[str, Video] = {}
    seen = _Seen({}, {})
    for lang in ctx.languages:
        if lang not in videos and (lang in unread or first not in videos):
            continue
        source = videos.get(lang) or videos[first]
        if lang not in videos and _borrows_language(name, lang, source, ctx):
            continue
        video = _language_video(name, lang, source, titles[lang], seen, ctx)
        if video is not None:
            result[lang] = video
    return result if len(result) == len(ctx.languages) else None


def _language_video(
    name: str, lang: str, source: VideoSource, title: str, seen: _Seen, ctx: CourseContext
) -> Video | None:
    """One language's video, checked as far as it was read; None when it is not usable."""
    spec, location, broken = source.spec, source.location, source.broken
    # A url that was not read says nothing of the video's kind: what depends on it waits.
    link = None
    if broken.usable(("video", "url")):
        link = classify_video(spec.url, ctx.course_dir, location, ctx.diagnostics)
    if link is not None and link.file is not None:
        ctx.media.add(link.file)
    captions = None
    if spec.captions is not None:
        captions = _captions(name, lang, spec.captions, source.front, seen.captions, ctx)
    elif link is not None and link.kind == "file" and broken.usable(("video", "captions")):
        ctx.diagnostics.error(
            location,
            "captions-missing",
            f"local video '{spec.url}' has no '{lang}' captions; expected "
            f"'captions: media/<file>.{lang}.vtt' (WCAG 2.1 AA needs captions)",
        )
    if link is None:
        return None
    front = source.front
    ad = audio_description(spec, link, lang, front, location, seen.descriptions, ctx, broken)
    if not broken.intact(("video",)):
        return None
    return Video(
        kind=link.kind,  # type: ignore[arg-type]
        embed_url=link.embed_url,
        page_url=link.page_url,
        title=spec.title or title,
        duration_seconds=parse_duration(spec.duration) if spec.duration else None,
        captions=captions,
        mime_type=link.mime_type,
        descriptions=ad.descriptions,
        described=ad.described,
        described_mime=ad.described_mime,
    )


def _borrows_language(name: str, lang: str, source: VideoSource, ctx: CourseContext) -> bool:
    """Report a language without its own `video:` borrowing one with text in the first's."""
    spec = source.spec
    leaks = [w for w in ("captions", "descriptions", "described", "title") if getattr(spec, w)]
    if not leaks:
        return False
    module = ctx.name(ctx.course_dir / "modules" / f"{name}.{lang}.md")
    what = " and ".join([", ".join(leaks[:-1]), leaks[-1]] if len(leaks) > 1 else leaks)
    ctx.diagnostics.error(
        source.location,
        "missing-translation",
        f"module '{name}' has a video with {what} in '{ctx.languages[0]}' but no "
        f"'video:' in {module}; expected the video's '{lang}' {what}",
    )
    return True


def _captions(
    name: str,
    lang: str,
    ref: str,
    front: SourceDoc,
    caption_files: dict[str, Path],
    ctx: CourseContext,
) -> str | None:
    """The URL of a video's captions in one language, or None when they are unusable."""
    first = ctx.languages[0]
    return text_track(
        ref,
        lang,
        front.at(("video", "captions")),
        caption_files,
        ctx,
        what="captions",
        reused=f"captions '{ref}' of module '{name}' are its '{first}' captions; "
        f"expected captions in '{lang}'",
        not_webvtt=(
            "captions-format",
            "captions file does not start with 'WEBVTT'; expected a WebVTT file",
            True,
        ),
    )
