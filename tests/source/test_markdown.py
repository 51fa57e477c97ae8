"""Markdown: nothing an author writes can run in the package."""

from __future__ import annotations

from pathlib import Path

from builder.diagnostics import Diagnostics
from builder.source.markdown import render_markdown


def render(text: str, course_dir: Path) -> tuple[str, Diagnostics]:
    diagnostics = Diagnostics()
    result = render_markdown(text, "c/p.md", 1, course_dir, diagnostics)
    return result.html, diagnostics


def test_raw_html_is_escaped_and_warned_about(tmp_path: Path) -> None:
    html, diagnostics = render(
        'Hi <script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n', tmp_path
    )
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert [d.code for d in diagnostics] == ["raw-html", "raw-html"]


def test_script_links_are_refused(tmp_path: Path) -> None:
    for href in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x"):
        html, diagnostics = render(f"[x]({href})", tmp_path)
        assert [d.code for d in diagnostics] == ["unsafe-link"], href
        assert 'href="#"' in html


def test_external_links_open_outside_the_course(tmp_path: Path) -> None:
    html, diagnostics = render("[Canada](https://www.canada.ca/)", tmp_path)
    assert '<a href="https://www.canada.ca/" target="_blank" rel="noopener noreferrer">' in html
    assert len(diagnostics) == 0


def test_headings_start_below_the_page_title(tmp_path: Path) -> None:
    html, _ = render("# One\n\n## Two\n", tmp_path)
    assert "<h2>One</h2>" in html and "<h3>Two</h3>" in html
    html, _ = render("## Already second\n", tmp_path)
    assert "<h2>Already second</h2>" in html


def test_images_need_alt_text_and_a_course_file(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "a.png").write_bytes(b"\x89PNG")
    html, diagnostics = render("![A chart](media/a.png)", tmp_path)
    assert '<img src="media/a.png" alt="A chart"' in html and len(diagnostics) == 0
    _, diagnostics = render("![](media/a.png)", tmp_path)
    assert [d.code for d in diagnostics] == ["image-no-alt"]
    _, diagnostics = render("![A logo](https://cdn.example.com/a.png)", tmp_path)
    assert [d.code for d in diagnostics] == ["image-remote"]
