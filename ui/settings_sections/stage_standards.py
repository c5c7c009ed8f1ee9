"""Settings: the time standards of project stages 4-12 (IT head), in working days or calendar months."""

from __future__ import annotations

import streamlit as st

from core.stages import queries, rules, services
from ui import widgets
from ui.components import attempt
from ui.context import database, now, tr

ORDER = 30
TITLE_KEY = "stage.settings.title"
ACTION = "stage.time_standards.edit"


def _tv(prefix: str, value: str) -> str:
    return tr(prefix + value)


def render(actor) -> None:
    st.caption(tr("stage.settings.help"))
    with database().read() as cur:
        current = queries.standards(cur)
    with widgets.form(st, "stage-standards"):
        chosen: dict[int, tuple[int, str, str]] = {}
        for n in rules.STAGES:
            cols = st.columns([4, 2, 2, 2])
            cols[0].markdown(f"**{n}. {tr(rules.stage_key(n))}**")
            days = cols[1].number_input(
                tr("stage.settings.days", n=n),
                min_value=0,
                max_value=rules.MAX_STANDARD_DAYS,
                value=current[n].days,
                step=1,
                key=f"std-days-{n}",
            )
            kind = widgets.select_one(
                cols[2],
                tr("stage.settings.kind", n=n),
                list(rules.KINDS),
                index=list(rules.KINDS).index(current[n].kind),
                key=f"std-kind-{n}",
                format_func=lambda k: _tv("stage.kind.", k),
            )
            unit = widgets.select_one(
                cols[3],
                tr("stage.settings.unit", n=n),
                list(rules.UNITS),
                index=list(rules.UNITS).index(current[n].unit),
                key=f"std-unit-{n}",
                format_func=lambda u: _tv("stage.unit.", u),
            )
            chosen[n] = (int(days), kind, unit)
        if st.form_submit_button(tr("common.save")):
            standards = {n: rules.Standard(d, k, u) for n, (d, k, u) in chosen.items()}
            attempt(
                lambda: services.save_standards(database(), actor, now(), standards),
                success=tr("stage.settings.saved"),
            )
