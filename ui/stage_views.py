"""The projects page's portfolio (step 4-12 tracker), shared by the sessions until something is
recorded or the day changes (issue 18).

Where each project stands (its current stage, days in it, overdue, behind plan) moves with the
records and with the date only: the portfolio of a set of fiscal years is read once per state of
the records (the database's count of committed writes) and per day, with the names it shows.
Each run read it afresh (13 ms of SQL on the demo data). Filtering by unit and status is done on
the shared frame, which nobody changes in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType

import pandas as pd
import streamlit as st

from core import org
from core.stages import kpi, queries
from ui.context import database, now, records_version


@dataclass(frozen=True)
class Portfolio:
    frame: pd.DataFrame  # kpi.portfolio's rows (read-only)
    people: MappingProxyType  # user id -> name
    units: tuple[MappingProxyType, ...]  # org.list_units' rows


@st.cache_resource(max_entries=32, show_spinner=False)
def _portfolio(fiscal_years: tuple[int, ...], records: int, today: date) -> Portfolio:
    # ``records`` and ``today`` are the key; the portfolio reads the date only.
    with database().read() as cur:
        frame = kpi.portfolio(cur, list(fiscal_years), datetime.combine(today, datetime.min.time()))
        people = MappingProxyType(queries.people_names(cur))
        units = tuple(MappingProxyType(u) for u in org.list_units(cur))
    return Portfolio(frame, people, units)


def portfolio(fiscal_years: list[int]) -> Portfolio:
    """The portfolio of ``fiscal_years`` today, as recorded now (see the module's docstring)."""
    return _portfolio(tuple(sorted(set(fiscal_years))), records_version(), now().date())
