"""A hashed answer key (issue 15, assessment ``answer_key: hashed``): the package holds no
correct answer, the Python and JavaScript sides read and hash an answer alike."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from support.hashed_course import PAIRS, STEPS, WORDS, build_hashed_course, write_hashed_course
from support.paths import REPO_ROOT

from builder.diagnostics import Diagnostics
from builder.render.answer_key import fnv1a64, key_hash, typed_key
from builder.render.config import runtime_config
from builder.source.course import load_course

ANSWER_KEY_JS = REPO_ROOT / "templates" / "theme" / "static" / "answer-key.js"

# Strings where a Python and a JavaScript normalisation could part ways.
TRICKY = [
    "Zanzibar",
    "  ZANZIBAR.  ",
    "Protégé",  # NFC é
    "Prote\u0301ge\u0301",  # NFD: e + combining acute
    "STRASSE",
    "Straße",
    "STRA\u1e9eE",  # capital sharp s: lower is ß
    "İstanbul",  # Turkish dotted capital I: lower is i + U+0307
    "ISTANBUL",
    "\u0131stanbul",  # dotless i stays
    "ΟΔΟΣ",  # final sigma in context
    "caf\u00e9\u00a0au\u00a0lait",  # non-breaking spaces
    "\ufeffBOM first",  # U+FEFF: JavaScript \s, not Python's
    "\u001cfile separator\u001c",  # Python's \s, not JavaScript's
    "a\u2003b\u3000c\u202fd",  # em, ideographic and narrow no-break spaces
    "Why?!\u2026",
    "ﬁnance",  # a ligature: no compatibility folding on either side
    "Ǆemal",  # a titlecase digraph
    "\U0001d49clpha \U0001f600",  # beyond the BMP: UTF-8 in four bytes
    "\u00c5ngstr\u00f6m",
    "A\u030angstro\u0308m",
]


def node_says(table: list[list[str]]) -> list[list[str]]:
    """answer-key.js's typedKey and hash for each [text, accents, salt], run by Node."""
    node = shutil.which("node")
    assert node, "node is not installed (see scripts/setup.sh)"
    script = (
        f"const K = require({json.dumps(str(ANSWER_KEY_JS))});"
        "const rows = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(rows.map(([t, a, s]) => {"
        "const k = K.typedKey(t, a); return [k, K.hash(s, k)]; })));"
    )
    proc = subprocess.run(
        [node, "-e", script], input=json.dumps(table), capture_output=True, text=True, check=True
    )
    result: list[list[str]] = json.loads(proc.stdout)
    return result


def test_fnv1a64_gives_the_published_test_vectors() -> None:
    # draft-eastlake-fnv, FNV-1a 64 test vectors
    assert fnv1a64(b"") == 0xCBF29CE484222325
    assert fnv1a64(b"a") == 0xAF63DC4C8601EC8C
    assert fnv1a64(b"foobar") == 0x85944171F73967E8


def test_python_and_javascript_read_and_hash_typed_answers_alike() -> None:
    table = [[t, accents, "0123456789abcdef"] for t in TRICKY for accents in ("ignore", "match")]
    python = [[typed_key(t, a), key_hash(s, typed_key(t, a))] for t, a, s in table]  # type: ignore[arg-type]
    assert node_says(table) == python
    # and the readings themselves are the ones documented
    assert typed_key("  ZANZIBAR.  ", "ignore") == "zanzibar"
    assert typed_key("Prote\u0301ge\u0301", "ignore") == typed_key("Protégé", "ignore") == "protege"
    assert typed_key("Prote\u0301ge\u0301", "match") == "protégé"
    assert typed_key("İstanbul", "ignore") == "istanbul"
    assert typed_key("STRA\u1e9eE", "ignore") == "straße" != typed_key("STRASSE", "ignore")
    assert typed_key("ΟΔΟΣ", "ignore") == "οδος"
    assert typed_key("caf\u00e9\u00a0au\u00a0lait", "match") == "café au lait"


@pytest.fixture(scope="module")
def hashed_zips(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    src = tmp_path_factory.mktemp("hashed-src")
    return [
        build_hashed_course(src, tmp_path_factory.mktemp(target), target)[1]
        for target in ("scorm12", "scorm2004", "xapi", "cmi5")
    ]


def test_the_answer_key_is_nowhere_in_a_hashed_package(hashed_zips: list[Path]) -> None:
    course = load_course(write_hashed_course(hashed_zips[0].parent / "again"), Diagnostics())
    assert course is not None and course.assessment is not None
    questions = {q.id: q for q in course.assessment.questions}
    order = ",".join(i.id for i in questions["steps"].items)
    pairs = ",".join(f"{p.source_id}.{p.target_id}" for p in questions["sounds"].pairs)
    secrets = [
        *(w.lower() for w in WORDS),
        order,
        order.replace(",", "[,]"),
        pairs,
        pairs.replace(",", "[,]").replace(".", "[.]"),
        "correctresponsespattern",
    ]
    for package in hashed_zips:
        with zipfile.ZipFile(package) as z:
            # answer-key.js, in the chunk the assessment page loads
            assert re.search(rb"\.answerKey=\w+\)", z.read("assets/runtime-questions.js"))
            for name in z.namelist():
                text = z.read(name).decode("utf-8", "replace").lower()
                found = [s for s in secrets if s in text]
                assert not found, f"{package.name}:{name} holds {found}"
            page = z.read("index.html").decode()
        config = json.loads(re.findall(r'id="coursebuild-config">(.*?)</script>', page)[0])
        assert all("correct" not in q for q in config["assessment"]["questions"])
        # the ordering items are listed by id, which is not the correct order
        shown = re.findall(r'class="cb-order-text"[^>]*>([^<]+)<', page)
        assert sorted(shown) == sorted(STEPS) and shown != STEPS
        # and the matching pairs are not a, b, c in their sources' order
        assert pairs != "1.a,2.b,3.c"
        assert len(PAIRS) == 3


def test_a_hashed_config_checks_and_keeps_what_cannot_be_hashed(course: Path) -> None:
    shutil.rmtree(course)
    write_hashed_course(course.parent)
    model = load_course(course.parent / "hashed", Diagnostics())
    assert model is not None
    config = runtime_config(model, "scorm12")["assessment"]["questions"]
    by_id = {q["id"]: q for q in config}
    for qid in ("tf", "pick", "many", "word", "sounds", "steps"):
        q = by_id[qid]
        assert "correct" not in q and re.fullmatch("[0-9a-f]{16}", q["salt"]), q
        assert all(re.fullmatch("[0-9a-f]{16}", h) for h in q["hashes"])
    assert len(by_id["word"]["hashes"]) == 2  # one per accepted answer's marking key
    assert len({q["salt"] for q in config if "salt" in q}) == 6  # a salt per question
    assert (by_id["legs"]["min"], by_id["legs"]["max"]) == (8, 8)  # a range cannot be hashed
    # a build is reproducible: the same source, the same salts and hashes
    again = load_course(course.parent / "hashed", Diagnostics())
    assert again is not None
    assert runtime_config(again, "scorm12")["assessment"]["questions"] == config
    xapi = runtime_config(model, "xapi")["xapi"]["questions"]
    assert all("correctResponsesPattern" not in a["definition"] for a in xapi.values())


def test_a_plain_answer_key_is_unchanged(course: Path) -> None:
    model = load_course(course, Diagnostics())
    assert model is not None and model.assessment is not None
    assert model.assessment.answer_key == "plain"
    config = runtime_config(model, "scorm12")["assessment"]["questions"]
    assert all("salt" not in q for q in config)
    assert all("correct" in q for q in config if q["type"] != "numeric")


def test_a_wrong_answer_key_value_is_a_diagnostic(course: Path) -> None:
    quiz = course / "assessments" / "quiz.yml"
    quiz.write_text(quiz.read_text(encoding="utf-8") + "answer_key: secret\n", encoding="utf-8")
    diagnostics = Diagnostics()
    load_course(course, diagnostics)
    found = [d for d in diagnostics if d.code == "bad-value"]
    assert len(found) == 1 and diagnostics.has_errors(), list(diagnostics)
    assert found[0].location.file.endswith("assessments/quiz.yml")
    assert found[0].message == "answer_key: expected one of 'plain' or 'hashed', found 'secret'"
