"""Settings kept in the database (time standards, SLA targets, KPI target, band scheme, ...).

Each setting has a default in code; ``get`` returns the stored value or the default, ``put``
stores a new value and audits the change with the old and new values.
"""

from __future__ import annotations

import json
from datetime import datetime

import duckdb

from core import audit
from core.actor import Actor


def get(cur: duckdb.DuckDBPyConnection, key: str, default: object = None) -> object:
    row = cur.execute("SELECT value_json FROM settings WHERE key = ?", [key]).fetchone()
    return default if row is None else json.loads(row[0])


def put(cur: duckdb.DuckDBPyConnection, key: str, value: object, *, actor: Actor, now: datetime) -> None:
    """Store ``value`` under ``key`` (within the caller's transaction) and audit it."""
    old = get(cur, key)
    encoded = json.dumps(value, ensure_ascii=False, default=str)
    cur.execute(
        "INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json,"
        " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        [key, encoded, now, actor.username],
    )
    audit.record(
        cur,
        actor=actor.username,
        action="settings.change",
        entity="setting",
        entity_id=key,
        at=now,
        detail={"old": old, "new": value},
    )
