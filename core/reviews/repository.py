"""SQL of the review sign-off: rounds, reviewers, artifacts, verdicts (``?`` parameters only)."""

from __future__ import annotations

import duckdb

from core.db import rows_as_dicts
from core.errors import NotFound
from core.reviews.rules import Verdict


def get_round(cur: duckdb.DuckDBPyConnection, round_id: int) -> dict:
    cur.execute("SELECT * FROM review_rounds WHERE id = ?", [round_id])
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("reviews.round_not_found")
    return rows[0]


def rounds_of(cur: duckdb.DuckDBPyConnection, project_id: int, stage_no: int) -> list[dict]:
    """The rounds of one gate of a project, newest first."""
    cur.execute("SELECT * FROM review_rounds WHERE project_id = ? AND stage_no = ?"
                " ORDER BY round_no DESC", [project_id, stage_no])
    return rows_as_dicts(cur)


def open_round(cur: duckdb.DuckDBPyConnection, project_id: int, stage_no: int) -> dict | None:
    cur.execute("SELECT * FROM review_rounds WHERE project_id = ? AND stage_no = ? AND status = 'open'",
                [project_id, stage_no])
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def next_round_no(cur: duckdb.DuckDBPyConnection, project_id: int, stage_no: int) -> int:
    return cur.execute("SELECT coalesce(max(round_no), 0) + 1 FROM review_rounds"
                       " WHERE project_id = ? AND stage_no = ?", [project_id, stage_no]).fetchone()[0]


def signoff(cur: duckdb.DuckDBPyConnection, project_id: int, stage_no: int) -> dict | None:
    """The gate_signoffs row of a gate, if the gate has passed."""
    cur.execute("SELECT * FROM gate_signoffs WHERE project_id = ? AND stage_no = ?",
                [project_id, stage_no])
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def reviewer_ids(cur: duckdb.DuckDBPyConnection, round_id: int) -> list[int]:
    return [r[0] for r in cur.execute("SELECT user_id FROM review_reviewers WHERE round_id = ?"
                                      " ORDER BY user_id", [round_id]).fetchall()]


def reviewers(cur: duckdb.DuckDBPyConnection, round_id: int) -> list[dict]:
    """Required reviewers with name, position and unit."""
    cur.execute(
        "SELECT u.id, u.username, u.full_name, u.position, u.unit_code, o.name_th AS unit_th,"
        " o.name_en AS unit_en FROM review_reviewers r JOIN users u ON u.id = r.user_id"
        " LEFT JOIN org_units o ON o.code = u.unit_code WHERE r.round_id = ? ORDER BY u.full_name",
        [round_id])
    return rows_as_dicts(cur)


def artifacts(cur: duckdb.DuckDBPyConnection, round_id: int, *, include_removed: bool = False) -> list[dict]:
    removed = "" if include_removed else " AND removed_at IS NULL"
    cur.execute(f"SELECT * FROM review_artifacts WHERE round_id = ?{removed} ORDER BY id", [round_id])
    return rows_as_dicts(cur)


def get_artifact(cur: duckdb.DuckDBPyConnection, artifact_id: int) -> dict:
    cur.execute("SELECT * FROM review_artifacts WHERE id = ?", [artifact_id])
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("reviews.artifact_not_found")
    return rows[0]


def verdict_rows(cur: duckdb.DuckDBPyConnection, round_id: int) -> list[dict]:
    """Every verdict of a round with the reviewer's name, oldest first."""
    cur.execute(
        "SELECT v.*, u.full_name, u.username, u.position FROM review_verdicts v"
        " JOIN users u ON u.id = v.reviewer_id WHERE v.round_id = ? ORDER BY v.signed_at, v.id",
        [round_id])
    return rows_as_dicts(cur)


def verdicts(cur: duckdb.DuckDBPyConnection, round_id: int) -> list[Verdict]:
    return [Verdict(r[0], r[1], r[2], r[3]) for r in cur.execute(
        "SELECT reviewer_id, verdict, content_hash, signed_at FROM review_verdicts"
        " WHERE round_id = ? ORDER BY signed_at, id", [round_id]).fetchall()]


def item_comments(cur: duckdb.DuckDBPyConnection, round_id: int) -> list[dict]:
    cur.execute(
        "SELECT c.*, v.reviewer_id, u.full_name FROM review_item_comments c"
        " JOIN review_verdicts v ON v.id = c.verdict_id JOIN users u ON u.id = v.reviewer_id"
        " WHERE v.round_id = ? ORDER BY c.requirement_code, u.full_name", [round_id])
    return rows_as_dicts(cur)


def pending_for(cur: duckdb.DuckDBPyConnection, user_id: int) -> list[dict]:
    """Open rounds where the user is a required reviewer with no verdict on the current artifacts."""
    cur.execute(
        "SELECT r.*, p.code AS project_code, p.name AS project_name FROM review_rounds r"
        " JOIN review_reviewers rr ON rr.round_id = r.id AND rr.user_id = ?"
        " JOIN projects p ON p.id = r.project_id"
        " WHERE r.status = 'open' AND NOT EXISTS (SELECT 1 FROM review_verdicts v"
        "   WHERE v.round_id = r.id AND v.reviewer_id = ? AND v.content_hash = r.content_hash)"
        " ORDER BY r.due_at", [user_id, user_id])
    return rows_as_dicts(cur)


def rounds_for_reviewer(cur: duckdb.DuckDBPyConnection, user_id: int) -> list[dict]:
    """Every round the user is (or was) a required reviewer of, newest first."""
    cur.execute(
        "SELECT r.*, p.code AS project_code, p.name AS project_name FROM review_rounds r"
        " JOIN review_reviewers rr ON rr.round_id = r.id AND rr.user_id = ?"
        " JOIN projects p ON p.id = r.project_id ORDER BY r.created_at DESC, r.id DESC", [user_id])
    return rows_as_dicts(cur)


def failed_gates_without_new_round(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    """Gates whose latest round failed and that have not passed: the officer starts round N+1."""
    cur.execute(
        "SELECT r.*, p.code AS project_code, p.name AS project_name FROM review_rounds r"
        " JOIN projects p ON p.id = r.project_id AND p.status = 'active'"
        " WHERE r.status = 'failed' AND r.round_no = (SELECT max(round_no) FROM review_rounds x"
        "   WHERE x.project_id = r.project_id AND x.stage_no = r.stage_no)"
        " AND NOT EXISTS (SELECT 1 FROM gate_signoffs g WHERE g.project_id = r.project_id"
        "   AND g.stage_no = r.stage_no) ORDER BY r.closed_at")
    return rows_as_dicts(cur)


def eligible_reviewers(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    """Active users who may sign reviews (staff of divisions and schools, IT, the director)."""
    from core.permissions import ACTIONS

    roles = sorted(ACTIONS["review.sign"])
    marks = ", ".join("?" for _ in roles)
    cur.execute(
        "SELECT DISTINCT u.id, u.username, u.full_name, u.position, u.unit_code,"
        " o.name_th AS unit_th, o.name_en AS unit_en, o.sort_order"
        " FROM users u JOIN user_roles r ON r.user_id = u.id"
        " LEFT JOIN org_units o ON o.code = u.unit_code"
        f" WHERE u.active AND r.role IN ({marks}) ORDER BY o.sort_order NULLS LAST, u.full_name",
        roles)
    return rows_as_dicts(cur)


def projects_for_review(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    cur.execute("SELECT id, code, name, fiscal_year, status FROM projects"
                " ORDER BY status = 'active' DESC, fiscal_year DESC, code")
    return rows_as_dicts(cur)
