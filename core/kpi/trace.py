"""Traceability: from a system in service back to its tickets, surveys, project and proposal.

Each link comes from the area that owns it (``tickets_of_system``, ``surveys_of_system``,
``trace_of_project``).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from core import org
from core.kpi import repository
from core.proposals import kpi as proposals_kpi
from core.surveys import kpi as surveys_kpi
from core.tickets import kpi as tickets_kpi


@dataclass
class Trace:
    system: dict
    project: dict | None
    proposal: dict | None  # from proposals.trace_of_project; None if none
    tickets: pd.DataFrame
    surveys: pd.DataFrame


def trace_system(cur: duckdb.DuckDBPyConnection, system_id: int) -> Trace:
    system = org.get_system(cur, int(system_id))
    project = repository.project_of_system(cur, int(system_id))
    proposal = None
    if project is not None:
        proposal = proposals_kpi.trace_of_project(cur, int(project["id"])) or None
    tickets = tickets_kpi.tickets_of_system(cur, int(system_id))
    surveys = surveys_kpi.surveys_of_system(cur, int(system_id))
    return Trace(system, project, proposal, tickets, surveys)


def surveys_of_system(cur: duckdb.DuckDBPyConnection, system_id: int) -> pd.DataFrame:
    """The surveys of one system (the dashboard's list behind a picked bar)."""
    return surveys_kpi.surveys_of_system(cur, int(system_id))
