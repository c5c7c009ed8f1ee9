"""Imports of the go-live registers from Excel/CSV: units, systems in service, user accounts.

Every import is all or nothing: each row is checked first, and if any row is bad the whole file
is refused with every bad row named (``RowsRejected``); otherwise all rows are written in one
transaction (which checks them once more against the database). Headers may be Thai or English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from core import audit
from core.actor import Actor
from core.db import Database
from core.errors import DomainError, ValidationError
from core.organisation import registers
from core.organisation import repository as repo
from core.permissions import ROLE_LABELS, ROLES, require
from core.spreadsheets import SpreadsheetError, read_table
from core.thaidate import parse_be_date

UNIT_COLUMNS = {
    "code": ("รหัส", "code"),
    "name_th": ("ชื่อหน่วยงาน", "name_th"),
    "name_en": ("ชื่อภาษาอังกฤษ", "name_en"),
    "kind": ("ประเภท", "kind"),
    "parent": ("สังกัด", "parent"),
    "phone": ("โทรศัพท์", "phone"),
}
SYSTEM_COLUMNS = {
    "name_th": ("ชื่อระบบ", "name_th"),
    "name_en": ("ชื่อภาษาอังกฤษ", "name_en"),
    "owner": ("หน่วยงานเจ้าของ", "owner_unit"),
    "kind": ("ประเภท", "kind"),
    "url": ("ที่อยู่เว็บ", "url"),
    "go_live": ("วันที่เริ่มใช้งาน", "go_live"),
}
USER_COLUMNS = {
    "username": ("ชื่อผู้ใช้", "username"),
    "full_name": ("ชื่อ-นามสกุล", "full_name"),
    "position": ("ตำแหน่ง", "position"),
    "unit": ("หน่วยงาน", "unit"),
    "email": ("อีเมล", "email"),
    "roles": ("บทบาท", "roles"),
    "password": ("รหัสผ่านเริ่มต้น", "password"),
}
REQUIRED = frozenset({"name_th", "kind", "owner", "go_live", "username", "full_name", "roles", "password"})
UNIT_KIND_WORDS = {
    "division": ("division", "สำนัก/กอง", "สำนัก", "กอง"),
    "section": ("section", "ฝ่าย/งาน", "ฝ่าย", "งาน"),
    "school": ("school", "หน่วยงานในสังกัด", "โรงเรียน", "ศูนย์", "affiliated"),
}
SYSTEM_KIND_WORDS = {
    "internal": ("internal", "administrative", "งานภายใน", "ระบบงานภายใน", "บริหารงาน"),
    "eservice": ("eservice", "e-service", "บริการประชาชน", "บริการอิเล็กทรอนิกส์"),
}


class RowsRejected(ValidationError):
    """An import refused as a whole; ``problems`` lists (row number in the file, refusal)."""

    def __init__(self, problems: list[tuple[int, DomainError]]) -> None:
        super().__init__("org.import_rejected", n=len(problems))
        self.problems = problems

    def message(self, lang: str = "th") -> str:
        from core.i18n import t

        head = t("org.import_rejected", lang, n=len(self.problems))
        lines = [
            t("org.import_row", lang, row=row, reason=error.message(lang)) for row, error in self.problems
        ]
        return "  \n".join([head, *lines])  # one line each (a Markdown line break where shown)


def _frame(content: bytes, filename: str, columns: dict) -> pd.DataFrame:
    try:
        frame = read_table(content, filename)
    except SpreadsheetError as exc:
        raise ValidationError("org.import_unreadable") from exc
    rename = {}
    for header in frame.columns:
        key = str(header).strip().lower()
        for name, (th, en) in columns.items():
            if key in (th.lower(), en.lower(), name):
                rename[header] = name
    frame = frame.rename(columns=rename)
    missing = [columns[n][0] for n in columns if n in REQUIRED and n not in frame.columns]
    if missing:
        raise ValidationError("org.import_missing_columns", columns=", ".join(missing))
    for name in columns:
        if name not in frame.columns:
            frame[name] = ""
    return frame


def _kind(value: str, words: dict) -> str:
    text = value.strip().lower()
    for kind, options in words.items():
        if text in (o.lower() for o in options):
            return kind
    return text


def _write_all(db: Database, rows: list[tuple[int, object]], write_one):
    """Write every row in one transaction; a database-level refusal names its row too."""

    def work(cur):
        done, problems = [], []
        for number, item in rows:
            try:  # checks come before each row's INSERT, so a refused row leaves the rest usable
                done.append(write_one(cur, item))
            except DomainError as error:
                problems.append((number, error))
        if problems:
            raise RowsRejected(problems)  # rolls the whole transaction back
        return done

    return db.write(work)


# -- units --------------------------------------------------------------------------------------
def parse_units(content: bytes, filename: str) -> list[tuple[int, registers.UnitInput]]:
    frame = _frame(content, filename, UNIT_COLUMNS)
    return [
        (
            i + 2,
            registers.UnitInput(
                name_th=r["name_th"],
                name_en=r["name_en"],
                kind=_kind(r["kind"], UNIT_KIND_WORDS),
                code=r["code"],
                parent_code=r["parent"],
                phone=r["phone"],
            ),
        )
        for i, r in enumerate(frame.to_dict("records"))
    ]


def import_units(db: Database, actor: Actor, now: datetime, content: bytes, filename: str) -> int:
    """Units from a file (columns รหัส, ชื่อหน่วยงาน, ชื่อภาษาอังกฤษ, ประเภท, สังกัด, โทรศัพท์);
    สังกัด names a unit by code or by name, earlier rows of the same file included."""
    require(actor.roles, "org.units.edit")
    rows = parse_units(content, filename)
    problems: list[tuple[int, DomainError]] = []
    seen: set[str] = set()
    for number, item in rows:
        try:
            clean = registers.clean_unit(item)
            if clean.name_th.lower() in seen:  # the same name twice in the file: the later row is wrong
                raise ValidationError("org.unit_name_taken", name=clean.name_th)
            seen.add(clean.name_th.lower())
        except DomainError as error:
            problems.append((number, error))
    if problems:
        raise RowsRejected(problems)

    def write_one(cur, item):
        parent = item.parent_code
        if parent and repo.unit(cur, parent.upper()) is None:
            named = repo.unit_with_name(cur, parent)
            if named is None:
                raise ValidationError("org.unit_parent_unknown", unit=parent)
            item = registers.UnitInput(**{**item.__dict__, "parent_code": named["code"]})
        return registers.add_unit_within(cur, actor, now, item)

    return len(_write_all(db, rows, write_one))


# -- systems ------------------------------------------------------------------------------------
def _date(text: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:  # ISO (an Excel date cell reads as 2015-06-01) or d/m/yyyy in the Buddhist Era
        return date.fromisoformat(text[:10]) if "-" in text else parse_be_date(text)
    except ValueError as exc:
        raise ValidationError("org.date_invalid", value=text) from exc


def parse_systems(content: bytes, filename: str) -> list[tuple[int, tuple[dict, str]]]:
    frame = _frame(content, filename, SYSTEM_COLUMNS)
    return [(i + 2, (r, _kind(r["kind"], SYSTEM_KIND_WORDS))) for i, r in enumerate(frame.to_dict("records"))]


def import_systems(db: Database, actor: Actor, now: datetime, content: bytes, filename: str) -> int:
    """Systems in service from a file (ชื่อระบบ, ชื่อภาษาอังกฤษ, หน่วยงานเจ้าของ, ประเภท,
    ที่อยู่เว็บ, วันที่เริ่มใช้งาน); the owner unit is named by code or by name."""
    require(actor.roles, "org.systems.edit")
    raw = parse_systems(content, filename)
    rows: list[tuple[int, registers.SystemInput]] = []
    problems: list[tuple[int, DomainError]] = []
    seen: set[tuple[str, str]] = set()
    for number, (r, kind) in raw:
        try:
            item = registers.clean_system(
                registers.SystemInput(
                    name_th=r["name_th"],
                    name_en=r["name_en"],
                    kind=kind,
                    owner_unit_code=r["owner"] or "",
                    url=r["url"],
                    in_service_since=_date(r["go_live"]),
                )
            )
            key = (item.name_th.lower(), r["owner"].strip().lower())
            if key in seen:
                raise ValidationError("org.system_name_taken", name=item.name_th)
            seen.add(key)
            rows.append((number, item))
        except DomainError as error:
            problems.append((number, error))
    if problems:
        raise RowsRejected(problems)

    def write_one(cur, item):
        owner = item.owner_unit_code
        if repo.unit(cur, owner) is None:
            named = repo.unit_with_name(cur, owner)
            if named is not None:
                item = registers.SystemInput(**{**item.__dict__, "owner_unit_code": named["code"]})
        return registers.add_system_within(cur, actor, now, item)

    return len(_write_all(db, rows, write_one))


# -- users --------------------------------------------------------------------------------------
def _roles(text: str) -> list[str]:
    found = []
    for part in [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]:
        match = next((r for r in ROLES if part.lower() == r or part in ROLE_LABELS[r]), None)
        if match is None:
            raise ValidationError("user.role_unknown", roles=part)
        found.append(match)
    return found


@dataclass(frozen=True)
class UserRow:
    username: str
    full_name: str
    position: str
    unit: str
    email: str
    roles: list
    password: str


def import_users(db: Database, actor: Actor, now: datetime, content: bytes, filename: str) -> int:
    """User accounts from a file (ชื่อผู้ใช้, ชื่อ-นามสกุล, ตำแหน่ง, หน่วยงาน, อีเมล, บทบาท,
    รหัสผ่านเริ่มต้น); roles are role keys or their Thai labels, separated by commas."""
    from core import users

    require(actor.roles, "users.manage")
    frame = _frame(content, filename, USER_COLUMNS)
    rows: list[tuple[int, UserRow]] = []
    problems: list[tuple[int, DomainError]] = []
    seen: set[str] = set()
    for i, r in enumerate(frame.to_dict("records")):
        number = i + 2
        try:
            name = users.validate_username(r["username"].strip().lower())
            if name in seen:
                raise ValidationError("user.username_taken", username=name)
            seen.add(name)
            users.validate_text(r["full_name"], "field.full_name")
            users.validate_password(r["password"])
            roles = _roles(r["roles"])
            if not roles:
                raise ValidationError("user.role_required")
            rows.append(
                (
                    number,
                    UserRow(
                        name,
                        r["full_name"].strip(),
                        r["position"].strip(),
                        r["unit"].strip(),
                        r["email"].strip(),
                        roles,
                        r["password"],
                    ),
                )
            )
        except DomainError as error:
            problems.append((number, error))
    if problems:
        raise RowsRejected(problems)
    hashed = {row.username: users.hash_password(row.password) for _, row in rows}

    def write_one(cur, row: UserRow):
        if users.find_user(cur, row.username) is not None:
            raise ValidationError("user.username_taken", username=row.username)
        unit_code = None
        if row.unit:
            found = repo.unit(cur, row.unit.upper()) or repo.unit_with_name(cur, row.unit)
            if found is None or not found["active"]:
                raise ValidationError("org.unit_unknown", unit=row.unit)
            unit_code = found["code"]
        user_id = repo.insert_user(
            cur,
            username=row.username,
            full_name=row.full_name,
            position=row.position,
            unit_code=unit_code,
            email=row.email or None,
            password_hash=hashed[row.username],
            roles=sorted(set(row.roles)),
            now=now,
        )
        audit.record(
            cur,
            actor=actor.username,
            action="user.create",
            entity="user",
            entity_id=row.username,
            at=now,
            detail={"roles": sorted(set(row.roles)), "unit": unit_code, "import": True},
        )
        return user_id

    return len(_write_all(db, rows, write_one))
