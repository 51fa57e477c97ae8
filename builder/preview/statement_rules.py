"""What the built-in LRS refuses in a statement, as an LRS must [xAPI 1.0.3 §2.2, §2.4, §4]."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from ..standards.types import DURATION, is_absolute_iri

TOP_KEYS = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
CONTEXT_LISTS = ("parent", "grouping", "category", "other")


def _is_uuid(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


def _nulls(value: Any, path: str) -> list[str]:
    """Null values anywhere but inside extensions [xAPI 1.0.3 §2.2]."""
    if value is None:
        return [f"{path}: null is not allowed"]
    if isinstance(value, dict):
        return [
            p
            for k, v in value.items()
            if k != "extensions"
            for p in _nulls(v, f"{path}.{k}" if path else k)
        ]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _nulls(v, f"{path}[{i}]")]
    return []


def agent_problems(agent: Any, path: str) -> list[str]:
    """An Agent (or Group) identified by exactly one IFI [xAPI 1.0.3 §2.4.2]."""
    if not isinstance(agent, dict):
        return [f"{path}: expected an Agent object"]
    kind = agent.get("objectType", "Agent")
    ifis = [k for k in IFIS if k in agent]
    if kind == "Group" and not ifis:
        return [] if isinstance(agent.get("member"), list) else [f"{path}: a Group needs members"]
    if kind not in ("Agent", "Group"):
        return [f"{path}.objectType: expected Agent or Group, found '{kind}'"]
    if len(ifis) != 1:
        return [f"{path}: expected exactly one of {', '.join(IFIS)}, found {len(ifis)}"]
    if "mbox" in agent and not str(agent["mbox"]).startswith("mailto:"):
        return [f"{path}.mbox: expected a mailto: IRI"]
    account = agent.get("account")
    if "account" in agent and not (
        isinstance(account, dict)
        and isinstance(account.get("name"), str)
        and is_absolute_iri(str(account.get("homePage", "")))
    ):
        return [f"{path}.account: expected homePage (an IRL) and name"]
    return []


def _object_problems(obj: Any) -> list[str]:
    if not isinstance(obj, dict):
        return ["object: expected an object"]
    kind = obj.get("objectType", "Activity")
    if kind in ("Agent", "Group"):
        return agent_problems(obj, "object")
    if kind == "StatementRef":
        return [] if _is_uuid(obj.get("id")) else ["object.id: expected a statement UUID"]
    if kind == "SubStatement":
        return []
    if kind != "Activity":
        return [f"object.objectType: '{kind}' is not an xAPI object type"]
    problems = [] if is_absolute_iri(str(obj.get("id", ""))) else ["object.id: expected an IRI"]
    definition = obj.get("definition", {})
    if not isinstance(definition, dict):
        problems.append("object.definition: expected an object")
    elif "correctResponsesPattern" in definition and not isinstance(
        definition["correctResponsesPattern"], list
    ):
        problems.append("object.definition.correctResponsesPattern: expected an array")
    return problems


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _result_problems(result: Any) -> list[str]:
    if not isinstance(result, dict):
        return ["result: expected an object"]
    problems = []
    score = result.get("score", {})
    if not isinstance(score, dict):
        return ["result.score: expected an object"]
    for key in ("scaled", "raw", "min", "max"):
        if key in score and not _number(score[key]):
            problems.append(f"result.score.{key}: expected a number, found {score[key]!r}")
    if problems:
        return problems
    if "scaled" in score and not -1 <= score["scaled"] <= 1:
        problems.append(f"result.score.scaled: {score['scaled']} is outside -1..1")
    low, high = score.get("min"), score.get("max")
    if low is not None and high is not None and not low < high:
        problems.append("result.score: min must be less than max")
    raw = score.get("raw")
    if raw is not None and ((low is not None and raw < low) or (high is not None and raw > high)):
        problems.append(f"result.score.raw: {raw} is outside min..max")
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            problems.append(f"result.{key}: expected true or false")
    if "response" in result and not isinstance(result["response"], str):
        problems.append("result.response: expected a string")
    if "duration" in result and not DURATION.fullmatch(str(result["duration"])):
        problems.append(f"result.duration: '{result['duration']}' is not an ISO 8601 duration")
    return problems


def _context_problems(context: Any, obj: Any) -> list[str]:
    if not isinstance(context, dict):
        return ["context: expected an object"]
    problems = []
    if "registration" in context and not _is_uuid(context["registration"]):
        problems.append(f"context.registration: '{context['registration']}' is not a UUID")
    activities = context.get("contextActivities", {})
    for key, value in activities.items() if isinstance(activities, dict) else []:
        if key not in CONTEXT_LISTS:
            problems.append(f"context.contextActivities.{key}: not a context activity list")
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(a, dict) and is_absolute_iri(str(a.get("id", ""))) for a in items):
            problems.append(f"context.contextActivities.{key}: every activity needs an IRI id")
    is_activity = isinstance(obj, dict) and obj.get("objectType", "Activity") == "Activity"
    for key in ("revision", "platform"):
        if key in context and not is_activity:
            problems.append(f"context.{key}: only when the object is an Activity")
    return problems


def statement_problems(statement: Any) -> list[str]:
    """Why an LRS would refuse this statement (400), or [] when it is acceptable."""
    if not isinstance(statement, dict):
        return ["expected a statement (a JSON object)"]
    problems = [f"'{k}' is not a statement property" for k in statement if k not in TOP_KEYS]
    problems += _nulls(statement, "")
    if "id" in statement and not _is_uuid(statement["id"]):
        problems.append(f"id: '{statement['id']}' is not a UUID")
    problems += agent_problems(statement.get("actor"), "actor")
    verb = statement.get("verb")
    if not isinstance(verb, dict) or not is_absolute_iri(str(verb.get("id", ""))):
        problems.append("verb.id: expected an IRI")
    problems += _object_problems(statement.get("object"))
    if "result" in statement:
        problems += _result_problems(statement["result"])
    if "context" in statement:
        problems += _context_problems(statement["context"], statement.get("object"))
    if "timestamp" in statement:
        try:
            datetime.fromisoformat(str(statement["timestamp"]).replace("Z", "+00:00"))
        except ValueError:
            problems.append(f"timestamp: '{statement['timestamp']}' is not an ISO 8601 time")
    if "version" in statement and not str(statement["version"]).startswith("1.0"):
        problems.append(f"version: expected 1.0.x, found '{statement['version']}'")
    return problems
