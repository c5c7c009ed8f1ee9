"""Sign-in and session services: throttles instead of lockout, server-side sessions.

A signed-in browser tab holds a random session id (in its session state, and in the signed
cookie that re-authenticates a new tab). The server keeps only its SHA-256 with the issue
time it recorded itself; a session counts while it is not ended, not expired, its user active
and it was issued after the user's ``tokens_valid_after`` (moved by a password change or reset,
a role change, disabling and logout-everywhere). So all of those end every cookie and every
open tab of the user at their next click, whatever the cookie says about its own expiry.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import jwt

from core import audit
from core.actor import Actor
from core.db import Database
from core.errors import DomainError
from core.permissions import require
from core.security import repository as repo
from core.security import throttle
from core.security.clientkey import LOCAL

SESSION_ID_BYTES = 32


def sid_hash(sid: str) -> str:
    return hashlib.sha256(sid.encode("utf-8", "replace")).hexdigest()


# -- cookies -------------------------------------------------------------------------------------
def encode_cookie(username: str, sid: str, expires: datetime, key: str) -> str:
    return jwt.encode(
        {"username": username, "sid": sid, "exp_date": expires.timestamp()}, key, algorithm="HS256"
    )


def decode_cookie(text: object, key: str) -> dict | None:
    """The claims of a sign-in cookie, or None for anything malformed, forged or foreign."""
    if not isinstance(text, str) or not text or len(text) > 4096:
        return None
    try:
        claims = jwt.decode(text, key, algorithms=["HS256"], options={"verify_exp": False})
    except Exception:  # noqa: BLE001 - every malformed cookie is simply no cookie
        return None
    if not isinstance(claims, dict):
        return None
    username, sid = claims.get("username"), claims.get("sid")
    if not isinstance(username, str) or not isinstance(sid, str) or not sid:
        return None
    return {"username": username, "sid": sid}


# -- sessions ----------------------------------------------------------------------------------
def session_username(cur, sid: object, now: datetime) -> str | None:
    """The user name of an open session, or None (unknown, ended, expired or revoked)."""
    if not isinstance(sid, str) or not sid:
        return None
    row = repo.live_session(cur, sid_hash(sid), now)
    return row["username"] if row else None


def sign_in_wait(cur, username: str, client: str | None, now: datetime) -> int:
    """Seconds before this user name may try again from this client (0: now)."""
    rows = repo.throttle_rows(cur, throttle.keys(username, client))
    return throttle.wait_seconds([row["blocked_until"] for row in rows.values()], now)


def record_throttled(db: Database, username: str, client: str | None, now: datetime, wait: int) -> None:
    name = (username or "").strip().lower()[:64]

    def work(cur):
        audit.record(
            cur,
            actor=name or "(empty)",
            action="auth.throttled",
            entity="user",
            entity_id=name,
            at=now,
            detail={"client": client, "wait_seconds": wait},
        )

    db.write(work, changes_records=False)  # sessions, throttles, their audit rows: no figure reads them


def sign_in_failed(db: Database, username: str, client: str | None, now: datetime) -> None:
    """Count a failed sign-in in each scope and set the delay of the next attempt."""
    name = (username or "").strip().lower()[:64]
    keys = throttle.keys(name, client)

    def work(cur):
        rows = repo.throttle_rows(cur, keys)
        delays = {}
        for scope, key in keys.items():
            row = rows.get(scope)
            failures = throttle.after_failure(
                row["failures"] if row else 0, row["last_failure_at"] if row else None, now
            )
            first = now if failures == 1 or row is None else row.get("first_failure_at", now) or now
            delay = throttle.delay_seconds(scope, failures, known_client=client not in (None, LOCAL))
            delays[scope] = delay
            repo.put_throttle(
                cur, scope, key, failures, first, now, now + timedelta(seconds=delay) if delay else None
            )
        known = repo.user_id(cur, name) is not None
        audit.record(
            cur,
            actor=name or "(empty)",
            action="auth.login_failed",
            entity="user",
            entity_id=name,
            at=now,
            detail={"known_user": known, "client": client, "delays": {k: v for k, v in delays.items() if v}},
        )

    db.write(work, changes_records=False)  # sessions, throttles, their audit rows: no figure reads them


def sign_in_succeeded(db: Database, username: str, client: str | None, now: datetime, days: float) -> str:
    """Open a server-side session for a user whose password was right; returns its id."""
    name = (username or "").strip().lower()
    sid = secrets.token_urlsafe(SESSION_ID_BYTES)

    def work(cur):
        user_id = repo.user_id(cur, name, active_only=True)
        if user_id is None:
            raise DomainError("user.not_found")
        keys = throttle.keys(name, client)
        repo.delete_throttle(cur, "pair", keys["pair"])
        repo.delete_throttle(cur, "user", keys["user"])
        repo.reset_failed_attempts(cur, user_id)
        repo.insert_session(cur, sid_hash(sid), user_id, name, now, now + timedelta(days=days), client)
        audit.record(
            cur,
            actor=name,
            action="auth.login",
            entity="user",
            entity_id=name,
            at=now,
            detail={"client": client},
        )

    db.write(work, changes_records=False)  # sessions, throttles, their audit rows: no figure reads them
    return sid


def sign_out(db: Database, sid: object, username: str | None, now: datetime) -> None:
    """End this tab's session (its cookie stops working too); audited."""

    def work(cur):
        ended = repo.end_session(cur, sid_hash(sid), now, "logout") if isinstance(sid, str) else None
        who = (ended or {}).get("username") or username or "(unknown)"
        audit.record(cur, actor=who, action="auth.logout", entity="user", entity_id=who, at=now)

    db.write(work, changes_records=False)  # sessions, throttles, their audit rows: no figure reads them


def end_user_sessions(cur, user_id: int, now: datetime, reason: str) -> int:
    """Inside a caller's transaction: end every session of a user (and their cookies)."""
    repo.revoke_tokens(cur, user_id, now)
    return repo.end_sessions_of_user(cur, user_id, now, reason)


def sign_out_everywhere(db: Database, actor: Actor, now: datetime) -> int:
    """A user ends all their own sessions, this one included; returns how many were open."""

    def work(cur):
        count = end_user_sessions(cur, actor.user_id, now, "logout_everywhere")
        audit.record(
            cur,
            actor=actor.username,
            action="auth.logout_everywhere",
            entity="user",
            entity_id=actor.username,
            at=now,
            detail={"sessions": count},
        )
        return count

    return db.write(work)


# -- administration ----------------------------------------------------------------------------
def throttles(cur):
    return repo.list_throttles(cur)


def sessions(cur, now: datetime):
    return repo.open_sessions(cur, now)


def clear_throttle(db: Database, actor: Actor, now: datetime, scope: str, key: str) -> None:
    """An administrator lifts one throttle (e.g. after a user called the help desk); audited."""
    require(actor.roles, "users.manage")
    if scope not in throttle.SCOPES:
        raise DomainError("security.throttle_unknown")

    def work(cur):
        if not repo.delete_throttle(cur, scope, key):
            raise DomainError("security.throttle_unknown")
        audit.record(
            cur,
            actor=actor.username,
            action="auth.throttle_clear",
            entity="login_throttle",
            entity_id=f"{scope}:{key}",
            at=now,
        )

    db.write(work)


def end_sessions_of(db: Database, actor: Actor, now: datetime, username: str) -> int:
    """An administrator signs a user out everywhere (a lost phone, a shared PC); audited."""
    require(actor.roles, "users.manage")

    def work(cur):
        user_id = repo.user_id(cur, username)
        if user_id is None:
            raise DomainError("user.not_found")
        count = end_user_sessions(cur, user_id, now, "ended_by_admin")
        audit.record(
            cur,
            actor=actor.username,
            action="auth.sessions_end",
            entity="user",
            entity_id=username,
            at=now,
            detail={"sessions": count},
        )
        return count

    return db.write(work)


def clear_throttles_of_user(cur, username: str) -> int:
    return repo.delete_throttles_of_user(cur, username)


def forget_stale(db: Database, now: datetime) -> tuple[int, int]:
    """Delete throttles idle for a day and sessions over for 30 days (client addresses are
    personal data too); run by the daily retention job."""
    return db.write(
        lambda cur: repo.delete_stale(cur, now - timedelta(days=1), now - timedelta(days=30)),
        changes_records=False,
    )
