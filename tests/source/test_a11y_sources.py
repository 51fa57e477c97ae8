"""What the builder refuses because screen readers would announce nothing: each with its exact
diagnostic (images without alt text are in test_parity.py and test_bad_sources.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app

Edit = Callable[[Path, str, str], None]


def _empty_link(c: Path, edit: Edit) -> None:
    edit(c / "modules/intro.fr.md", "Ce cours", "Voir [](https://www.canada.ca/fr). Ce cours")


def _blank_link(c: Path, edit: Edit) -> None:
    edit(c / "modules/intro.en.md", "This course", "This [ ](https://www.canada.ca) course")


def _blank_page_title(c: Path, edit: Edit) -> None:
    edit(c / "modules/clip.fr.md", "title: L'extrait", 'title: "  "')


def _blank_video_title(c: Path, edit: Edit) -> None:
    edit(c / "modules/clip.fr.md", "title: Un court extrait", 'title: " "')


CASES = [
    (
        _empty_link,
        "course/modules/intro.fr.md:7:6: error: link to 'https://www.canada.ca/fr' has no text; "
        "expected [where it leads](https://www.canada.ca/fr) (screen readers announce links by "
        "their text) [link-no-text]",
    ),
    (
        _blank_link,
        "course/modules/intro.en.md:7:6: error: link to 'https://www.canada.ca' has no text; "
        "expected [where it leads](https://www.canada.ca) (screen readers announce links by "
        "their text) [link-no-text]",
    ),
    (
        _blank_page_title,
        "course/modules/clip.fr.md:2:8: error: title is blank; expected a title in 'fr' (screen "
        "readers announce it) [blank-title]",
    ),
    (
        _blank_video_title,
        "course/modules/clip.fr.md:5:10: error: video.title is blank; expected a title in 'fr' "
        "(screen readers announce it) [blank-title]",
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), CASES, ids=[c[0].__name__[1:] for c in CASES])
def test_text_a_screen_reader_needs_is_required(
    bilingual: Path, edit: Edit, mutate: Callable[[Path, Edit], None], expected: str
) -> None:
    mutate(bilingual, edit)
    result = CliRunner().invoke(app, ["validate", str(bilingual)])
    stderr = result.stderr.replace(str(bilingual.parent) + "/", "")
    assert result.exit_code == 1, result.output
    assert stderr.splitlines() == [expected, "1 error(s), 0 warning(s)"]
