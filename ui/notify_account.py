"""The notifications part of "บัญชีของฉัน": channels per kind of event, the e-mail address in
use, and linking LINE with a one-time code sent to the organisation's Official Account."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.notifications import channels, queries, rules
from core.notifications import services as notify
from ui import widgets
from ui.components import attempt, fmt_datetime
from ui.context import database, now, tr

CODE_KEY = "pattana_line_code"
PREFS_OPEN_KEY = "notify_prefs_open"  # the channels table, open or closed


def _prefs(actor, view: dict) -> None:
    kinds = list(rules.KINDS)
    frame = pd.DataFrame(
        {
            tr("notify.col.kind"): [tr(f"notify.kind.{k}") for k in kinds],
            **{
                tr(f"notify.channel.{c}"): [
                    bool(view["prefs"].get((k, c), c in rules.KINDS[k].default_channels)) for k in kinds
                ]
                for c in rules.CHANNELS
            },
        }
    )
    with widgets.form(st, "notify_prefs"):
        edited = st.data_editor(
            frame,
            hide_index=True,
            disabled=[tr("notify.col.kind")],
            width="stretch",
            key="notify_prefs_editor",
        )
        if st.form_submit_button(tr("common.save")):
            choices = {
                (k, c): bool(edited[tr(f"notify.channel.{c}")].iloc[i])
                for i, k in enumerate(kinds)
                for c in rules.CHANNELS
            }
            attempt(
                lambda: notify.save_prefs(database(), actor, now(), choices), success=tr("notify.prefs_saved")
            )


def _line(actor, view: dict) -> None:
    st.markdown(f"**{tr('notify.line')}**")
    if "line" not in channels.configured_channels():
        st.caption(tr("notify.line_off"))
    if view["line_linked_at"] is not None:
        st.caption(tr("notify.line_linked", when=fmt_datetime(view["line_linked_at"])))
        with widgets.form(st, "notify_line_unlink"):
            if st.form_submit_button(tr("notify.line_unlink")) and attempt(
                lambda: notify.unlink_line(database(), actor, now()), success=tr("notify.line_unlinked")
            ):
                st.session_state.pop(CODE_KEY, None)
        return
    st.caption(tr("notify.line_not_linked"))
    with widgets.form(st, "notify_line_code"):
        if st.form_submit_button(tr("notify.line_new_code")):
            outcome = attempt(lambda: notify.new_link_code(database(), actor, now()))
            if outcome:
                st.session_state[CODE_KEY] = outcome.value
    if st.session_state.get(CODE_KEY):
        st.info(
            tr(
                "notify.line_code",
                minutes=int(rules.LINK_CODE_TTL.total_seconds() // 60),
                code=st.session_state[CODE_KEY],
            )
        )


def notification_section(actor) -> None:
    st.subheader(tr("notify.prefs"))
    st.caption(tr("notify.prefs_help"))
    with database().read() as cur:
        view = queries.account_view(cur, actor.user_id)
    st.caption(tr("notify.email_is", email=view["email"]) if view["email"] else tr("notify.no_email"))
    # The table of channels is drawn when opened: it was the page's one grid, 45 ms of the
    # browser's work on every load of the account page (issue 18).
    channels_box = widgets.lazy_expander(st, tr("notify.prefs_open"), key=PREFS_OPEN_KEY)
    if channels_box.open:
        with channels_box:
            _prefs(actor, view)
    _line(actor, view)
