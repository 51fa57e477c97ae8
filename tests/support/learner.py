"""A learner in the browser: read the course's config, page through, pass the assessment.

Works on any frame showing a coursebuild ``index.html`` (the runtime's own DOM hooks:
``data-cb-next``, ``data-cb-q``, ``data-cb-check``...). Answers come from the runtime config the
page embeds, so the learner answers correctly whatever the shuffle drew.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Frame, Locator, Page

Where = Page | Frame


def config_of(where: Where) -> dict[str, Any]:
    """The runtime config embedded in the page (docs/runtime-contract.md)."""
    config: dict[str, Any] = where.evaluate(
        "JSON.parse(document.getElementById('coursebuild-config').textContent)"
    )
    return config


def wait_started(where: Where) -> None:
    """Until player.js has started (after the adapter's prepare: the LRS answered)."""
    where.wait_for_function("document.documentElement.classList.contains('cb-js')")


def page_through(where: Where, until_kind: str = "assessment") -> None:
    """Next, until the current page is of kind ``until_kind`` (or the last page)."""
    config = config_of(where)
    for _ in range(len(config["pages"])):
        index = where.evaluate("CourseBuild.player.tracker.state.page")
        if config["pages"][index]["kind"] == until_kind or index == len(config["pages"]) - 1:
            return
        where.locator("[data-cb-next]").click()


def _number(value: float) -> str:
    return f"{value:g}"


def _answer(li: Locator, question: dict[str, Any], lang: str, right: bool) -> None:
    kind = question["type"]
    if kind == "true-false":
        value = question["correct"][0] if right else not question["correct"][0]
        li.locator(f"input[value='{'t' if value else 'f'}']").check()
    elif kind in ("single", "multiple"):
        picks = (
            question["correct"]
            if right
            else [c for c in question["choices"] if c not in question["correct"]][:1]
        )
        for choice in picks:
            li.locator(f"input[value='{choice}']").check()
    elif kind == "fill-in":
        accepted = question["correct"]
        text = (accepted[lang] if isinstance(accepted, dict) else accepted)[0]
        li.locator("input[type=text]").fill(text if right else "zzz-wrong")
    elif kind == "numeric":
        li.locator("input[type=text]").fill(_number(question["min"] if right else -12345))
    elif kind == "matching":
        pairs = [p.split(".") for p in question["correct"]]
        targets = [t for _, t in pairs]
        for n, (source, target) in enumerate(pairs):
            pick = target if right else targets[(n + 1) % len(targets)]
            li.locator(f"[data-cb-source='{source}'] select").select_option(pick)


def take_assessment(where: Where, lang: str = "en", wrong: int = 0) -> None:
    """Answer every question of the current attempt (the first ``wrong`` ones wrongly)."""
    config = config_of(where)
    questions = {q["id"]: q for q in config["assessment"]["questions"]}
    quiz = where.locator(f"#cb-lang-{lang} [data-cb-quiz]")
    answered = 0
    if config["assessment"]["display"] == "all":
        for li in quiz.locator("li[data-cb-q]:not([hidden])").all():
            _answer(li, questions[li.get_attribute("data-cb-q") or ""], lang, answered >= wrong)
            answered += 1
        quiz.locator("[data-cb-submit]").click()
        return
    for _ in range(len(questions)):
        li = quiz.locator("li[data-cb-q]:not([hidden])").first
        _answer(li, questions[li.get_attribute("data-cb-q") or ""], lang, answered >= wrong)
        answered += 1
        li.locator("[data-cb-check]").click()
        if li.locator("[data-cb-nextq]").is_visible():
            li.locator("[data-cb-nextq]").click()
        else:
            li.locator("[data-cb-finish]").click()
            return
