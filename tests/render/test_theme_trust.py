"""Who a theme trusts (docs/security.md): an override's own markup is code and reaches every
page of every package, script included; course text it shows is still escaped, and only the
build's own `*_html` (Markdown rendered with raw HTML off) goes in as markup."""

from __future__ import annotations

import zipfile
from pathlib import Path

from support.theme_kit import use_theme, write

from builder.pipeline import build

BRAND = """{% extends "brand-base.html.j2" %}
{% block extra_head %}<script src="assets/dept.js"></script>{% endblock %}
{% block footer %}<div class="t">{{ view.modules[0].title[lang] }}</div>
<div class="b">{{ view.modules[0].body_html[lang] }}</div>{% endblock %}
"""


def test_a_theme_script_is_in_every_page_and_course_text_is_not_markup(
    bilingual: Path, tmp_path: Path
) -> None:
    page = bilingual / "modules" / "intro.en.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("title: ", "title: '<script>t()</script>' #", 1)
    page.write_text(text + "\n<script>b()</script> <img src=x onerror=b()>\n", encoding="utf-8")
    use_theme(bilingual)
    write(bilingual / "theme" / "brand.html.j2", BRAND)
    write(bilingual / "theme" / "static" / "dept.js", "window.dept = 1;\n")
    outcome = build([bilingual], ["scorm12"], tmp_path / "out")
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    with zipfile.ZipFile(tmp_path / "out" / "course-scorm12.zip") as package:
        html = {n: package.read(n).decode() for n in package.namelist() if n.endswith(".html")}
    for name, markup in html.items():
        assert '<script src="assets/dept.js"></script>' in markup, name
    index = html["index.html"]
    assert '<div class="t">&lt;script&gt;t()&lt;/script&gt;</div>' in index
    assert "&lt;script&gt;b()&lt;/script&gt;" in index
    for markup in html.values():
        assert "<script>t()" not in markup and "<script>b()" not in markup
        assert "<img src=x" not in markup and 'onerror="b()"' not in markup
