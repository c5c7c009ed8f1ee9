"""What the scheduler watches for on behalf of people (issue 17): tickets near or past an SLA
deadline, surveys closed and waiting to be processed (the 2-working-day processing deadline of
manual step 18), a disk running out of room. Each finding becomes notifications through the
outbox (``core.notifications.services.notify``), once per event key; the dispatcher delivers
them. It sits with the scheduler because it reads the other areas."""

from __future__ import annotations

import shutil
from datetime import datetime

from core import i18n, thaidate
from core.actor import Actor
from core.calendar_store import calendar_around
from core.db import Database
from core.notifications import queries, repository
from core.notifications.services import IT_ROLES, SCAN_BREACHES_BACK, SCAN_SURVEYS_BACK, notify
from core.reliability.diskguard import min_free_bytes
from core.surveys import rules as survey_rules
from core.tickets import services as tickets


def scan(db: Database, now: datetime) -> int:
    """One scheduler round: tickets near or past their deadline, surveys closed and waiting to be
    processed, the disk. One transaction; returns the notifications written."""

    def work(cur):
        return _scan_tickets(cur, now) + _scan_surveys(cur, now)

    count = db.write(work)
    return count + check_disk(db, now)


def _scan_tickets(cur, now: datetime) -> int:
    count = 0
    rows = tickets.queue_rows(cur, "team", Actor(user_id=0, username="system", full_name="Pattana"), now)
    heads = repository.users_with_roles(cur, ["it_head"])
    for row in rows:
        if row["flag"] not in ("near", "breached"):
            continue
        clock = row["clock"]
        if clock.due is None:
            continue
        if row["flag"] == "breached" and now - clock.due > SCAN_BREACHES_BACK:
            continue
        officer = [row["assignee_id"]] if row["assignee_id"] else repository.users_with_roles(cur, IT_ROLES)
        values = {
            "code": row["code"],
            "title": row["title"],
            "clock": i18n.t(f"tickets.clock.{clock.name}", "th"),
            "due": thaidate.format_datetime(clock.due, "th"),
            "assignee": row["assignee_name"] or "-",
        }
        if row["flag"] == "near":
            count += len(
                notify(
                    cur,
                    now=now,
                    kind="ticket_near",
                    recipients=officer,
                    values=values,
                    page="tickets",
                    query={"ticket": row["code"]},
                    event_key=f"ticket_near:{row['id']}:{clock.name}",
                )
            )
        else:
            count += len(
                notify(
                    cur,
                    now=now,
                    kind="ticket_breach",
                    recipients=officer + heads,
                    values=values,
                    page="tickets",
                    query={"ticket": row["code"]},
                    event_key=f"ticket_breach:{row['id']}:{clock.name}",
                )
            )
    return count


def _scan_surveys(cur, now: datetime) -> int:
    count = 0
    calendar = None
    for row in queries.closed_unprocessed_surveys(cur, now.date(), (now - SCAN_SURVEYS_BACK).date()):
        calendar = calendar or calendar_around(cur, now)
        due = survey_rules.processing_due(row["closes_on"], calendar.add_working_days)
        owner = repository.user_id_by_username(cur, row["created_by"])
        recipients = [owner] if owner else repository.users_with_roles(cur, ["it_officer"])
        count += len(
            notify(
                cur,
                now=now,
                kind="survey_closed",
                recipients=recipients,
                values={
                    "code": row["code"],
                    "title": row["title"],
                    "due": thaidate.format_date(due.date(), "th"),
                },
                page="surveys",
                query={"survey": row["code"]},
                event_key=f"survey_closed:{row['id']}",
            )
        )
    return count


def check_disk(db: Database, now: datetime, *, free: int | None = None, minimum: int | None = None) -> int:
    """Warn the administrators (once a day) when the database's disk has less than twice the
    free space below which writes stop, so the warning is written while writes still work."""
    minimum = min_free_bytes() if minimum is None else minimum
    free = shutil.disk_usage(db.path.resolve().parent).free if free is None else free
    if free >= 2 * minimum or free < minimum:
        return 0

    def work(cur):
        return len(
            notify(
                cur,
                now=now,
                kind="disk_low",
                recipients=repository.users_with_roles(cur, ["admin"]),
                values={"free_mb": free // 2**20, "min_mb": minimum // 2**20},
                page="admin_health",
                event_key=f"disk_low:{now.date().isoformat()}",
            )
        )

    return db.write(work)
