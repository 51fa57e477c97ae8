"""The runtime a package ships: the modules its course needs, bundled into one script, minified.

Each runtime file is an IIFE that adds itself to ``window.CourseBuild``, so concatenating them
in load order keeps their semantics; the readable files stay in the theme (and the node tests
require them). Which modules a course needs follows from its runtime config, here alone.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..targets import REGISTRY, XAPI_RUNTIME
from ..theme import BUNDLED_RUNTIME, theme_dir

BUNDLE = f"assets/{BUNDLED_RUNTIME}"
STYLESHEET = "assets/coursebuild.css"
NOJS_STYLESHEET = "assets/coursebuild-nojs.css"
LONG_COURSE_RUNTIME = "page-files.js"  # only in packages that have page files
VIDEO_RUNTIME = ("video-events.js",)  # before the adapters: xapi-video.js reads it
XAPI_VIDEO = "xapi-video.js"
# The player's modules, in load order; None: always, else the feature that needs it.
PLAYER = (
    ("player-dom.js", None),
    ("player-nav.js", None),
    ("player-video.js", "video"),
    ("player-review.js", None),
    ("player-questions.js", None),
    ("player-quiz.js", None),
    ("player-order.js", "order"),
    ("player-check.js", "checks"),
    ("player-pretest.js", "pretest"),
    ("player-language.js", None),
    ("player.js", None),
)
CORE = (
    "formats.js",
    "state-codec.js",
    "state-answers.js",
    "state-pretest.js",
    "state.js",
    "answer-key.js",
    "quiz.js",
    "outcome.js",
    "tracking.js",
)
# Question types shown by player-order.js: an ordering question's moves, a survey's verdict.
ORDER_TYPES = frozenset({"ordering", "likert"})


def package_scripts(config: dict[str, Any]) -> list[str]:
    """The target's runtime scripts, in load order: its adapters, the xAPI runtime when it
    reports xAPI (``config.xapi``), then the page-file loader (``config.contents``)."""
    target = REGISTRY[config["target"]]
    scripts = list(target.scripts)
    if "xapi" in config:
        xapi = [s for s in XAPI_RUNTIME if s != XAPI_VIDEO or "video" in features(config)]
        scripts += [*xapi, *target.xapi_scripts]
    if "contents" in config:
        scripts.append(LONG_COURSE_RUNTIME)
    return scripts


def features(config: dict[str, Any]) -> frozenset[str]:
    """The optional parts of the player a course uses, read from its runtime config."""
    found: set[str] = set()
    if any(page.get("video") for page in config["pages"]):
        found.add("video")
    if config.get("checks"):
        found.add("checks")
    if config.get("pretest"):
        found.add("pretest")
    quizzes = [config.get("assessment"), config.get("pretest"), *config.get("checks", [])]
    types = {q["type"] for quiz in quizzes if quiz for q in quiz["questions"]}
    if types & ORDER_TYPES:
        found.add("order")
    return frozenset(found)


def runtime_modules(config: dict[str, Any]) -> list[str]:
    """The runtime files a package's course needs, in the order they run."""
    used = features(config)
    modules = list(CORE)
    if "pretest" in used:
        modules.append("tracking-pretest.js")
    if "video" in used:
        modules += VIDEO_RUNTIME
    modules += ["adapter-none.js", *package_scripts(config)]
    modules += [name for name, need in PLAYER if need is None or need in used]
    return modules


@lru_cache(maxsize=64)
def _bundle(modules: tuple[str, ...], debug: bool) -> bytes:
    folder = theme_dir() / "static"
    if debug:  # readable, each file under its name: what support reads in a browser
        parts = [f"/* {m} */\n{(folder / m).read_text('utf-8')}" for m in modules]
        return "\n".join(parts).encode("utf-8")
    import rjsmin

    # Comments and whitespace only, no renaming: the result is the sources' own statements.
    return "\n".join(rjsmin.jsmin((folder / m).read_text("utf-8")) for m in modules).encode()


@lru_cache(maxsize=4)
def _stylesheet(name: str, debug: bool) -> bytes:
    text = (theme_dir() / "static" / name).read_text("utf-8")
    if debug:
        return text.encode("utf-8")
    import rcssmin

    return str(rcssmin.cssmin(text)).encode("utf-8")


def runtime_assets(config: dict[str, Any], debug: bool = False) -> list[tuple[str, bytes]]:
    """The runtime files a package ships, (package path, bytes): one script with the modules
    its course needs and the stylesheets, minified unless ``debug``."""
    bundle = _bundle(tuple(runtime_modules(config)), debug)
    css = [
        (p, _stylesheet(p.removeprefix("assets/"), debug)) for p in (STYLESHEET, NOJS_STYLESHEET)
    ]
    return sorted([(BUNDLE, bundle), *css])
