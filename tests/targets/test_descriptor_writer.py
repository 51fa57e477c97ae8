"""Descriptors written from templates: escaped as lxml escaped them, never open to markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from builder.diagnostics import Diagnostics
from builder.source.course import read_course
from builder.targets import descriptor
from builder.targets.cmi5.manifest import build_cmi5_xml
from builder.targets.xapi import manifest as tincan

HOSTILE = [
    'Tom & "Jerry" <b>',
    "O'Neil >> x ]]> <!-- -->",
    "tab\there, new\nline, return\rend",
    "</title><script>alert(1)</script>",
    "déjà « vu » — 😀",
    "",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_value_is_escaped_as_lxml_escaped_it(value: str) -> None:
    element = etree.Element("e", a=value)
    element.text = value
    expected = etree.tostring(element, encoding="unicode")
    written = f'<e a="{descriptor._finalize(value)}">{descriptor.element_text(value)}</e>'
    assert written == expected
    parsed = etree.fromstring(written)
    assert parsed.get("a") == value and (parsed.text or "") == value


@pytest.mark.parametrize("value", ["bell\x07", "nul\x00", "lone \ud800", "\ufffe"])
def test_a_character_xml_cannot_carry_is_refused_as_lxml_refused_it(value: str) -> None:
    with pytest.raises(ValueError):
        etree.Element("e", a=value)
    with pytest.raises(ValueError, match="XML compatible"):
        descriptor._finalize(value)
    with pytest.raises(ValueError, match="XML compatible"):
        descriptor.element_text(value)


def test_a_template_that_forgets_text_still_escapes_for_an_attribute() -> None:
    # `|text` only spares the quote: a value written without it can never open markup.
    assert descriptor._finalize('</a><b x="1">') == "&lt;/a&gt;&lt;b x=&quot;1&quot;&gt;"


def test_hostile_titles_stay_text_in_every_descriptor(course: Path) -> None:
    (course / "course.yml").write_text(
        (course / "course.yml")
        .read_text(encoding="utf-8")
        .replace("title: ", "title: '</title><au id=\"x\"/>&amp; ' #", 1),
        encoding="utf-8",
    )
    loaded, _ = read_course(course, Diagnostics())
    assert loaded is not None
    root = etree.fromstring(build_cmi5_xml(loaded))
    ns = {"c": root.nsmap[None]}
    assert len(root.findall("c:au", ns)) == 1
    title = root.find("c:course/c:title/c:langstring", ns)
    assert title is not None and title.text == loaded.title[loaded.languages[0]]
    assert title.text.startswith('</title><au id="x"/>&amp; ')


def test_an_activity_with_nothing_to_say_is_written_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    listed = [
        {"id": "https://example.org/c", "definition": {"type": "t", "name": {"en": "C"}}},
        {"id": "https://example.org/bare", "definition": {}},
        {
            "id": "https://example.org/q",
            "definition": {"type": "i", "interactionType": "choice"},  # key kept out: hashed
        },
    ]
    monkeypatch.setattr("builder.xapi.activities.activities", lambda course, in_package: listed)
    monkeypatch.setattr("builder.xapi.activities.language_tag", lambda lang: "en-CA")

    class _Course:
        default_language = "en"

    xml = tincan.build_tincan_xml(_Course())  # type: ignore[arg-type]
    assert b'<activity id="https://example.org/bare" type=""/>' in xml
    assert b"<correctResponsePatterns/>" in xml
    root = etree.fromstring(xml)
    ns = {"t": root.nsmap[None]}
    launches = root.findall("t:activities/t:activity/t:launch", ns)
    assert [(e.text, e.get("lang")) for e in launches] == [("index.html", "en-CA")]
