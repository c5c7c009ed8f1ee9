"""The review sign-off as core.areas lists it: its home-page provider and its demo seeder."""

from __future__ import annotations

from datetime import datetime

import duckdb

from core import demo, mywork
from core.actor import Actor
from core.i18n import t
from core.permissions import can
from core.reviews import demo as reviews_demo
from core.reviews import repository as repo
from core.reviews import rules


def pending_reviews(
    cur: duckdb.DuckDBPyConnection, actor: Actor, now: datetime, lang: str
) -> list[mywork.WorkItem]:
    """Rounds the user must still sign (overdue when past due); for IT officers, gates whose last
    round failed and wait for the next round."""
    items = []
    for r in repo.pending_for(cur, actor.user_id):
        items.append(
            mywork.WorkItem(
                area="page.reviews",
                title=t(
                    "reviews.home_pending",
                    lang,
                    gate=t(f"reviews.gate_short.{r['stage_no']}", lang),
                    project=f"{r['project_code']} {r['project_name']}",
                ),
                detail=t(
                    "reviews.home_pending_detail",
                    lang,
                    round_no=r["round_no"],
                    rule=t(rules.rule_text_key(r["pass_rule"]), lang),
                ),
                page="reviews",
                query={"project": str(r["project_id"]), "gate": str(r["stage_no"])},
                due=r["due_at"],
                overdue=rules.is_overdue(r["status"], r["due_at"], now),
                kind="sign",
            )
        )
    if can(actor.roles, "review.manage"):
        for r in repo.failed_gates_without_new_round(cur):
            items.append(
                mywork.WorkItem(
                    area="page.reviews",
                    title=t(
                        "reviews.home_failed",
                        lang,
                        gate=t(f"reviews.gate_short.{r['stage_no']}", lang),
                        project=f"{r['project_code']} {r['project_name']}",
                    ),
                    detail=t("reviews.home_failed_detail", lang, round_no=r["round_no"]),
                    page="reviews",
                    query={"project": str(r["project_id"]), "gate": str(r["stage_no"])},
                )
            )
    return items


def seed_reviews(cur: duckdb.DuckDBPyConnection, ctx: demo.DemoContext) -> None:
    reviews_demo.seed(cur, ctx)


# What core.areas takes from this area: the home page's provider and the demo seeder.
HOME = pending_reviews
SEED = seed_reviews
