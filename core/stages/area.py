"""Registers the stage tracker: its home-page provider, its demo seeder and the re-planning of
stage dates after a change of the working calendar."""

from __future__ import annotations

from datetime import datetime

import duckdb

from core import mywork
from core.actor import Actor
from core.calendar_store import calendar_around
from core.i18n import t
from core.stages import demo as stages_demo
from core.stages import repository as repo
from core.stages import rules, services


def my_stages(
    cur: duckdb.DuckDBPyConnection, actor: Actor, now: datetime, lang: str
) -> list[mywork.WorkItem]:
    """The officer's open stages due within 3 working days, or behind (the deadline of a
    deadline stage, the planned end of a minimum stage). Only a deadline stage past its deadline
    is overdue: a minimum stage past its planned end may simply finish now (a minimum is never
    late)."""
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
        items.append(
            mywork.WorkItem(
                area="page.projects",
                title=t(
                    "stage.home.title",
                    lang,
                    code=row["code"],
                    n=row["stage_no"],
                    stage=t(rules.stage_key(row["stage_no"]), lang),
                ),
                detail=t("stage.home.detail", lang, name=row["name"]),
                page="projects",
                query={"project": str(row["project_id"])},
                due=cal.end_of_day(due),
                overdue=row["std_kind"] == "deadline" and today > due,
            )
        )
    return items


# What core.areas takes from this area: the home page's provider and the demo seeder.
HOME = my_stages
SEED = stages_demo.seed_stages
FOLLOWS_CALENDAR = services.follow_calendar  # planned and due days follow a calendar change
