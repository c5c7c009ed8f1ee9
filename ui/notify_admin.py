"""The admin's view of notifications (on the health page): what was sent to whom, when, through
which channel, and what failed; dead letters can be queued again."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.notifications import queries
from core.notifications import services as notify
from core.reliability.scheduler import scheduler_for
from ui import widgets
from ui.components import attempt, fmt_datetime, table
from ui.context import database, now, tr

STATUSES = ("all", "dead", "pending", "sending", "sent")


def notification_admin(actor) -> None:
    st.subheader(tr("notify.admin"))
    with database().read() as cur:
        counts = queries.delivery_counts(cur)
    st.caption(tr("notify.admin_counts", **counts))
    scheduler = scheduler_for(database())
    job = getattr(scheduler, "notification_job", None) if scheduler is not None else None
    if job is not None and job.last_error is not None:
        st.warning(tr("notify.job_failed", kind=type(job.last_error).__name__))
    if counts["dead"]:
        st.warning(tr("notify.admin_dead", n=counts["dead"]))
        with widgets.form(st, "notify_requeue"):
            if st.form_submit_button(tr("notify.admin_requeue")):
                outcome = attempt(lambda: notify.requeue_dead(database(), actor, now()))
                if outcome:
                    st.success(tr("notify.admin_requeued", n=outcome.value))
    status = widgets.select_one(
        st,
        tr("notify.admin_filter"),
        STATUSES,
        key="notify_admin_status",
        format_func=lambda s: tr("common.all") if s == "all" else tr(f"notify.status.{s}"),
    )
    with database().read() as cur:
        frame = queries.deliveries(cur, status=None if status == "all" else status)
    if frame.empty:
        st.info(tr("common.none"))
        return
    shown = frame.assign(
        created_at=frame["created_at"].map(fmt_datetime),
        sent_at=frame["sent_at"].map(lambda v: "" if pd.isna(v) else fmt_datetime(v)),
        next_attempt_at=frame["next_attempt_at"].map(fmt_datetime),
        channel=frame["channel"].map(lambda c: tr(f"notify.channel.{c}")),
        status=frame["status"].map(lambda s: tr(f"notify.status.{s}")),
        last_error=frame["last_error"].fillna(""),
        address=frame["address"].fillna(""),
    ).rename(
        columns={
            "created_at": tr("notify.col.created"),
            "recipient": tr("notify.col.recipient"),
            "subject": tr("notify.col.subject"),
            "channel": tr("notify.col.channel"),
            "status": tr("notify.col.status"),
            "attempts": tr("notify.col.attempts"),
            "sent_at": tr("notify.col.sent_at"),
            "next_attempt_at": tr("notify.col.next"),
            "address": tr("notify.col.address"),
            "last_error": tr("notify.col.error"),
            "idem_key": "key",
        }
    )
    table(shown)
