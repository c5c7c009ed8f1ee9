"""Registers the stage tracker: its home-page provider and its demo seeder."""

from __future__ import annotations

from datetime import datetime

import duckdb

from core import mywork
from core.actor import Actor
from core.calendar_store import calendar_around
from core.i18n import t
from core.stages import demo as _demo  # noqa: F401  (registers the seeder)
from core.stages import repository as repo
from core.stages import rules


@mywork.register
def my_stages(cur: duckdb.DuckDBPyConnection, actor: Actor, now: datetime, lang: str) -> list[mywork.WorkItem]:
    """The officer's open stages due within 3 working days, or overdue (behind their due day:
    the deadline of a deadline stage, the planned end of a minimum stage)."""
    if not actor.user_id:
        return []
    rows = repo.my_open_stages(cur, actor.user_id)
    if not rows:
        return []
    today = now.date()
    cal = calendar_around(cur, today)
    horizon = cal.add_working_days(today, rules.DUE_SOON_WORKING_DAYS)
    items = []
    for row in rows:
        due = row["due_on"] if row["std_kind"] == "deadline" and row["due_on"] else row["planned_end"]
        if due > horizon:
            continue
        items.append(mywork.WorkItem(
            area="page.projects",
            title=t("stage.home.title", lang, code=row["code"], n=row["stage_no"],
                    stage=t(rules.stage_key(row["stage_no"]), lang)),
            detail=t("stage.home.detail", lang, name=row["name"]),
            page="projects", query={"project": str(row["project_id"])},
            due=cal.end_of_day(due), overdue=today > due))
    return items
