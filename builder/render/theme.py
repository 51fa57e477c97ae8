"""Render stage: the Course model to a view, the view to HTML through the theme."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import BytecodeCache, Environment

from ..model import Assessment, Course, Page, Question, Video, interaction_id
from ..source.cache import cache_root
from ..targets import REGISTRY, XAPI_RUNTIME
from ..theme_files import catalogues, theme_dir

# Text (in characters, every language) that index.html holds before later modules become page
# files the player fetches when the learner gets there: first content and start-up stay flat
# however long the course, and a course of ordinary length is one page, fetched once.
INLINE_BUDGET = 64_000
# A long course's table of contents, beside its page files: index.html's menu lists only the
# inline modules and links to it; the player fetches it after first paint to fill the menu.
# Module ids cannot start with "_", so no module's page file takes its name.
CONTENTS_SRC = "pages/_contents.html"
LONG_COURSE_RUNTIME = "page-files.js"  # shipped only in packages that have page files
# The resume state's limit where the target has no cmi.suspend_data (an xAPI State document).
STATE_DOCUMENT_LIMIT = 64000


def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept between runs in the user's cache folder (none if unwritable).

    Compiling the theme costs more than rendering a small course; Jinja2 keys each entry by the
    template's source checksum, so an edited theme is compiled afresh.
    """
    from jinja2 import FileSystemBytecodeCache

    folder = cache_root() / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment, compiled once per process (and cached between runs)."""
    # jinja2 loads here, not with the module: `validate` reads the catalogues, renders nothing.
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(theme_dir())),
        bytecode_cache=_bytecode_cache(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # `tojson` writes the runtime config: NaN or Infinity there is not JSON [RFC 8259 §6] and
    # stops the player at launch, so writing one is an error, never a package.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "allow_nan": False}
    return env


@lru_cache(maxsize=1)
def theme_hash() -> str:
    """A hash of every theme file: a theme change means every course is rebuilt."""
    import hashlib

    digest = hashlib.sha256()
    root = theme_dir()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def package_scripts(config: dict[str, Any]) -> list[str]:
    """The runtime scripts a package's index.html loads after the common ones, in load order:
    its target's adapters, the xAPI runtime when it reports xAPI (``config.xapi``), then the
    page-file loader when the course has page files (``config.contents``)."""
    target = REGISTRY[config["target"]]
    scripts = list(target.scripts)
    if "xapi" in config:
        scripts += [*XAPI_RUNTIME, *target.xapi_scripts]
    if "contents" in config:
        scripts.append(LONG_COURSE_RUNTIME)
    return scripts


def static_files(config: dict[str, Any] | None = None) -> list[tuple[str, Path]]:
    """The theme's runtime files as (package path, file), sorted; with a package's ``config``,
    without the optional scripts its index.html does not load (``package_scripts``)."""
    folder = theme_dir() / "static"
    skip: set[str] = set()
    if config is not None:
        optional = {LONG_COURSE_RUNTIME, *XAPI_RUNTIME}
        for target in REGISTRY.values():
            optional |= {*target.scripts, *target.xapi_scripts}
        skip = optional - set(package_scripts(config))
    return sorted(
        (f"assets/{p.relative_to(folder).as_posix()}", p)
        for p in folder.rglob("*")
        if p.is_file() and p.name not in skip
    )


def _duration_label(seconds: int | None) -> str | None:
    if seconds is None:
        return None
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _video_view(videos: dict[str, Video] | None) -> dict[str, Any] | None:
    if videos is None:
        return None
    return {
        lang: {
            "kind": video.kind,
            "embed_url": video.embed_url,
            "page_url": video.page_url,
            "title": video.title,
            "duration_seconds": video.duration_seconds,
            "duration_label": _duration_label(video.duration_seconds),
            "captions": video.captions,
            "mime_type": video.mime_type,
        }
        for lang, video in videos.items()
    }


def _question_view(q: Question) -> dict[str, Any]:
    return {
        "id": q.id,
        "type": q.type,
        "prompt": q.prompt,
        "choices": [
            {"id": c.id, "text": c.text, "correct": c.correct, "feedback": c.feedback}
            for c in q.choices
        ],
        "pairs": [
            {
                "source_id": p.source_id,
                "target_id": p.target_id,
                "source": p.source,
                "target": p.target,
            }
            for p in q.pairs
        ],
        "max_length": q.max_length,
        "feedback_correct": q.feedback_correct,
        "feedback_incorrect": q.feedback_incorrect,
    }


def _question_config(assessment: Assessment, q: Question) -> dict[str, Any]:
    config: dict[str, Any] = {
        "id": q.id,
        "interactionId": interaction_id(assessment.id, q.id),
        "type": q.type,
    }
    if q.type in ("single", "multiple"):
        config["choices"] = [c.id for c in q.choices]
        config["correct"] = [c.id for c in q.choices if c.correct]
    elif q.type == "true-false":
        config["correct"] = [q.answer_bool]
    elif q.type == "fill-in":
        # One list, as docs/runtime-contract.md says (quiz.js reads an array): the answers
        # accepted in any language, each once, in language order.
        config["correct"] = list(dict.fromkeys(a for values in q.answers.values() for a in values))
        config["maxLength"] = q.max_length
    elif q.type == "matching":
        config["sources"] = [p.source_id for p in q.pairs]
        config["targets"] = [p.target_id for p in q.pairs]
        config["correct"] = [f"{p.source_id}.{p.target_id}" for p in q.pairs]
    elif q.type == "numeric":
        config["min"] = q.numeric_min
        config["max"] = q.numeric_max
    return config


def runtime_config(
    course: Course, target: str, view: dict[str, Any] | None = None
) -> dict[str, Any]:
    """What the runtime reads at launch (docs/runtime-contract.md). ``view`` is the course's
    view (``course_view``, computed when not given): a module left out of index.html has its
    page file's address (``src``) in its ``pages`` entry, the very value the templates link to,
    and ``contents`` is the table of contents' address."""
    if view is None:
        view = course_view(course)
    sources = {m["id"]: m["src"] for m in view["modules"]}
    assessment = course.assessment
    pages: list[dict[str, Any]] = []
    for module in course.modules:
        entry: dict[str, Any]
        if isinstance(module, Page):
            video = None
            if module.video is not None:
                first = module.video[course.default_language]
                video = {"kind": first.kind, "duration": first.duration_seconds}
            entry = {"id": module.id, "kind": "page", "video": video}
        else:
            entry = {"id": module.id, "kind": "assessment"}
        if sources[module.id]:
            entry["src"] = sources[module.id]
        pages.append(entry)
    config = {
        "schema": 1,
        "target": target,
        "course": {"id": course.id, "code": course.code, "version": course.version},
        "languages": list(course.languages),
        "completion": {
            "pages": course.completion.pages,
            "video": course.completion.video,
            "assessment": course.completion.assessment,
            "assessmentOpens": course.completion.assessment_opens,
        },
        "masteryScore": course.mastery_score,
        "suspendDataLimit": REGISTRY[target].suspend_data_limit or STATE_DOCUMENT_LIMIT,
        "pages": pages,
        "assessment": None
        if assessment is None
        else {
            "id": assessment.id,
            "passMark": assessment.pass_mark,
            "attempts": assessment.attempts,
            "shuffle": assessment.shuffle,
            "draw": assessment.draw,
            "display": assessment.display,
            "questions": [_question_config(assessment, q) for q in assessment.questions],
        },
    }
    if view["contents"]:
        config["contents"] = view["contents"]
    if REGISTRY[target].reports_xapi or course.xapi_endpoint:
        from ..xapi.activities import runtime_xapi  # tincan: only for courses that report xAPI

        config["xapi"] = runtime_xapi(course, target)
    return config


def course_view(course: Course) -> dict[str, Any]:
    """The plain view the theme renders (docs/runtime-contract.md); the same for every target."""
    modules: list[dict[str, Any]] = []
    for index, module in enumerate(course.modules):
        if isinstance(module, Page):
            modules.append(
                {
                    "id": module.id,
                    "index": index,
                    "kind": "page",
                    "title": module.title,
                    "body_html": module.body_html,
                    "video": _video_view(module.video),
                    "transcript_html": module.transcript_html,
                }
            )
        else:
            modules.append(
                {
                    "id": module.id,
                    "index": index,
                    "kind": "assessment",
                    "title": module.title,
                    "assessment": {
                        "pass_mark": module.pass_mark,
                        "attempts": module.attempts,
                        "shuffle": module.shuffle,
                        "draw": module.draw,
                        "display": module.display,
                        "questions": [_question_view(q) for q in module.questions],
                    },
                }
            )
    inline = True
    used = 0
    for module_view in modules:
        used += _text_size(module_view)
        inline = inline and (module_view["index"] == 0 or used <= INLINE_BUDGET)
        module_view["inline"] = inline
        module_view["src"] = None if inline else f"pages/{module_view['id']}.html"
    return {
        "lang": course.default_language,
        "contents": None if inline else CONTENTS_SRC,
        "languages": list(course.languages),
        "course": {
            "id": course.id,
            "code": course.code,
            "version": course.version,
            "title": course.title,
            "description": course.description,
        },
        "modules": modules,
    }


def _text_size(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(_text_size(v) for v in value.values())
    if isinstance(value, list):
        return sum(_text_size(v) for v in value)
    return 0


def mark_safe(value: Any, key: str = "") -> Any:
    """The view with every `*_html` value marked safe; the rest stays text, to be escaped."""
    from markupsafe import Markup

    if key.endswith("_html"):
        if isinstance(value, dict):
            return {lang: Markup(html) for lang, html in value.items()}
        return Markup(value) if isinstance(value, str) else value
    if isinstance(value, dict):
        return {k: mark_safe(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [mark_safe(v) for v in value]
    return value


def render_body(safe_view: dict[str, Any]) -> str:
    """The course's <body>, rendered once for all targets, from a view passed by `mark_safe`."""
    template = environment().get_template("body.html.j2")
    return template.render(view=safe_view, t=catalogues())


def render_pages(safe_view: dict[str, Any]) -> dict[str, str]:
    """The page files of the modules index.html does not hold, by package path, and the table
    of contents that lists every module (``view.contents``) when there are any."""
    template = environment().get_template("page.html.j2")
    catalogue = catalogues()
    files = {
        m["src"]: template.render(view=safe_view, m=m, t=catalogue)
        for m in safe_view["modules"]
        if not m["inline"]
    }
    if safe_view["contents"]:
        contents = environment().get_template("contents.html.j2")
        files[safe_view["contents"]] = contents.render(view=safe_view, t=catalogue)
    return files


def render_index(safe_view: dict[str, Any], config: dict[str, Any], body: str) -> str:
    """One package's index.html: the target's head (config, adapters) around the shared body."""
    from markupsafe import Markup

    template = environment().get_template("index.html.j2")
    target = REGISTRY[config["target"]]
    return template.render(
        view=safe_view, config=config, target=target, body=Markup(body), t=catalogues()
    )
