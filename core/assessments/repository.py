"""SQL of the assessors' evidence: item mapping, e-service links, publications, LPA records, and
the reads of other areas' tables the evidence is made of (values only as ``?``)."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd

from core.db import rows_as_dicts
from core.errors import NotFound


# -- item mapping ------------------------------------------------------------------------------
def items_of(cur: duckdb.DuckDBPyConnection, year: int) -> list[dict]:
    cur.execute(
        "SELECT item_code, doc_kind, title FROM assessment_items WHERE year = ?"
        " ORDER BY length(item_code), item_code",
        [year],
    )
    return rows_as_dicts(cur)


def replace_items(cur, year: int, items: list[tuple[str, str, str]], actor: str, now: datetime) -> None:
    cur.execute("DELETE FROM assessment_items WHERE year = ?", [year])
    for code, kind, title in items:
        cur.execute(
            "INSERT INTO assessment_items VALUES (?, ?, ?, ?, ?, ?)", [year, code, kind, title, actor, now]
        )


# -- e-services --------------------------------------------------------------------------------
def eservices(cur) -> list[dict]:
    cur.execute(
        "SELECT s.id, s.code, s.name_th, s.name_en, s.description, s.owner_unit_code, o.name_th AS unit_th,"
        " l.url FROM systems s LEFT JOIN eservice_links l ON l.system_id = s.id"
        " LEFT JOIN org_units o ON o.code = s.owner_unit_code"
        " WHERE s.kind = 'eservice' AND s.active ORDER BY s.code"
    )
    return rows_as_dicts(cur)


def system_exists(cur, system_id: int) -> bool:
    return cur.execute("SELECT count(*) FROM systems WHERE id = ?", [system_id]).fetchone()[0] > 0


def set_link(cur, system_id: int, url: str, actor: str, now: datetime) -> None:
    cur.execute("DELETE FROM eservice_links WHERE system_id = ?", [system_id])
    cur.execute("INSERT INTO eservice_links VALUES (?, ?, ?, ?)", [system_id, url, actor, now])


# -- evidence from other areas' tables ---------------------------------------------------------
def tickets_by_month(cur, start: date, end: date) -> pd.DataFrame:
    return cur.execute(
        "SELECT year(t.reported_at) AS y, month(t.reported_at) AS m, s.name_th AS system, t.type,"
        " count(*) AS n FROM tickets t LEFT JOIN systems s ON s.id = t.system_id"
        " WHERE CAST(t.reported_at AS DATE) BETWEEN ? AND ? GROUP BY ALL ORDER BY y, m, system, t.type",
        [start, end],
    ).df()


def surveys_closing(cur, start: date, end: date, citizens_only: bool = False) -> list[dict]:
    audience = " AND s.audience = 'citizens'" if citizens_only else ""
    cur.execute(
        "SELECT s.id, s.code, s.title, s.audience, s.counter_name, s.opens_on, s.closes_on, s.processed_at,"
        " coalesce((SELECT sum(r.respondents) FROM survey_respondent_counts r WHERE r.survey_id = s.id), 0)"
        " AS respondents FROM surveys s WHERE s.closes_on BETWEEN ? AND ?"
        + audience
        + " ORDER BY s.closes_on, s.code",
        [start, end],
    )
    return rows_as_dicts(cur)


def score_counts(cur, survey_ids: list[int]) -> dict[int, dict[int, int]]:
    """``{survey_id: {score: answers}}`` (raw answers, or the aggregates once purged)."""
    out: dict[int, dict[int, int]] = {}
    if not survey_ids:
        return out
    marks = ", ".join("?" * len(survey_ids))
    for survey_id, score, n in cur.execute(
        f"SELECT survey_id, score, sum(n) FROM survey_item_counts WHERE survey_id IN ({marks}) GROUP BY ALL",
        [int(i) for i in survey_ids],
    ).fetchall():
        out.setdefault(int(survey_id), {})[int(score)] = int(n)
    return out


def projects_of_year(cur, fiscal_year: int) -> list[dict]:
    cur.execute(
        "SELECT j.id, j.code, j.name, j.status, o.name_th AS unit_th, p.budget_amount, p.start_date, p.end_date"
        " FROM projects j LEFT JOIN proposals p ON p.id = j.proposal_id OR p.project_id = j.id"
        " LEFT JOIN org_units o ON o.code = j.unit_code WHERE j.fiscal_year = ? ORDER BY j.code",
        [fiscal_year],
    )
    return rows_as_dicts(cur)


def stage_progress(cur, project_ids: list[int], upto: date) -> dict[int, tuple[int, int]]:
    """``{project_id: (stages finished by upto, stages in all)}``."""
    if not project_ids:
        return {}
    marks = ", ".join("?" * len(project_ids))
    rows = cur.execute(
        f"SELECT project_id, count(*) FILTER (WHERE actual_end IS NOT NULL AND actual_end <= ?), count(*)"
        f" FROM project_stages WHERE project_id IN ({marks}) GROUP BY ALL",
        [upto, *project_ids],
    ).fetchall()
    return {int(r[0]): (int(r[1]), int(r[2])) for r in rows}


# -- publications ------------------------------------------------------------------------------
def current_publication(cur, fiscal_year: int, round_: str, item_code: str) -> dict | None:
    cur.execute(
        "SELECT id, version FROM publications WHERE fiscal_year = ? AND round = ? AND item_code = ?"
        " AND status = 'published' ORDER BY version DESC LIMIT 1",
        [fiscal_year, round_, item_code],
    )
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def last_version(cur, fiscal_year: int, round_: str, item_code: str) -> int:
    return cur.execute(
        "SELECT coalesce(max(version), 0) FROM publications WHERE fiscal_year = ? AND round = ?"
        " AND item_code = ?",
        [fiscal_year, round_, item_code],
    ).fetchone()[0]


def insert_publication(cur, **values) -> int:
    columns = ", ".join(values)
    marks = ", ".join("?" * len(values))
    return cur.execute(
        f"INSERT INTO publications ({columns}) VALUES ({marks}) RETURNING id", list(values.values())
    ).fetchone()[0]


def mark_replaced(cur, publication_id: int, by: int) -> None:
    cur.execute(
        "UPDATE publications SET status = 'replaced', replaced_by = ? WHERE id = ?", [by, publication_id]
    )


def get_publication(cur, publication_id: int) -> dict:
    cur.execute(
        "SELECT id, fiscal_year, round, item_code, doc_kind, title, version, filename, sha256, status,"
        " published_by, published_at, replaced_by, withdrawn_at, withdraw_reason"
        " FROM publications WHERE id = ?",
        [publication_id],
    )
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("assess.publication_not_found")
    return rows[0]


def withdraw(cur, publication_id: int, actor: str, now: datetime, reason: str) -> None:
    cur.execute(
        "UPDATE publications SET status = 'withdrawn', withdrawn_by = ?, withdrawn_at = ?,"
        " withdraw_reason = ? WHERE id = ?",
        [actor, now, reason, publication_id],
    )


def publications(cur, *, public: bool, fiscal_year: int | None = None) -> list[dict]:
    """Newest first; the public list leaves withdrawn documents out."""
    clauses, params = [], []
    if public:
        clauses.append("p.status <> 'withdrawn'")
    if fiscal_year is not None:
        clauses.append("p.fiscal_year = ?")
        params.append(fiscal_year)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    cur.execute(
        "SELECT p.id, p.fiscal_year, p.round, p.item_code, p.doc_kind, p.title, p.version, p.filename,"
        " p.sha256, p.status, p.published_at, p.replaced_by, r.version AS replaced_by_version,"
        " r.published_at AS replaced_at, p.withdrawn_at, p.withdraw_reason"
        f" FROM publications p LEFT JOIN publications r ON r.id = p.replaced_by {where}"
        " ORDER BY p.fiscal_year DESC, p.round DESC, length(p.item_code), p.item_code, p.version DESC",
        params,
    )
    return rows_as_dicts(cur)


def publication_content(cur, publication_id: int, *, public: bool) -> tuple[str, bytes]:
    row = cur.execute(
        "SELECT filename, content, status FROM publications WHERE id = ?", [publication_id]
    ).fetchone()
    if row is None or (public and row[2] == "withdrawn"):
        raise NotFound("assess.publication_not_found")
    return row[0], bytes(row[1])


def published_of_kind(cur, fiscal_year: int, doc_kind: str) -> list[dict]:
    cur.execute(
        "SELECT id, round, item_code, title, version, published_at FROM publications"
        " WHERE fiscal_year = ? AND doc_kind = ? AND status = 'published' ORDER BY published_at",
        [fiscal_year, doc_kind],
    )
    return rows_as_dicts(cur)


# -- LPA records -------------------------------------------------------------------------------
def insert_lpa(
    cur, *, fiscal_year: int, kind: str, on_date: date, text: str, detail: str, actor: str, now: datetime
) -> int:
    return cur.execute(
        "INSERT INTO lpa_records (fiscal_year, kind, on_date, text, detail, recorded_by, recorded_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [fiscal_year, kind, on_date, text, detail, actor, now],
    ).fetchone()[0]


def lpa_records(cur, fiscal_year: int, kind: str) -> list[dict]:
    cur.execute(
        "SELECT id, on_date, text, detail, recorded_by FROM lpa_records WHERE fiscal_year = ? AND kind = ?"
        " ORDER BY on_date, id",
        [fiscal_year, kind],
    )
    return rows_as_dicts(cur)
