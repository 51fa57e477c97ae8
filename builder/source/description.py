"""Audio description of a local video: a description text track, a described version, or
the author's word that the video's own sound describes everything [WCAG 2.1 SC 1.2.5]."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

from ..diagnostics import Location
from .context import CourseContext
from .load import SourceDoc
from .paths import package_url, resolve_inside
from .schema import VideoSpec
from .spec_places import Broken
from .tracks import text_track
from .video import VIDEO_TYPES, VideoLink

_KEYS = ("descriptions", "described")


class Description(Struct, frozen=True):
    """A video's audio description in one language, as the page offers it."""

    descriptions: str | None = None
    described: str | None = None
    described_mime: str | None = None


def audio_description(
    spec: VideoSpec,
    link: VideoLink,
    lang: str,
    front: SourceDoc,
    location: Location,
    seen: dict[str, Path],
    ctx: CourseContext,
    broken: Broken,
) -> Description:
    """Check a video's audio description in one language; `seen`: the first language's track,
    `broken`: the front matter's values that were not read (none of them is missing)."""
    asked = [key for key in _KEYS if getattr(spec, key) is not None]
    read = all(broken.usable(("video", key)) for key in (*_KEYS, "described_audio"))
    if link.kind != "file":
        for key in asked:
            ctx.diagnostics.error(
                front.at(("video", key), key=True),
                "audio-description-unsupported",
                f"'{key}:' is for a video file in the course, not a {link.kind} video; "
                f"expected it removed: {_HOSTED.get(link.kind, _ELSEWHERE)}",
            )
        return Description()
    if not asked and not spec.described_audio and read:
        ctx.diagnostics.warning(
            location,
            "audio-description-missing",
            f"local video '{spec.url}' has no '{lang}' audio description; expected "
            f"'descriptions: media/<file>.{lang}.vtt' or 'described: media/<file>-described.mp4', "
            "or 'described_audio: true' when its sound already describes everything it shows "
            "(WCAG 2.1 SC 1.2.5)",
        )
    track = None
    if spec.descriptions is not None:
        track = _track(spec.descriptions, lang, front, seen, ctx)
    described, mime = None, None
    if spec.described is not None:
        described, mime = _described(spec.described, front, ctx)
    return Description(track, described, mime)


_ELSEWHERE = "its host's page handles audio description"
_HOSTED = {
    "youtube": "YouTube's player offers its own audio tracks; link a described version as a "
    "page link in the text",
    "vimeo": "Vimeo's player offers its own audio tracks; link a described version as a page "
    "link in the text",
    "link": "the linked page plays the video with its own player; link a described version as "
    "a page link in the text",
    "none": "the video has no address; describe it in the transcript",
}


def _track(
    ref: str, lang: str, front: SourceDoc, seen: dict[str, Path], ctx: CourseContext
) -> str | None:
    """The URL of a WebVTT description track in the page's language, or None if unusable."""
    first = ctx.languages[0]
    return text_track(
        ref,
        lang,
        front.at(("video", "descriptions")),
        seen,
        ctx,
        what="descriptions",
        reused=f"descriptions '{ref}' are the '{first}' descriptions; expected descriptions in "
        f"'{lang}'",
        not_webvtt=(
            "audio-description-format",
            f"descriptions '{ref}' do not start with 'WEBVTT'; expected a WebVTT file whose "
            "cues say what the video shows",
            False,
        ),
    )


def _described(ref: str, front: SourceDoc, ctx: CourseContext) -> tuple[str | None, str | None]:
    """The URL and type of the described version of a video, or (None, None) if unusable."""
    at = front.at(("video", "described"))
    mime = VIDEO_TYPES.get(Path(ref).suffix.lower())
    if mime is None:
        ctx.diagnostics.error(
            at,
            "audio-description-format",
            f"described version '{ref}' is not a web video; expected one of "
            f"{', '.join(sorted(VIDEO_TYPES))}",
        )
        return None, None
    path = resolve_inside(ctx.course_dir, ref, at, ctx.diagnostics, "described version")
    if path is None:
        return None, None
    ctx.media.add(path)
    return package_url(ctx.course_dir, path), mime
