"""The plan area as core.areas lists it: the director's "not in the plan" items and the demo seeder."""

from __future__ import annotations

from datetime import datetime

import duckdb

from core import demo as demo_core
from core import mywork
from core.actor import Actor
from core.i18n import t
from core.permissions import can
from core.plan import demo as demo_plan
from core.plan import repository as repo


def not_in_plan(
    cur: duckdb.DuckDBPyConnection, actor: Actor, now: datetime, lang: str
) -> list[mywork.WorkItem]:
    """Director: proposals not in the plan, which need an addition / change of the plan."""
    if not can(actor.roles, "plan.addition.request"):
        return []
    return [
        mywork.WorkItem(
            area="page.plan",
            title=f"{p['code']} {p['title']}",
            detail=t("plan.work.not_in_plan", lang, note=p["note"]),
            page="proposals",
            query={"proposal": str(p["id"])},
            due=None,
            overdue=False,
        )
        for p in repo.not_in_plan(cur)
    ]


def seed_plan(cur: duckdb.DuckDBPyConnection, ctx: demo_core.DemoContext) -> None:
    demo_plan.seed(cur, ctx)


# What core.areas takes from this area: the home page's provider and the demo seeder.
HOME = not_in_plan
SEED = seed_plan
