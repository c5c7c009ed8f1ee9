"""SQL of the security area: sign-in throttles and server-side sessions."""

from __future__ import annotations

from datetime import datetime

import duckdb

from core.db import rows_as_dicts


def user_id(cur, username: str, *, active_only: bool = False) -> int | None:
    row = cur.execute(
        "SELECT id FROM users WHERE username = ?" + (" AND active" if active_only else ""), [username]
    ).fetchone()
    return row[0] if row else None


def reset_failed_attempts(cur, user_id: int) -> None:
    cur.execute("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?", [user_id])


def revoke_tokens(cur, user_id: int, now: datetime) -> None:
    """Every session issued up to ``now`` stops counting (see ``live_session``)."""
    cur.execute("UPDATE users SET tokens_valid_after = ? WHERE id = ?", [now, user_id])


def has_table(cur, name: str) -> bool:
    return bool(
        cur.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()[
            0
        ]
    )


def throttle_rows(cur: duckdb.DuckDBPyConnection, keys: dict[str, str]) -> dict[str, dict]:
    found = {}
    for scope, key in keys.items():
        cur.execute(
            "SELECT scope, key, failures, first_failure_at, last_failure_at, blocked_until FROM login_throttles"
            " WHERE scope = ? AND key = ?",
            [scope, key],
        )
        rows = rows_as_dicts(cur)
        if rows:
            found[scope] = rows[0]
    return found


def put_throttle(
    cur,
    scope: str,
    key: str,
    failures: int,
    first_at: datetime,
    now: datetime,
    blocked_until: datetime | None,
) -> None:
    cur.execute("DELETE FROM login_throttles WHERE scope = ? AND key = ?", [scope, key])
    cur.execute(
        "INSERT INTO login_throttles (scope, key, failures, first_failure_at, last_failure_at,"
        " blocked_until) VALUES (?, ?, ?, ?, ?, ?)",
        [scope, key, failures, first_at, now, blocked_until],
    )


def delete_throttle(cur, scope: str, key: str) -> int:
    return (
        cur.execute("DELETE FROM login_throttles WHERE scope = ? AND key = ? RETURNING 1", [scope, key])
        .fetchall()
        .__len__()
    )


def delete_throttles_of_user(cur, username: str) -> int:
    return len(
        cur.execute(
            "DELETE FROM login_throttles WHERE (scope = 'user' AND key = ?)"
            " OR (scope = 'pair' AND starts_with(key, ?)) RETURNING 1",
            [username, username + "|"],
        ).fetchall()
    )


def list_throttles(cur):
    return cur.execute(
        "SELECT scope, key, failures, first_failure_at, last_failure_at, blocked_until"
        " FROM login_throttles ORDER BY last_failure_at DESC"
    ).df()


def delete_stale(cur, throttles_before: datetime, sessions_before: datetime) -> tuple[int, int]:
    throttles = len(
        cur.execute(
            "DELETE FROM login_throttles WHERE last_failure_at < ? RETURNING 1", [throttles_before]
        ).fetchall()
    )
    sessions = len(
        cur.execute(
            "DELETE FROM user_sessions WHERE coalesce(ended_at, expires_at) < ? RETURNING 1",
            [sessions_before],
        ).fetchall()
    )
    return throttles, sessions


def insert_session(
    cur, sid_hash: str, user_id: int, username: str, now: datetime, expires_at: datetime, client: str | None
) -> None:
    cur.execute(
        "INSERT INTO user_sessions (sid_hash, user_id, username, issued_at, expires_at, client)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [sid_hash, user_id, username, now, expires_at, client],
    )


def live_session(cur, sid_hash: str, now: datetime) -> dict | None:
    """The session if it is open: not ended, not expired, its user active, issued after the
    user's last password change, reset, role change, disabling or logout-everywhere."""
    cur.execute(
        "SELECT s.sid_hash, s.user_id, s.username, s.issued_at FROM user_sessions s"
        " JOIN users u ON u.id = s.user_id"
        " WHERE s.sid_hash = ? AND s.ended_at IS NULL AND s.expires_at > ? AND u.active"
        " AND u.username = s.username"
        " AND (u.tokens_valid_after IS NULL OR s.issued_at > u.tokens_valid_after)",
        [sid_hash, now],
    )
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def end_session(cur, sid_hash: str, now: datetime, reason: str) -> dict | None:
    cur.execute(
        "UPDATE user_sessions SET ended_at = ?, ended_reason = ? WHERE sid_hash = ?"
        " AND ended_at IS NULL RETURNING username",
        [now, reason, sid_hash],
    )
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def end_sessions_of_user(cur, user_id: int, now: datetime, reason: str) -> int:
    return len(
        cur.execute(
            "UPDATE user_sessions SET ended_at = ?, ended_reason = ? WHERE user_id = ?"
            " AND ended_at IS NULL RETURNING 1",
            [now, reason, user_id],
        ).fetchall()
    )


def open_sessions(cur, now: datetime):
    return cur.execute(
        "SELECT s.username, s.issued_at, s.expires_at, s.client FROM user_sessions s"
        " JOIN users u ON u.id = s.user_id WHERE s.ended_at IS NULL AND s.expires_at > ? AND u.active"
        " AND (u.tokens_valid_after IS NULL OR s.issued_at > u.tokens_valid_after)"
        " ORDER BY s.issued_at DESC",
        [now],
    ).df()


# -- data-subject requests (PDPA) -------------------------------------------------------------------
