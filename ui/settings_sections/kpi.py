"""Settings section of the KPI area: the yearly percentage-satisfaction target."""

from __future__ import annotations

import streamlit as st

from core.kpi import services
from ui import widgets
from ui.components import attempt
from ui.context import database, now, tr

ORDER = 80
TITLE_KEY = "kpi.settings.title"
ACTION = "kpi.target.edit"


def render(actor) -> None:
    with database().read() as cur:
        target = services.get_target(cur)
    st.caption(tr("kpi.settings.current", target=f"{target:.2f}"))
    with widgets.form(st, "kpi_target"):
        value = st.number_input(
            tr("kpi.settings.target"), value=float(target), step=0.5, format="%.2f", key="kpi_target_value"
        )
        submitted = st.form_submit_button(tr("common.save"))
    if submitted:  # the dashboard's cached views are keyed by the target: a new one shows at once
        attempt(
            lambda: services.set_target(database(), actor, now(), value), success=tr("kpi.settings.saved")
        )
