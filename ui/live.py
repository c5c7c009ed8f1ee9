"""Live parts of pages: the bell in the sidebar and regions that refresh themselves while open.

Both use ``st.fragment(run_every=...)``: only the fragment reruns, so a form the user is typing
in elsewhere on the page keeps its text. The period is the setting
``notifications.refresh_seconds`` (settings page, default 15 s), read once per state of the records.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from core.notifications import queries
from core.notifications import services as notify
from ui.context import database, language, records_version, tr
from ui.registry import page_ref

SEEN_KEY = "pattana_bell_seen"


@st.cache_resource(max_entries=4, show_spinner=False)
def _refresh_seconds(records: int) -> int:
    # ``records`` is only the key: the setting changes by a recorded write.
    with database().read() as cur:
        return notify.refresh_seconds(cur)


def refresh_seconds() -> int:
    """The setting, read once per state of the records (every page asked for it once or twice a
    run for the bell and its live regions; issue 18)."""
    return _refresh_seconds(records_version())


def live(render: Callable[..., None], *args, **kwargs) -> None:
    """Run ``render(*args, **kwargs)`` as a fragment that reruns itself every refresh period."""
    st.fragment(run_every=refresh_seconds())(render)(*args, **kwargs)


def _bell(user_id: int) -> None:
    with database().read() as cur:
        count, newest = queries.unread(cur, user_id)
        seen = st.session_state.get(SEEN_KEY)
        fresh = queries.newer_than(cur, user_id, seen) if seen is not None and newest > seen else []
    if seen is None or newest > seen:
        st.session_state[SEEN_KEY] = newest
    subject = "subject_en" if language() == "en" else "subject_th"
    for item in reversed(fresh):
        st.toast(tr("notify.toast", subject=item[subject]), icon=":material/notifications_active:")
    target = page_ref("notifications")
    label = tr("notify.bell", n=count) if count else tr("notify.bell_none")
    icon = ":material/notifications_active:" if count else ":material/notifications:"
    if target is not None:
        st.page_link(target, label=label, icon=icon)


def bell(user_id: int) -> None:
    """The bell with the unread count (a link to the list); a toast for each new notification
    that arrives while the app is open."""
    live(_bell, user_id)
