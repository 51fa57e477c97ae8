"""The build's self-check is `check`'s rule set: every breakage the old per-target validators
caught in a seed package is caught by a `check` rule, by its code."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from support.seed import SEED_SLUGS

from builder.check.package import self_check
from builder.targets import REGISTRY

SLUG = SEED_SLUGS[0]
NSM = "navigating-social-media"
QUIZ_MODULE = f"https://training.coursebuild.ca/courses/{NSM}/modules/intro"


def mutated(package: Path, name: str, old: bytes, new: bytes, count: int = 1) -> bytes:
    """The package's bytes with `old` replaced by `new` in its file `name`."""
    out = io.BytesIO()
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == name:
                assert old in data, old
                data = data.replace(old, new, count)
            target.writestr(info, data)
    return out.getvalue()


def codes(data: bytes) -> set[str]:
    """The rule codes the self-check reports."""
    return {f.code for f in self_check(data, "package.zip").findings}


@pytest.mark.parametrize("slug", SEED_SLUGS)
@pytest.mark.parametrize("target", sorted(REGISTRY))
def test_the_seed_packages_pass_with_no_finding(seed_dist: Path, slug: str, target: str) -> None:
    report = self_check((seed_dist / f"{slug}-{target}.zip").read_bytes(), "package.zip")
    assert report.findings == []
    assert report.label == REGISTRY[target].check_label


SCORM12 = [
    (b'href="index.html"/>', b'href="missing.html"/>', "file-missing"),
    (b'identifier="ITEM-TRN1-V13"', b'identifier="1-bad id"', "identifier-invalid"),
    (b'<file href="index.html"/>', b"", "scorm-href-unlisted"),
    (b'identifierref="RES-', b'identifierref="NONE-', "scorm-identifierref"),
    (b"<adlcp:masteryscore>80<", b"<adlcp:masteryscore>120<", "mastery-range"),
]

SCORM2004 = [
    (b"2004 4th Edition", b"1.2", "scorm-schemaversion"),
    (b'adlcp:scormType="sco"', b'adlcp:scormType="lesson"', "scorm-scormtype"),
    (b'adlcp:scormType="sco"', b'adlcp:scormtype="sco"', "scorm-scormtype"),
    (
        b"<metadata>",
        b'<metadata xmlns:a="http://www.adlnet.org/xsd/adlcp_rootv1p2">',
        "scorm-schemaversion",
    ),
    (b'<file href="index.html"/>', b"", "scorm-href-unlisted"),
    (b'<file href="index.html"/>', b'<file href="../x.html"/>', "href-unsafe"),
    (b'identifierref="RES-', b'identifierref="NONE-', "scorm-identifierref"),
    (b'default="ORG-', b'default="NONE-', "scorm-default-org"),
    (b"<imsss:minNormalizedMeasure>0.8<", b"<imsss:minNormalizedMeasure>80<", "mastery-range"),
    (b'flow="true"', b'flow="yes"', "scorm-boolean"),
    (b'completionSetByContent="true"', b'completionSetByContent="yes"', "scorm-boolean"),
    (b"<manifest ", b"<manifest", "xml-malformed"),
]

TINCAN = [
    (f'<activity id="{QUIZ_MODULE}"'.encode(), b'<activity id="not an iri"', "iri-invalid"),
    (
        b'<name lang="en-CA">About this course</name>',
        b'<launch lang="en">index.html</launch>',
        "tincan-launch",
    ),
    (
        '<name lang="en-CA">About this course</name>\n      '
        '<name lang="fr-CA">\u00c0 propos de ce cours</name>'.encode(),
        b"",
        "tincan-name",
    ),
    (b">index.html</launch>", b">gone.html</launch>", "launch-missing"),
    (b"<tincan ", b"<tincan", "xml-malformed"),
    (
        b"</activities>",
        f'<activity id="{QUIZ_MODULE}" type="t"><name lang="en">x</name></activity>'
        "</activities>".encode(),
        "identifier-duplicate",
    ),
]

CMI5 = [
    (b"<url>index.html</url>", b"<url>gone.html</url>", "launch-missing"),
    (b'moveOn="CompletedAndPassed"', b'moveOn="Done"', "cmi5-vocabulary"),
    (b'masteryScore="0.8"', b'masteryScore="80"', "mastery-range"),
    (b"<courseStructure ", b"<courseStructure", "xml-malformed"),
]

MUTATIONS = [
    *[("scorm12", "imsmanifest.xml", *m) for m in SCORM12],
    *[("scorm2004", "imsmanifest.xml", *m) for m in SCORM2004],
    *[("xapi", "tincan.xml", *m) for m in TINCAN],
    *[("cmi5", "cmi5.xml", *m) for m in CMI5],
]


@pytest.mark.parametrize(("target", "name", "old", "new", "code"), MUTATIONS)
def test_each_old_self_check_breakage_is_a_check_rule(
    seed_dist: Path, target: str, name: str, old: bytes, new: bytes, code: str
) -> None:
    package = seed_dist / f"{NSM}-{target}.zip"
    assert code in codes(mutated(package, name, old, new))


def test_a_renamed_prefix_is_caught(seed_dist: Path) -> None:
    package = seed_dist / f"{NSM}-scorm2004.zip"
    with zipfile.ZipFile(package) as archive:
        manifest = archive.read("imsmanifest.xml")
    renamed = manifest.replace(b"xmlns:adlcp=", b"xmlns:cp=").replace(b"adlcp:", b"cp:")
    data = mutated(package, "imsmanifest.xml", manifest, renamed)
    assert "scorm-prefix" in codes(data)


def test_a_cmi5_package_without_an_au_is_caught(seed_dist: Path) -> None:
    package = seed_dist / f"{NSM}-cmi5.zip"
    with zipfile.ZipFile(package) as archive:
        xml = archive.read("cmi5.xml").decode()
    without = xml[: xml.index("  <au ")] + xml[xml.index("</au>") + len("</au>\n") :]
    data = mutated(package, "cmi5.xml", xml.encode(), without.encode())
    assert "cmi5-structure" in codes(data)


def test_an_unlisted_extra_file_is_caught(seed_dist: Path) -> None:
    out = io.BytesIO()
    source_path = seed_dist / f"{NSM}-scorm12.zip"
    with zipfile.ZipFile(source_path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("extra.txt", b"x")
    assert codes(out.getvalue()) == {"file-unlisted"}


def test_a_scorm_2004_manifest_of_another_edition_reads_as_that_edition(seed_dist: Path) -> None:
    package = seed_dist / f"{NSM}-scorm2004.zip"
    report = self_check(
        mutated(package, "imsmanifest.xml", b"2004 4th Edition", b"CAM 1.3"), "package.zip"
    )
    assert report.label != REGISTRY["scorm2004"].check_label
