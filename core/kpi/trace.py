"""Traceability: from a system in service back to its tickets, surveys, project and proposal.

Each link comes from the area that owns it (``tickets_of_system``, ``surveys_of_system``,
``trace_of_project``); a part whose area is missing is ``None`` (shown as not available).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from core import org
from core.kpi import repository, sources


@dataclass
class Trace:
    system: dict
    project: dict | None
    proposal: dict | None            # from proposals.trace_of_project; None if none or missing
    tickets: pd.DataFrame | None
    surveys: pd.DataFrame | None
    missing: list[str]


def trace_system(cur: duckdb.DuckDBPyConnection, system_id: int) -> Trace:
    system = org.get_system(cur, int(system_id))
    project = repository.project_of_system(cur, int(system_id))
    missing = sources.missing_areas()
    proposal = None
    if project is not None and "proposals" not in missing:
        proposal = sources.call("proposals", "trace_of_project", cur, int(project["id"])) or None
    tickets = sources.call("tickets", "tickets_of_system", cur, int(system_id))
    surveys = sources.call("surveys", "surveys_of_system", cur, int(system_id))
    return Trace(system, project, proposal, tickets, surveys, missing)
