"""The report's page from a hand-written report.json (report.json beside this file): the numbers
it shows are the fixture's, formatted per language; course texts cannot inject anything; no
external address; the same bytes every time; every chart an accessible SVG with its table."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lxml import etree, html
from support.paths import REPO_ROOT

from builder.report.page import render_page

FIXTURE = Path(__file__).with_name("report.json")
REPORT: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
SVG_NS = "{http://www.w3.org/2000/svg}"
NBSP, NNBSP, DASH = "\u00a0", "\u202f", "\u2013"  # DASH: an en dash
TITLE = {"en": "Funnel: learners at each step, all learners", "fr": f"Entonnoir{NBSP}:"}


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {lang: render_page(REPORT, lang) for lang in ("en", "fr")}


def expected_count(value: Any, lang: str) -> str:
    """How a count of the fixture must read: 1,234 / 1 234 (narrow no-break space), "< 5"."""
    if isinstance(value, str):
        return value.replace("<", f"<{NBSP}")
    text = f"{value:,}"
    return text.replace(",", NNBSP) if lang == "fr" else text


def select(node: html.HtmlElement, path: str) -> list[html.HtmlElement]:
    """The elements an XPath selects under `node` (failing on anything but an element)."""
    found = node.xpath(path)
    assert isinstance(found, list), found
    elements = []
    for item in found:
        assert isinstance(item, html.HtmlElement), item
        elements.append(item)
    return elements


def cells(page: str, table_id: str) -> list[list[str]]:
    """A table's body rows as text, the row heading first."""
    tree = html.fromstring(page)
    (table,) = select(tree, f'//table[@id="{table_id}"]')
    return [[c.text_content() for c in select(row, "th|td")] for row in select(table, "tbody/tr")]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_funnel_shows_the_fixture_counts_of_every_section_side_by_side(
    pages: dict[str, str], lang: str
) -> None:
    rows = cells(pages[lang], "funnel-table")
    sections = REPORT["sections"]
    assert len(rows) == len(sections["all"]["funnel"]) == 8
    for i, row in enumerate(rows):
        assert row[1:] == [
            expected_count(sections[s]["funnel"][i]["learners"], lang) for s in ("all", "en", "fr")
        ]
    assert rows[0][1] == ("1,234" if lang == "en" else f"1{NNBSP}234")
    labels = {"en": "Saw the page “Welcome”", "fr": f"Ont vu la page «{NBSP}Bienvenue{NBSP}»"}
    assert rows[1][0] == labels[lang]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["1,234,567", "1,200,000", "30,000", "45", "4,000", "522"]),
        (
            "fr",
            [
                f"1{NNBSP}234{NNBSP}567",
                f"1{NNBSP}200{NNBSP}000",
                f"30{NNBSP}000",
                "45",
                f"4{NNBSP}000",
                "522",
            ],
        ),
    ],
)
def test_input_counts_use_the_language_thousands_separator(
    pages: dict[str, str], lang: str, expected: list[str]
) -> None:
    assert [row[1] for row in cells(pages[lang], "input-table")] == expected


@pytest.mark.parametrize(
    ("lang", "figures"),
    [
        (
            "en",
            [
                ["Learners who answered", "900", "740", "160"],
                ["Answers (all attempts)", "1,500", "1,200", "300"],
                ["Correct share (first answer) (Gap)", "66.7%", "80%", "50%"],
                ["Discrimination", "0.45", "0.50", "0.30"],
                ["Answers per learner", "1.7", "1.6", "1.9"],
                ["Median time to answer", "42 s", "40 s", "50 s"],
            ],
        ),
        (
            "fr",
            [
                ["Apprenants qui ont répondu", "900", "740", "160"],
                ["Réponses (toutes les tentatives)", f"1{NNBSP}500", f"1{NNBSP}200", "300"],
                [
                    "Taux de réussite (première réponse) (Écart)",
                    f"66,7{NBSP}%",
                    f"80{NBSP}%",
                    f"50{NBSP}%",
                ],
                ["Discrimination", "0,45", "0,50", "0,30"],
                ["Réponses par apprenant", "1,7", "1,6", "1,9"],
                ["Temps médian pour répondre", f"42{NBSP}s", f"40{NBSP}s", f"50{NBSP}s"],
            ],
        ),
    ],
)
def test_an_item_shows_its_figures_formatted_per_language_with_the_gap_marked(
    pages: dict[str, str], lang: str, figures: list[list[str]]
) -> None:
    assert cells(pages[lang], "items-final-q1-figures") == figures
    tree = html.fromstring(pages[lang])
    (row,) = select(tree, '//table[@id="items-final-q1-figures"]//tr[@class="cb-gap"]')
    assert "(Gap)" in row.text_content() or "(Écart)" in row.text_content()


def test_a_gap_of_020_or_more_in_correct_share_is_said_in_words_and_only_then(
    pages: dict[str, str],
) -> None:
    tree = html.fromstring(pages["en"])
    gaps = [li.text_content() for li in select(tree, '//li[@class="cb-gap-text"]')]
    assert gaps == [
        "Gap: Languages differ: English 80%, French 50%. A gap of 30 points in the share of "
        "first answers that are correct; check the translation."
    ]
    # k1 differs by 0.06, q2 not at all, q3 has no French figure: no gap said for them
    assert len(select(tree, '//tr[@class="cb-gap"]')) == 1
    fr = select(html.fromstring(pages["fr"]), '//li[@class="cb-gap-text"]')
    assert [li.text_content() for li in fr] == [
        f"Écart{NBSP}: Les langues diffèrent{NBSP}: anglais 80{NBSP}%, français 50{NBSP}%. Un "
        f"écart de 30 points dans la part des premières réponses justes; vérifiez la traduction."
    ]


def test_flags_are_explained_in_words_per_section(pages: dict[str, str]) -> None:
    tree = html.fromstring(pages["en"])
    (q2,) = select(tree, '//section[@aria-labelledby="items-final-q2"]')
    assert [li.text_content() for li in select(q2, ".//ul[@class='cb-flags']/li")] == [
        "All learners: Nobody answers this correctly: check the answer key and the wording.",
        "All learners: Strong learners miss it more often than weak ones: the question may be "
        "misleading.",
        "English: Nobody answers this correctly: check the answer key and the wording.",
        "French: Nobody answers this correctly: check the answer key and the wording.",
    ]
    assert "Personne ne répond correctement" in pages["fr"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_masked_counts_read_less_than_5_and_nulls_a_dash_each_with_its_note(
    pages: dict[str, str], lang: str
) -> None:
    rows = cells(pages[lang], "items-final-q3-figures")
    assert [row[3] for row in rows] == [f"<{NBSP}5", f"<{NBSP}5", DASH, DASH, DASH, DASH]
    assert [row[2] for row in rows][2:4] == [f"100{NBSP if lang == 'fr' else ''}%", DASH]
    tree = html.fromstring(pages[lang])
    (section,) = select(tree, '//section[@aria-labelledby="items-final-q3"]')
    notes = [p.text_content() for p in select(section, ".//p[@class='cb-note']")]
    sep = f"{NBSP}:" if lang == "fr" else ":"
    assert notes[0].startswith(f"<{NBSP}5{sep} ")
    assert notes[1].startswith(f"{DASH}{sep} ")
    # a table with no hidden figure has no note
    (funnel,) = select(tree, '//section[@id="funnel"]')
    assert select(funnel, ".//p[@class='cb-note']") == []


def test_course_texts_cannot_inject_markup_or_script(pages: dict[str, str]) -> None:
    for page in pages.values():
        assert "<script" not in page.lower()
        assert "<b>bold" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
        assert "</table>$x$" not in page
        tree = html.fromstring(page)
        assert select(tree, "//script") == []
        assert select(tree, "//h1")[0].text_content() in (
            "Values & <Ethics>",
            "Valeurs et « éthique »",
        )
    en = html.fromstring(pages["en"])
    (prompt,) = select(en, '//section[@aria-labelledby="items-final-q1"]//blockquote')
    assert prompt.text_content().startswith('Which <script>alert("x")</script> is right?')
    assert prompt.text_content().endswith("$x$ </table>")


def test_a_text_missing_in_the_page_language_falls_back_marked_with_its_language(
    pages: dict[str, str],
) -> None:
    fr = html.fromstring(pages["fr"])
    (q3,) = select(fr, '//section[@aria-labelledby="items-final-q3"]//blockquote//span')
    assert (q3.get("lang"), q3.text) == ("en", "Name it.")
    assert select(fr, '//span[@lang="en"][text()="Only in English"]')
    assert not select(html.fromstring(pages["en"]), "//span[@lang]")


EXTERNAL = re.compile(r"(?:src|href|action|srcset|poster|data)\s*=\s*[\"']?([^\"'\s>]*)", re.I)


def test_nothing_is_fetched_from_anywhere(pages: dict[str, str]) -> None:
    for page in pages.values():
        for address in EXTERNAL.findall(page):
            assert address.startswith("#"), address
        assert re.findall(r"url\(\s*([^)]*)\)", page) and all(
            target.startswith("#") for target in re.findall(r"url\(\s*([^)]*)\)", page)
        )
        assert "@import" not in page
        tree = html.fromstring(page)
        assert select(tree, "//link|//img|//iframe|//object|//embed|//video|//audio") == []


def test_the_same_report_gives_the_same_bytes_in_another_process(pages: dict[str, str]) -> None:
    assert render_page(REPORT, "fr") == pages["fr"]
    code = (
        "import json, sys; from builder.report.page import render_page; "
        f"sys.stdout.buffer.write(render_page(json.load(open({str(FIXTURE)!r})), 'fr').encode())"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
        capture_output=True,
        check=True,
        timeout=120,
    )
    assert other.stdout.decode("utf-8") == pages["fr"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_chart_is_an_svg_with_title_and_desc_in_the_language_then_its_table(
    pages: dict[str, str], lang: str
) -> None:
    svgs = re.findall(r"<svg\b.*?</svg>", pages[lang], re.S)
    assert len(svgs) == 4  # funnel, video, items, scores
    ids: list[str] = []
    for text in svgs:
        svg = etree.fromstring(text.encode("utf-8"))
        assert svg.get("role") == "img"
        first, second = svg[0], svg[1]
        assert (first.tag, second.tag) == (f"{SVG_NS}title", f"{SVG_NS}desc")
        assert svg.get("aria-labelledby") == f"{first.get('id')} {second.get('id')}"
        assert first.text and second.text
        table_note = {
            "en": "The same numbers are in the table that follows the chart.",
            "fr": "Les mêmes nombres figurent dans le tableau qui suit le graphique.",
        }
        assert table_note[lang] in second.text
        assert svg.xpath(".//*[local-name()='text']"), "text stays text"
        ids += [found for e in svg.iter() if (found := e.get("id"))]
    assert svgs[0].count(TITLE[lang]) >= 1
    assert len(ids) == len(set(ids)), "ids are unique in the page"
    tree = html.fromstring(pages[lang])
    for figure in select(tree, "//figure"):
        after = figure.getnext()
        assert after is not None and after.get("class") == "cb-table-wrap"
        assert select(after, ".//table")


def test_matplotlib_is_loaded_only_when_a_chart_is_drawn() -> None:
    code = "import sys, builder.cli, builder.report.page; print('matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def _untracked(report: dict[str, Any], sections: tuple[str, ...]) -> dict[str, Any]:
    """The fixture with its video untracked in ``sections``: not a funnel step there."""
    changed: dict[str, Any] = json.loads(json.dumps(report))
    for name in sections:
        section = changed["sections"][name]
        section["funnel"] = [s for s in section["funnel"] if s["step"] != "video"]
        for video in section["videos"]:
            video.update(tracked=False, learners=None, completed=None, watched=[])
    return changed


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Not tracked: this video plays on another site"),
        ("fr", f"Non suivie{NBSP}: cette vidéo est lue sur un autre site"),
    ],
)
def test_a_video_nothing_measures_is_said_untracked_never_a_count_of_zero(
    lang: str, said: str
) -> None:
    page = render_page(_untracked(REPORT, ("all", "en", "fr")), lang)
    tree = html.fromstring(page)
    (videos,) = select(tree, '//section[@id="videos"]')
    assert said in videos.text_content()
    assert not select(videos, ".//table|.//svg")
    assert len(cells(page, "funnel-table")) == 7  # the video step is left out


def test_a_video_untracked_in_one_language_says_so_in_that_column() -> None:
    page = render_page(_untracked(REPORT, ("fr",)), "en")
    rows = cells(page, "video-video-page")
    assert rows and all(row[3] == "not tracked" for row in rows)
    assert all(row[1] != "not tracked" for row in rows)
