"""The LPA citizen-feedback check for the executive: each element of the indicator "การประเมิน
ความพึงพอใจของประชาชน ณ จุดบริการ (Citizen Feedback)" as met / not met with its evidence, for a
fiscal year; IT records the dates presented, the improvements and the smart-card processes."""

from __future__ import annotations

import streamlit as st

from core.assessments import queries, services
from core.permissions import can
from core.thaidate import fiscal_year
from ui import widgets
from ui.components import attempt, fy_label, guard
from ui.context import database, language, now, recorded_read, tr
from ui.dates import be_date_input
from ui.registry import PageSpec, page_ref

FLASH_KEY = "lpa_flash"


def _record(actor, fy: int) -> None:
    # its open state is kept (key + on_change), so a refused form stays in view with its message
    with st.expander(tr("lpa.record"), key="lpa_record_open", on_change="rerun"):
        with widgets.form(st, "lpa_record"):
            kind = widgets.select_one(
                st, tr("lpa.kind"), list(services.LPA_KINDS), format_func=lambda k: tr(f"lpa.kind.{k}")
            )
            on_date = be_date_input(tr("lpa.on_date"), now().date(), max_value=now().date())
            text = st.text_input(tr("lpa.text"), max_chars=500)
            detail = st.text_input(tr("lpa.detail"), max_chars=500)
            go = st.form_submit_button(tr("lpa.save"))
        if go and attempt(
            lambda: services.record_lpa(database(), actor, now(), fy, kind, on_date, text, detail)
        ):
            st.session_state[FLASH_KEY] = tr("lpa.saved")
            st.rerun()


def render() -> None:
    actor = guard("lpa")
    st.title(tr("page.lpa"))
    if FLASH_KEY in st.session_state:
        st.success(st.session_state.pop(FLASH_KEY))
    st.caption(tr("lpa.intro"))
    current = fiscal_year(now())
    fy = widgets.select_one(
        st,
        tr("assess.year"),
        list(range(current, current - 4, -1)),
        index=1,
        format_func=fy_label,
        key="lpa_fy",
    )
    with recorded_read() as cur:
        elements = queries.lpa_check(cur, fy, language())
    met = sum(1 for e in elements if e.met)
    st.metric(fy_label(fy), tr("lpa.summary", met=met, total=len(elements)))
    for element in elements:
        with st.container(border=True):
            name = tr(f"lpa.element.{element.key}")
            label = f"{name}: {tr('lpa.met' if element.met else 'lpa.not_met')}"
            (st.success if element.met else st.error)(
                label, icon=":material/check_circle:" if element.met else ":material/cancel:"
            )
            if element.evidence:
                st.text("\n".join(element.evidence))
            else:
                st.caption(tr("lpa.no_evidence"))
            if element.key == "published":
                target = page_ref("publications")
                if target is not None:
                    st.page_link(target, label=tr("lpa.publication_link"), query_params={"fy": str(fy)})
    if can(actor.roles, "lpa.record"):
        _record(actor, fy)


PAGE = PageSpec(key="lpa", icon=":material/how_to_reg:", render=render)
