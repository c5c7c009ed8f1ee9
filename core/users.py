"""Accounts, roles and sign-in policy.

Users live in DuckDB. Passwords are bcrypt hashes (the format streamlit-authenticator checks).
bcrypt only reads 72 bytes and bcrypt 5 raises on longer input, so longer passwords are refused
with a message rather than truncated. Sign-in policy: failed sign-ins slow down (throttles in
``core.security``), nobody can lock anyone out; every sign-in, failure and sign-out is audited.
A password change or reset, a role change or disabling a user moves ``tokens_valid_after`` and
ends the user's server-side sessions, so every open tab and cookie of theirs stops working.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import bcrypt
import duckdb

from core import audit
from core.actor import Actor
from core.db import Database, rows_as_dicts
from core.errors import DomainError, NotFound, ValidationError
from core.permissions import ADMIN, ROLES, require
from core.security.services import clear_throttles_of_user, end_user_sessions
from core.text import sanitize

BCRYPT_ROUNDS = 12
PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_BYTES = 72
USERNAME_PATTERN = re.compile(r"^[a-z][a-z0-9._-]{2,31}$")
MAX_NAME_LENGTH = 200

# A real hash of a random string, checked when the user name is unknown so that an unknown
# name and a wrong password take the same time.
_DUMMY_HASH = bcrypt.hashpw(b"pattana-timing-equaliser", bcrypt.gensalt(rounds=BCRYPT_ROUNDS))


@dataclass(frozen=True)
class User:
    id: int
    username: str
    full_name: str
    position: str
    unit_code: str | None
    email: str | None
    active: bool
    roles: frozenset[str]
    failed_attempts: int
    locked_until: datetime | None
    tokens_valid_after: datetime | None

    def as_actor(self) -> Actor:
        return Actor(
            user_id=self.id,
            username=self.username,
            full_name=self.full_name,
            roles=self.roles,
            unit_code=self.unit_code,
            position=self.position,
        )

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


# -- pure checks ------------------------------------------------------------------------------
def validate_password(password: str) -> None:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ValidationError("user.password_too_short", minimum=PASSWORD_MIN_LENGTH)
    if len(password.encode("utf-8")) > PASSWORD_MAX_BYTES:
        raise ValidationError("user.password_too_long", maximum=PASSWORD_MAX_BYTES)
    if password != password.strip():
        raise ValidationError("user.password_spaces")


def validate_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME_PATTERN.match(name):
        raise ValidationError("user.username_invalid")
    return name


def validate_text(value: str, field: str, *, required: bool = True, maximum: int = MAX_NAME_LENGTH) -> str:
    text = sanitize(value, multiline=False).strip()
    if required and not text:
        raise ValidationError("error.required", field=field)
    if len(text) > maximum:
        raise ValidationError("error.too_long", field=field, maximum=maximum)
    return text


def hash_password(password: str) -> str:
    validate_password(password)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode()


def password_matches(password: str, password_hash: str | None) -> bool:
    """Check a password; over-long input and unknown users are simply 'no' (in equal time)."""
    data = password.encode("utf-8")
    if len(data) > PASSWORD_MAX_BYTES:
        return False
    if not password_hash:
        bcrypt.checkpw(data, _DUMMY_HASH)
        return False
    try:
        return bcrypt.checkpw(data, password_hash.encode())
    except ValueError:
        return False


# -- repository -------------------------------------------------------------------------------
_USER_COLUMNS = (
    "id, username, full_name, position, unit_code, email, active, failed_attempts,"
    " locked_until, tokens_valid_after"
)


# The user and their roles in one statement (every run of every page reads the signed-in user).
_USER_WITH_ROLES = (
    f"SELECT {_USER_COLUMNS},"
    " (SELECT list(r.role) FROM user_roles r WHERE r.user_id = users.id) AS roles FROM users"
)


def _user_from_row(row: dict) -> User:
    roles = frozenset(row.pop("roles") or ())
    return User(roles=roles, **row)


def find_user(cur: duckdb.DuckDBPyConnection, username: str) -> User | None:
    cur.execute(f"{_USER_WITH_ROLES} WHERE username = ?", [username.strip().lower()])
    rows = rows_as_dicts(cur)
    return _user_from_row(rows[0]) if rows else None


def get_user(cur: duckdb.DuckDBPyConnection, user_id: int) -> User:
    cur.execute(f"{_USER_WITH_ROLES} WHERE id = ?", [user_id])
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("user.not_found")
    return _user_from_row(rows[0])


def list_users(cur: duckdb.DuckDBPyConnection):
    """All users with their roles and units, as a DataFrame."""
    return cur.execute(
        "SELECT u.id, u.username, u.full_name, u.position, u.unit_code, o.name_th AS unit_name,"
        " u.email, u.active, u.locked_until,"
        " coalesce(string_agg(r.role, ',' ORDER BY r.role), '') AS roles"
        " FROM users u LEFT JOIN user_roles r ON r.user_id = u.id"
        " LEFT JOIN org_units o ON o.code = u.unit_code"
        " GROUP BY ALL ORDER BY u.username"
    ).df()


def users_with_role(cur: duckdb.DuckDBPyConnection, role: str) -> list[dict]:
    cur.execute(
        "SELECT u.id, u.username, u.full_name, u.position, u.unit_code FROM users u"
        " JOIN user_roles r ON r.user_id = u.id WHERE r.role = ? AND u.active ORDER BY u.full_name",
        [role],
    )
    return rows_as_dicts(cur)


def active_users(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    cur.execute(
        "SELECT id, username, full_name, position, unit_code FROM users WHERE active ORDER BY full_name"
    )
    return rows_as_dicts(cur)


_CREDENTIALS_SQL = (
    "SELECT u.username, u.full_name, u.email, u.password_hash,"
    " list(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL) AS roles"
    " FROM users u LEFT JOIN user_roles r ON r.user_id = u.id"
    " WHERE u.active{only} GROUP BY ALL"
)


def _credential(name: str, email: str | None, password_hash: str, roles: list | None) -> dict:
    return {
        "name": name,
        "email": email or "",
        "password": password_hash,
        "roles": list(roles or []),
        "failed_login_attempts": 0,
        "logged_in": False,
    }


def credentials(cur: duckdb.DuckDBPyConnection, now: datetime) -> dict:
    """The streamlit-authenticator credentials: active users, pre-hashed (no lockout: a stranger
    must not be able to keep a user out; failures are throttled instead)."""
    rows = cur.execute(_CREDENTIALS_SQL.format(only="")).fetchall()
    return {"usernames": {username: _credential(*rest) for username, *rest in rows}}


def credential_of(cur: duckdb.DuckDBPyConnection, username: str) -> dict | None:
    """One active user's entry of :func:`credentials` (None for an unknown or disabled user):
    what a sign-in by cookie needs, without reading every user's."""
    row = cur.execute(_CREDENTIALS_SQL.format(only=" AND u.username = ?"), [username]).fetchone()
    return None if row is None else _credential(*row[1:])


def _check_roles(roles: list[str]) -> list[str]:
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ValidationError("user.role_unknown", roles=", ".join(unknown))
    if not roles:
        raise ValidationError("user.role_required")
    return sorted(set(roles))


def _check_unit(cur: duckdb.DuckDBPyConnection, unit_code: str | None) -> str | None:
    if not unit_code:
        return None
    if cur.execute("SELECT 1 FROM org_units WHERE code = ?", [unit_code]).fetchone() is None:
        raise ValidationError("user.unit_unknown")
    return unit_code


# -- services ---------------------------------------------------------------------------------
def create_user(
    db: Database,
    actor: Actor,
    now: datetime,
    *,
    username: str,
    full_name: str,
    password: str,
    roles: list[str],
    position: str = "",
    unit_code: str | None = None,
    email: str | None = None,
) -> int:
    """Create an account (admin only); returns its id. A duplicate user name is refused."""
    require(actor.roles, "users.manage")
    name = validate_username(username)
    full = validate_text(full_name, "field.full_name")
    pos = validate_text(position, "field.position", required=False)
    mail = validate_text(email or "", "field.email", required=False) or None
    if mail and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", mail):
        raise ValidationError("user.email_invalid")
    role_list = _check_roles(roles)
    password_hash = hash_password(password)

    def work(cur):
        if find_user(cur, name) is not None:
            raise ValidationError("user.username_taken", username=name)
        unit = _check_unit(cur, unit_code)
        user_id = cur.execute(
            "INSERT INTO users (username, full_name, position, unit_code, email, password_hash,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [name, full, pos, unit, mail, password_hash, now, now],
        ).fetchone()[0]
        for role in role_list:
            cur.execute("INSERT INTO user_roles VALUES (?, ?)", [user_id, role])
        audit.record(
            cur,
            actor=actor.username,
            action="user.create",
            entity="user",
            entity_id=name,
            at=now,
            detail={"roles": role_list, "unit": unit},
        )
        return user_id

    return db.write(work)


def update_user(
    db: Database,
    actor: Actor,
    now: datetime,
    user_id: int,
    *,
    full_name: str,
    position: str,
    unit_code: str | None,
    email: str | None,
    roles: list[str],
) -> None:
    """Change a user's details and roles (admin only); new roles apply at their next click."""
    require(actor.roles, "users.manage")
    full = validate_text(full_name, "field.full_name")
    pos = validate_text(position, "field.position", required=False)
    mail = validate_text(email or "", "field.email", required=False) or None
    role_list = _check_roles(roles)

    def work(cur):
        user = get_user(cur, user_id)
        if user.id == actor.user_id and ADMIN in user.roles and ADMIN not in role_list:
            raise DomainError("user.cannot_drop_own_admin")
        unit = _check_unit(cur, unit_code)
        cur.execute(
            "UPDATE users SET full_name = ?, position = ?, unit_code = ?, email = ?,"
            " updated_at = ? WHERE id = ?",
            [full, pos, unit, mail, now, user_id],
        )
        if set(role_list) != set(user.roles):
            cur.execute("DELETE FROM user_roles WHERE user_id = ?", [user_id])
            for role in role_list:
                cur.execute("INSERT INTO user_roles VALUES (?, ?)", [user_id, role])
            ended = end_user_sessions(cur, user_id, now, "roles_change")
            audit.record(
                cur,
                actor=actor.username,
                action="user.roles_change",
                entity="user",
                entity_id=user.username,
                at=now,
                detail={"old": sorted(user.roles), "new": role_list, "sessions_ended": ended},
            )
        audit.record(
            cur,
            actor=actor.username,
            action="user.update",
            entity="user",
            entity_id=user.username,
            at=now,
            detail={"full_name": full, "position": pos, "unit": unit},
        )

    db.write(work)


def set_active(db: Database, actor: Actor, now: datetime, user_id: int, active: bool) -> None:
    """Disable or re-enable an account; a disabled user is signed out at their next click."""
    require(actor.roles, "users.manage")

    def work(cur):
        user = get_user(cur, user_id)
        if user.id == actor.user_id and not active:
            raise DomainError("user.cannot_disable_self")
        cur.execute("UPDATE users SET active = ?, updated_at = ? WHERE id = ?", [active, now, user_id])
        end_user_sessions(cur, user_id, now, "enable" if active else "disable")
        audit.record(
            cur,
            actor=actor.username,
            action="user.enable" if active else "user.disable",
            entity="user",
            entity_id=user.username,
            at=now,
        )

    db.write(work)


def reset_password(db: Database, actor: Actor, now: datetime, user_id: int, new_password: str) -> None:
    """Set a new password for a user (admin); lifts their throttles and ends every session."""
    require(actor.roles, "users.manage")
    password_hash = hash_password(new_password)

    def work(cur):
        user = get_user(cur, user_id)
        cur.execute(
            "UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL,"
            " updated_at = ? WHERE id = ?",
            [password_hash, now, user_id],
        )
        end_user_sessions(cur, user_id, now, "password_reset")
        clear_throttles_of_user(cur, user.username)
        audit.record(
            cur,
            actor=actor.username,
            action="user.password_reset",
            entity="user",
            entity_id=user.username,
            at=now,
        )

    db.write(work)


def change_own_password(
    db: Database, actor: Actor, now: datetime, old_password: str, new_password: str
) -> None:
    """A user changes their own password; the old one must be right. Every session of the user
    ends (a stolen cookie too): they sign in again with the new password."""
    validate_password(new_password)

    def work(cur):
        stored = cur.execute("SELECT password_hash FROM users WHERE id = ?", [actor.user_id]).fetchone()
        if stored is None or not password_matches(old_password, stored[0]):
            raise ValidationError("user.old_password_wrong")
        if old_password == new_password:
            raise ValidationError("user.password_unchanged")
        cur.execute(
            "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
            [hash_password(new_password), now, actor.user_id],
        )
        end_user_sessions(cur, actor.user_id, now, "password_change")
        audit.record(
            cur,
            actor=actor.username,
            action="user.password_change",
            entity="user",
            entity_id=actor.username,
            at=now,
        )

    db.write(work)


def create_first_admin(db: Database, now: datetime, *, username: str, full_name: str, password: str) -> int:
    """Create the first administrator of a fresh database (the documented CLI command).

    Refused once any administrator exists, so it cannot be used to take over a running system.
    """
    name = validate_username(username)
    full = validate_text(full_name, "field.full_name")
    password_hash = hash_password(password)

    def work(cur):
        exists = cur.execute("SELECT count(*) FROM user_roles WHERE role = ?", [ADMIN]).fetchone()[0]
        if exists:
            raise DomainError("user.admin_exists")
        if find_user(cur, name) is not None:
            raise ValidationError("user.username_taken", username=name)
        user_id = cur.execute(
            "INSERT INTO users (username, full_name, position, password_hash, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            [name, full, "ผู้ดูแลระบบ", password_hash, now, now],
        ).fetchone()[0]
        cur.execute("INSERT INTO user_roles VALUES (?, ?)", [user_id, ADMIN])
        audit.record(
            cur, actor="cli", action="user.create_first_admin", entity="user", entity_id=name, at=now
        )
        return user_id

    return db.write(work)


def recover_admin(db: Database, now: datetime, *, username: str, password: str) -> None:
    """The way back in when the last administrator is locked out of their own account (forgot
    the password, disabled by mistake): a maintenance command on the server sets a new password,
    re-enables the account, gives it the admin role, lifts its throttles and ends its sessions.
    Only someone who can run commands on the server can do this; audited as ``cli``."""
    name = validate_username(username)
    password_hash = hash_password(password)

    def work(cur):
        user = find_user(cur, name)
        if user is None:
            raise NotFound("user.not_found")
        cur.execute(
            "UPDATE users SET password_hash = ?, active = TRUE, failed_attempts = 0,"
            " locked_until = NULL, updated_at = ? WHERE id = ?",
            [password_hash, now, user.id],
        )
        if ADMIN not in user.roles:
            cur.execute("INSERT INTO user_roles VALUES (?, ?)", [user.id, ADMIN])
        end_user_sessions(cur, user.id, now, "recover_admin")
        cleared = clear_throttles_of_user(cur, name)
        audit.record(
            cur,
            actor="cli",
            action="user.recover_admin",
            entity="user",
            entity_id=name,
            at=now,
            detail={
                "was_active": user.active,
                "was_admin": ADMIN in user.roles,
                "throttles_cleared": cleared,
            },
        )

    db.write(work)


# -- sign-in policy -------------------------------------------------------------------------
# Failed sign-ins are throttled (growing delays per user name and client), never locked:
# see core.security.throttle and core.security.services.
