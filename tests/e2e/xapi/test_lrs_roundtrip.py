"""The model statements of both seed courses, sent to a real Ralph LRS and read back.

What Ralph 5.1.0 (fs backend, through tests/support/ralph_shim.py) does, as asserted here:
- POST a statement or a batch: 200 with the ids in order; tincan's PUT ``?statementId=``: 204.
- Resending a statement with the same id and the same content: 204 (POST and PUT), nothing
  stored twice. Same id, different content: 409. A batch that carries stored statements again
  beside new ones: 200 with the new ones' ids, those stored (``_filter_existing_statements``
  drops the same-id, same-content ones from the batch); 204 when all were stored.
  GET ``?statementId=`` of an id it does not hold: 200 with ``{"statements": []}`` (not 404).
- GET ``?statementId=`` answers ``{"statements": [statement]}``, not the bare statement the
  spec asks for (why tincan's ``retrieve_statement`` fails against it); ``stored`` and
  ``authority`` are added, everything sent comes back as sent.
- ``?registration=``, ``?verb=`` and ``?activity=`` filter (the last two only with the shim).
- A wrong password: 401. CORS preflight from an allowed origin: allowed, exactly that origin.
"""

from __future__ import annotations

import base64
import copy
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tincan
from ralph.models.xapi.base.statements import BaseXapiStatement
from support.lrs import RalphLRS

from builder.pipeline import validate
from builder.xapi.statements import VERBS, statements

SEEDS = Path(__file__).resolve().parents[3] / "course_src"
ADDED_BY_LRS = {"stored", "authority", "version"}


def registration_for(slug: str, lang: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"coursebuild-tests/{slug}/{lang}"))


@pytest.fixture(scope="module")
def sent(lrs: RalphLRS) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Every model statement of both seed courses in both languages, stored in Ralph.

    Per course and language (its own registration): the first statement through tincan's
    ``RemoteLRS.save_statement``, the next one alone, the rest as one batch.
    """
    outcome = validate([SEEDS])
    assert not outcome.failed and len(outcome.courses) == 2
    remote = tincan.RemoteLRS(endpoint=lrs.endpoint, auth=lrs.auth, version="1.0.3")
    batches: dict[str, list[dict[str, Any]]] = {}
    for course in outcome.courses:
        for lang in course.languages:
            registration = registration_for(course.slug, lang)
            batch = statements(course, lang=lang, registration=registration)
            saved = remote.save_statement(tincan.Statement(copy.deepcopy(batch[0])))
            assert saved.success and saved.response.status == 204, saved.data
            single = lrs.post(batch[1])
            assert (single.status, single.body) == (200, [batch[1]["id"]])
            rest = lrs.post(batch[2:])
            assert (rest.status, rest.body) == (200, [s["id"] for s in batch[2:]])
            batches[registration] = batch
    yield batches


def as_sent(stored: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in stored.items() if k not in ADDED_BY_LRS}


def test_every_statement_reads_back_by_id_as_sent(
    lrs: RalphLRS, sent: dict[str, list[dict[str, Any]]]
) -> None:
    for batch in sent.values():
        for index, statement in enumerate(batch):
            response = lrs.statement(statement["id"])
            assert response.status == 200
            (stored,) = response.body["statements"]  # Ralph wraps the single statement
            assert {"stored", "authority"} <= set(stored)
            BaseXapiStatement.model_validate(stored)
            if index == 0:
                # Sent by tincan, which adds "version" and writes the timestamp its own way.
                assert stored["version"] == "1.0.3"
                assert stored["timestamp"].startswith(statement["timestamp"][:19])
                assert as_sent(stored) | {"timestamp": statement["timestamp"]} == statement
            else:
                assert as_sent(stored) == statement


def test_registration_filter_gives_each_pass_exactly_once(
    lrs: RalphLRS, sent: dict[str, list[dict[str, Any]]]
) -> None:
    assert len(sent) == 4
    for registration, batch in sent.items():
        found = lrs.statements(registration=registration)
        ids = [s["id"] for s in found]
        assert len(ids) == len(set(ids)) == len(batch)
        assert set(ids) == {s["id"] for s in batch}


def test_verb_and_activity_filters(lrs: RalphLRS, sent: dict[str, list[dict[str, Any]]]) -> None:
    for registration, batch in sent.items():
        answered = lrs.statements(registration=registration, verb=VERBS["answered"])
        expected = [s["id"] for s in batch if s["verb"]["id"] == VERBS["answered"]]
        assert expected and sorted(s["id"] for s in answered) == sorted(expected)
        question = batch[-4]["object"]["id"]  # the last answered question
        about = lrs.statements(registration=registration, activity=question)
        assert [s["id"] for s in about] == [batch[-4]["id"]]
    completed = lrs.statements(verb=VERBS["completed"])  # across registrations
    assert {s["context"]["registration"] for s in completed} >= set(sent)
    assert {s["verb"]["id"] for s in completed} == {VERBS["completed"]}


def test_resending_a_statement(lrs: RalphLRS, sent: dict[str, list[dict[str, Any]]]) -> None:
    registration, batch = next(iter(sent.items()))
    statement = batch[5]
    assert lrs.post(statement).status == 204  # same id, same content: accepted, not stored again
    put = lrs.request("PUT", "statements", statement, params={"statementId": statement["id"]})
    assert put.status == 204
    changed = {**statement, "timestamp": "2025-01-06T15:00:00.000Z"}
    conflict = lrs.post(changed)
    assert conflict.status == 409, conflict.body
    assert "already exist" in conflict.body["detail"]
    assert len(lrs.statements(registration=registration)) == len(batch)


def test_a_batch_carrying_stored_statements_again_stores_the_new_ones(
    lrs: RalphLRS, sent: dict[str, list[dict[str, Any]]]
) -> None:
    """What the runtime relies on as the page goes with a request still on its way: its last
    request carries that one's statements again, then terminated [xAPI 1.0.3 Part Three
    §2.1.2]. And what it reads when it looks a refused resend up [Part Three §2.1.3]."""
    registration, batch = next(iter(sent.items()))
    fresh = {**batch[0], "id": str(uuid.uuid4()), "timestamp": "2025-01-06T16:00:00.000Z"}
    both = lrs.post([batch[3], batch[4], fresh])
    assert (both.status, both.body) == (200, [fresh["id"]]), both.body
    again = lrs.post([batch[3], fresh])
    assert again.status == 204, again.body
    assert len(lrs.statements(registration=registration)) == len(batch) + 1
    assert lrs.statement(fresh["id"]).body["statements"][0]["id"] == fresh["id"]
    unknown = lrs.statement(str(uuid.uuid4()))
    assert (unknown.status, unknown.body) == (200, {"statements": []})


def test_wrong_password_is_401(lrs: RalphLRS) -> None:
    wrong = "Basic " + base64.b64encode(f"{lrs.username}:not-the-password".encode()).decode()
    assert lrs.request("GET", "statements", auth=wrong).status == 401
    statement = statements(validate([SEEDS / "social-media-at-work"]).courses[0])[0]
    assert lrs.post({**statement, "id": str(uuid.uuid4())}, auth=wrong).status == 401


def test_cors_preflight_from_the_allowed_origin(lrs: RalphLRS) -> None:
    (origin,) = lrs.cors_origins
    headers = {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type,x-experience-api-version",
    }
    allowed = lrs.request("OPTIONS", "statements", headers=headers)
    assert allowed.status == 200
    assert allowed.headers.get("access-control-allow-origin") == origin
    other = lrs.request("OPTIONS", "statements", headers={**headers, "Origin": "http://evil.test"})
    assert other.headers.get("access-control-allow-origin") is None
