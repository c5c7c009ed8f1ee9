"""SQL of the organisation area: the profile row, the memo book, units and systems."""

from __future__ import annotations

import json
from datetime import date, datetime

import duckdb

from core.db import rows_as_dicts

PROFILE_COLUMNS = (
    "name_th",
    "name_en",
    "kind",
    "province",
    "issuing_unit",
    "it_unit",
    "memo_prefix",
    "phone",
    "addressee",
    "addressee_via",
    "public_base_url",
)


# -- profile ----------------------------------------------------------------------------------
def profile_row(cur: duckdb.DuckDBPyConnection) -> dict | None:
    cur.execute("SELECT * FROM org_profile WHERE id = 1")
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def save_profile_row(
    cur: duckdb.DuckDBPyConnection, values: dict, signatories: dict, now: datetime, by: str
) -> None:
    if profile_row(cur) is None:
        cur.execute("INSERT INTO org_profile (id) VALUES (1)")
    sets = ", ".join(f"{c} = ?" for c in PROFILE_COLUMNS)
    cur.execute(
        f"UPDATE org_profile SET {sets}, signatories_json = ?, updated_at = ?, updated_by = ? WHERE id = 1",
        [values[c] for c in PROFILE_COLUMNS] + [json.dumps(signatories, ensure_ascii=False), now, by],
    )


def save_emblem(
    cur: duckdb.DuckDBPyConnection, content: bytes | None, media_type: str | None, now: datetime, by: str
) -> None:
    if profile_row(cur) is None:
        cur.execute("INSERT INTO org_profile (id) VALUES (1)")
    cur.execute(
        "UPDATE org_profile SET emblem = ?, emblem_media_type = ?, updated_at = ?,"
        " updated_by = ? WHERE id = 1",
        [content, media_type, now, by],
    )


def next_memo_no(cur: duckdb.DuckDBPyConnection, fiscal_year: int) -> int:
    row = cur.execute("SELECT next_no FROM memo_counters WHERE fiscal_year = ?", [fiscal_year]).fetchone()
    return row[0] if row else 1


def set_next_memo_no(cur: duckdb.DuckDBPyConnection, fiscal_year: int, next_no: int) -> None:
    cur.execute(
        "INSERT INTO memo_counters VALUES (?, ?) ON CONFLICT (fiscal_year)"
        " DO UPDATE SET next_no = excluded.next_no",
        [fiscal_year, next_no],
    )


def issued_memo(cur: duckdb.DuckDBPyConnection, doc_kind: str, doc_ref: str) -> dict | None:
    cur.execute("SELECT * FROM memo_numbers WHERE doc_kind = ? AND doc_ref = ?", [doc_kind, doc_ref])
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def memo_number_taken(cur: duckdb.DuckDBPyConnection, fiscal_year: int, number: int) -> bool:
    return (
        cur.execute(
            "SELECT 1 FROM memo_numbers WHERE fiscal_year = ? AND number = ?", [fiscal_year, number]
        ).fetchone()
        is not None
    )


def insert_memo_number(
    cur: duckdb.DuckDBPyConnection,
    fiscal_year: int,
    number: int,
    doc_kind: str,
    doc_ref: str,
    now: datetime,
    by: str,
) -> None:
    cur.execute(
        "INSERT INTO memo_numbers VALUES (?, ?, ?, ?, ?, ?)",
        [fiscal_year, number, doc_kind, doc_ref, now, by],
    )


# -- units --------------------------------------------------------------------------------------
def unit(cur: duckdb.DuckDBPyConnection, code: str) -> dict | None:
    cur.execute("SELECT * FROM org_units WHERE code = ?", [code])
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def unit_with_name(cur: duckdb.DuckDBPyConnection, name_th: str) -> dict | None:
    cur.execute("SELECT * FROM org_units WHERE lower(trim(name_th)) = lower(trim(?))", [name_th])
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def insert_unit(
    cur: duckdb.DuckDBPyConnection,
    *,
    code: str,
    name_th: str,
    name_en: str,
    kind: str,
    parent_code: str | None,
    phone: str | None,
) -> None:
    order = cur.execute("SELECT coalesce(max(sort_order), -1) + 1 FROM org_units").fetchone()[0]
    cur.execute(
        "INSERT INTO org_units (code, name_th, name_en, kind, parent_code, phone, sort_order)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [code, name_th, name_en, kind, parent_code, phone, order],
    )


def update_unit(
    cur: duckdb.DuckDBPyConnection,
    code: str,
    *,
    name_th: str,
    name_en: str,
    parent_code: str | None,
    phone: str | None,
) -> None:
    cur.execute(
        "UPDATE org_units SET name_th = ?, name_en = ?, parent_code = ?, phone = ? WHERE code = ?",
        [name_th, name_en, parent_code, phone, code],
    )


def set_unit_active(cur: duckdb.DuckDBPyConnection, code: str, active: bool) -> None:
    cur.execute("UPDATE org_units SET active = ? WHERE code = ?", [active, code])


def active_users_of_unit(cur: duckdb.DuckDBPyConnection, code: str) -> int:
    return cur.execute("SELECT count(*) FROM users WHERE active AND unit_code = ?", [code]).fetchone()[0]


def active_children_of_unit(cur: duckdb.DuckDBPyConnection, code: str) -> int:
    return cur.execute("SELECT count(*) FROM org_units WHERE active AND parent_code = ?", [code]).fetchone()[
        0
    ]


# -- systems ------------------------------------------------------------------------------------
def system(cur: duckdb.DuckDBPyConnection, system_id: int) -> dict | None:
    cur.execute("SELECT * FROM systems WHERE id = ?", [system_id])
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def system_named(
    cur: duckdb.DuckDBPyConnection,
    name_th: str,
    owner_unit_code: str | None,
    *,
    other_than: int | None = None,
) -> bool:
    return (
        cur.execute(
            "SELECT 1 FROM systems WHERE lower(trim(name_th)) = lower(trim(?))"
            " AND coalesce(owner_unit_code, '') = coalesce(?, '') AND id <> coalesce(?, -1)",
            [name_th, owner_unit_code, other_than],
        ).fetchone()
        is not None
    )


def system_code_taken(cur: duckdb.DuckDBPyConnection, code: str) -> bool:
    return cur.execute("SELECT 1 FROM systems WHERE code = ?", [code]).fetchone() is not None


def next_system_code(cur: duckdb.DuckDBPyConnection) -> str:
    n = cur.execute("SELECT count(*) FROM systems").fetchone()[0] + 1
    while system_code_taken(cur, f"SYS-{n:03d}"):
        n += 1
    return f"SYS-{n:03d}"


def insert_system(
    cur: duckdb.DuckDBPyConnection,
    *,
    code: str,
    name_th: str,
    name_en: str,
    kind: str,
    owner_unit_code: str | None,
    url: str,
    in_service_since: date | None,
    description: str = "",
) -> int:
    return cur.execute(
        "INSERT INTO systems (code, name_th, name_en, kind, owner_unit_code, description, url,"
        " in_service_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [code, name_th, name_en, kind, owner_unit_code, description, url, in_service_since],
    ).fetchone()[0]


def update_system(
    cur: duckdb.DuckDBPyConnection,
    system_id: int,
    *,
    name_th: str,
    name_en: str,
    kind: str,
    owner_unit_code: str | None,
    url: str,
    in_service_since: date | None,
) -> None:
    cur.execute(
        "UPDATE systems SET name_th = ?, name_en = ?, kind = ?, owner_unit_code = ?, url = ?,"
        " in_service_since = ? WHERE id = ?",
        [name_th, name_en, kind, owner_unit_code, url, in_service_since, system_id],
    )


def set_system_retired(cur: duckdb.DuckDBPyConnection, system_id: int, retired_on: date | None) -> None:
    cur.execute(
        "UPDATE systems SET active = ?, retired_on = ? WHERE id = ?",
        [retired_on is None, retired_on, system_id],
    )


# -- first-run checklist --------------------------------------------------------------------------
def setup_counts(cur: duckdb.DuckDBPyConnection) -> dict:
    row = cur.execute(
        "SELECT (SELECT count(*) FROM org_units WHERE active),"
        " (SELECT count(*) FROM systems WHERE active AND in_service_since IS NOT NULL),"
        " (SELECT count(*) FROM users u WHERE active AND NOT EXISTS"
        "   (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'admin')),"
        " (SELECT count(*) FROM calendar_adjustments),"
        " (SELECT count(*) FROM settings WHERE key = 'calendar.office_hours'),"
        " (SELECT count(*) FROM surveys)"
    ).fetchone()
    return dict(zip(("units", "systems", "users", "calendar_days", "office_hours", "surveys"), row))


# -- users (bulk import) ----------------------------------------------------------------------------
def insert_user(
    cur: duckdb.DuckDBPyConnection,
    *,
    username: str,
    full_name: str,
    position: str,
    unit_code: str | None,
    email: str | None,
    password_hash: str,
    roles: list[str],
    now: datetime,
) -> int:
    user_id = cur.execute(
        "INSERT INTO users (username, full_name, position, unit_code, email, password_hash,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [username, full_name, position, unit_code, email, password_hash, now, now],
    ).fetchone()[0]
    for role in roles:
        cur.execute("INSERT INTO user_roles VALUES (?, ?)", [user_id, role])
    return user_id
