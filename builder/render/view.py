"""The course view: the plain data the theme renders, the same for every target."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from ..model import Assessment, Attachment, Course, Page, Pretest, Question, Video
from ..theme import plain

# Text (in characters, every language) that index.html holds before later modules become page
# files the player fetches when the learner gets there: first content and start-up stay flat
# however long the course, and a course of ordinary length is one page, fetched once.
INLINE_BUDGET = 64_000
# A long course's table of contents, beside its page files: index.html's menu lists only the
# inline modules and links to it; the player fetches it to fill the menu once the page shown is
# usable (or when the learner opens the menu).
# Module ids cannot start with "_", so no module's page file takes its name.
CONTENTS_SRC = "pages/_contents.html"
# A drawn pool (an assessment that asks fewer questions than it holds) in a page file, past this
# much question text (characters, every language), is split: the page file keeps the frame, each
# question is a file of its own, pages/<assessment>/<question>.html, and the player fetches only
# the drawn ones. An 800-question pool made a 4.8 MB page to show 8 questions; a pool of ordinary
# size stays in its page, fetched once.
POOL_BUDGET = 64_000


def _duration_label(seconds: int | None) -> str | None:
    if seconds is None:
        return None
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _in_language(video: Video, lang: str) -> str | None:
    """The embed asked for the page's language: its interface and, where the video has them,
    captions in that language (YouTube `hl`, `cc_lang_pref`; Vimeo `texttrack`)."""
    if video.embed_url is None or video.kind not in ("youtube", "vimeo"):
        return video.embed_url
    asked = {"hl": lang, "cc_lang_pref": lang} if video.kind == "youtube" else {"texttrack": lang}
    return f"{video.embed_url}&{urlencode(asked)}"


def _video_view(videos: dict[str, Video] | None) -> dict[str, Any] | None:
    if videos is None:
        return None
    return {
        lang: {
            "kind": video.kind,
            "embed_url": _in_language(video, lang),
            "page_url": video.page_url,
            "title": video.title,
            "duration_seconds": video.duration_seconds,
            "duration_label": _duration_label(video.duration_seconds),
            "captions": video.captions,
            "mime_type": video.mime_type,
            "descriptions": video.descriptions,
            "described": video.described,
            "described_mime": video.described_mime,
        }
        for lang, video in videos.items()
    }


def size_label(size: int, lang: str) -> str:
    """A file size as a reader of `lang` writes it: 245 KB, 1.2 MB; 245 Ko, 1,2 Mo."""
    if size < 1024 * 1024:
        return plain(lang, "size_kb").replace("{n}", str(max(1, round(size / 1024))))
    number = f"{size / (1024 * 1024):.1f}".replace(".", plain(lang, "decimal_mark"))
    return plain(lang, "size_mb").replace("{n}", number)


def _attachments_view(
    attachments: dict[str, tuple[Attachment, ...]] | None,
) -> dict[str, list[dict[str, Any]]] | None:
    if attachments is None:
        return None
    return {
        lang: [
            {
                "url": a.url,
                "title": a.title,
                "language": a.language,
                "kind": a.kind,
                "mime_type": a.mime_type,
                "size_label": size_label(a.size, lang),
            }
            for a in items
        ]
        for lang, items in attachments.items()
    }


def _question_view(q: Question) -> dict[str, Any]:
    # Question texts are safe HTML (Markdown rendered in builder/source/qtext.py); `*_plain`
    # and `plain` are the same words without markup, for what cannot hold any (an <option>).
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
        # ordering: its items in the correct order (the runtime shuffles them); likert: its scale.
        # A template reads q["items"]: q.items would be the dict's own method.
        "items": [{"id": i.id, "text": i.text} for i in q.items],
        "scale": [{"id": p.id, "text": p.text} for p in q.scale],
        "prompt_plain": q.prompt_plain,
        "prompt_block": {lang: _is_block(html) for lang, html in q.prompt.items()},
        "targets": [{"id": t.target_id, "text": t.text, "plain": t.plain} for t in q.targets],
    }


def _is_block(html: str) -> bool:
    """True when rendered Markdown is blocks (a one-paragraph text is kept without its <p>)."""
    return html.startswith(_BLOCK_TAGS)


_BLOCK_TAGS = (
    "<p>",
    "<p ",
    "<pre",
    "<blockquote",
    "<ul",
    "<ol",
    "<h",
    "<table",
    "<aside",
    "<details",
    "<div",
    "<hr",
)


def _check_view(check: Assessment | None) -> dict[str, Any] | None:
    if check is None:
        return None
    return {
        "id": check.id,
        "title": check.title,
        "questions": [_question_view(q) for q in check.questions],
    }


def _pretest_view(pretest: Pretest, index: int) -> dict[str, Any]:
    a = pretest.assessment
    return {
        "id": a.id,
        "index": index,
        "kind": "pretest",
        "title": a.title,
        "pretest": {
            "questions": [_question_view(q) for q in a.questions],
            "feedback": a.feedback,
        },
    }


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
                    "attachments": _attachments_view(module.attachments),
                    "check": _check_view(module.check),
                }
            )
        elif isinstance(module, Pretest):
            modules.append(_pretest_view(module, index))
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
                        "feedback": module.feedback,
                        "question_files": None,
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
        _split_pool(module_view)
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


def _split_pool(module_view: dict[str, Any]) -> None:
    """Give a page file's drawn pool past POOL_BUDGET its question files' folder."""
    a = module_view.get("assessment")
    if a is None or module_view["src"] is None:
        return
    drawn = a["draw"] is not None and a["draw"] < len(a["questions"])
    if drawn and _text_size(a["questions"]) > POOL_BUDGET:
        a["question_files"] = f"pages/{module_view['id']}/"


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
