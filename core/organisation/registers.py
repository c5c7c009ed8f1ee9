"""The units register (divisions, sections, affiliated units) and the register of systems
already in service. Services ``(db, actor, now, ...)``; every change audited.

Units are renamed or retired, never deleted: users, drivers, tickets and projects refer to them
by code. A unit with active users, or with active units under it, cannot be retired. Systems
are named uniquely within their owner unit (two units may each have a ``ระบบสารบรรณ``); a
system is retired with the day it left service, never deleted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from core import audit
from core.actor import Actor
from core.db import Database
from core.errors import NotFound, ValidationError
from core.organisation import repository as repo
from core.permissions import require

UNIT_KINDS = ("division", "section", "school")
SYSTEM_KINDS = ("internal", "eservice")
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")
MAX_NAME = 200


@dataclass(frozen=True)
class UnitInput:
    name_th: str
    kind: str
    name_en: str = ""
    code: str = ""
    parent_code: str = ""
    phone: str = ""


@dataclass(frozen=True)
class SystemInput:
    name_th: str
    kind: str
    owner_unit_code: str
    name_en: str = ""
    url: str = ""
    in_service_since: date | None = None
    description: str = ""


def _name(value: str, field_key: str) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise ValidationError("error.required", field=field_key)
    if len(text) > MAX_NAME:
        raise ValidationError("org.text_too_long", field=field_key, maximum=MAX_NAME)
    return text


def _phone(value: str) -> str | None:
    text = " ".join(str(value or "").split())
    if text and not re.fullmatch(r"[0-9๐-๙ ,\-+()#ต่อ.]{3,60}", text):
        raise ValidationError("org.phone_invalid", phone=text)
    return text or None


def clean_unit(item: UnitInput) -> UnitInput:
    """Pure checks of one unit's fields (no database)."""
    if item.kind not in UNIT_KINDS:
        raise ValidationError("org.unit_kind_invalid")
    code = (item.code or "").strip().upper()
    if code and not CODE_PATTERN.fullmatch(code):
        raise ValidationError("org.unit_code_invalid", unit=code)
    name_th = _name(item.name_th, "org.field.unit_name")
    return UnitInput(
        name_th=name_th,
        kind=item.kind,
        name_en=" ".join((item.name_en or "").split()) or name_th,
        code=code,
        parent_code=(item.parent_code or "").strip().upper(),
        phone=_phone(item.phone) or "",
    )


def add_unit_within(cur: duckdb.DuckDBPyConnection, actor: Actor, now: datetime, item: UnitInput) -> str:
    """Add one unit inside the caller's transaction (checked and audited); returns its code."""
    item = clean_unit(item)
    if repo.unit_with_name(cur, item.name_th) is not None:
        raise ValidationError("org.unit_name_taken", name=item.name_th)
    code = item.code
    if not code:
        n = cur.execute("SELECT count(*) FROM org_units").fetchone()[0] + 1
        while repo.unit(cur, f"U{n:03d}") is not None:
            n += 1
        code = f"U{n:03d}"
    elif repo.unit(cur, code) is not None:
        raise ValidationError("org.unit_code_taken", unit=code)
    parent = item.parent_code or None
    if parent is not None:
        row = repo.unit(cur, parent)
        if row is None or not row["active"]:
            raise ValidationError("org.unit_parent_unknown", unit=parent)
    repo.insert_unit(
        cur,
        code=code,
        name_th=item.name_th,
        name_en=item.name_en,
        kind=item.kind,
        parent_code=parent,
        phone=item.phone or None,
    )
    audit.record(
        cur,
        actor=actor.username,
        action="org.unit.add",
        entity="org_unit",
        entity_id=code,
        at=now,
        detail={"name_th": item.name_th, "kind": item.kind, "parent": parent},
    )
    return code


def add_unit(db: Database, actor: Actor, now: datetime, item: UnitInput) -> str:
    """Add a unit; returns its code (given, or made up as ``U001``...)."""
    require(actor.roles, "org.units.edit")
    return db.write(lambda cur: add_unit_within(cur, actor, now, item))


def add_units(db: Database, actor: Actor, now: datetime, items: list[UnitInput]) -> list[str]:
    """Add several units in one transaction: all of them or none."""
    require(actor.roles, "org.units.edit")
    return db.write(lambda cur: [add_unit_within(cur, actor, now, item) for item in items])


def edit_unit(
    db: Database,
    actor: Actor,
    now: datetime,
    code: str,
    *,
    name_th: str,
    name_en: str = "",
    parent_code: str = "",
    phone: str = "",
) -> None:
    """Rename a unit, change its phone or the unit it sits under."""
    require(actor.roles, "org.units.edit")
    name = _name(name_th, "org.field.unit_name")
    english = " ".join((name_en or "").split()) or name
    tel = _phone(phone)
    parent = (parent_code or "").strip().upper() or None

    def work(cur):
        row = repo.unit(cur, code)
        if row is None:
            raise NotFound("org.unit_not_found")
        other = repo.unit_with_name(cur, name)
        if other is not None and other["code"] != code:
            raise ValidationError("org.unit_name_taken", name=name)
        if parent is not None and (parent == code or repo.unit(cur, parent) is None):
            raise ValidationError("org.unit_parent_unknown", unit=parent)
        repo.update_unit(cur, code, name_th=name, name_en=english, parent_code=parent, phone=tel)
        audit.record(
            cur,
            actor=actor.username,
            action="org.unit.edit",
            entity="org_unit",
            entity_id=code,
            at=now,
            detail={
                "old": {k: row[k] for k in ("name_th", "name_en", "parent_code", "phone")},
                "new": {"name_th": name, "name_en": english, "parent_code": parent, "phone": tel},
            },
        )

    db.write(work)


def set_unit_active(db: Database, actor: Actor, now: datetime, code: str, active: bool) -> None:
    """Retire a unit (refused while active users or active units belong to it), or bring it back."""
    require(actor.roles, "org.units.edit")

    def work(cur):
        row = repo.unit(cur, code)
        if row is None:
            raise NotFound("org.unit_not_found")
        if not active:
            users = repo.active_users_of_unit(cur, code)
            if users:
                raise ValidationError("org.unit_has_users", name=row["name_th"], n=users)
            children = repo.active_children_of_unit(cur, code)
            if children:
                raise ValidationError("org.unit_has_children", name=row["name_th"], n=children)
        repo.set_unit_active(cur, code, active)
        audit.record(
            cur,
            actor=actor.username,
            action="org.unit.retire" if not active else "org.unit.restore",
            entity="org_unit",
            entity_id=code,
            at=now,
            detail={"name_th": row["name_th"]},
        )

    db.write(work)


# -- systems ------------------------------------------------------------------------------------
def clean_system(item: SystemInput) -> SystemInput:
    if item.kind not in SYSTEM_KINDS:
        raise ValidationError("system.kind_invalid")
    name_th = _name(item.name_th, "org.field.system_name")
    url = (item.url or "").strip()
    if url and (not re.match(r"^https?://\S+$", url) or len(url) > 500):
        raise ValidationError("org.url_invalid")
    if not (item.owner_unit_code or "").strip():
        raise ValidationError("error.required", field="org.field.owner_unit")
    return SystemInput(
        name_th=name_th,
        kind=item.kind,
        owner_unit_code=item.owner_unit_code.strip().upper(),
        name_en=" ".join((item.name_en or "").split()) or name_th,
        url=url,
        in_service_since=item.in_service_since,
        description=(item.description or "").strip(),
    )


def _check_owner(cur: duckdb.DuckDBPyConnection, code: str) -> None:
    row = repo.unit(cur, code)
    if row is None or not row["active"]:
        raise ValidationError("org.unit_unknown", unit=code)


def add_system_within(cur: duckdb.DuckDBPyConnection, actor: Actor, now: datetime, item: SystemInput) -> int:
    """Register one system in service inside the caller's transaction (checked and audited)."""
    item = clean_system(item)
    _check_owner(cur, item.owner_unit_code)
    if item.in_service_since is None:
        raise ValidationError("error.required", field="org.field.go_live")
    if item.in_service_since > now.date():
        raise ValidationError("org.go_live_future")
    if repo.system_named(cur, item.name_th, item.owner_unit_code):
        raise ValidationError("org.system_name_taken", name=item.name_th)
    code = repo.next_system_code(cur)
    system_id = repo.insert_system(
        cur,
        code=code,
        name_th=item.name_th,
        name_en=item.name_en,
        kind=item.kind,
        owner_unit_code=item.owner_unit_code,
        url=item.url,
        in_service_since=item.in_service_since,
        description=item.description,
    )
    audit.record(
        cur,
        actor=actor.username,
        action="system.register",
        entity="system",
        entity_id=system_id,
        at=now,
        detail={"code": code, "name_th": item.name_th, "owner": item.owner_unit_code, "existing": True},
    )
    return system_id


def add_system(db: Database, actor: Actor, now: datetime, item: SystemInput) -> int:
    """Register a system already in service (it went live before Pattana, or outside a project)."""
    require(actor.roles, "org.systems.edit")
    return db.write(lambda cur: add_system_within(cur, actor, now, item))


def add_systems(db: Database, actor: Actor, now: datetime, items: list[SystemInput]) -> list[int]:
    require(actor.roles, "org.systems.edit")
    return db.write(lambda cur: [add_system_within(cur, actor, now, item) for item in items])


def edit_system(db: Database, actor: Actor, now: datetime, system_id: int, item: SystemInput) -> None:
    require(actor.roles, "org.systems.edit")
    item = clean_system(item)

    def work(cur):
        row = repo.system(cur, system_id)
        if row is None:
            raise NotFound("system.not_found")
        _check_owner(cur, item.owner_unit_code)
        if item.in_service_since is not None and item.in_service_since > now.date():
            raise ValidationError("org.go_live_future")
        if repo.system_named(cur, item.name_th, item.owner_unit_code, other_than=system_id):
            raise ValidationError("org.system_name_taken", name=item.name_th)
        repo.update_system(
            cur,
            system_id,
            name_th=item.name_th,
            name_en=item.name_en,
            kind=item.kind,
            owner_unit_code=item.owner_unit_code,
            url=item.url,
            in_service_since=item.in_service_since or row["in_service_since"],
        )
        audit.record(
            cur,
            actor=actor.username,
            action="system.edit",
            entity="system",
            entity_id=system_id,
            at=now,
            detail={
                "old": {k: row[k] for k in ("name_th", "kind", "owner_unit_code", "url")},
                "new": {
                    "name_th": item.name_th,
                    "kind": item.kind,
                    "owner_unit_code": item.owner_unit_code,
                    "url": item.url,
                },
            },
        )

    db.write(work)


def retire_system(db: Database, actor: Actor, now: datetime, system_id: int, retired_on: date | None) -> None:
    """Take a system out of service on ``retired_on`` (None: back in service). Its tickets,
    surveys and figures stay; pickers stop offering it."""
    require(actor.roles, "org.systems.edit")

    def work(cur):
        row = repo.system(cur, system_id)
        if row is None:
            raise NotFound("system.not_found")
        if retired_on is not None and retired_on > now.date():
            raise ValidationError("org.retire_future")
        repo.set_system_retired(cur, system_id, retired_on)
        audit.record(
            cur,
            actor=actor.username,
            action="system.retire" if retired_on else "system.restore",
            entity="system",
            entity_id=system_id,
            at=now,
            detail={"name_th": row["name_th"], "retired_on": retired_on},
        )

    db.write(work)


def system_label(row: dict, lang: str = "th") -> str:
    """What a picker shows: the name and its owner unit, so two similar systems differ."""
    name = row.get("name_en" if lang == "en" else "name_th") or row.get("name_th") or ""
    unit = row.get("owner_unit_en" if lang == "en" else "owner_unit_th") or row.get("owner_unit_code") or ""
    return f"{name} · {unit}" if unit else name
