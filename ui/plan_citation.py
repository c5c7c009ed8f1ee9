"""The plan citation of a proposal, shown (and set by IT) on the proposal's page: the plan line it
carries out, or "not in the plan: needs an addition/change" (issue 19)."""

from __future__ import annotations

import streamlit as st

from core.permissions import can
from core.plan import queries, services
from ui import widgets
from ui.components import attempt
from ui.context import database, language, now, tr


def panel(actor, proposal_id: int) -> None:
    with database().read() as cur:
        current = queries.citation_of(cur, proposal_id, language())
        choices = queries.line_choices(cur, language()) if can(actor.roles, "proposal.edit") else {}
    with st.expander(tr("plan.citation"), expanded=current is None or current["status"] != "cited"):
        if current is None:
            st.caption(tr("plan.citation.none"))
        elif current["status"] == "cited":
            st.text(tr("plan.citation.cited", text=current["text"]))
        else:
            st.warning(tr("plan.citation.not_in_plan", text=""))
            st.text(current["text"])
        if not can(actor.roles, "proposal.edit"):
            return
        if not choices:
            st.caption(tr("plan.citation.no_lines"))
        else:
            ids = list(choices)
            index = ids.index(current["line_id"]) if current and current["line_id"] in ids else None
            with widgets.form(st, f"plan_cite_{proposal_id}"):
                line_id = widgets.select_one(
                    st, tr("plan.citation.pick"), ids, index=index, format_func=choices.get
                )
                cite = st.form_submit_button(tr("plan.citation.cite"))
            if (
                cite
                and line_id is not None
                and attempt(lambda: services.cite_line(database(), actor, now(), proposal_id, int(line_id)))
            ):
                st.success(tr("plan.citation.saved"))
        with widgets.form(st, f"plan_flag_{proposal_id}"):
            note = st.text_area(tr("plan.citation.note"), max_chars=500)
            flag = st.form_submit_button(tr("plan.citation.flag"))
        if flag and attempt(lambda: services.mark_not_in_plan(database(), actor, now(), proposal_id, note)):
            st.success(tr("plan.citation.saved"))


def pdf_text(cur, proposal_id: int) -> str | None:
    return queries.citation_sentence(cur, proposal_id)


def show(proposal_id: int | None) -> None:
    """Read-only: the plan citation of a proposal (the traceability page)."""
    with database().read() as cur:
        current = queries.citation_of(cur, proposal_id, language())
    st.markdown(f"**{tr('plan.citation')}**")
    if current is None:
        st.caption(tr("plan.citation.none"))
    else:
        key = "plan.citation.cited" if current["status"] == "cited" else "plan.citation.not_in_plan"
        st.text(tr(key, text=current["text"]))
