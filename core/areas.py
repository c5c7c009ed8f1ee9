"""The areas of Pattana, listed once.

Each area is a package of ``core`` whose ``area.py`` names what the rest of the system takes from
it: ``HOME``, its provider of the home page's work list (``core.mywork``), and ``SEED``, its demo
seeder (``core.demo``), or ``None``; and optionally ``FOLLOWS_CALENDAR``, what recomputes the
dates it stores when the working calendar changes. ``AREAS`` is also the order demo data is made in: proposals
make projects and cite the local development plan, the stage tracker follows them, reviews sign
their gates; tickets and surveys use the systems; the KPI and the assessors' evidence read
everything. A new area is added here, once.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from core import demo, mywork
from core.actor import Actor
from core.assessments import area as assessments
from core.db import Database
from core.kpi import area as kpi
from core.plan import area as plan
from core.proposals import area as proposals
from core.reliability import area as reliability
from core.reviews import area as reviews
from core.stages import area as stages
from core.surveys import area as surveys
from core.tickets import area as tickets

AREAS = (proposals, plan, stages, reviews, tickets, surveys, kpi, assessments, reliability)


def my_work(cur: duckdb.DuckDBPyConnection, actor: Actor, now: datetime, lang: str) -> list[mywork.WorkItem]:
    """What waits for the user in every area (the home page "งานของฉัน")."""
    return mywork.gather([a.HOME for a in AREAS if a.HOME is not None], cur, actor, now, lang)


def seed_demo(
    db: Database, *, now: datetime, years: int = 3, scale: int = 1, area_scales: dict[str, int] | None = None
) -> demo.DemoContext:
    """Fill a new, migrated database with the demo town and every area's demo data."""
    return demo.seed(
        db,
        seeders=[a.SEED for a in AREAS if a.SEED is not None],
        now=now,
        years=years,
        scale=scale,
        area_scales=area_scales,
    )


def calendar_followers() -> list:
    """Every area's recomputation of the dates it stores, run inside a calendar change."""
    return [a.FOLLOWS_CALENDAR for a in AREAS if getattr(a, "FOLLOWS_CALENDAR", None) is not None]


def names() -> list[str]:
    """The areas' package names, in order (``core.<name>``)."""
    return [Path(a.__file__).parent.name for a in AREAS]
