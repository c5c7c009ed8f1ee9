"""Reads of the stages screens: what the pages show, as plain rows or DataFrames (values only as
``?`` parameters). Reads that the services also need live in ``repository.py`` and are named here."""

from __future__ import annotations

import duckdb
import pandas as pd

from core.db import rows_as_dicts
from core.projects import list_projects, list_requirements  # noqa: F401 - the screens read these too
from core.stages.repository import (  # noqa: F401 - the screens read these too
    fiscal_years,
    letter_of,
    officers,
    project_with_names,
    stages_of,
    standards,
    training_of,
)


def links_of(cur: duckdb.DuckDBPyConnection, project_id: int, stage_no: int) -> list[dict]:
    cur.execute(
        "SELECT id, url, label, created_by, created_at FROM stage_links"
        " WHERE project_id = ? AND stage_no = ? ORDER BY id",
        [project_id, stage_no],
    )
    return rows_as_dicts(cur)


def timeline_frame(cur: duckdb.DuckDBPyConnection, project_ids: list[int] | None = None) -> pd.DataFrame:
    """Planned and actual dates of the stages of the given projects (all when None)."""
    where, params = "", []
    if project_ids is not None:
        if not project_ids:
            project_ids = [-1]
        where = "WHERE s.project_id IN (SELECT unnest(?))"
        params = [list(project_ids)]
    return cur.execute(
        "SELECT s.project_id, p.code, p.name, p.status AS project_status, s.stage_no, s.std_kind,"
        " s.planned_start, s.planned_end, s.start_on, s.end_on, s.due_on, s.rushed"
        f" FROM stage_state s JOIN projects p ON p.id = s.project_id {where}"
        " ORDER BY p.code, s.stage_no",
        params,
    ).df()


def people_names(cur: duckdb.DuckDBPyConnection) -> dict[int, str]:
    """Every user's full name by id (the portfolio names the responsible officers)."""
    return dict(cur.execute("SELECT id, full_name FROM users").fetchall())
