"""Sign-in security (admin): throttles with a way to lift one, the open sessions and a way to end
a user's sessions everywhere."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.security import clientkey
from core.security import services as security
from ui import widgets
from ui.components import attempt, fmt_datetime, guard, table
from ui.context import database, now, tr
from ui.registry import PageSpec

_SCOPE_KEYS = {
    "pair": "security.scope.pair",
    "client": "security.scope.client",
    "user": "security.scope.user",
}


def render() -> None:
    actor = guard("admin_security")
    st.title(tr("page.admin_security"))
    st.subheader(tr("security.throttles"))
    st.caption(tr("security.throttles_help"))
    with database().read() as cur:
        throttles = security.throttles(cur)
        sessions = security.sessions(cur, now())
    if throttles.empty:
        st.text(tr("common.none"))
    else:
        table(
            pd.DataFrame(
                {
                    tr("security.col.scope"): [tr(_SCOPE_KEYS[s]) for s in throttles["scope"]],
                    tr("security.col.key"): throttles["key"],
                    tr("security.col.failures"): throttles["failures"],
                    tr("security.col.last"): [fmt_datetime(v) for v in throttles["last_failure_at"]],
                    tr("security.col.until"): [
                        fmt_datetime(v) if not pd.isna(v) else "" for v in throttles["blocked_until"]
                    ],
                }
            )
        )
        entries = {
            f"{tr(_SCOPE_KEYS[scope])}: {key}": (scope, key)
            for scope, key in zip(throttles["scope"], throttles["key"])
        }
        with widgets.form(st, "clear_throttle"):
            chosen = widgets.select_one(st, tr("security.clear_which"), list(entries))
            pressed = st.form_submit_button(tr("security.clear"), type="primary")
        if (
            pressed
            and chosen
            and attempt(
                lambda: security.clear_throttle(database(), actor, now(), *entries[chosen]),
                success=tr("security.cleared"),
            )
        ):
            st.rerun()
    st.caption(tr("security.recover_hint"))
    st.subheader(tr("security.sessions"))
    if sessions.empty:
        st.text(tr("common.none"))
    else:
        table(
            pd.DataFrame(
                {
                    tr("security.col.username"): sessions["username"],
                    tr("security.col.issued"): [fmt_datetime(v) for v in sessions["issued_at"]],
                    tr("security.col.expires"): [fmt_datetime(v) for v in sessions["expires_at"]],
                    tr("security.col.client"): sessions["client"].map(
                        lambda c: tr("security.client.local") if c == clientkey.LOCAL else c
                    ),
                }
            )
        )
        with widgets.form(st, "end_sessions"):
            who = widgets.select_one(st, tr("security.end_sessions_of"), sorted(set(sessions["username"])))
            ended = st.form_submit_button(tr("security.end_sessions"))
        if ended and who and attempt(lambda: security.end_sessions_of(database(), actor, now(), who)):
            st.rerun()


PAGE = PageSpec(key="admin_security", icon=":material/shield_lock:", render=render)
