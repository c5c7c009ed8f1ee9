"""SQL of the review sign-off: rounds, reviewers, artifacts, verdicts (``?`` parameters only)."""

from __future__ import annotations

from datetime import datetime

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
    cur.execute(
        "SELECT * FROM review_rounds WHERE project_id = ? AND stage_no = ? ORDER BY round_no DESC",
        [project_id, stage_no],
    )
    return rows_as_dicts(cur)


def open_round(cur: duckdb.DuckDBPyConnection, project_id: int, stage_no: int) -> dict | None:
    cur.execute(
        "SELECT * FROM review_rounds WHERE project_id = ? AND stage_no = ? AND status = 'open'",
        [project_id, stage_no],
    )
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def next_round_no(cur: duckdb.DuckDBPyConnection, project_id: int, stage_no: int) -> int:
    return cur.execute(
        "SELECT coalesce(max(round_no), 0) + 1 FROM review_rounds WHERE project_id = ? AND stage_no = ?",
        [project_id, stage_no],
    ).fetchone()[0]


def signoff(cur: duckdb.DuckDBPyConnection, project_id: int, stage_no: int) -> dict | None:
    """The gate_signoffs row of a gate, if the gate has passed."""
    cur.execute("SELECT * FROM gate_signoffs WHERE project_id = ? AND stage_no = ?", [project_id, stage_no])
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def reviewer_ids(cur: duckdb.DuckDBPyConnection, round_id: int) -> list[int]:
    return [
        r[0]
        for r in cur.execute(
            "SELECT user_id FROM review_reviewers WHERE round_id = ? ORDER BY user_id", [round_id]
        ).fetchall()
    ]


def reviewers(cur: duckdb.DuckDBPyConnection, round_id: int) -> list[dict]:
    """Required reviewers with name, position and unit."""
    cur.execute(
        "SELECT u.id, u.username, u.full_name, u.position, u.unit_code, o.name_th AS unit_th,"
        " o.name_en AS unit_en FROM review_reviewers r JOIN users u ON u.id = r.user_id"
        " LEFT JOIN org_units o ON o.code = u.unit_code WHERE r.round_id = ? ORDER BY u.full_name",
        [round_id],
    )
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
        [round_id],
    )
    return rows_as_dicts(cur)


def verdicts(cur: duckdb.DuckDBPyConnection, round_id: int) -> list[Verdict]:
    return [
        Verdict(r[0], r[1], r[2], r[3])
        for r in cur.execute(
            "SELECT reviewer_id, verdict, content_hash, signed_at FROM review_verdicts"
            " WHERE round_id = ? ORDER BY signed_at, id",
            [round_id],
        ).fetchall()
    ]


def pending_for(cur: duckdb.DuckDBPyConnection, user_id: int) -> list[dict]:
    """Open rounds where the user is a required reviewer with no verdict on the current artifacts."""
    cur.execute(
        "SELECT r.*, p.code AS project_code, p.name AS project_name FROM review_rounds r"
        " JOIN review_reviewers rr ON rr.round_id = r.id AND rr.user_id = ?"
        " JOIN projects p ON p.id = r.project_id"
        " WHERE r.status = 'open' AND NOT EXISTS (SELECT 1 FROM review_verdicts v"
        "   WHERE v.round_id = r.id AND v.reviewer_id = ? AND v.content_hash = r.content_hash)"
        " ORDER BY r.due_at",
        [user_id, user_id],
    )
    return rows_as_dicts(cur)


def failed_gates_without_new_round(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    """Gates whose latest round failed and that have not passed: the officer starts round N+1."""
    cur.execute(
        "SELECT r.*, p.code AS project_code, p.name AS project_name FROM review_rounds r"
        " JOIN projects p ON p.id = r.project_id AND p.status = 'active'"
        " WHERE r.status = 'failed' AND r.round_no = (SELECT max(round_no) FROM review_rounds x"
        "   WHERE x.project_id = r.project_id AND x.stage_no = r.stage_no)"
        " AND NOT EXISTS (SELECT 1 FROM gate_signoffs g WHERE g.project_id = r.project_id"
        "   AND g.stage_no = r.stage_no) ORDER BY r.closed_at"
    )
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
        roles,
    )
    return rows_as_dicts(cur)


def insert_round(
    cur: duckdb.DuckDBPyConnection,
    project_id: int,
    stage_no: int,
    *,
    round_no: int,
    changes: str,
    pass_rule: str,
    due_at,
    content_hash: str,
    reviewer_ids,
    now: datetime,
    by: str,
) -> int:
    """A new review round with its required reviewers; returns its id."""
    round_id = cur.execute(
        "INSERT INTO review_rounds (project_id, stage_no, round_no, changes, pass_rule, due_at,"
        " content_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [project_id, stage_no, round_no, changes, pass_rule, due_at, content_hash, by, now],
    ).fetchone()[0]
    for reviewer in reviewer_ids:
        cur.execute("INSERT INTO review_reviewers VALUES (?, ?)", [round_id, reviewer])
    return round_id


def insert_file_artifact(
    cur: duckdb.DuckDBPyConnection,
    round_id: int,
    *,
    attachment_id: int,
    label: str,
    media_type: str,
    size_bytes: int,
    sha256: str,
    now: datetime,
    by: str,
) -> int:
    return cur.execute(
        "INSERT INTO review_artifacts (round_id, kind, attachment_id, label, media_type,"
        " size_bytes, sha256, added_by, added_at) VALUES (?, 'file', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [round_id, attachment_id, label, media_type, size_bytes, sha256, by, now],
    ).fetchone()[0]


def insert_link_artifact(
    cur: duckdb.DuckDBPyConnection,
    round_id: int,
    *,
    url: str,
    label: str,
    sha256: str,
    now: datetime,
    by: str,
) -> int:
    return cur.execute(
        "INSERT INTO review_artifacts (round_id, kind, url, label, media_type, sha256,"
        " added_by, added_at) VALUES (?, 'link', ?, ?, 'text/uri-list', ?, ?, ?) RETURNING id",
        [round_id, url, label, sha256, by, now],
    ).fetchone()[0]


def remove_artifact(cur: duckdb.DuckDBPyConnection, artifact_id: int, *, now: datetime, by: str) -> None:
    cur.execute(
        "UPDATE review_artifacts SET removed_by = ?, removed_at = ? WHERE id = ?", [by, now, artifact_id]
    )


def set_content_hash(cur: duckdb.DuckDBPyConnection, round_id: int, content_hash: str) -> None:
    cur.execute("UPDATE review_rounds SET content_hash = ? WHERE id = ?", [content_hash, round_id])


def insert_verdict(
    cur: duckdb.DuckDBPyConnection,
    round_id: int,
    *,
    reviewer_id: int,
    verdict: str,
    comment: str,
    content_hash: str,
    signed_at: datetime,
    late: bool,
) -> int:
    return cur.execute(
        "INSERT INTO review_verdicts (round_id, reviewer_id, verdict, comment, content_hash,"
        " signed_at, late) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [round_id, reviewer_id, verdict, comment, content_hash, signed_at, late],
    ).fetchone()[0]


def insert_item_comment(
    cur: duckdb.DuckDBPyConnection, verdict_id: int, requirement: dict, *, ok: bool | None, text: str
) -> None:
    cur.execute(
        "INSERT INTO review_item_comments VALUES (?, ?, ?, ?, ?, ?)",
        [verdict_id, requirement["id"], requirement["code"], requirement["text"], ok, text],
    )


def close_round(cur: duckdb.DuckDBPyConnection, round_id: int, *, status: str, closed_at: datetime) -> None:
    cur.execute(
        "UPDATE review_rounds SET status = ?, closed_at = ? WHERE id = ?", [status, closed_at, round_id]
    )
