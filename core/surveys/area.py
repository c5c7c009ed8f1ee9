"""The surveys area as core.areas lists it: its home-page provider and its demo seeder."""

from __future__ import annotations

from datetime import datetime

import duckdb

from core import demo as demo_core
from core import mywork
from core.actor import Actor
from core.calendar_store import calendar_covering
from core.i18n import t
from core.permissions import can
from core.surveys import demo as demo_surveys
from core.surveys import repository as repo
from core.surveys import rules
from core.thaidate import format_date


def my_surveys(
    cur: duckdb.DuckDBPyConnection, actor: Actor, now: datetime, lang: str
) -> list[mywork.WorkItem]:
    """IT: closed surveys not yet processed (due 2 working days after close). Staff: open
    internal surveys they may answer and have not answered."""
    items: list[mywork.WorkItem] = []
    today = now.date()
    if can(actor.roles, "survey.manage"):
        closed = repo.closed_unprocessed(cur, today)[:30]
        cal = calendar_covering(cur, [s["closes_on"] for s in closed]) if closed else None
        for survey in closed:
            due = rules.processing_due(survey["closes_on"], cal.add_working_days, cal.end_of_day)
            items.append(
                mywork.WorkItem(
                    area="page.surveys",
                    title=t(
                        "surveys.home.process",
                        lang,
                        code=survey["code"],
                        date=format_date(survey["closes_on"], lang),
                        n=repo.response_count(cur, survey["id"]),
                    ),
                    detail=survey["title"],
                    page="surveys",
                    query={"survey": survey["code"]},
                    due=due,
                    overdue=now > due,
                )
            )
    if can(actor.roles, "survey.answer_internal"):
        answered = repo.answered_survey_ids(cur, actor.user_id)
        to_answer = [
            s
            for s in repo.open_internal_surveys(cur, today)
            if s["id"] not in answered and rules.can_answer(s["audience"], actor.roles)
        ]
        cal = calendar_covering(cur, [s["closes_on"] for s in to_answer]) if to_answer else None
        for survey in to_answer:
            items.append(
                mywork.WorkItem(
                    area="page.survey_answer",
                    title=t("surveys.home.answer", lang, title=survey["title"]),
                    detail=t("surveys.closes", lang, date=format_date(survey["closes_on"], lang)),
                    page="survey_answer",
                    query={"survey": survey["code"]},
                    due=cal.end_of_day(survey["closes_on"]),
                    overdue=False,
                    group="surveys.home.answer_many",  # counted as one item when there are several
                )
            )
    return items


def seed_surveys(cur: duckdb.DuckDBPyConnection, ctx: demo_core.DemoContext) -> None:
    demo_surveys.seed(cur, ctx)


# What core.areas takes from this area: the home page's provider and the demo seeder.
HOME = my_surveys
SEED = seed_surveys
