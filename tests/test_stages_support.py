"""Helpers shared by the stage tracker's tests (no tests here): projects made through
``core.stages.services.open_project`` and gate sign-offs inserted as the prototype review would."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from core import bootstrap, demo, users
from core.db import Database
from core.stages import services as stage_services

PDF = b"%PDF-1.4\n% test\n%%EOF\n"


def actor(database: Database, username: str):
    with database.read() as cur:
        return users.find_user(cur, username).as_actor()


def officer_id(database: Database, username: str = "itofficer") -> int | None:
    with database.read() as cur:
        row = cur.execute("SELECT id FROM users WHERE username = ?", [username]).fetchone()
    return row[0] if row else None


def make_project(
    database: Database,
    approved_at: datetime,
    *,
    name: str = "ระบบบริหารงานสารบรรณ",
    unit: str = "FINANCE",
    responsible: int | None = None,
    by=None,
) -> int:
    from core.actor import SYSTEM

    who = by or SYSTEM
    return database.write(
        lambda cur: stage_services.open_project(
            cur,
            actor=who,
            now=approved_at,
            name=name,
            proposal_id=None,
            unit_code=unit,
            responsible_user_id=responsible,
        )
    )


def sign_off(
    database: Database, project_id: int, stage_no: int, at: datetime, round_id: int | None = 1
) -> None:
    """What the prototype review sign-off does when a round passes."""
    database.write(
        lambda cur: stage_services.close_gate(
            cur, project_id=project_id, stage_no=stage_no, round_id=round_id, now=at
        )
    )


def add_demo_projects(path: Path, now: datetime, count: int = 10, seed: int = 7) -> list[int]:
    """Projects approved over the past year in a demo database file, moved along by the seeder."""
    from core.stages.demo import seed_stages

    database = bootstrap.open_database(path, demo=False)
    try:
        lead = officer_id(database)
        names = [
            "ระบบจัดเก็บค่าธรรมเนียมขยะมูลฝอย",
            "ระบบลงทะเบียนรับวัคซีนสุนัขและแมว",
            "ระบบติดตามงานซ่อมบำรุงไฟฟ้าสาธารณะ",
            "ระบบจองใช้สนามกีฬาเทศบาล",
            "ระบบบริหารจัดการศูนย์พัฒนาเด็กเล็ก",
            "ระบบแจ้งเตือนชำระภาษีป้าย",
        ]
        units = ["FINANCE", "HEALTH", "ENGINEERING", "OFFICE", "EDUCATION", "WELFARE"]
        ids = []
        for i in range(count):
            approved = now - timedelta(days=int(400 * (count - i) / count))
            ids.append(
                make_project(
                    database,
                    approved.replace(hour=10, minute=0),
                    name=names[i % len(names)],
                    unit=units[i % len(units)],
                    responsible=lead,
                )
            )
        with database.read() as cur:
            user_ids = dict(cur.execute("SELECT username, id FROM users").fetchall())
        ctx = demo.DemoContext(
            rng=random.Random(seed), now=now, years=2, scale=1, fiscal_years=[2569, 2570], users=user_ids
        )
        database.write(lambda cur: seed_stages(cur, ctx))
        return ids
    finally:
        database.close()
