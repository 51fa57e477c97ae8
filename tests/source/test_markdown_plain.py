"""Plain text skips the Markdown parser and gives exactly what the parser would have given."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder.diagnostics import Diagnostics
from builder.source import markdown
from builder.source.course import load_course
from builder.source.markdown import RenderedMarkdown, parse_markdown, render_markdown

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted(p for p in (REPO / "course_src").iterdir() if (p / "course.yml").is_file())
# Letters, digits, punctuation and spaces an author types, every Markdown character among them.
_ALPHABET = st.sampled_from(
    list("aZé9 0.,;:?!'\"\u2019«»()%/-+=*_`[]<>&{}|~#\\$@^1")
    + list("\t\n\r\x00\u00a0\u202f\u2028\u3000\ufb01")
)
# Words and the punctuation of prose only: most of these texts take the plain path.
_PROSE = st.sampled_from(list("aZé9 0.,;:?'\"\u2019«»()%/-+=@^\u00a0\u202f"))
_TEXTS = st.one_of(st.text(_ALPHABET, max_size=40), st.text(_PROSE, min_size=1, max_size=40))


def _both(text: str, lang: str = "en") -> tuple[RenderedMarkdown, list[str], RenderedMarkdown]:
    fast_found, slow_found = Diagnostics(), Diagnostics()
    fast = render_markdown(text, "c/q.yml", 3, Path("."), fast_found, lang)
    slow = parse_markdown(text, "c/q.yml", 3, Path("."), slow_found, lang)
    assert [str(d) for d in fast_found] == [str(d) for d in slow_found]
    return fast, [str(d) for d in fast_found], slow


def _fields(rendered: RenderedMarkdown) -> dict[str, object]:
    return msgspec.structs.asdict(rendered)


def test_markdown_it_is_not_called_for_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("markdown-it parsed a plain text")

    monkeypatch.setattr(markdown, "_parser", refuse)
    for text in (
        "Protected A, since it is the lowest level",
        "Aucun d'entre eux",
        "60",
        "«\u00a0Non\u00a0»",
    ):
        rendered = render_markdown(text, "c/q.yml", 1, Path("."), Diagnostics(), "fr")
        assert rendered.blocks == (("paragraph", 0),)
        assert rendered.html.startswith("<p>")


@pytest.mark.parametrize(
    "text", ["*Protected* A", "1. first", "- item", "a & b", "[x](y)", "# Title"]
)
def test_markdown_syntax_still_goes_through_markdown_it(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = markdown._parser()

    class Counting:
        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

        def parse(self, source: str) -> object:
            calls.append(source)
            return real.parse(source)

    monkeypatch.setattr(markdown, "_parser", Counting)
    render_markdown(text, "c/q.yml", 1, Path("."), Diagnostics())
    assert calls == [text]


@settings(max_examples=3000, deadline=None)
@given(_TEXTS, st.sampled_from(["en", "fr"]))
@example("Vrai ou faux\u00a0: le courriel", "fr")
@example("1) first", "en")
@example("2024. A year", "en")
@example("= title", "en")
@example(" indented", "en")
@example("trailing\u00a0", "fr")
@example("", "en")
def test_plain_fast_path_is_exactly_markdown_it(text: str, lang: str) -> None:
    fast, _, slow = _both(text, lang)
    assert _fields(fast) == _fields(slow)


def test_every_text_of_the_seed_courses_renders_as_markdown_it_renders_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[str, str]] = []
    real = markdown.render_markdown

    def recording(text: str, *args: object, **kwargs: object) -> RenderedMarkdown:
        lang = str(args[4] if len(args) > 4 else kwargs.get("lang", "en"))
        seen.append((text, lang))
        return real(text, *args, **kwargs)  # type: ignore[arg-type]

    for module in ("builder.source.pages", "builder.source.qtext"):
        monkeypatch.setattr(f"{module}.render_markdown", recording)
    for seed in SEEDS:
        load_course(seed, Diagnostics())
    fast_ones = [t for t, _ in seen if markdown.plain_paragraph(t) is not None]
    assert len(seen) > 100 and len(fast_ones) > len(seen) // 2
    for text, lang in seen:
        fast, _, slow = _both(text, lang)
        assert _fields(fast) == _fields(slow), text
