"""Entering the assessment, in a real SCORM 1.2 and 2004 LMS (scorm-again): the Next from the page
before it into it is one save, one commit. It used to be two writes of the resume state: the
page seen (location and state, committed), then the attempt drawn (the state again, held by the
LMS uncommitted until the next milestone). The LMS must hold after the step exactly what it did
then: ``assessment_entry_held.json`` is what it held after that step with the runtime that wrote
twice (read from the LMS side, this session's time left out), the questions drawn by a seeded
``Math.random``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext
from support.learner import Learner
from support.lms import Scorm12LMS
from support.lms2004 import Scorm2004LMS
from support.lms_session import LMSSession
from support.seed import SEED_SLUGS, SEEDS

# Math.random made repeatable (mulberry32), in every frame, so that the questions drawn are the
# same from one run to the next.
SEEDED_RANDOM = """(() => {
  let a = 20261208;
  Math.random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();"""

NAMES = {
    "scorm12": ("LMSSetValue", "LMSCommit", "cmi.suspend_data"),
    "scorm2004": ("SetValue", "Commit", "cmi.suspend_data"),
}
HELD = json.loads(Path(__file__).with_name("assessment_entry_held.json").read_text("utf-8"))


def held(cmi: dict[str, Any]) -> dict[str, Any]:
    """What the LMS holds, but this session's time so far (a clock's, not the runtime's)."""
    out: dict[str, Any] = json.loads(json.dumps(cmi))
    out.get("core", {}).pop("session_time", None)
    out.pop("session_time", None)
    return out


@pytest.mark.parametrize("target", sorted(NAMES))
@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_entering_the_assessment_is_one_save(
    target: str,
    slug: str,
    context: BrowserContext,
    seed_dist: Path,
    scorm12_lms: Callable[[Path], Scorm12LMS],
    scorm2004_lms: Callable[[Path], Scorm2004LMS],
) -> None:
    seed = SEEDS[slug]
    context.add_init_script(SEEDED_RANDOM)
    make = scorm12_lms if target == "scorm12" else scorm2004_lms
    session: LMSSession = make(seed_dist / f"{slug}-{target}.zip").launch()
    me = Learner.started(session, seed)
    ids = seed.page_ids
    assert ids[-1] == seed.assessment_id
    while me.current_page() != ids[-2]:
        me.next()
    # the questions' part has loaded on the page before (as the learner reads it)
    me.frame.wait_for_function("() => !!window.CourseBuild.playerQuiz")
    set_name, commit_name, data = NAMES[target]
    before = len(session.calls())

    me.next()  # into the assessment: its questions shown, usable
    me.frame.wait_for_timeout(300)  # anything the step would write after it
    step = session.calls()[before:]
    commits = [c for c in step if c.method == commit_name]
    states = [c for c in step if c.method == set_name and c.args[0] == data]
    assert len(commits) == 1, [str(c) for c in step]
    assert len(states) == 1, [str(c) for c in step]
    assert commits[0].index > states[0].index  # the attempt drawn is in what was committed
    now = session.cmi()
    assert commits[0].cmi is not None and held(commits[0].cmi) == held(now)
    assert held(now) == HELD[f"{target} {slug}"]
    assert session.problems() == []
