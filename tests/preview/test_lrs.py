"""The built-in LRS: statements and State resources [xAPI 1.0.3 Part Three §2.1, §2.3]."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builder.preview import lrs
from builder.preview.statement_rules import statement_problems
from builder.preview.store import Store

AUTH = lrs.credential("a-run-secret")
HEADERS = {
    "x-experience-api-version": "1.0.3",
    "authorization": AUTH,
    "content-type": "application/json",
}
ACTOR = {"objectType": "Agent", "account": {"homePage": "http://localhost/x", "name": "learner"}}


def statement(**extra: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "actor": ACTOR,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en-US": "x"}},
        "object": {"id": "https://example.ca/courses/c/modules/intro", "objectType": "Activity"},
        **extra,
    }


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "learner.sqlite3")
    yield s
    s.close()


def send(
    store: Store, method: str, body: Any, query: str = "", headers: dict[str, str] | None = None
) -> lrs.Reply:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return lrs.statements(method, query, headers or HEADERS, data, store, "http://localhost/x")


def test_requests_need_the_version_header_and_the_launch_credential() -> None:
    assert lrs.request_problem(HEADERS, AUTH) is None
    missing = lrs.request_problem({**HEADERS, "x-experience-api-version": ""}, AUTH)
    assert missing is not None and missing.status == 400
    assert b"X-Experience-API-Version" in missing.body
    future = lrs.request_problem({**HEADERS, "x-experience-api-version": "2.0.0"}, AUTH)
    assert future is not None and future.status == 400
    anonymous = lrs.request_problem({**HEADERS, "authorization": ""}, AUTH)
    assert anonymous is not None and anonymous.status == 401


def test_post_stores_statements_and_answers_their_ids_in_order(store: Store) -> None:
    batch = [statement(), statement()]
    reply = send(store, "POST", batch)
    assert reply.status == 200
    assert json.loads(reply.body) == [s["id"] for s in batch]
    stored = store.statement(batch[0]["id"])
    assert stored is not None
    assert stored["stored"] and stored["authority"]["objectType"] == "Agent"
    assert stored["timestamp"] == stored["stored"]  # none given: the LRS sets it
    listed = json.loads(send(store, "GET", b"").body)
    assert [s["id"] for s in listed["statements"]] == [batch[1]["id"], batch[0]["id"]]
    one = send(store, "GET", b"", f"statementId={batch[1]['id']}")
    assert json.loads(one.body)["id"] == batch[1]["id"]
    assert send(store, "GET", b"", f"statementId={uuid.uuid4()}").status == 404


def test_post_without_an_id_gets_one(store: Store) -> None:
    s = statement()
    del s["id"]
    (new_id,) = json.loads(send(store, "POST", s).body)
    assert uuid.UUID(new_id)


def test_put_needs_the_statement_id_and_conflicts_are_409(store: Store) -> None:
    s = statement()
    assert send(store, "PUT", s, f"statementId={s['id']}").status == 204
    assert send(store, "PUT", s, f"statementId={s['id']}").status == 204  # the same again
    assert send(store, "PUT", s, "").status == 400
    other = {**s, "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"}}
    assert send(store, "PUT", other, f"statementId={s['id']}").status == 409
    assert send(store, "PUT", s, f"statementId={uuid.uuid4()}").status == 400
    twice = statement()
    assert send(store, "POST", [twice, twice]).status == 400


def test_refused_statements_are_kept_for_the_panel_with_the_reason(store: Store) -> None:
    bad = statement(result={"score": {"scaled": 1.5}})
    reply = send(store, "POST", bad)
    assert reply.status == 400
    assert b"scaled" in reply.body
    assert send(store, "POST", b"{not json").status == 400
    assert (
        send(store, "POST", statement(), headers={**HEADERS, "content-type": "text/plain"}).status
        == 400
    )
    seen = store.statements_after(0)
    assert len(seen) == 3 and all(s["error"] for s in seen)
    assert store.stored_statements(10, True) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"actor": {"name": "nobody"}}, "actor: expected exactly one of"),
        ({"actor": {**ACTOR, "mbox": "mailto:a@b.ca"}}, "actor: expected exactly one of"),
        ({"actor": {"mbox": "a@b.ca"}}, "actor.mbox: expected a mailto: IRI"),
        ({"verb": {"id": "experienced"}}, "verb.id: expected an IRI"),
        ({"object": {"id": "intro"}}, "object.id: expected an IRI"),
        ({"id": "42"}, "id: '42' is not a UUID"),
        ({"result": {"score": {"raw": "80"}}}, "result.score.raw: expected a number"),
        ({"result": {"score": {"raw": 120, "min": 0, "max": 100}}}, "outside min..max"),
        ({"result": {"success": "yes"}}, "result.success: expected true or false"),
        ({"result": {"duration": "00:01:00"}}, "not an ISO 8601 duration"),
        ({"context": {"registration": "abc"}}, "context.registration"),
        ({"context": {"contextActivities": {"parent": [{"id": "x y"}]}}}, "IRI id"),
        ({"timestamp": "yesterday"}, "timestamp"),
        ({"result": {"response": None}}, "result.response: null is not allowed"),
        ({"Verb": {}}, "'Verb' is not a statement property"),
        ({"version": "2.0.0"}, "version: expected 1.0.x"),
    ],
)
def test_what_an_lrs_refuses(change: dict[str, Any], expected: str) -> None:
    problems = statement_problems(statement(**change))
    assert any(expected in p for p in problems), problems


def test_a_good_statement_has_no_problems() -> None:
    good = statement(
        result={
            "score": {"scaled": 0.8, "raw": 80, "min": 0, "max": 100},
            "success": True,
            "duration": "PT1M12.5S",
            "extensions": {"https://x.ca/e": None},
        },
        context={
            "registration": str(uuid.uuid4()),
            "contextActivities": {"grouping": [{"id": "https://example.ca/courses/c"}]},
        },
        timestamp="2025-01-01T10:00:00.000Z",
    )
    assert statement_problems(good) == []


def state(
    store: Store,
    method: str,
    query: dict[str, str],
    body: bytes = b"",
    content_type: str = "application/json",
) -> lrs.Reply:
    from urllib.parse import urlencode

    headers = {**HEADERS, "content-type": content_type}
    return lrs.state(method, urlencode(query), headers, body, store, "2025-01-01T00:00:00Z")


def test_the_state_resource_put_get_merge_list_delete(store: Store) -> None:
    key = {"activityId": "https://example.ca/c", "agent": json.dumps(ACTOR), "stateId": "resume"}
    assert state(store, "GET", key).status == 404
    assert state(store, "PUT", key, b'{"a": 1, "b": 2}').status == 204
    got = state(store, "GET", key)
    assert got.status == 200 and json.loads(got.body) == {"a": 1, "b": 2}
    assert state(store, "POST", key, b'{"b": 3, "c": 4}').status == 204
    assert json.loads(state(store, "GET", key).body) == {"a": 1, "b": 3, "c": 4}
    ids = state(store, "GET", {k: v for k, v in key.items() if k != "stateId"})
    assert json.loads(ids.body) == ["resume"]
    assert state(store, "PUT", {**key, "stateId": "raw"}, b"text", "text/plain").status == 204
    assert state(store, "POST", {**key, "stateId": "raw"}, b'{"x": 1}').status == 400
    assert state(store, "GET", {**key, "agent": "not json"}).status == 400
    assert state(store, "GET", {**key, "registration": "nope"}).status == 400
    assert state(store, "DELETE", key).status == 204
    assert state(store, "GET", key).status == 404
    store.reset()
    assert state(store, "GET", {**key, "stateId": "raw"}).status == 404
