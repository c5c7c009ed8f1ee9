"""Settings: the SLA targets of tickets per type (working time) and the auto-close delay."""

from __future__ import annotations

import streamlit as st

from core.tickets import services, sla
from ui import widgets
from ui.components import attempt
from ui.context import database, now, tr

ORDER = 50
TITLE_KEY = "tickets.settings.targets"
ACTION = "sla.targets.edit"

UNITS = {"minutes": 1, "hours": 60, "days": 420}


def _best_unit(minutes: float) -> str:
    for unit in ("days", "hours"):
        if minutes >= UNITS[unit] and minutes % UNITS[unit] == 0:
            return unit
    return "minutes"


def _target_input(label: str, minutes: float, key: str) -> float:
    unit = _best_unit(minutes)
    cols = st.columns([3, 2])
    value = cols[0].number_input(
        label, min_value=0.0, value=float(minutes / UNITS[unit]), step=1.0, key=f"{key}_v"
    )
    chosen = widgets.select_one(
        cols[1],
        tr("tickets.settings.unit"),
        list(UNITS),
        index=list(UNITS).index(unit),
        format_func=lambda u: tr(f"tickets.settings.unit.{u}"),
        key=f"{key}_u",
    )
    return value * UNITS[chosen]


def render(actor) -> None:
    st.caption(tr("tickets.settings.targets_help"))
    with database().read() as cur:
        targets = services.current_targets(cur)
        auto_close = services.auto_close_days(cur)
    with widgets.form(st, "sla_targets"):
        minutes = {}
        for kind in sla.DEFAULT_TARGETS:
            type_name = tr(f"tickets.type.{kind}")
            analysis = _target_input(
                tr("tickets.settings.analysis", type=type_name),
                targets[kind].analysis.total_seconds() / 60,
                f"sla_{kind}_analysis",
            )
            resolution = _target_input(
                tr("tickets.settings.resolution", type=type_name),
                targets[kind].resolution.total_seconds() / 60,
                f"sla_{kind}_resolution",
            )
            minutes[kind] = (analysis, resolution)
        days = st.number_input(tr("tickets.settings.auto_close"), min_value=1, max_value=60, value=auto_close)
        if st.form_submit_button(tr("common.save")):
            attempt(
                lambda: services.save_targets(database(), actor, now(), minutes, int(days)),
                success=tr("tickets.settings.saved"),
            )
