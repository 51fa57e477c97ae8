"""A small built-in LRS: the xAPI 1.0.3 statements and State resources, strict where it matters."""

from __future__ import annotations

import base64
import hmac
import json
import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

from msgspec import Struct, field

from ..standards.xapi import VERSION
from .guard import load_json
from .statement_rules import statement_problems
from .store import Store

USER = "preview"
MAX_BODY = 5 * 1024 * 1024
ACTOR_HOME = "http://localhost/coursebuild-preview"  # the learner's and the LRS's home page


class Reply(Struct):
    """An HTTP answer: status, body, content type, extra headers."""

    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


def _json(status: int, value: Any) -> Reply:
    return Reply(status, json.dumps(value, ensure_ascii=False).encode("utf-8"))


def _error(status: int, message: str) -> Reply:
    return _json(status, {"error": True, "message": message})


def now_iso() -> str:
    """The time now, ISO 8601 in UTC with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def about() -> Reply:
    """GET /xapi/about: the versions this LRS speaks."""
    return _json(200, {"version": [VERSION]})


def credential(secret: str) -> str:
    """The HTTP Basic credential the course is launched with [RFC 7617 §2]."""
    return "Basic " + base64.b64encode(f"{USER}:{secret}".encode()).decode()


def request_problem(headers: dict[str, str], auth: str) -> Reply | None:
    """A 400/401 for a request without the version header or this run's launch credential."""
    version = headers.get("x-experience-api-version", "")
    if not version.startswith("1.0."):
        found = f"'{version}'" if version else "none"
        return _error(400, f"X-Experience-API-Version: expected 1.0.x, found {found}")
    if not hmac.compare_digest(headers.get("authorization", "").encode(), auth.encode()):
        return _error(401, "Authorization: expected the credential given at launch ('auth')")
    return None


def note_refused(store: Store, body: bytes, why: str) -> None:
    """Keep a refused request's statements for the panel, with the reason."""
    try:
        value: Any = load_json(body.decode("utf-8"))
    except ValueError:
        value = {"body": body.decode("utf-8", "replace")[:2000]}
    store.add_rejected(value, now_iso(), why)


def _params(query: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}


def _parse(body: bytes, content_type: str) -> tuple[Any, str]:
    if content_type.split(";")[0].strip().lower() != "application/json":
        return None, f"Content-Type: expected application/json, found '{content_type}'"
    try:
        return load_json(body.decode("utf-8")), ""
    except ValueError as exc:
        return None, f"the body is not JSON: {exc}"


def _stamp(statement: dict[str, Any], stored: str, origin: str) -> dict[str, Any]:
    """What an LRS adds: stored, authority, version, and timestamp when the provider gave none."""
    return {
        **statement,
        "stored": stored,
        "timestamp": statement.get("timestamp", stored),
        "version": statement.get("version", "1.0.0"),
        "authority": {
            "objectType": "Agent",
            "account": {"homePage": origin, "name": "coursebuild-preview"},
        },
    }


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    keep = {"stored", "authority", "version", "timestamp"}
    return {k: v for k, v in a.items() if k not in keep} == {
        k: v for k, v in b.items() if k not in keep
    }


def statements(
    method: str, query: str, headers: dict[str, str], body: bytes, store: Store, origin: str
) -> Reply:
    """/xapi/statements: POST one or many (200, ids), PUT one (204), GET one or a list."""
    params = _params(query)
    if method == "GET":
        if "statementId" in params:
            found = store.statement(params["statementId"])
            return _json(200, found) if found else _error(404, "no statement with this id")
        try:
            limit = min(int(params.get("limit") or 0) or 100, 500)
        except ValueError:
            return _error(400, "limit: expected a whole number")
        ascending = params.get("ascending", "false") == "true"
        return _json(200, {"statements": store.stored_statements(limit, ascending), "more": ""})
    if method not in ("POST", "PUT"):
        return _error(405, f"{method} is not allowed on statements")
    received = now_iso()
    value, problem = _parse(body, headers.get("content-type", ""))
    if problem:
        note_refused(store, body, problem)
        return _error(400, problem)
    batch = value if method == "POST" and isinstance(value, list) else [value]
    if method == "PUT":
        wanted = params.get("statementId", "")
        if not wanted:
            problem = "PUT needs ?statementId=<uuid>"
        elif isinstance(value, dict) and value.get("id", wanted) != wanted:
            problem = f"the statement's id {value.get('id')} differs from statementId {wanted}"
        elif isinstance(value, dict):
            batch = [{**value, "id": wanted}]
    problems = [problem] if problem else []
    for index, statement in enumerate(batch):
        where = f"statement {index + 1}: " if len(batch) > 1 else ""
        problems += [where + p for p in statement_problems(statement)]
    ids = [s.get("id") for s in batch if isinstance(s, dict) and s.get("id")]
    if len(ids) != len(set(ids)):
        problems.append("the batch has the same statement id twice")
    if problems:
        store.add_rejected(value, received, "; ".join(problems))
        return _error(400, "; ".join(problems))
    fresh: list[dict[str, Any]] = []
    for statement in batch:
        statement.setdefault("id", str(uuid.uuid4()))
        existing = store.statement(statement["id"])
        if existing is not None and not _same(existing, statement):
            message = f"statement {statement['id']} is already stored with other content"
            store.add_rejected(value, received, message)
            return _error(409, message)
        if existing is None:
            fresh.append(_stamp(statement, received, origin))
    store.add_statements(fresh, received)
    if method == "PUT":
        return Reply(204)
    return _json(200, [s["id"] for s in batch])


def _agent_key(text: str) -> tuple[str, str]:
    try:
        agent = load_json(text)
    except ValueError as exc:
        return "", f"agent: expected an Agent as JSON ({exc})"
    if not isinstance(agent, dict):
        return "", "agent: expected an Agent as JSON"
    return json.dumps(agent, sort_keys=True), ""


def state(
    method: str, query: str, headers: dict[str, str], body: bytes, store: Store, now: str
) -> Reply:
    """/xapi/activities/state: PUT replaces, POST merges JSON, GET one or the ids, DELETE."""
    params = _params(query)
    activity, state_id = params.get("activityId", ""), params.get("stateId", "")
    agent, problem = _agent_key(params.get("agent", ""))
    if not activity or problem:
        return _error(400, problem or "activityId is required")
    registration = params.get("registration", "")
    if registration:
        try:
            uuid.UUID(registration)
        except ValueError:
            return _error(400, f"registration: '{registration}' is not a UUID")
    if method == "GET":
        if not state_id:
            return _json(200, store.document_ids(activity, agent, registration))
        found = store.document((activity, agent, registration, state_id))
        if found is None:
            return _error(404, "no such state document")
        return Reply(200, found[1], found[0])
    if method == "DELETE":
        store.delete_documents(activity, agent, registration, state_id)
        return Reply(204)
    if method not in ("PUT", "POST"):
        return _error(405, f"{method} is not allowed on activities/state")
    if not state_id:
        return _error(400, "stateId is required")
    key = (activity, agent, registration, state_id)
    content_type = headers.get("content-type", "application/octet-stream")
    if method == "POST":
        merged, problem = _merge(store.document(key), body, content_type)
        if problem:
            return _error(400, problem)
        body, content_type = merged, "application/json"
    store.put_document(key, content_type, body, now)
    return Reply(204)


def _merge(existing: tuple[str, bytes] | None, body: bytes, content_type: str) -> tuple[bytes, str]:
    """POST on a document: two JSON objects' top-level keys merged [xAPI 1.0.3 Part Three §2.3]."""
    incoming, problem = _parse(body, content_type)
    if problem or not isinstance(incoming, dict):
        return b"", problem or "POST merges JSON objects; the body is not one"
    current: Any = {}
    if existing is not None:
        current, problem = _parse(existing[1], existing[0])
        if problem or not isinstance(current, dict):
            return b"", "the stored document is not a JSON object: use PUT to replace it"
    return json.dumps({**current, **incoming}).encode("utf-8"), ""
