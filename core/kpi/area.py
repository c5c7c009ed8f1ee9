"""The KPI area: its home-page reminders for the IT head and its demo data."""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb

from core import audit, demo, mywork, settings
from core.actor import Actor
from core.calendar_store import calendar_around
from core.i18n import t
from core.kpi import repository, rules, services
from core.permissions import can
from core.thaidate import format_fiscal_year


def reminders(
    cur: duckdb.DuckDBPyConnection, actor: Actor, now: datetime, lang: str
) -> list[mywork.WorkItem]:
    """For whoever may enter the obstacles (the IT head): the last ended fiscal year's report
    not produced yet, and its problems and obstacles not entered yet."""
    if not can(actor.roles, "report.obstacles.edit"):
        return []
    fy = rules.last_ended_fiscal_year(now)
    fy_text = format_fiscal_year(fy, lang)
    due = rules.report_due(fy, calendar_around(cur, now).end_of_day)
    items = []
    if repository.latest_obstacles(cur, fy) is None:
        items.append(
            mywork.WorkItem(
                area="page.report",
                title=t("report.home_obstacles", lang, fy=fy_text),
                page="report",
                query={"fy": str(fy)},
                due=due,
                overdue=now > due,
            )
        )
    if repository.last_report_run(cur, fy) is None:
        items.append(
            mywork.WorkItem(
                area="page.report",
                title=t("report.home_due", lang, fy=fy_text),
                page="report",
                query={"fy": str(fy)},
                due=due,
                overdue=now > due,
            )
        )
    return items


OBSTACLES_DEMO = [
    "บุคลากรด้านเทคโนโลยีสารสนเทศมีจำนวนจำกัด (2 คน) เทียบกับจำนวนระบบที่ต้องดูแล",
    "เครื่องแม่ข่ายบางเครื่องมีอายุการใช้งานเกิน 7 ปี ควรจัดสรรงบประมาณทดแทน",
    "ผู้ใช้งานบางกองยังไม่คุ้นเคยกับระบบอิเล็กทรอนิกส์ ควรจัดอบรมทบทวนเป็นระยะ",
    "สัญญาณอินเทอร์เน็ตที่โรงเรียนในสังกัดไม่เสถียรในช่วงเวลาเรียน",
    "การสำรวจความพึงพอใจของประชาชนได้กลุ่มตัวอย่างน้อยในช่วงต้นปีงบประมาณ",
]


def seed(cur: duckdb.DuckDBPyConnection, ctx: demo.DemoContext) -> None:
    """A target, and for past fiscal years (except the last ended one) obstacles and a report."""
    head = Actor(user_id=ctx.users.get("ithead", 0), username="ithead", full_name="", roles=frozenset())
    settings.put(cur, services.TARGET_KEY, 85.0, actor=head, now=ctx.now - timedelta(days=400))
    last_ended = rules.last_ended_fiscal_year(ctx.now)
    for fy in ctx.fiscal_years:
        if fy >= last_ended:
            continue
        due = rules.report_due(fy)
        lines = ctx.rng.sample(OBSTACLES_DEMO, 2)
        text = "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))
        repository.insert_obstacles(cur, fy, text, "ithead", due - timedelta(hours=6))
        run_id = repository.insert_report_run(cur, fy, "ithead", due - timedelta(hours=2), [])
        audit.record(
            cur,
            actor="ithead",
            action="report.produce",
            entity="report",
            entity_id=fy,
            at=due - timedelta(hours=2),
            detail={"run_id": run_id, "demo": True},
        )


# What core.areas takes from this area: the home page's provider and the demo seeder.
HOME = reminders
SEED = seed
