"""Traceability: from a system in service back to its tickets, surveys, project, proposal and
the drivers it came from, on one page (useful when the town is assessed)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.organisation.registers import system_label
from ui import (
    kpi_views,
    plan_citation,  # issue 19
    widgets,
)
from ui.components import fmt_date, fmt_datetime, guard, table, trm
from ui.context import language, tr
from ui.registry import PageSpec, page_ref


def _frame(frame: pd.DataFrame, shown: pd.DataFrame) -> None:
    if frame.empty:
        st.caption(tr("trace.none"))
    else:
        st.caption(tr("trace.count", n=len(frame)))
        table(shown)


def render() -> None:
    guard("trace")
    lang = language()
    st.title(tr("page.trace"))
    systems = kpi_views.systems_in_service()
    if not systems:
        st.info(tr("trace.no_systems"))
        return
    names = {s["id"]: system_label(s, lang) for s in systems}  # name · owner unit
    wanted = st.query_params.get("system")
    ids = list(names)
    index = ids.index(int(wanted)) if wanted and wanted.isdigit() and int(wanted) in ids else 0
    system_id = widgets.select_one(
        st, tr("trace.pick_system"), ids, index=index, format_func=names.get, key="trace_system"
    )
    traced = kpi_views.system_trace(int(system_id), lang)
    found, owner = traced.found, traced.owner_name
    system = found.system
    with st.container(border=True):
        st.markdown(f"**{tr('trace.system')}**")
        st.text(f"{system['code']} · {names[system_id]}")
        st.text(system.get("description") or "")
        st.caption(
            " · ".join(
                p
                for p in [
                    trm("trace.owner", unit=owner) if owner else "",
                    tr("trace.in_service_since", date=fmt_date(system.get("in_service_since")))
                    if system.get("in_service_since")
                    else "",
                ]
                if p
            )
        )

    st.subheader(tr("trace.project"))
    project = found.project
    if project is None:
        st.caption(tr("trace.no_project"))
    else:
        st.text(f"{project['code']} · {project['name']}")
        link = page_ref("projects")
        if link is not None:
            st.page_link(
                link,
                label=tr("kpi.open_page", page=tr("page.projects")),
                query_params={"project": str(project["id"])},
            )
        st.subheader(tr("trace.proposal"))
        if not found.proposal:
            st.caption(tr("trace.no_proposal"))
        else:
            proposal = found.proposal
            # One proposal: its lines as text, not a grid of one row (issue 18).
            approved = fmt_datetime(proposal.get("approved_at"))
            status = tr(f"proposals.status.{proposal.get('status')}")
            st.text(
                f"{proposal.get('code')} · {proposal.get('title')}\n"
                + (f"{status} · {tr('trace.approved_at')} {approved}" if approved else status)
            )
            st.markdown(f"**{tr('trace.drivers')}**")
            drivers = proposal.get("drivers") or []
            if drivers:
                table(
                    pd.DataFrame(
                        [
                            {
                                tr("proposals.col.code"): d.get("code"),
                                tr("proposals.field.kind"): tr(f"proposals.kind.{d.get('kind')}"),
                                tr("proposals.col.unit"): d.get("unit_name"),
                                tr("proposals.field.doc_no"): d.get("doc_no"),
                                tr("proposals.field.doc_date"): fmt_date(d.get("doc_date")),
                                tr("proposals.field.description"): d.get("description"),
                                tr("proposals.field.received_on"): fmt_date(d.get("received_on")),
                            }
                            for d in drivers
                        ]
                    )
                )
            else:
                st.caption(tr("trace.none"))
            plan_citation.show(proposal.get("proposal_id"))  # issue 19: the plan line it cites

    left, right = st.columns(2)
    with left:
        st.subheader(tr("trace.tickets"))
        _frame(found.tickets, traced.tickets_table)
    with right:
        st.subheader(tr("trace.surveys"))
        _frame(found.surveys, traced.surveys_table)


PAGE = PageSpec(key="trace", icon=":material/account_tree:", render=render)
