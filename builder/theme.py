"""The theme folder: where it is, the player's strings per language, and a hash of it all.

Light on purpose (no Jinja2): `validate` reads the catalogues to know the supported languages.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from functools import lru_cache
from pathlib import Path

from .user_cache import cache_root, keep


def templates_dir(name: str, marker: str) -> Path:
    """The folder `name` of templates/ holding `marker`: inside the installed package, or the
    checkout's templates/."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "templates" / name, package.parent / "templates" / name):
        if (candidate / marker).is_file():
            return candidate
    raise FileNotFoundError(f"coursebuild templates not found (templates/{name}/{marker})")


def theme_dir() -> Path:
    """The theme folder: inside the installed package, or the checkout's templates/."""
    return templates_dir("theme", "index.html.j2")


@lru_cache(maxsize=1)
def catalogues() -> dict[str, dict[str, str | dict[str, str]]]:
    """The player's strings, one catalogue per language (counted ones by plural form)."""
    folder = theme_dir() / "i18n"
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.json"))
    }


def plain(lang: str, key: str) -> str:
    """A string of the catalogue that has no plural forms (a label, a unit)."""
    text = catalogues()[lang][key]
    if not isinstance(text, str):
        raise TypeError(f"i18n/{lang}.json: {key} has plural forms; expected one string")
    return text


@lru_cache(maxsize=1)
def theme_hash() -> str:
    """A hash of every theme file: a theme change means every course is rebuilt.

    Its bytes decide, but reading them is a thirtieth of a warm first build: the hash is kept
    in the user's cache under the files' names, sizes and modification times, as git's index
    keeps a file's, and read again only when one of those changed or a file is too recent for
    its time to tell (changed within RACY_NS of now: the same time, other bytes).
    """
    root = theme_dir()
    # In the order of their paths' parts, as sorted Paths are (the hash of earlier releases).
    names = sorted(folder_files(root), key=lambda name: name.split("/"))
    memo = _memo_path(root, names)
    if memo is not None:
        try:
            known = memo.read_text(encoding="ascii")
            if len(known) == 64:
                return known
        except OSError:
            pass
    digest = hashlib.sha256()
    for name in names:
        with open(os.path.join(root, name), "rb") as file:
            digest.update(name.encode() + b"\0" + file.read())
    if memo is not None:
        keep(memo, digest.hexdigest().encode("ascii"), newest=_MEMOS)
    return digest.hexdigest()


# A file changed within this long of a stat could change again with the same mtime (the file
# system's clock ticks coarsely): its stat is not trusted, its content is read.
RACY_NS = 2_000_000_000
_MEMOS = 16  # one per theme release run on this machine; the newest kept


def _memo_path(root: Path, names: list[str]) -> Path | None:
    """Where the hash of the theme files as they stand (names, sizes, times) is kept; None when
    a file is too recent for its time to tell, or cannot be read."""
    stamp = hashlib.sha256(str(root).encode())
    newest = 0
    try:
        for name in names:
            info = os.stat(os.path.join(root, name))
            stamp.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
            newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
    except OSError:
        return None
    if newest >= time.time_ns() - RACY_NS:
        return None
    return cache_root() / "theme" / stamp.hexdigest()


def folder_files(root: Path) -> list[str]:
    """Every file under `root` (through links, each folder once), as a sorted `/`-separated
    path relative to it; hidden files and folders (.git, .DS_Store) are not part of a theme.

    os.walk and strings rather than Path.rglob: every first and unchanged build hashes the
    theme's hundred files this way, and pathlib's objects were half of that cost.
    """
    found: list[str] = []
    seen: set[str] = set()
    base = str(root)
    for top, dirs, files in os.walk(base, followlinks=True):
        real = os.path.realpath(top)
        if real in seen:  # a link back to a folder already walked: a loop
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        folder = os.path.relpath(top, base).replace(os.sep, "/")
        prefix = "" if folder == "." else f"{folder}/"
        found += [prefix + name for name in files if not name.startswith(".")]
    return sorted(found)


BRAND_BLOCKS = ("extra_head", "styles", "header_brand", "footer")
"""The blocks of brand-base.html.j2 that a theme's brand.html.j2 may redefine (docs/theming.md)."""
BRAND_BASE = "brand-base.html.j2"

BUNDLED_RUNTIME = "runtime.js"
"""The launch script a package ships (under assets/), bundled from the theme's runtime files."""
BUNDLED_CHUNKS = frozenset({"runtime-questions.js", "runtime-video.js"})
# (their stylesheets, runtime-<chunk>.css, are static files of the theme: names of theme_names())
"""The runtime's on-demand chunks a package may ship beside it (render/runtime.py CHUNK_OF)."""


@lru_cache(maxsize=1)
def theme_names() -> tuple[frozenset[str], frozenset[str]]:
    """The theme's template names and the names a package's assets/ holds from it: its static
    files' and the bundled runtime's."""
    root = theme_dir()
    templates = frozenset(p.name for p in root.glob("*.j2"))
    folder = root / "static"
    static = frozenset(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
    return templates, static | {BUNDLED_RUNTIME} | BUNDLED_CHUNKS
