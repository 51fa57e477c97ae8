"""Video links: YouTube and Vimeo embeds, local files, link cards, or no address at all."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import SplitResult, parse_qs

from msgspec import Struct

from ..diagnostics import Diagnostics, Location
from .paths import package_url, resolve_inside, split_url

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
# What RFC 3986 §2 leaves out of a URL and browsers do not mend in a link: whitespace, quotes,
# angle brackets and the characters it calls unsafe.
_NOT_IN_URL = re.compile(r'[\s"<>\\^`{|}]')
VIDEO_TYPES = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg"}


class VideoLink(Struct, frozen=True):
    """What a video `url` turned out to be."""

    kind: str
    embed_url: str | None
    page_url: str | None
    file: Path | None = None
    mime_type: str | None = None


def parse_duration(text: str) -> int:
    """Seconds in `m:ss` or `h:mm:ss` (already checked against the pattern)."""
    seconds = 0
    for part in text.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds


def _youtube_id(host: str, path: str, query: str) -> str | None:
    if host == "youtu.be":
        candidate = path.strip("/").split("/")[0]
    elif host in _YOUTUBE_HOSTS:
        if path in ("/watch", "/watch/"):
            candidate = (parse_qs(query).get("v") or [""])[0]
        elif path.startswith(("/embed/", "/shorts/", "/live/")):
            candidate = path.split("/")[2]
        else:
            return None
    else:
        return None
    return candidate if _YOUTUBE_ID.match(candidate) else None


def classify_video(
    url: str | None, course_dir: Path, location: Location, diagnostics: Diagnostics
) -> VideoLink | None:
    """Turn an author's video link into what the page will show; None if it is unusable."""
    if url is None or not url.strip():
        return VideoLink("none", None, None)
    url = url.strip()
    parts = split_url(url)
    if parts is None:
        diagnostics.error(
            location,
            "video-unsupported",
            f"video link '{url}' is not a well-formed URL; expected a YouTube or Vimeo address "
            "or a video file in the course",
        )
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme in ("http", "https") and host:
        if (bad := _NOT_IN_URL.search(url)) is not None:
            diagnostics.error(
                location,
                "video-unsupported",
                f"video link '{url}' has {bad.group()!r}, which no URL holds; expected it "
                "percent-encoded (a space as %20) [RFC 3986 §2]",
            )
            return None
        return _web_video(url, parts, host, location, diagnostics)
    if scheme:
        diagnostics.error(
            location,
            "video-unsupported",
            f"video link '{url}' uses the '{scheme}:' scheme; expected a YouTube or Vimeo "
            "address, an https:// page, or a video file in the course",
        )
        return None
    return _file_video(url, parts.path, course_dir, location, diagnostics)


def _web_video(
    url: str, parts: SplitResult, host: str, location: Location, diagnostics: Diagnostics
) -> VideoLink | None:
    """A YouTube or Vimeo video to embed, or a page to link to."""
    if host == "youtu.be" or host in _YOUTUBE_HOSTS:
        video_id = _youtube_id(host, parts.path, parts.query)
        if video_id is None:
            diagnostics.error(
                location,
                "video-unsupported",
                f"YouTube link '{url}' has no video id; expected "
                "https://www.youtube.com/watch?v=<11-character id> or https://youtu.be/<id>",
            )
            return None
        # enablejsapi lets the player measure progress (completion.video) and pause it.
        embed = f"https://www.youtube-nocookie.com/embed/{video_id}?enablejsapi=1"
        return VideoLink("youtube", embed, url)
    if host in _VIMEO_HOSTS:
        match = re.search(r"/(?:video/)?(\d+)/?$", parts.path)
        if match is None:
            diagnostics.error(
                location,
                "video-unsupported",
                f"Vimeo link '{url}' has no video number; expected https://vimeo.com/<number>",
            )
            return None
        return VideoLink("vimeo", f"https://player.vimeo.com/video/{match.group(1)}?dnt=1", url)
    if parts.scheme.lower() == "http":
        diagnostics.warning(
            location, "video-insecure", f"video page '{url}' uses http:; expected https:"
        )
    return VideoLink("link", None, url)


def _file_video(
    url: str, url_path: str, course_dir: Path, location: Location, diagnostics: Diagnostics
) -> VideoLink | None:
    """A video file in the course, played by the page's own player."""
    mime = VIDEO_TYPES.get(Path(url_path).suffix.lower())
    if mime is None:
        diagnostics.error(
            location,
            "video-unsupported",
            f"video file '{url}' is not a web video; expected one of "
            f"{', '.join(sorted(VIDEO_TYPES))}",
        )
        return None
    path = resolve_inside(course_dir, url, location, diagnostics, "video file")
    if path is None:
        return None
    return VideoLink("file", package_url(course_dir, path), None, path, mime)
