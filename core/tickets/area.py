"""The tickets area as core.areas lists it: its home-page provider and its demo seeder."""

from __future__ import annotations

from datetime import datetime

import duckdb

from core import demo, mywork
from core.actor import Actor
from core.i18n import t
from core.permissions import can
from core.tickets import demo as tickets_demo
from core.tickets import rules, services

AREA = "page.tickets"
MAX_ITEMS = 15


def my_tickets(
    cur: duckdb.DuckDBPyConnection, actor: Actor, now: datetime, lang: str
) -> list[mywork.WorkItem]:
    """IT: my open tickets near breach or breached, and unassigned tickets. Reporters: tickets
    waiting for their reply or their confirmation."""
    items: list[mywork.WorkItem] = []

    def item(row: dict, detail: str, overdue: bool, kind: str = "") -> mywork.WorkItem:
        due = row["clock"].due if row.get("clock") is not None else None
        return mywork.WorkItem(
            area=AREA,
            title=f"{row['code']} {row['title']}",
            detail=detail,
            page="tickets",
            query={"ticket": row["code"]},
            due=due,
            overdue=overdue,
            kind=kind,
        )

    if can(actor.roles, "ticket.work"):
        for row in services.queue_rows(cur, "mine", actor, now):
            if row["flag"] in ("near", "breached"):
                clock = t(f"tickets.clock.{row['clock'].name}", lang)
                key = "tickets.home_breached" if row["flag"] == "breached" else "tickets.home_near"
                items.append(item(row, t(key, lang, clock=clock), row["flag"] == "breached", "breach"))
        for row in services.queue_rows(cur, "unassigned", actor, now)[:MAX_ITEMS]:
            system = row["system_en"] if lang == "en" else row["system_th"]
            items.append(
                item(
                    row,
                    t("tickets.home_unassigned", lang, system=system or ""),
                    row["flag"] == "breached",
                    "breach" if row["flag"] in ("near", "breached") else "",
                )
            )
    if can(actor.roles, "ticket.report"):
        cur.execute(
            "SELECT t.code, t.title, s.status FROM tickets t JOIN ticket_sla s ON s.ticket_id = t.id"
            " WHERE t.reporter_id = ? AND s.status IN ('waiting', 'waiting_analysis', 'resolved') ORDER BY t.reported_at",
            [actor.user_id],
        )
        for code, title, status in cur.fetchall():
            asked = status in rules.WAITING_STATUSES  # IT asked this reporter a question
            key = "tickets.home_waiting" if asked else "tickets.home_confirm"
            items.append(
                mywork.WorkItem(
                    area=AREA,
                    title=f"{code} {title}",
                    detail=t(key, lang),
                    page="tickets",
                    query={"ticket": code},
                    kind="answer" if asked else "",
                )
            )
    return items[: 3 * MAX_ITEMS]


def seed_tickets(cur: duckdb.DuckDBPyConnection, ctx: demo.DemoContext) -> None:
    tickets_demo.seed(cur, ctx)


# What core.areas takes from this area: the home page's provider and the demo seeder.
HOME = my_tickets
SEED = seed_tickets
