"""Audit log: every state change with who and when, filtered by user, action, record and date."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from core import audit, audit_sentences
from ui import widgets
from ui.components import fmt_datetime, guard, table
from ui.context import database, language, now, tr
from ui.dates import be_date_input
from ui.registry import PageSpec

DETAILS_KEY = "audit_details_open"  # the raw log's expander, open or not, in the session


def render() -> None:
    guard("admin_audit")
    st.title(tr("page.admin_audit"))
    with database().read() as cur:
        known_actions = audit.actions(cur)
    with widgets.form(st, "audit_filter"):
        cols = st.columns(4)
        actor = cols[0].text_input(tr("audit.filter_actor"))
        action = widgets.select_one(
            cols[1],
            tr("audit.filter_action"),
            [""] + known_actions,
            format_func=lambda a: audit_sentences.action_text(a, language()) if a else tr("audit.all"),
        )
        since = be_date_input(tr("audit.since"), now().date() - timedelta(days=30), where=cols[2])
        until = be_date_input(tr("audit.until"), now().date(), where=cols[3])
        st.form_submit_button(tr("common.confirm"))
    with database().read() as cur:
        frame = audit.search(
            cur,
            audit.AuditFilter(actor=actor.strip() or None, action=action or None, since=since, until=until),
        )
    st.caption(tr("audit.count", n=len(frame)))
    frame["at_time"] = frame["at_time"].map(fmt_datetime)
    sentences = frame.assign(
        sentence=[audit_sentences.describe(row, language()) for row in frame.to_dict("records")]
    )[["at_time", "sentence"]]
    table(sentences.rename(columns={"at_time": tr("audit.col.at"), "sentence": tr("audit.col.sentence")}))
    details = widgets.lazy_expander(st, tr("audit.details"), key=DETAILS_KEY)
    if not details.open:  # the raw log is a second grid: built and drawn only when asked for
        return
    with details:
        raw = frame.rename(
            columns={
                "at_time": tr("audit.col.at"),
                "actor": tr("audit.col.actor"),
                "action": tr("audit.col.action"),
                "entity": tr("audit.col.entity"),
                "entity_id": tr("audit.col.entity_id"),
                "detail_json": tr("audit.col.detail"),
            }
        ).drop(columns=["id", "actor_name", "record_code"])
        table(raw)


PAGE = PageSpec(key="admin_audit", icon=":material/history:", render=render)
