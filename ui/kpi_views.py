"""The KPI figures for one filter, shared by the sessions until something changes: the dashboard
and the executive report's preview (step 19) read the same view, so neither runs the
dashboard's queries on every run (issue 18).

Executives open the dashboard together after a meeting, and every widget click reruns the page.
The cache is keyed by the filter's plain values (nothing to hash per run) and by the database's
count of committed writes, so anything recorded (a ticket, an answer, a new target) shows on the
next run; what moves with the clock alone (an open ticket passing its deadline, a stage falling
overdue) is at most ``CACHE_SECONDS`` old (5 minutes), and only those figures are read again
when that time is up: the others (satisfaction, the proposals' time standards) and their charts
are kept until something is recorded (``services.with_clock_figures``). It holds the view itself
(``core.kpi.view.DashboardView``), shared by the sessions (nothing copied per run), which builds
each table and chart when first drawn and keeps it. ``PATTANA_KPI_CACHE_SECONDS=0`` loads it on
every run (the dashboard benchmark measures both).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd
import streamlit as st

from core import org
from core.kpi import services, tables, trace, view
from core.thaidate import fiscal_year
from ui.context import database, now, records_version, tr

CACHE_SECONDS = int(os.environ.get("PATTANA_KPI_CACHE_SECONDS", "300"))


@st.cache_resource(max_entries=64, show_spinner=False)
def _recorded_view(
    fiscal_year_be: int,
    unit_code: str | None,
    system_id: int | None,
    lang: str,
    target: float,
    records: int,
) -> view.RecordedView:
    # The figures no clock moves, kept until something is recorded (``records`` is in the key).
    filters = services.Filters(fiscal_year_be, unit_code, system_id)
    with database().read() as cur:
        board = services.load_recorded_figures(cur, filters, lang)
    return view.RecordedView(board, lang, tr("kpi.counter"))


@st.cache_resource(ttl=max(2 * CACHE_SECONDS, 1), max_entries=64, show_spinner=False)
def _cached_view(
    fiscal_year_be: int,
    unit_code: str | None,
    system_id: int | None,
    lang: str,
    target: float,
    records: int,
    clock_period: int,
) -> view.DashboardView:
    # ``target`` and ``records`` key the recorded part too; ``clock_period`` only this one.
    recorded = _recorded_view(fiscal_year_be, unit_code, system_id, lang, target, records)
    with database().read() as cur:
        board = services.with_clock_figures(cur, now(), recorded.board)
    return view.dashboard_view(board, lang, tr("kpi.counter"), recorded)


def _compute_view(
    fiscal_year_be: int, unit_code: str | None, system_id: int | None, lang: str
) -> view.DashboardView:
    with database().read() as cur:
        board = services.load_dashboard(
            cur, now(), services.Filters(fiscal_year_be, unit_code, system_id), lang
        )
    return view.dashboard_view(board, lang, tr("kpi.counter"))


def dashboard_view(filters: services.Filters, lang: str, target: float) -> view.DashboardView:
    """The view of ``filters`` in ``lang`` (see the module's docstring); ``target`` is the
    satisfaction target the settings hold now."""
    if CACHE_SECONDS <= 0:
        return _compute_view(filters.fiscal_year, filters.unit_code, filters.system_id, lang)
    period = int(now().timestamp()) // CACHE_SECONDS
    return _cached_view(
        filters.fiscal_year,
        filters.unit_code,
        filters.system_id,
        lang,
        target,
        records_version(),
        period,
    )


@dataclass(frozen=True)
class FilterChoices:
    """What the dashboard's filters offer, and the target: the same for every session until
    something is recorded (a unit, a system, a target) or a fiscal year begins."""

    fiscal_years: tuple[int, ...]  # newest first, this fiscal year included
    units: tuple[MappingProxyType, ...]
    systems: tuple[MappingProxyType, ...]  # in service
    target: float


@st.cache_resource(max_entries=8, show_spinner=False)
def _filter_choices(records: int, this_fiscal_year: int) -> FilterChoices:
    # Both arguments are only the key (see the module's docstring); the rows are read-only views.
    with database().read() as cur:
        years = tuple(services.fiscal_year_options(cur, now()))  # from this fiscal year back
        units = tuple(MappingProxyType(u) for u in org.list_units(cur))
        systems = tuple(MappingProxyType(s) for s in org.list_systems(cur))
        target = services.get_target(cur)
    return FilterChoices(years, units, systems, target)


def filter_choices() -> FilterChoices:
    """The dashboard's filter choices and target now (read once per state of the records; each
    run read them afresh, 5-7 ms at ten years of data: issue 18)."""
    return _filter_choices(records_version(), fiscal_year(now()))


@dataclass(frozen=True)
class SystemTrace:
    """One system's trace as the traceability page shows it (read-only, shared by the sessions)."""

    found: trace.Trace
    owner_name: str | None
    tickets_table: pd.DataFrame
    surveys_table: pd.DataFrame


@st.cache_resource(max_entries=8, show_spinner=False)
def _systems_in_service(records: int) -> tuple[MappingProxyType, ...]:
    # ``records`` is only the key: the register changes only by a recorded write.
    with database().read() as cur:
        return tuple(MappingProxyType(s) for s in org.list_systems(cur))


def systems_in_service() -> tuple[MappingProxyType, ...]:
    """The systems in service, read once per state of the records (the traceability page's picker)."""
    return _systems_in_service(records_version())


@st.cache_resource(max_entries=128, show_spinner=False)
def _system_trace(system_id: int, lang: str, records: int) -> SystemTrace:
    # Nothing in a trace moves with the clock: it is kept until something is recorded.
    with database().read() as cur:
        found = trace.trace_system(cur, system_id)
        owner = org.unit_name(cur, found.system.get("owner_unit_code"), lang)
    return SystemTrace(
        found,
        owner,
        tables.system_tickets_table(found.tickets, lang),
        tables.system_surveys_table(found.surveys, lang),
    )


def system_trace(system_id: int, lang: str) -> SystemTrace:
    """A system's trace (``core.kpi.trace``) and its two tables, read once per state of the
    records: the page read about ten statements and built both tables on every run (issue 18)."""
    return _system_trace(int(system_id), lang, records_version())
