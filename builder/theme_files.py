"""Where the theme is, and its string catalogues: read by the loader (which languages the
player speaks) and by the renderer, so neither has to import the other."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path


def theme_dir() -> Path:
    """The theme folder: inside the installed package, or the checkout's templates/."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "templates" / "theme", package.parent / "templates" / "theme"):
        if (candidate / "index.html.j2").is_file():
            return candidate
    raise FileNotFoundError("coursebuild theme not found (templates/theme/index.html.j2)")


@lru_cache(maxsize=1)
def catalogues() -> dict[str, dict[str, str]]:
    """The player's strings, one catalogue per language."""
    folder = theme_dir() / "i18n"
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.json"))
    }
