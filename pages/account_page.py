"""My account: the signed-in user's details, password change and sign-out everywhere."""

from __future__ import annotations

import streamlit as st

from core import users
from core.org import unit_name
from core.permissions import role_label
from core.security import services as security
from ui import widgets
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
    with widgets.form(st, "change_password", clear_on_submit=True):
        old = st.text_input(tr("account.old_password"), type="password")
        new = st.text_input(tr("account.new_password"), type="password")
        repeat = st.text_input(tr("account.repeat_password"), type="password")
        submitted = st.form_submit_button(tr("common.save"))
    if submitted:
        if new != repeat:
            st.error(tr("account.passwords_differ"))
        else:
            attempt(
                lambda: users.change_own_password(database(), actor, now(), old, new),
                success=tr("account.password_changed"),
            )

    st.subheader(tr("account.logout_everywhere"))
    with widgets.form(st, "logout_everywhere"):
        st.caption(tr("account.logout_everywhere_help"))
        everywhere = st.form_submit_button(tr("account.logout_everywhere"))
    if everywhere:
        outcome = attempt(lambda: security.sign_out_everywhere(database(), actor, now()))
        if outcome:
            st.success(tr("account.logged_out_everywhere", n=outcome.value))
    notification_section(actor)  # notification channels and LINE link (issue 17)


PAGE = PageSpec(key="account", icon=":material/person:", render=render)
