"""KPI dashboard (executive, director, IT head; read-only): this fiscal year's satisfaction
against its target and last year, time standards met, tickets and projects, with filters.

The charts are in four section tabs (satisfaction, service, projects, time standards); only the
open one is drawn. A fiscal year without data shows an empty state. A click on a bar (systems,
stages) or a tile's name under "show the list" opens the records behind it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from core.kpi import charts, services, sources, tables, trace, view
from core.numbers import fmt2
from core.organisation.registers import system_label
from ui import kpi_views, widgets
from ui.components import fy_label, guard, table, trm
from ui.context import database, language, tr
from ui.registry import PageSpec, page_ref

SECTION_KEY = "kpi_section"  # the open tab of the chart sections
LIST_KEY = "kpi_list"  # the tile whose records are shown under the tiles


def _query_int(name: str) -> int | None:
    value = st.query_params.get(name)
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _filters(
    years: list[int], units: Sequence[Mapping], systems: Sequence[Mapping], lang: str
) -> services.Filters:
    cols = st.columns(3)
    wanted = _query_int("fy")
    fy = widgets.select_one(
        cols[0],
        tr("common.fiscal_year"),
        years,
        format_func=fy_label,
        key="kpi_fy",
        index=years.index(wanted) if wanted in years else 0,
    )
    unit_names = {"": tr("kpi.filter.all_units")}
    unit_names.update({u["code"]: (u["name_en"] if lang == "en" else u["name_th"]) for u in units})
    unit = widgets.select_one(
        cols[1], tr("common.unit"), list(unit_names), key="kpi_unit", format_func=unit_names.__getitem__
    )
    names = {0: tr("kpi.filter.all_systems")}
    names.update(  # name · owner unit
        {s["id"]: system_label(s, lang) for s in systems if not unit or s["owner_unit_code"] == unit}
    )
    system = widgets.select_one(
        cols[2], tr("common.system"), list(names), key="kpi_system", format_func=names.__getitem__
    )
    return services.Filters(int(fy), unit or None, int(system) or None)


def _link(page_key: str, **query) -> None:
    target = page_ref(page_key)
    if target is not None:
        st.page_link(
            target,
            label=tr("kpi.open_page", page=tr(f"page.{page_key}")),
            query_params={k: str(v) for k, v in query.items()} or None,
        )


def _chart(spec: dict | None, **options):
    """Draw a chart of the view from its Vega-Lite spec (``options`` as for st.vega_lite_chart);
    a figure without data (no spec) says so instead and gives no selection event."""
    if spec is None:
        st.caption(tr("kpi.no_data"))
        return None
    return st.vega_lite_chart(spec, width="stretch", **options)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{fmt2(value)}%"


def _tile(column, label: str, value: str, delta: str | None = None, *, change: bool = False, colour="off"):
    """One figure of the year: bordered, as tall as the others of its row. ``change``: the second
    line is a change (against last year or the target), drawn with Streamlit's arrow and its
    red/green; otherwise it only describes the figure (how many are breached, pending, met) and
    has no arrow (an arrow beside "pending: 23" read as a rise), in ``colour``."""
    column.metric(
        label,
        value,
        delta=delta,
        delta_color="normal" if change else colour,
        delta_arrow="auto" if change else "off",
        border=True,
        height="stretch",
    )


def _tiles(shown: view.DashboardView) -> None:
    fy = shown.fiscal_year
    row1 = st.columns(4)
    head = shown.satisfaction
    delta = head.delta_last_year
    _tile(
        row1[0],
        tr("kpi.tile.satisfaction", fy=fy),
        _pct(head.value),
        None if delta is None else tr("kpi.delta.last_year", delta=f"{delta:+.2f}"),
        change=True,
    )
    gap = head.delta_target
    verdict = "—" if gap is None else tr("kpi.delta.target_met" if gap >= 0 else "kpi.delta.target_missed")
    _tile(
        row1[1],
        tr("kpi.tile.vs_target", target=f"{shown.target:.2f}"),
        verdict,
        None if gap is None else tr("kpi.points", value=f"{gap:+.2f}"),
        change=True,
    )
    head = shown.sla
    delta = head.delta_last_year
    _tile(
        row1[2],
        tr("kpi.tile.sla"),
        _pct(head.value),
        None if delta is None else tr("kpi.delta.last_year", delta=f"{delta:+.2f}"),
        change=True,
    )
    totals = shown.backlog_totals
    _tile(
        row1[3],
        tr("kpi.tile.backlog"),
        f"{totals['open']:,}",
        tr("kpi.delta.breached", n=f"{totals['breached']:,}"),
        colour="inverse" if totals["breached"] else "off",
    )
    row2 = st.columns(4 if shown.plan_share is not None else 3)
    totals = shown.project_totals
    _tile(
        row2[0],
        tr("kpi.tile.projects"),
        f"{totals['overdue']:,}",
        tr("kpi.delta.of_projects", n=totals["projects"], rushed=totals["rushed_stages"]),
    )
    summary = shown.processing
    _tile(
        row2[1],
        tr("kpi.tile.processing"),
        _pct(summary["percent"]),
        tr("kpi.delta.pending", n=summary["pending"]),
    )
    totals = shown.proposal_totals
    _tile(
        row2[2], tr("kpi.tile.proposals"), _pct(totals["percent"]), f"{totals['met']:,} / {totals['total']:,}"
    )
    if shown.plan_share is not None:  # issue 19: projects carried out from the plan
        share = shown.plan_share
        _tile(
            row2[3],
            tr("plan.share"),
            _pct(share["percent"]),
            tr("plan.share_delta", from_plan=share["from_plan"], projects=share["projects"]),
        )
    _tile_list(shown)


def _tile_list(shown: view.DashboardView) -> None:
    """The records behind one tile, drawn only when the user picks it. One row of choices under
    the tiles: a "show the list" expander in each tile was a bordered box, an expander and its
    label a tile, the tiles' part of the page three times as many elements (issue 18)."""
    fy = shown.fiscal_year
    lists = {
        "satisfaction": lambda: (table(shown.trend_table), _link("surveys", fy=fy)),
        "sla": lambda: (table(shown.sla_table), _link("tickets", fy=fy)),
        "backlog": lambda: (table(shown.backlog_table), _link("tickets", status="open")),
        "projects": lambda: (table(shown.overdue_projects_table), _link("projects", fy=fy)),
        "processing": lambda: (table(shown.processing_table), _link("surveys", fy=fy)),
        "proposals": lambda: (table(shown.steps_table), _link("proposals", fy=fy)),
    }
    picked = st.pills(
        tr("kpi.show_list"),
        list(lists),
        format_func=lambda key: tr(f"kpi.list.{key}"),
        key=LIST_KEY,
    )
    if picked in lists:
        lists[picked]()


def _picked(event, field: str):
    try:
        points = event.selection[charts.PICK]
    except (AttributeError, KeyError, TypeError):
        return None
    return points[0].get(field) if points else None


def _satisfaction(shown: view.DashboardView) -> None:
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('kpi.fig.trend')}**")
        _chart(shown.trend_spec)
    with right:
        st.markdown(f"**{tr('kpi.fig.satisfaction_by_system')}**")
        event = _chart(
            shown.system_spec, on_select="rerun", selection_mode=charts.PICK, key="kpi_pick_system"
        )
        if event is not None:
            st.caption(tr("kpi.pick_hint"))
            picked = _picked(event, "system_id")
            if picked is not None and picked == picked:
                _system_list(int(picked), shown)
    st.markdown(f"**{tr('kpi.fig.satisfaction_by_section')}**")
    _chart(shown.section_spec)
    st.caption(tr("kpi.formula"))


def _system_list(system_id: int, shown: view.DashboardView) -> None:
    name = shown.system_names.get(system_id, str(system_id))
    st.markdown(f"**{trm('kpi.picked_system', system=name)}**")
    with database().read() as cur:
        surveys = trace.surveys_of_system(cur, system_id)
    table(tables.system_surveys_table(surveys, language()))
    _link("trace", system=system_id)
    _link("surveys", system=system_id)


def _service(shown: view.DashboardView) -> None:
    left, right = st.columns([2, 1])
    with left:
        st.markdown(f"**{tr('kpi.fig.ticket_sla')}**")
        _chart(shown.sla_spec)
    with right:
        st.markdown(f"**{tr('kpi.fig.ticket_backlog')}**")
        _chart(shown.backlog_spec)


def _projects(shown: view.DashboardView, lang: str) -> None:
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{tr('kpi.fig.portfolio')}**")
        event = _chart(shown.stage_spec, on_select="rerun", selection_mode=charts.PICK, key="kpi_pick_stage")
        if event is not None:
            st.caption(tr("kpi.pick_hint"))
            state = _picked(event, "state")
            if state is not None:
                st.markdown(f"**{tr('kpi.picked_stage', stage=charts.state_label(str(state), lang))}**")
                table(shown.stage_projects_table(str(state), lang))
                _link("projects", fy=shown.fiscal_year)
    with right:
        st.markdown(f"**{tr('kpi.fig.stage_adherence')}**")
        if shown.adherence_table is None:
            st.caption(tr("kpi.no_data"))
        else:
            table(shown.adherence_table)


def _standards(shown: view.DashboardView) -> None:
    st.markdown(f"**{tr('kpi.fig.proposal_standards')}**")
    _chart(shown.steps_spec)


def render() -> None:
    guard("dashboard")
    lang = language()
    st.title(tr("page.dashboard"))
    choices = kpi_views.filter_choices()
    filters = _filters(list(choices.fiscal_years), choices.units, choices.systems, lang)
    shown = kpi_views.dashboard_view(filters, lang, choices.target)
    _tiles(shown)
    if shown.unfiltered:
        st.caption(
            tr("kpi.unfiltered", figures=", ".join(sources.FIGURES[k].title(lang) for k in shown.unfiltered))
        )
    if not shown.has_data:
        st.info(tr("kpi.empty_year", fy=fy_label(filters.fiscal_year)))
        return
    # One section of charts at a time, in tabs drawn only when opened: every Vega chart costs the
    # browser time on each load, and seven of them made the dashboard the slowest page (issue 18).
    sections = [
        ("kpi.section.satisfaction", lambda: _satisfaction(shown)),
        ("kpi.section.service", lambda: _service(shown)),
        ("kpi.section.projects", lambda: _projects(shown, lang)),
        ("kpi.section.standards", lambda: _standards(shown)),
    ]
    tabs = widgets.lazy_tabs(st, [tr(key) for key, _draw in sections], key=SECTION_KEY)
    for tab, (_key, draw) in zip(tabs, sections):
        if tab.open:
            with tab:
                draw()


PAGE = PageSpec(key="dashboard", icon=":material/monitoring:", render=render)
