"""Notifications: the signed-in user's list (newest first) with a link that opens each item,
"mark read" and "mark all read". Refreshes itself while open."""

from __future__ import annotations

import streamlit as st

from core.notifications import queries
from core.notifications import services as notify
from ui.components import attempt, fmt_datetime, guard
from ui.context import database, language, now, tr
from ui.live import live
from ui.registry import PageSpec, page_ref


def _open(actor, item: dict) -> None:
    """Mark the notification read, then open its item."""
    outcome = attempt(lambda: notify.mark_read(database(), actor, now(), item["id"]))
    target = page_ref(item["page"])
    if outcome and target is not None:
        st.switch_page(target, query_params=item["query"] or None)


def _list(actor, unread_only: bool) -> None:
    lang = language()
    with database().read() as cur:
        items = queries.my_notifications(cur, actor.user_id, unread_only=unread_only)
    if not items:
        st.info(tr("notify.empty"))
        return
    for item in items:
        with st.container(border=True):
            cols = st.columns([6, 2, 1.2, 1.5])
            subject = item["subject_en"] if lang == "en" else item["subject_th"]
            body = item["body_en"] if lang == "en" else item["body_th"]
            cols[0].text(("● " if item["read_at"] is None else "") + subject)  # user text: never Markdown
            cols[0].caption(body.replace("\n", " "))
            cols[1].caption(fmt_datetime(item["created_at"]))
            if page_ref(item["page"]) is not None and cols[2].button(
                tr("notify.open"), key=f"notify_open_{item['id']}"
            ):
                _open(actor, item)
            if (
                item["read_at"] is None
                and cols[3].button(tr("notify.mark_read"), key=f"notify_read_{item['id']}")
                and attempt(lambda i=item["id"]: notify.mark_read(database(), actor, now(), i))
            ):
                st.rerun()  # the bell counts again too


def render() -> None:
    actor = guard("notifications")
    st.title(tr("page.notifications"))
    cols = st.columns([3, 2])
    unread_only = cols[0].toggle(tr("notify.unread_only"), key="notify_unread_only")
    if cols[1].button(tr("notify.mark_all_read"), key="notify_all_read"):
        attempt(lambda: notify.mark_all_read(database(), actor, now()))
    live(_list, actor, unread_only)


PAGE = PageSpec(key="notifications", icon=":material/notifications:", render=render)
