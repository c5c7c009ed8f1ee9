"""Settings of notifications: the refresh period of the live queues and the bell; which outside
channels the server has (configured by environment variables, shown, not edited)."""

from __future__ import annotations

import streamlit as st

from core.notifications import channels
from core.notifications import services as notify
from ui import widgets
from ui.components import attempt
from ui.context import database, now, tr

ORDER = 90
TITLE_KEY = "notify.settings_title"
ACTION = "settings.edit"


def render(actor) -> None:
    with database().read() as cur:
        seconds = notify.refresh_seconds(cur)
    configured = [tr(f"notify.channel.{name}") for name in channels.configured_channels()]
    st.caption(tr("notify.settings_channels", channels=", ".join(configured) or tr("notify.settings_none")))
    with widgets.form(st, "notify_settings"):
        value = st.number_input(tr("settings.live_refresh"), min_value=2, max_value=600, value=int(seconds))
        if st.form_submit_button(tr("common.save")):
            attempt(
                lambda: notify.set_refresh_seconds(database(), actor, now(), int(value)),
                success=tr("notify.settings_saved"),
            )
