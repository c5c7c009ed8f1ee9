"""My account: the signed-in user's details and password change."""

from __future__ import annotations

import streamlit as st

from core import users
from core.org import unit_name
from core.permissions import role_label
from ui.components import attempt, guard
from ui.context import database, language, now, tr
from ui.notify_account import notification_section
from ui.registry import PageSpec


def render() -> None:
    actor = guard("account")
    st.title(tr("page.account"))
    st.subheader(tr("account.profile"))
    with database().read() as cur:
        unit = unit_name(cur, actor.unit_code, language())
    st.text(f"{actor.full_name}\n{actor.position}\n{unit}")
    st.caption(", ".join(role_label(r, language()) for r in sorted(actor.roles)))

    st.subheader(tr("account.change_password"))
    with st.form("change_password", clear_on_submit=True):
        old = st.text_input(tr("account.old_password"), type="password")
        new = st.text_input(tr("account.new_password"), type="password")
        repeat = st.text_input(tr("account.repeat_password"), type="password")
        submitted = st.form_submit_button(tr("common.save"))
    if submitted:
        if new != repeat:
            st.error(tr("account.passwords_differ"))
        else:
            attempt(lambda: users.change_own_password(database(), actor, now(), old, new),
                    success=tr("account.password_changed"))

    notification_section(actor)  # notification channels and LINE link (issue 17)


PAGE = PageSpec(key="account", icon=":material/person:", render=render)
