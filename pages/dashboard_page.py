"""KPI dashboard (executive, director, IT head; read-only): this fiscal year's satisfaction
against its target and last year, time standards met, tickets and projects, with filters.

A fiscal year without data shows an empty state. A click on a bar (systems, stages) or a tile's "show the list" opens the
records behind it.
"""

from __future__ import annotations

import os

import streamlit as st

from core import org
from core.kpi import charts, figures, services, sources, tables, trace
from core.numbers import fmt2
from core.organisation.registers import system_label
from core.thaidate import fiscal_year
from ui import widgets
from ui.components import fy_label, guard, table, trm
from ui.context import database, language, now, tr
from ui.registry import PageSpec, page_ref


def _query_int(name: str) -> int | None:
    value = st.query_params.get(name)
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _filters(years: list[int], units: list[dict], systems: list[dict], lang: str) -> services.Filters:
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
    unit_names = {u["code"]: (u["name_en"] if lang == "en" else u["name_th"]) for u in units}
    unit = widgets.select_one(
        cols[1],
        tr("common.unit"),
        [""] + list(unit_names),
        key="kpi_unit",
        format_func=lambda c: unit_names.get(c, tr("kpi.filter.all_units")),
    )
    shown = [s for s in systems if not unit or s["owner_unit_code"] == unit]
    names = {s["id"]: system_label(s, lang) for s in shown}  # name · owner unit
    system = widgets.select_one(
        cols[2],
        tr("common.system"),
        [0] + list(names),
        key="kpi_system",
        format_func=lambda i: names.get(i, tr("kpi.filter.all_systems")),
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


@st.cache_data(max_entries=128, show_spinner=False)
def _chart_spec(builder: str, *args) -> dict:
    """The Vega-Lite spec of ``charts.<builder>(*args)``: building an Altair chart and validating
    it took most of the page's run; the same figures give the same spec."""
    return getattr(charts, builder)(*args).to_dict()


def _chart(builder: str, *args, **options):
    """Draw ``charts.<builder>(*args)`` from its cached spec (``options`` as for st.altair_chart)."""
    return st.vega_lite_chart(_chart_spec(builder, *args), width="stretch", **options)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{fmt2(value)}%"


def _tiles(board: services.Dashboard) -> None:
    fy = board.fiscal_year
    row1 = st.columns(4)
    head = figures.satisfaction_headline(board.overall, fy, board.target)
    with row1[0].container(border=True):
        delta = head.delta_last_year
        st.metric(
            tr("kpi.tile.satisfaction", fy=fy),
            _pct(head.value),
            delta=None if delta is None else tr("kpi.delta.last_year", delta=f"{delta:+.2f}"),
        )
        box = widgets.lazy_expander(st, tr("kpi.show_list"), key="kpi_list_satisfaction")
        if box.open:
            with box:
                table(tables.trend_table(figures.satisfaction_trend(board.overall, fy), language()))
                _link("surveys", fy=fy)
    with row1[1].container(border=True):
        gap = head.delta_target
        verdict = (
            "—" if gap is None else tr("kpi.delta.target_met" if gap >= 0 else "kpi.delta.target_missed")
        )
        st.metric(
            tr("kpi.tile.vs_target", target=f"{board.target:.2f}"),
            verdict,
            delta=None if gap is None else tr("kpi.points", value=f"{gap:+.2f}"),
        )
    head = figures.sla_headline(board.sla, fy)
    with row1[2].container(border=True):
        delta = head.delta_last_year
        st.metric(
            tr("kpi.tile.sla"),
            _pct(head.value),
            delta=None if delta is None else tr("kpi.delta.last_year", delta=f"{delta:+.2f}"),
        )
        box = widgets.lazy_expander(st, tr("kpi.show_list"), key="kpi_list_sla")
        if box.open:
            with box:
                table(tables.sla_table(figures.sla_by_type(board.sla, fy), language()))
                _link("tickets", fy=fy)
    totals = figures.backlog_totals(board.backlog)
    with row1[3].container(border=True):
        st.metric(
            tr("kpi.tile.backlog"),
            f"{totals['open']:,}",
            delta=tr("kpi.delta.breached", n=f"{totals['breached']:,}"),
            delta_color="inverse" if totals["breached"] else "off",
        )
        box = widgets.lazy_expander(st, tr("kpi.show_list"), key="kpi_list_backlog")
        if box.open:
            with box:
                table(tables.backlog_table(board.backlog, language()))
                _link("tickets", status="open")
    row2 = st.columns(3)
    totals = figures.project_totals(board.portfolio)
    with row2[0].container(border=True):
        st.metric(
            tr("kpi.tile.projects"),
            f"{totals['overdue']:,}",
            delta=tr("kpi.delta.of_projects", n=totals["projects"], rushed=totals["rushed_stages"]),
            delta_color="off",
        )
        box = widgets.lazy_expander(st, tr("kpi.show_list"), key="kpi_list_projects")
        if box.open:
            with box:
                overdue = board.portfolio[board.portfolio["overdue"].fillna(False).astype(bool)]
                table(tables.portfolio_list(overdue, language()))
                _link("projects", fy=fy)
    summary = figures.processing_summary(board.processing, fy)
    with row2[1].container(border=True):
        st.metric(
            tr("kpi.tile.processing"),
            _pct(summary["percent"]),
            delta=tr("kpi.delta.pending", n=summary["pending"]),
            delta_color="off",
        )
        box = widgets.lazy_expander(st, tr("kpi.show_list"), key="kpi_list_processing")
        if box.open:
            with box:
                table(tables.processing_table(summary, language()))
                _link("surveys", fy=fy)
    totals = figures.proposal_totals(board.standards, fy)
    with row2[2].container(border=True):
        st.metric(
            tr("kpi.tile.proposals"),
            _pct(totals["percent"]),
            delta=f"{totals['met']:,} / {totals['total']:,}",
            delta_color="off",
        )
        box = widgets.lazy_expander(st, tr("kpi.show_list"), key="kpi_list_proposals")
        if box.open:
            with box:
                table(tables.steps_table(figures.proposal_standards(board.standards, fy), language()))
                _link("proposals", fy=fy)
    if board.plan_share is not None:  # issue 19: projects carried out from the plan
        with st.columns(3)[0].container(border=True):
            st.metric(
                tr("plan.share"),
                _pct(board.plan_share["percent"]),
                delta_color="off",
                delta=tr(
                    "plan.share_delta",
                    from_plan=board.plan_share["from_plan"],
                    projects=board.plan_share["projects"],
                ),
            )


def _picked(event, field: str):
    try:
        points = event.selection[charts.PICK]
    except (AttributeError, KeyError, TypeError):
        return None
    return points[0].get(field) if points else None


def _satisfaction(board: services.Dashboard, lang: str) -> None:
    fy = board.fiscal_year
    st.subheader(tr("kpi.section.satisfaction"))
    left, right = st.columns(2)
    trend = figures.satisfaction_trend(board.overall, upto=fy)
    with left:
        st.markdown(f"**{tr('kpi.fig.trend')}**")
        if trend.empty:
            st.caption(tr("kpi.no_data"))
        else:
            _chart("trend_chart", trend, board.target, lang)
    per_system = figures.satisfaction_by_system(
        board.by_system, fy, board.system_names, counter_label=tr("kpi.counter")
    )
    with right:
        st.markdown(f"**{tr('kpi.fig.satisfaction_by_system')}**")
        if per_system.empty:
            st.caption(tr("kpi.no_data"))
        else:
            event = _chart(
                "system_chart",
                per_system,
                board.target,
                lang,
                on_select="rerun",
                selection_mode=charts.PICK,
                key="kpi_pick_system",
            )
            st.caption(tr("kpi.pick_hint"))
            picked = _picked(event, "system_id")
            if picked is not None and picked == picked:
                _system_list(int(picked), board)
    per_section = figures.satisfaction_by_section(board.by_section, fy)
    st.markdown(f"**{tr('kpi.fig.satisfaction_by_section')}**")
    if per_section.empty:
        st.caption(tr("kpi.no_data"))
    else:
        _chart("section_chart", per_section, lang)
    st.caption(tr("kpi.formula"))


def _system_list(system_id: int, board: services.Dashboard) -> None:
    name = board.system_names.get(system_id, str(system_id))
    st.markdown(f"**{trm('kpi.picked_system', system=name)}**")
    with database().read() as cur:
        surveys = trace.surveys_of_system(cur, system_id)
    table(tables.system_surveys_table(surveys, language()))
    _link("trace", system=system_id)
    _link("surveys", system=system_id)


def _service(board: services.Dashboard, lang: str) -> None:
    fy = board.fiscal_year
    st.subheader(tr("kpi.section.service"))
    left, right = st.columns([2, 1])
    monthly = figures.sla_monthly(board.sla, fy)
    with left:
        st.markdown(f"**{tr('kpi.fig.ticket_sla')}**")
        if monthly.empty:
            st.caption(tr("kpi.no_data"))
        else:
            _chart("sla_chart", monthly, lang)
    with right:
        st.markdown(f"**{tr('kpi.fig.ticket_backlog')}**")
        _chart("backlog_chart", board.backlog, lang)


def _projects(board: services.Dashboard, lang: str) -> None:
    fy = board.fiscal_year
    st.subheader(tr("kpi.section.projects"))
    left, right = st.columns([3, 2])
    with left:
        st.markdown(f"**{tr('kpi.fig.portfolio')}**")
        if board.portfolio.empty:
            st.caption(tr("kpi.no_data"))
        else:
            by_stage = figures.projects_by_stage(board.portfolio)
            event = _chart(
                "stage_chart",
                by_stage,
                lang,
                on_select="rerun",
                selection_mode=charts.PICK,
                key="kpi_pick_stage",
            )
            st.caption(tr("kpi.pick_hint"))
            state = _picked(event, "state")
            if state is not None:
                st.markdown(f"**{tr('kpi.picked_stage', stage=charts.state_label(str(state), lang))}**")
                table(tables.portfolio_list(board.portfolio, lang, str(state)))
                _link("projects", fy=fy)
    with right:
        st.markdown(f"**{tr('kpi.fig.stage_adherence')}**")
        adherence = figures.stage_adherence(board.adherence, fy)
        if adherence.empty:
            st.caption(tr("kpi.no_data"))
        else:
            table(tables.adherence_table(adherence, lang))


def _standards(board: services.Dashboard, lang: str) -> None:
    fy = board.fiscal_year
    st.subheader(tr("kpi.section.standards"))
    st.markdown(f"**{tr('kpi.fig.proposal_standards')}**")
    steps = figures.proposal_standards(board.standards, fy)
    if steps.empty:
        st.caption(tr("kpi.no_data"))
    else:
        _chart("steps_chart", steps, lang)


# The figures of one filter are computed once a minute at most: executives open the dashboard
# together after a meeting, and every widget click reruns the page. PATTANA_KPI_CACHE_SECONDS=0
# computes them on every run (the benchmark measures both).
_CACHE_SECONDS = int(os.environ.get("PATTANA_KPI_CACHE_SECONDS", "60"))


@st.cache_data(ttl=max(_CACHE_SECONDS, 1), max_entries=64, show_spinner=False)
def _cached_board(fiscal_year_be: int, unit_code: str | None, system_id: int | None, lang: str):
    return _compute_board(fiscal_year_be, unit_code, system_id, lang)


def _compute_board(fiscal_year_be: int, unit_code: str | None, system_id: int | None, lang: str):
    with database().read() as cur:
        return services.load_dashboard(
            cur, now(), services.Filters(fiscal_year_be, unit_code, system_id), lang
        )


def _board(filters: services.Filters, lang: str):
    load = _cached_board if _CACHE_SECONDS > 0 else _compute_board
    return load(filters.fiscal_year, filters.unit_code, filters.system_id, lang)


def render() -> None:
    guard("dashboard")
    lang = language()
    moment = now()
    st.title(tr("page.dashboard"))
    with database().read() as cur:
        years = services.fiscal_year_options(cur, moment)
        units = org.list_units(cur)
        systems = org.list_systems(cur)
    if fiscal_year(moment) not in years:
        years.insert(0, fiscal_year(moment))
    filters = _filters(years, units, systems, lang)
    board = _board(filters, lang)
    _tiles(board)
    if board.unfiltered:
        st.caption(
            tr("kpi.unfiltered", figures=", ".join(sources.FIGURES[k].title(lang) for k in board.unfiltered))
        )
    if not board.has_data:
        st.info(tr("kpi.empty_year", fy=fy_label(filters.fiscal_year)))
        return
    _satisfaction(board, lang)
    _service(board, lang)
    _projects(board, lang)
    _standards(board, lang)


PAGE = PageSpec(key="dashboard", icon=":material/monitoring:", render=render)
