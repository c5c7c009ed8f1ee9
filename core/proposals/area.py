"""The proposals area as core.areas lists it: its home-page provider and its demo seeder."""

from __future__ import annotations

from datetime import datetime

import duckdb

from core.actor import Actor
from core.calendar_store import calendar_around
from core.i18n import t
from core.mywork import WorkItem
from core.permissions import can
from core.proposals import demo as proposals_demo
from core.proposals import repository as repo
from core.proposals import rules


def proposals_waiting(
    cur: duckdb.DuckDBPyConnection, actor: Actor, now: datetime, lang: str
) -> list[WorkItem]:
    """Proposals and drivers waiting for this user's step, with the manual's deadlines."""
    items: list[WorkItem] = []
    wants_submit = can(actor.roles, "proposal.submit")
    wants_propose = can(actor.roles, "proposal.propose")
    wants_decide = can(actor.roles, "proposal.approve")
    wants_drivers = can(actor.roles, "driver.consider")
    if not (wants_submit or wants_propose or wants_decide or wants_drivers):
        return items
    calendar = calendar_around(cur, now)
    statuses = tuple(
        s
        for s, wanted in (
            ("draft", wants_submit),
            ("returned", wants_submit),
            ("submitted", wants_propose),
            ("proposed", wants_decide),
        )
        if wanted
    )
    for p in repo.proposals_in(cur, statuses) if statuses else []:
        due = None
        kind = "approve"  # proposing to the executive and deciding are decisions waiting for this user
        if p["status"] in ("draft", "returned"):
            kind = ""
            due = rules.deadline(calendar, p["draft_started_at"].date(), rules.DRAFT_DAYS)
            detail = t("proposals.work.submit", lang, status=t(rules.status_key(p["status"]), lang))
        elif p["status"] == "submitted":
            due = rules.deadline(calendar, p["submitted_at"].date(), rules.PROPOSE_DAYS)
            detail = t("proposals.work.propose", lang)
        else:
            detail = t("proposals.work.decide", lang)
        items.append(
            WorkItem(
                area="page.proposals",
                title=f"{p['code']} {p['title']}",
                detail=detail,
                page="proposals",
                query={"proposal": str(p["id"])},
                due=due,
                overdue=due is not None and now > due,
                kind=kind,
            )
        )
    if wants_drivers:
        for d in repo.pending_drivers(cur):
            due = rules.deadline(calendar, d["received_on"], rules.CONSIDER_DAYS)
            items.append(
                WorkItem(
                    area="page.proposals",
                    title=f"{d['code']} {d['description'][:120]}",
                    detail=t("proposals.work.driver", lang),
                    page="proposals",
                    query={"view": "drivers", "driver": str(d["id"])},
                    due=due,
                    overdue=now > due,
                    kind="approve",
                )
            )
    return items


# What core.areas takes from this area: the home page's provider and the demo seeder.
HOME = proposals_waiting
SEED = proposals_demo.seed
