"""The seeds' video pages state only what their source says (issue 15: the French video page
gave a URL, a 2:18 duration and a title no source supports), and say plainly whose transcript
it is: the English one is the video's, the French one the course's own translation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

SEEDS = Path(__file__).resolve().parents[2] / "course_src"
SLUGS = ("navigating-social-media", "social-media-at-work")


def _page(slug: str, lang: str) -> tuple[dict[str, object], str]:
    text = (SEEDS / slug / "modules" / f"video.{lang}.md").read_text(encoding="utf-8")
    front, body = text[4:].split("\n---\n", 1)
    data: dict[str, object] = yaml.safe_load(front)
    return data, " ".join(body.split())


@pytest.mark.parametrize("slug", SLUGS)
def test_the_french_video_card_repeats_the_source_facts(slug: str) -> None:
    en, _ = _page(slug, "en")
    fr, _ = _page(slug, "fr")
    # one video, in English: its address, duration and title are the ones the source gives
    assert fr["video"] == en["video"]


def test_the_duration_is_the_one_the_seeds_readme_gives() -> None:
    readme = (SEEDS / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"navigating-social-media/` \|[^|]+\|[^|]+\|[^|]*\((\d+:\d\d),", readme)
    assert stated
    for lang in ("en", "fr"):
        video = _page("navigating-social-media", lang)[0]["video"]
        assert isinstance(video, dict) and video["duration"] == stated[1]


@pytest.mark.parametrize("slug", SLUGS)
def test_each_page_says_whose_transcript_it_is(slug: str) -> None:
    _, en = _page(slug, "en")
    _, fr = _page(slug, "fr")
    assert "The transcript on this page is the video's own" in en
    assert "La vidéo est en anglais" in fr
    assert "La transcription de cette page est une traduction faite pour ce cours" in fr
