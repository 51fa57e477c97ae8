"""`validate` and `check` agree on the identifiers and decimals a course puts in its packages
(issue 14): the same values go to both, each through its own front door.

A course's `code` becomes the manifest's identifiers (`MANIFEST-<code>`, …, an xs:ID, so an
NCName [SCORM 1.2 CAM §2.3.2; XML Namespaces §3]); its `mastery_score` becomes SCORM 1.2's
`adlcp:masteryscore` (a CMIDecimal from 0 to 100 [SCORM 1.2 CAM §2.3.2.4]), SCORM 2004's
`imsss:minNormalizedMeasure` (an xs:decimal from -1 to 1 [SCORM 2004 4th ed. SN §5.1.6]) and
cmi5's `masteryScore` (a decimal from 0 to 1 [cmi5 §13.1.4]). Every value `check` refuses in a
package must be refused by `validate` in the source, and every value `validate` accepts must
give packages that `check` accepts. `validate` is stricter in two documented places: codes are
ASCII letters, digits, `-` and `_`, starting with a letter or digit (a code also names the
package files), so a code such as `cours-été` is refused in the source although `check` accepts
`MANIFEST-cours-été` from another tool; and a mastery score is a percentage from 0, where
SCORM 2004 also allows a negative measure.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.check_kit import check, cmi5, rules, scorm12, scorm2004, swap, zip_of

from builder import pipeline

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"

REFUSALS = {"bad-value", "wrong-type"}
GOOD_CODES = ("MIN-1", "course_2", "1st-course", "A")
BAD_CODES = ("a b", "a:b", "a&lt;b", "a/b", "a.b:c", "a&amp;b")
GOOD_SCORES = ("0", "70", "100")
BAD_SCORES = ("101", "abc", "1e9", ".nan", "150.5")


def _validate_accepts(tmp_path: Path, line: str) -> bool:
    course = tmp_path / f"course-{len(list(tmp_path.iterdir()))}"
    shutil.copytree(MINIMAL, course)
    yml = course / "course.yml"
    text = yml.read_text(encoding="utf-8")
    yml.write_text(text.replace("code: MIN-1\n", f"{line}\n", 1), encoding="utf-8")
    codes = {d.code for d in pipeline.validate([course]).diagnostics}
    assert codes <= REFUSALS | {"mastery-mismatch"}, codes  # a warning: the pass mark differs
    return not codes & REFUSALS


def _identifier_accepted_by_check(code: str) -> bool:
    files = swap(scorm12(), "imsmanifest.xml", 'identifier="org"', f'identifier="ORG-{code}"')
    files = swap(files, "imsmanifest.xml", 'default="org"', f'default="ORG-{code}"')
    return "identifier-invalid" not in rules(check(zip_of(files)))


def _scaled(score: str) -> str:
    try:
        return str(float(score) / 100)
    except ValueError:
        return score


def _score_accepted_by_check(score: str) -> dict[str, bool]:
    as_12 = swap(scorm12(), "imsmanifest.xml", ">80<", f">{score}<")
    as_2004 = swap(scorm2004(), "imsmanifest.xml", ">0.8<", f">{_scaled(score)}<")
    as_cmi5 = swap(cmi5(), "cmi5.xml", 'masteryScore="0.8"', f'masteryScore="{_scaled(score)}"')
    return {
        "scorm12": "mastery-range" not in rules(check(zip_of(as_12))),
        "scorm2004": "mastery-range" not in rules(check(zip_of(as_2004))),
        "cmi5": "mastery-range" not in rules(check(zip_of(as_cmi5))),
    }


@pytest.mark.parametrize("code", GOOD_CODES + BAD_CODES)
def test_validate_and_check_say_the_same_about_a_code(tmp_path: Path, code: str) -> None:
    accepted = _validate_accepts(tmp_path, f'code: "{_unescaped(code)}"')
    assert accepted == _identifier_accepted_by_check(code) == (code in GOOD_CODES)


def test_validate_is_stricter_only_where_it_says_so(tmp_path: Path) -> None:
    # Codes are ASCII and start with a letter or digit; check accepts any NCName after "ORG-".
    for code in ("cours-été", "-lead"):
        assert not _validate_accepts(tmp_path, f'code: "{code}"')
        assert _identifier_accepted_by_check(code)
    # A mastery score is a percentage; SCORM 2004 measures may be negative [SCORM 2004 4th ed.
    # SN §5.1.6], SCORM 1.2 and cmi5 scores may not.
    assert not _validate_accepts(tmp_path, "code: MIN-1\nmastery_score: -1")
    assert _score_accepted_by_check("-1") == {"scorm12": False, "scorm2004": True, "cmi5": False}


def _unescaped(code: str) -> str:
    return code.replace("&lt;", "<").replace("&amp;", "&")


@pytest.mark.parametrize("score", GOOD_SCORES + BAD_SCORES)
def test_validate_and_check_say_the_same_about_a_mastery_score(tmp_path: Path, score: str) -> None:
    good = score in GOOD_SCORES
    line = f"code: MIN-1\nmastery_score: {score}"
    assert _validate_accepts(tmp_path, line) == good
    assert _score_accepted_by_check(score) == dict.fromkeys(("scorm12", "scorm2004", "cmi5"), good)
