"""The runtime a package ships: the modules its course needs, bundled and minified into a launch
script and on-demand chunks.

Each runtime file is an IIFE that adds itself to ``window.CourseBuild``, so concatenating them
in load order keeps their semantics; the readable files stay in the theme (and the node tests
require them). Which modules a course needs follows from its runtime config, here alone; which
of them wait for the page that needs them is the one table ``CHUNK_OF``.
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
    ("player-language.js", "languages"),
    ("player-chunks.js", None),
    ("player.js", None),
)
CORE = (
    "formats.js",
    "formats-answers.js",
    "state-codec.js",
    "state-answers.js",
    "state.js",
    "answer-key.js",
    "quiz.js",
    "outcome.js",
    "outcome-report.js",
    "tracking.js",
    "tracking-quiz.js",
)
# The modules that are not in the launch script: each is in ``assets/runtime-<chunk>.js``, which
# the player loads (a classic <script>, player-chunks.js) when a page that needs it is shown
# (``chunk_pages``). Everything the resume path, the adapters' commit/finish and the pagehide
# handler use stays at launch: a script fetched while an LMS tears the frame down is a lost record.
CHUNK_OF = {
    "formats-answers.js": "questions",
    "answer-key.js": "questions",
    "quiz.js": "questions",
    "tracking-quiz.js": "questions",
    "outcome-report.js": "questions",
    "scorm12-answers.js": "questions",
    "scorm2004-answers.js": "questions",
    "tracking-pretest.js": "questions",
    "player-review.js": "questions",
    "player-questions.js": "questions",
    "player-quiz.js": "questions",
    "player-order.js": "questions",
    "player-check.js": "questions",
    "player-pretest.js": "questions",
    "video-events.js": "video",
    "player-video.js": "video",
}
# A chunk's module that a launch module needs stays at launch: the xAPI adapters bind
# xapi-video.js as they start, and it reads video-events.js.
NEEDED_AT_LAUNCH_BY = {"video-events.js": "xapi-video.js"}
# Question types shown by player-order.js: an ordering question's moves, a survey's verdict.
ORDER_TYPES = frozenset({"ordering", "likert"})


def package_scripts(config: dict[str, Any]) -> list[str]:
    """The target's runtime scripts, in load order: its adapters, the xAPI runtime when it
    reports xAPI (``config.xapi``), then the page-file loader (``config.contents``)."""
    target = REGISTRY[config["target"]]
    scripts = list(target.scripts)
    if "xapi" in config:
        xapi = [s for s in XAPI_RUNTIME if s != XAPI_VIDEO or "video" in features(config)]
        scripts += [s for s in xapi if s not in scripts] + list(target.xapi_scripts)
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
    if len(config.get("languages") or []) >= 2:
        found.add("languages")
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
    if "pretest" in used:  # state.js reads a course without one with a no-op codec
        modules.insert(modules.index("state.js"), "state-pretest.js")
        modules.append("tracking-pretest.js")
    if "video" in used:
        modules += VIDEO_RUNTIME
    modules += ["adapter-none.js", *package_scripts(config)]
    modules += [name for name, need in PLAYER if need is None or need in used]
    return modules


def chunk_path(name: str) -> str:
    """The package path of on-demand chunk ``name``."""
    return f"assets/runtime-{name}.js"


def chunk_style(name: str) -> str:
    """The package path of chunk ``name``'s stylesheet (its source: the theme's static file of
    the same name), linked with its script and in index.html's ``<noscript>``."""
    return f"assets/runtime-{name}.css"


def chunk_pages(config: dict[str, Any], name: str) -> list[str]:
    """The ids of the pages that need chunk ``name`` before the learner may use them."""
    if name == "video":
        return [p["id"] for p in config["pages"] if p.get("video")]
    checked = {check["page"] for check in config.get("checks", [])}
    quizzes = {"assessment", "pretest"}
    return [p["id"] for p in config["pages"] if p["kind"] in quizzes or p["id"] in checked]


def runtime_chunks(config: dict[str, Any]) -> dict[str, list[str]]:
    """The modules of each script a package ships, in load order: ``launch`` first (loaded by
    index.html), then each on-demand chunk that a page of its course needs."""
    chunks: dict[str, list[str]] = {"launch": []}
    needed = {name for name in set(CHUNK_OF.values()) if chunk_pages(config, name)}
    modules = runtime_modules(config)
    for module in modules:
        name = CHUNK_OF.get(module, "launch")
        if NEEDED_AT_LAUNCH_BY.get(module) in modules:
            name = "launch"
        if name == "launch" or name in needed:
            chunks.setdefault(name, []).append(module)
    return chunks


def chunk_config(config: dict[str, Any]) -> list[dict[str, Any]]:
    """The runtime config's ``chunks``: each on-demand script, its stylesheet, their addresses
    and the pages that need them (docs/runtime-contract.md, "Chunks")."""
    names = [name for name in runtime_chunks(config) if name != "launch"]
    return [
        {"name": n, "src": chunk_path(n), "css": chunk_style(n), "pages": chunk_pages(config, n)}
        for n in sorted(names)
    ]


@lru_cache(maxsize=64)
def _bundle(modules: tuple[str, ...], debug: bool) -> bytes:
    folder = theme_dir() / "static"
    if debug:  # readable, each file under its name: what support reads in a browser
        parts = [f"/* {m} */\n{(folder / m).read_text('utf-8')}" for m in modules]
        return "\n".join(parts).encode("utf-8")
    # Minified at release time by terser (scripts/minify-runtime.js, `make runtime-min`) and
    # committed, so a build needs no Node; tests/js/runtime-min.test.js keeps it in step.
    return "".join((folder / "min" / m).read_text("utf-8") for m in modules).encode("utf-8")


@lru_cache(maxsize=8)
def _stylesheet(name: str, debug: bool) -> bytes:
    text = (theme_dir() / "static" / name).read_text("utf-8")
    if debug:
        return text.encode("utf-8")
    import rcssmin

    return str(rcssmin.cssmin(text)).encode("utf-8")


def runtime_assets(config: dict[str, Any], debug: bool = False) -> list[tuple[str, bytes]]:
    """The runtime files a package ships, (package path, bytes): the launch script and each
    chunk with the modules its course needs, the stylesheets and each chunk's; minified unless
    ``debug``."""
    scripts = [
        (BUNDLE if name == "launch" else chunk_path(name), _bundle(tuple(modules), debug))
        for name, modules in runtime_chunks(config).items()
    ]
    styles = [STYLESHEET, NOJS_STYLESHEET, *(c["css"] for c in chunk_config(config))]
    css = [(p, _stylesheet(p.removeprefix("assets/"), debug)) for p in styles]
    return sorted([*scripts, *css])
