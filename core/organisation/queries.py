"""Reads of the organisation screens: the units and systems registers as tables and pickers."""

from __future__ import annotations

import duckdb
import pandas as pd


def units_frame(cur: duckdb.DuckDBPyConnection, *, include_retired: bool = True) -> pd.DataFrame:
    where = "" if include_retired else "WHERE u.active"
    return cur.execute(
        "SELECT u.code, u.name_th, u.name_en, u.kind, p.name_th AS parent_th, u.parent_code, u.phone,"
        " u.active, (SELECT count(*) FROM users x WHERE x.active AND x.unit_code = u.code) AS active_users"
        f" FROM org_units u LEFT JOIN org_units p ON p.code = u.parent_code {where}"
        " ORDER BY u.active DESC, u.sort_order, u.code"
    ).df()


def systems_frame(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return cur.execute(
        "SELECT s.id, s.code, s.name_th, s.name_en, s.kind, s.owner_unit_code, o.name_th AS owner_unit_th,"
        " o.name_en AS owner_unit_en, s.url, s.in_service_since, s.retired_on, s.active, s.project_id"
        " FROM systems s LEFT JOIN org_units o ON o.code = s.owner_unit_code"
        " ORDER BY s.active DESC, s.name_th, o.name_th"
    ).df()
