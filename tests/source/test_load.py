"""Load stage: YAML values keep their line and column; syntax problems become diagnostics."""

from __future__ import annotations

from builder.diagnostics import Diagnostics
from builder.source.load import parse_yaml, split_front_matter


def test_values_and_keys_keep_their_position() -> None:
    doc = parse_yaml("a: 1\nlist:\n  - x: 2\n    y: three\n", "f.yml", Diagnostics())
    assert doc.data == {"a": 1, "list": [{"x": 2, "y": "three"}]}
    assert str(doc.at(("list", 0, "y"))) == "f.yml:4:8"
    assert str(doc.at(("list", 0, "y"), key=True)) == "f.yml:4:5"
    assert str(doc.at(("list", 0, "missing"))) == "f.yml:3:5"


def test_duplicate_key_is_reported_at_the_second_one() -> None:
    diagnostics = Diagnostics()
    parse_yaml("title: a\ntitle: b\n", "f.yml", diagnostics)
    assert [d.format() for d in diagnostics] == [
        "f.yml:2:1: error: key 'title' appears twice in the same mapping; expected each key "
        "once [yaml-duplicate-key]"
    ]


def test_front_matter_lines_count_from_the_top_of_the_file() -> None:
    diagnostics = Diagnostics()
    md = split_front_matter("---\ntitle: T\nvideo:\n  url: x\n---\nBody\n", "p.md", diagnostics)
    assert md.front.data == {"title": "T", "video": {"url": "x"}}
    assert str(md.front.at(("video", "url"))) == "p.md:4:8"
    assert md.body == "Body\n"
    assert md.body_line == 6
    assert len(diagnostics) == 0


def test_unclosed_front_matter_is_an_error() -> None:
    diagnostics = Diagnostics()
    split_front_matter("---\ntitle: T\n", "p.md", diagnostics)
    assert [d.code for d in diagnostics] == ["front-matter-unclosed"]


def test_syntax_error_in_front_matter_points_into_the_file() -> None:
    diagnostics = Diagnostics()
    md = split_front_matter("---\ntitle: T\nvideo: [x\n---\n", "p.md", diagnostics)
    assert not md.front.parsed
    (diagnostic,) = list(diagnostics)
    assert diagnostic.code == "yaml-syntax"
    assert diagnostic.location.line == 4
