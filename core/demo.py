"""Realistic demo data for a Thai town municipality, and its generator for benchmarks.

``seed(db, now, years, scale)`` fills a new database in one transaction: the divisions of
เทศบาลเมืองวารินชำราบ and its schools, the systems the town runs, one demo account per role (all
with the password ``DEMO_PASSWORD``, documented in the README; demo databases only), then each
area's seeder in the order given (``core.areas.seed_demo`` gives them in the areas' order). ``years`` is how many fiscal years of history to make and
``scale`` multiplies the volume (benchmarks use ten years at a large scale). The generator is
deterministic for a given ``now``, ``years`` and ``scale``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import bcrypt
import duckdb

from core import audit
from core.db import Database
from core.thaidate import fiscal_year

DEMO_PASSWORD = "pattana-demo"

# The demo town's organisation profile (a production database starts with an empty one).
PROFILE = {
    "name_th": "เทศบาลเมืองวารินชำราบ",
    "name_en": "Warin Chamrap Town Municipality",
    "kind": "town",
    "province": "อุบลราชธานี",
    "issuing_unit": "กองวิชาการและแผนงาน",
    "it_unit": "งานบริการระบบคอมพิวเตอร์และเทคโนโลยีสารสนเทศ",
    "memo_prefix": "อบ 52705",
    "phone": "0 4532 1234 ต่อ 701",
    "addressee": "ปลัดเทศบาลเมืองวารินชำราบ",
    "addressee_via": "ผู้อำนวยการกองวิชาการและแผนงาน",
    "public_base_url": "",
}
SIGNATORIES = {
    "unit_head": {
        "name": "นางสาวกาญจนา ทองดี",
        "position": "ผู้อำนวยการกองวิชาการและแผนงาน",
        "acting": "",
        "acting_for": "",
    },
    "it_head": {
        "name": "นายธนกร บุญมา",
        "position": "หัวหน้างานบริการระบบคอมพิวเตอร์และเทคโนโลยีสารสนเทศ",
        "acting": "",
        "acting_for": "",
    },
}

UNITS = [
    # code, Thai, English, kind, phone
    ("OFFICE", "สำนักปลัดเทศบาล", "Office of the Municipal Clerk", "division", "0 4532 1234 ต่อ 101"),
    ("FINANCE", "กองคลัง", "Finance Division", "division", "0 4532 1234 ต่อ 201"),
    ("ENGINEERING", "กองช่าง", "Engineering Division", "division", "0 4532 1234 ต่อ 301"),
    ("EDUCATION", "กองการศึกษา", "Education Division", "division", "0 4532 1234 ต่อ 401"),
    (
        "HEALTH",
        "กองสาธารณสุขและสิ่งแวดล้อม",
        "Public Health and Environment Division",
        "division",
        "0 4532 1234 ต่อ 501",
    ),
    ("WELFARE", "กองสวัสดิการสังคม", "Social Welfare Division", "division", "0 4532 1234 ต่อ 601"),
    ("PLANNING", "กองวิชาการและแผนงาน", "Academic and Planning Division", "division", "0 4532 1234 ต่อ 701"),
    (
        "SCHOOL1",
        "โรงเรียนเทศบาล 1 (บ้านวารินชำราบ)",
        "Municipal School 1 (Ban Warin Chamrap)",
        "school",
        "0 4532 2001",
    ),
    ("SCHOOL2", "โรงเรียนเทศบาล 2 (บ้านคูเดื่อ)", "Municipal School 2 (Ban Khu Duea)", "school", "0 4532 2002"),
    (
        "SCHOOL3",
        "โรงเรียนเทศบาล 3 (บ้านคำน้ำแซบ)",
        "Municipal School 3 (Ban Kham Nam Saep)",
        "school",
        "0 4532 2003",
    ),
    (
        "CHILDCARE",
        "ศูนย์พัฒนาเด็กเล็กเทศบาลเมืองวารินชำราบ",
        "Municipal Child Development Centre",
        "school",
        "0 4532 2004",
    ),
]

# username, full name, position, unit, roles
USERS = [
    ("admin", "นายณัฐวุฒิ ศรีสุข", "นักวิชาการคอมพิวเตอร์ (ผู้ดูแลระบบ)", "PLANNING", ["admin"]),
    ("executive", "นายประเสริฐ วงศ์วาริน", "ปลัดเทศบาลเมืองวารินชำราบ", "OFFICE", ["executive"]),
    ("director", "นางสาวกาญจนา ทองดี", "ผู้อำนวยการกองวิชาการและแผนงาน", "PLANNING", ["director"]),
    ("ithead", "นายธนกร บุญมา", "หัวหน้างานบริการระบบคอมพิวเตอร์และเทคโนโลยีสารสนเทศ", "PLANNING", ["it_head"]),
    ("itofficer", "นางสาวพิมพ์ชนก แสงทอง", "นักวิชาการคอมพิวเตอร์ชำนาญการ", "PLANNING", ["it_officer"]),
    ("itofficer2", "นายวีระพงษ์ คำมูล", "นักวิชาการคอมพิวเตอร์ปฏิบัติการ", "PLANNING", ["it_officer"]),
    ("staff", "นางมาลี จันทร์เพ็ญ", "นักวิชาการเงินและบัญชีชำนาญการ", "FINANCE", ["division_staff"]),
    ("staff2", "นายสุรเชษฐ์ พลอยงาม", "นายช่างโยธาชำนาญงาน", "ENGINEERING", ["division_staff"]),
    ("staff3", "นางสาวอรุณี ศรีบุญเรือง", "นักวิชาการสาธารณสุขปฏิบัติการ", "HEALTH", ["division_staff"]),
    ("staff4", "นางวิไลวรรณ ใจดี", "นักพัฒนาชุมชนชำนาญการ", "WELFARE", ["division_staff"]),
    ("staff5", "นายกิตติศักดิ์ มณีวงศ์", "เจ้าพนักงานธุรการปฏิบัติงาน", "OFFICE", ["division_staff"]),
    ("teacher", "นายอนุชา พรหมวงศ์", "ครู ค.ศ.2 โรงเรียนเทศบาล 1", "SCHOOL1", ["affiliated_unit"]),
    ("teacher2", "นางสาวจิราพร สายบุญ", "ครู ค.ศ.1 โรงเรียนเทศบาล 2", "SCHOOL2", ["affiliated_unit"]),
]

# code, Thai, English, kind, owner unit, description, years in service
SYSTEMS = [
    (
        "EPETITION",
        "ระบบรับคำร้องออนไลน์ (e-Petition)",
        "Online petitions (e-Petition)",
        "eservice",
        "OFFICE",
        "ยื่นคำร้องทั่วไปและติดตามสถานะผ่านเว็บไซต์และ LINE",
        4,
    ),
    (
        "ETAX",
        "ระบบชำระภาษีที่ดินและสิ่งปลูกสร้างออนไลน์",
        "Online land and building tax payment",
        "eservice",
        "FINANCE",
        "ตรวจสอบและชำระภาษีด้วย QR code พร้อมเพย์",
        3,
    ),
    (
        "EQUEUE",
        "ระบบจองคิวรับบริการ (e-Queue)",
        "Service queue booking (e-Queue)",
        "eservice",
        "OFFICE",
        "จองคิวงานทะเบียนราษฎรและงานบัตร",
        2,
    ),
    (
        "EBUILD",
        "ระบบขออนุญาตก่อสร้างอาคารออนไลน์",
        "Online building permits",
        "eservice",
        "ENGINEERING",
        "ยื่นขออนุญาตก่อสร้าง ดัดแปลง รื้อถอนอาคาร",
        2,
    ),
    (
        "COMPLAINT",
        "ระบบรับเรื่องร้องเรียนร้องทุกข์",
        "Complaints and grievances",
        "eservice",
        "OFFICE",
        "รับเรื่องร้องเรียน ส่งต่อกองที่รับผิดชอบ และแจ้งผล",
        5,
    ),
    (
        "ELDERLY",
        "ระบบลงทะเบียนเบี้ยยังชีพผู้สูงอายุและผู้พิการ",
        "Elderly and disability allowance registration",
        "eservice",
        "WELFARE",
        "ลงทะเบียนและตรวจสอบสิทธิ์เบี้ยยังชีพ",
        3,
    ),
    (
        "EOFFICE",
        "ระบบสารบรรณอิเล็กทรอนิกส์ (e-Office)",
        "Electronic correspondence (e-Office)",
        "internal",
        "OFFICE",
        "รับ-ส่งหนังสือราชการระหว่างกองและหน่วยงานในสังกัด",
        6,
    ),
    (
        "HR",
        "ระบบบริหารงานบุคคลและลาออนไลน์",
        "Personnel and online leave",
        "internal",
        "OFFICE",
        "ประวัติบุคลากร การลา และการประเมินผล",
        4,
    ),
    (
        "ASSET",
        "ระบบบริหารพัสดุและครุภัณฑ์",
        "Supplies and asset management",
        "internal",
        "FINANCE",
        "ทะเบียนครุภัณฑ์ การเบิกจ่ายพัสดุ",
        3,
    ),
    (
        "BOOKING",
        "ระบบจองห้องประชุมและยานพาหนะ",
        "Meeting room and vehicle booking",
        "internal",
        "OFFICE",
        "จองห้องประชุมและรถส่วนกลาง",
        2,
    ),
    (
        "STUDENT",
        "ระบบสารสนเทศนักเรียนโรงเรียนในสังกัด",
        "Student information for municipal schools",
        "internal",
        "EDUCATION",
        "ข้อมูลนักเรียน ผลการเรียน และการมาเรียน",
        3,
    ),
    (
        "PLANTRACK",
        "ระบบติดตามแผนงานและโครงการ",
        "Plan and project tracking",
        "internal",
        "PLANNING",
        "ติดตามการดำเนินงานตามแผนพัฒนาท้องถิ่น",
        1,
    ),
]


@dataclass
class DemoContext:
    """What area seeders receive: a seeded random generator, the time, the volume asked for."""

    rng: random.Random
    now: datetime
    years: int
    scale: int
    fiscal_years: list[int]
    users: dict[str, int] = field(default_factory=dict)  # username -> id
    systems: dict[str, int] = field(default_factory=dict)  # code -> id
    area_scales: dict[str, int] = field(default_factory=dict)  # area -> its own volume multiplier

    def scale_of(self, area: str) -> int:
        """The volume multiplier of one area (benchmarks size areas separately: 100,000 tickets
        and 1,000,000 survey answers are not the same multiple of a town's year)."""
        return max(1, int(self.area_scales.get(area, self.scale)))


Seeder = Callable[[duckdb.DuckDBPyConnection, DemoContext], None]


def _seed_foundation(cur: duckdb.DuckDBPyConnection, ctx: DemoContext) -> None:
    from core.organisation import repository as org_repo

    org_repo.save_profile_row(cur, PROFILE, SIGNATORIES, ctx.now, "system")
    # the town hall's office hours as set at go-live (the default week: Mon-Fri 08:30-12:00, 13:00-16:30)
    cur.execute(
        "INSERT INTO settings VALUES ('calendar.office_hours', ?, ?, 'system')",
        [
            '{"0": [["08:30", "12:00"], ["13:00", "16:30"]], "1": [["08:30", "12:00"], ["13:00", "16:30"]],'
            ' "2": [["08:30", "12:00"], ["13:00", "16:30"]], "3": [["08:30", "12:00"], ["13:00", "16:30"]],'
            ' "4": [["08:30", "12:00"], ["13:00", "16:30"]]}',
            ctx.now,
        ],
    ).fetchall()
    for order, (code, th, en, kind, phone) in enumerate(UNITS):
        cur.execute(
            "INSERT INTO org_units (code, name_th, name_en, kind, phone, sort_order)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [code, th, en, kind, phone, order],
        )
    # One bcrypt hash shared by every demo account keeps seeding fast; they all use DEMO_PASSWORD.
    shared_hash = bcrypt.hashpw(DEMO_PASSWORD.encode(), bcrypt.gensalt(rounds=12)).decode()
    created = ctx.now - timedelta(days=365 * ctx.years)
    for username, name, position, unit, roles in USERS:
        user_id = cur.execute(
            "INSERT INTO users (username, full_name, position, unit_code, email, password_hash,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [username, name, position, unit, f"{username}@warinchamrap.go.th", shared_hash, created, created],
        ).fetchone()[0]
        for role in roles:
            cur.execute("INSERT INTO user_roles VALUES (?, ?)", [user_id, role])
        ctx.users[username] = user_id
    for code, th, en, kind, owner, description, years_in_service in SYSTEMS:
        since = date(ctx.now.year - years_in_service, 1 + ctx.rng.randrange(12), 1)
        ctx.systems[code] = cur.execute(
            "INSERT INTO systems (code, name_th, name_en, kind, owner_unit_code, description,"
            " in_service_since) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            [code, th, en, kind, owner, description, since],
        ).fetchone()[0]
    audit.record(
        cur,
        actor="system",
        action="demo.seed",
        entity="database",
        entity_id=None,
        at=ctx.now,
        detail={"years": ctx.years, "scale": ctx.scale},
    )


def has_demo_data(cur: duckdb.DuckDBPyConnection) -> bool:
    """Whether this database was filled by the demo generator (whose passwords are public)."""
    return bool(cur.execute("SELECT count(*) FROM audit_log WHERE action = 'demo.seed'").fetchall()[0][0])


def seed(
    db: Database,
    *,
    seeders: Iterable[Seeder],
    now: datetime,
    years: int = 3,
    scale: int = 1,
    random_seed: int = 2569,
    area_scales: dict[str, int] | None = None,
) -> DemoContext:
    """Fill a new, migrated database with demo data in one transaction: the foundation, then each
    area's seeder in the order given."""
    current_fy = fiscal_year(now)
    ctx = DemoContext(
        rng=random.Random(random_seed),
        now=now,
        years=max(1, years),
        scale=max(1, scale),
        fiscal_years=list(range(current_fy - max(1, years) + 1, current_fy + 1)),
        area_scales=dict(area_scales or {}),
    )

    def work(cur):
        _seed_foundation(cur, ctx)
        for seeder in seeders:
            seeder(cur, ctx)

    db.write(work)
    return ctx
