"""The preview's memory: the learner's SCORM data, xAPI statements and documents, in SQLite."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS learner (
  target TEXT PRIMARY KEY,
  record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS statements (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT,
  body TEXT NOT NULL,
  stored TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX IF NOT EXISTS statements_id ON statements (id) WHERE error = '';
CREATE TABLE IF NOT EXISTS documents (
  activity TEXT NOT NULL,
  agent TEXT NOT NULL,
  registration TEXT NOT NULL,
  state_id TEXT NOT NULL,
  content_type TEXT NOT NULL,
  body BLOB NOT NULL,
  updated TEXT NOT NULL,
  PRIMARY KEY (activity, agent, registration, state_id)
);
"""

DocumentKey = tuple[str, str, str, str]


class Store:
    """One SQLite file under the course's build folder, shared by the server's threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()

    # -- the learner's record, one per target

    def record(self, target: str) -> dict[str, Any]:
        """The stored record of a target ({} before the first launch)."""
        with self._lock:
            row = self._db.execute("SELECT record FROM learner WHERE target = ?", (target,))
            found = row.fetchone()
        return dict(json.loads(found[0])) if found else {}

    def save_record(self, target: str, record: dict[str, Any]) -> None:
        """Replace a target's record."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO learner (target, record) VALUES (?, ?) "
                "ON CONFLICT (target) DO UPDATE SET record = excluded.record",
                (target, json.dumps(record, sort_keys=True)),
            )

    def reset(self) -> None:
        """Forget the learner: every record, statement and document."""
        with self._transaction() as db:
            for table in ("learner", "statements", "documents"):
                db.execute(f"DELETE FROM {table}")

    # -- xAPI statements

    def statement(self, statement_id: str) -> dict[str, Any] | None:
        """A stored statement by id."""
        with self._lock:
            row = self._db.execute(
                "SELECT body FROM statements WHERE id = ? AND error = ''", (statement_id,)
            ).fetchone()
        return dict(json.loads(row[0])) if row else None

    def add_statements(self, statements: list[dict[str, Any]], stored: str) -> None:
        """Store statements whose ids are new (the caller checked for conflicts)."""
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO statements (id, body, stored) VALUES (?, ?, ?)",
                [(s["id"], json.dumps(s, sort_keys=True), stored) for s in statements],
            )

    def add_rejected(self, body: Any, stored: str, error: str) -> None:
        """Keep a statement the LRS refused, with why, for the panel."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO statements (id, body, stored, error) VALUES (NULL, ?, ?, ?)",
                (json.dumps(body, sort_keys=True), stored, error),
            )

    def statements_after(self, seq: int, limit: int = 500) -> list[dict[str, Any]]:
        """Statements received after `seq` (stored or refused), oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT seq, body, stored, error FROM statements "
                "WHERE seq > ? ORDER BY seq LIMIT ?",
                (seq, limit),
            ).fetchall()
        return [
            {"seq": s, "statement": json.loads(b), "stored": t, "error": e} for s, b, t, e in rows
        ]

    def stored_statements(self, limit: int, ascending: bool) -> list[dict[str, Any]]:
        """Stored statements by stored time (newest first unless ascending)."""
        order = "ASC" if ascending else "DESC"
        with self._lock:
            rows = self._db.execute(
                f"SELECT body FROM statements WHERE error = '' ORDER BY seq {order} LIMIT ?",
                (limit,),
            ).fetchall()
        return [dict(json.loads(r[0])) for r in rows]

    # -- xAPI documents (the State resource)

    def document(self, key: DocumentKey) -> tuple[str, bytes] | None:
        """(content type, body) of a document."""
        with self._lock:
            row = self._db.execute(
                "SELECT content_type, body FROM documents WHERE activity = ? AND agent = ? "
                "AND registration = ? AND state_id = ?",
                key,
            ).fetchone()
        return (str(row[0]), bytes(row[1])) if row else None

    def document_ids(self, activity: str, agent: str, registration: str) -> list[str]:
        """The stateIds stored for an activity, agent and registration."""
        with self._lock:
            rows = self._db.execute(
                "SELECT state_id FROM documents WHERE activity = ? AND agent = ? "
                "AND registration = ? ORDER BY state_id",
                (activity, agent, registration),
            ).fetchall()
        return [str(r[0]) for r in rows]

    def put_document(self, key: DocumentKey, content_type: str, body: bytes, updated: str) -> None:
        """Create or replace a document."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                "(activity, agent, registration, state_id) DO UPDATE SET "
                "content_type = excluded.content_type, body = excluded.body, "
                "updated = excluded.updated",
                (*key, content_type, body, updated),
            )

    def delete_documents(self, activity: str, agent: str, registration: str, state_id: str) -> None:
        """Delete one document, or all of an activity, agent and registration (state_id '')."""
        with self._transaction() as db:
            db.execute(
                "DELETE FROM documents WHERE activity = ? AND agent = ? AND registration = ? "
                "AND (? = '' OR state_id = ?)",
                (activity, agent, registration, state_id, state_id),
            )
