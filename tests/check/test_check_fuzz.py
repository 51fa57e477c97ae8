"""Damaged, hostile and random zips: `check` reports or refuses them, never a traceback."""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from support.check_kit import BASES, zip_of

from builder.check.common import RULES
from builder.check.package import Report, check_bytes, to_json

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
kinds = st.sampled_from(sorted(BASES))
names = st.one_of(
    st.sampled_from(
        [
            "imsmanifest.xml",
            "tincan.xml",
            "cmi5.xml",
            "index.html",
            "assets/app.js",
            "course/imsmanifest.xml",
            "../x.js",
            "/abs.html",
            "C:\\evil.html",
            "a/../../b.js",
            "dir/",
            "Index.HTML",
        ]
    ),
    # zipfile cuts names at NUL and cannot write an empty one
    st.text(alphabet="ab./\\:é\x00 -_", min_size=1, max_size=16).filter(
        lambda name: name.split("\x00", 1)[0] != ""
    ),
)
xml_bits = st.sampled_from(
    [
        "<",
        ">",
        "</",
        "/>",
        '"',
        "&",
        "&amp;",
        "<!DOCTYPE x [<!ENTITY e 'e'>]>",
        "&e;",
        "<![CDATA[",
        "xmlns:adlcp=",
        'identifier="x"',
        "identifierref=",
        "<item>",
        "<resource ",
        "<au id=",
        "<launch>",
        "..",
        "\x00",
        "\ufeff",
        "é",
        "",
    ]
)


def _ok(report: Report) -> None:
    for finding in report.findings:
        assert finding.code in RULES
        assert finding.severity is RULES[finding.code].severity
        assert finding.location.line >= 0
        assert finding.format(report.package).endswith(f"[{finding.code}]") or finding.hint
    json.dumps(to_json([report]))


def _check(data: bytes) -> None:
    report = check_bytes(data, "fuzz.zip")
    if [f.code for f in report.findings] == ["zip-corrupt"]:
        event("not a zip")
        return
    event("errors" if report.errors else "clean or warnings")
    _ok(report)


@FUZZ
@given(kind=kinds, flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255))))
def test_flipped_bytes(kind: str, flips: list[tuple[int, int]]) -> None:
    data = bytearray(zip_of(BASES[kind]()))
    for where, value in flips:
        data[where % len(data)] = value
    _check(bytes(data))


@FUZZ
@given(kind=kinds, cut=st.integers(0, 10**6), junk=st.binary(max_size=64))
def test_truncated_or_padded(kind: str, cut: int, junk: bytes) -> None:
    data = zip_of(BASES[kind]())
    cut %= len(data) + 1
    _check(data[:cut] + junk + data[cut:] if junk else data[:cut])


@FUZZ
@given(
    kind=kinds,
    start=st.integers(0, 2000),
    length=st.integers(0, 40),
    insert=st.lists(xml_bits, max_size=6),
)
def test_mutated_descriptors(kind: str, start: int, length: int, insert: list[str]) -> None:
    files = BASES[kind]()
    descriptor = next(name for name in files if name.endswith(".xml"))
    text = files[descriptor].decode()
    start %= len(text)
    files[descriptor] = (text[:start] + "".join(insert) + text[start + length :]).encode()
    _check(zip_of(files))


@FUZZ
@given(
    kind=kinds,
    extra=st.dictionaries(names, st.binary(max_size=200), max_size=6),
    drop=st.lists(st.sampled_from(["index.html", "assets/app.js", "assets/style.css"])),
)
def test_random_entries(kind: str, extra: dict[str, bytes], drop: list[str]) -> None:
    files = BASES[kind]()
    for name in drop:
        files.pop(name, None)
    files.update(extra)
    _check(zip_of(files))
