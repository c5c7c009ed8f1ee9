"""Reads of the reviews screens: what the pages show, as plain rows or DataFrames (values only as
``?`` parameters). Reads that the services also need live in ``repository.py`` and are named here."""

from __future__ import annotations

import duckdb

from core.db import rows_as_dicts
from core.projects import get_project, list_requirements  # noqa: F401 - the screens read these too
from core.reviews.repository import (  # noqa: F401 - the screens read these too
    artifacts,
    eligible_reviewers,
    next_round_no,
    pending_for,
    reviewer_ids,
    reviewers,
    rounds_of,
    signoff,
    verdict_rows,
)


def item_comments(cur: duckdb.DuckDBPyConnection, round_id: int) -> list[dict]:
    cur.execute(
        "SELECT c.*, v.reviewer_id, u.full_name FROM review_item_comments c"
        " JOIN review_verdicts v ON v.id = c.verdict_id JOIN users u ON u.id = v.reviewer_id"
        " WHERE v.round_id = ? ORDER BY c.requirement_code, u.full_name",
        [round_id],
    )
    return rows_as_dicts(cur)


def projects_for_review(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    cur.execute(
        "SELECT id, code, name, fiscal_year, status FROM projects"
        " ORDER BY status = 'active' DESC, fiscal_year DESC, code"
    )
    return rows_as_dicts(cur)


def rounds_for_reviewer(cur: duckdb.DuckDBPyConnection, user_id: int) -> list[dict]:
    """Every round the user is (or was) a required reviewer of, newest first."""
    cur.execute(
        "SELECT r.*, p.code AS project_code, p.name AS project_name FROM review_rounds r"
        " JOIN review_reviewers rr ON rr.round_id = r.id AND rr.user_id = ?"
        " JOIN projects p ON p.id = r.project_id ORDER BY r.created_at DESC, r.id DESC",
        [user_id],
    )
    return rows_as_dicts(cur)
