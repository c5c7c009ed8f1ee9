"""SQL of the plan register and of proposals' plan citations (values only as ``?``)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import duckdb

from core.db import rows_as_dicts
from core.errors import NotFound

_LINE = (
    "SELECT l.id, l.edition_id, l.strategy, l.programme, l.line_no, l.title, l.unit_code,"
    " e.kind, e.number, e.first_year, e.last_year, e.base_id"
    " FROM plan_lines l JOIN plan_editions e ON e.id = l.edition_id"
)


def get_edition(cur: duckdb.DuckDBPyConnection, edition_id: int) -> dict:
    cur.execute("SELECT * FROM plan_editions WHERE id = ?", [edition_id])
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("plan.edition_not_found")
    return rows[0]


def base_with_years(cur, first_year: int) -> int | None:
    row = cur.execute(
        "SELECT id FROM plan_editions WHERE kind = 'base' AND first_year = ?", [first_year]
    ).fetchone()
    return row[0] if row else None


def next_number(cur, base_id: int, kind: str) -> int:
    return cur.execute(
        "SELECT coalesce(max(number), 0) + 1 FROM plan_editions WHERE base_id = ? AND kind = ?",
        [base_id, kind],
    ).fetchone()[0]


def insert_edition(
    cur,
    *,
    kind: str,
    base_id: int | None,
    number: int,
    first_year: int,
    last_year: int,
    approved_on: date | None,
    actor: str,
    now: datetime,
) -> int:
    return cur.execute(
        "INSERT INTO plan_editions (kind, base_id, number, first_year, last_year, approved_on,"
        " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [kind, base_id, number, first_year, last_year, approved_on, actor, now],
    ).fetchone()[0]


def editions(cur) -> list[dict]:
    cur.execute(
        "SELECT e.*, (SELECT count(*) FROM plan_lines l WHERE l.edition_id = e.id) AS lines"
        " FROM plan_editions e ORDER BY coalesce(e.base_id, e.id) DESC, e.kind = 'base' DESC,"
        " e.created_at, e.id"
    )
    return rows_as_dicts(cur)


def line_numbers(cur, edition_id: int) -> set[str]:
    return {
        r[0]
        for r in cur.execute("SELECT line_no FROM plan_lines WHERE edition_id = ?", [edition_id]).fetchall()
    }


def insert_line(
    cur,
    *,
    edition_id: int,
    strategy: str,
    programme: str,
    line_no: str,
    title: str,
    unit_code: str | None,
    budgets: dict[int, Decimal],
    actor: str,
    now: datetime,
) -> int:
    line_id = cur.execute(
        "INSERT INTO plan_lines (edition_id, strategy, programme, line_no, title, unit_code,"
        " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [edition_id, strategy, programme, line_no, title, unit_code or None, actor, now],
    ).fetchone()[0]
    for year, amount in budgets.items():
        cur.execute("INSERT INTO plan_line_budgets VALUES (?, ?, ?)", [line_id, year, amount])
    return line_id


def get_line(cur, line_id: int) -> dict:
    cur.execute(_LINE + " WHERE l.id = ?", [line_id])
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("plan.line_not_found")
    return rows[0]


def lines_with_budgets(cur, edition_id: int | None = None):
    where = "WHERE l.edition_id = ?" if edition_id else ""
    return cur.execute(
        "SELECT l.id, e.id AS edition_id, e.kind, e.number, e.first_year, e.last_year, l.strategy,"
        " l.programme, l.line_no, l.title, l.unit_code, o.name_th AS unit_th,"
        " (SELECT string_agg(b.year || ': ' || b.amount, ', ' ORDER BY b.year) FROM plan_line_budgets b"
        "  WHERE b.line_id = l.id) AS budgets,"
        " (SELECT sum(b.amount) FROM plan_line_budgets b WHERE b.line_id = l.id) AS total"
        " FROM plan_lines l JOIN plan_editions e ON e.id = l.edition_id"
        f" LEFT JOIN org_units o ON o.code = l.unit_code {where}"
        " ORDER BY coalesce(e.base_id, e.id), e.kind <> 'base', e.kind, e.number, l.strategy, l.programme,"
        " try_cast(l.line_no AS INTEGER), l.line_no",
        [edition_id] if edition_id else [],
    ).df()


def units_lookup(cur) -> dict[str, str]:
    found: dict[str, str] = {}
    for code, th, en in cur.execute("SELECT code, name_th, name_en FROM org_units").fetchall():
        found[code] = found[code.upper()] = found[th] = found[en] = code
    return found


# -- citations ---------------------------------------------------------------------------------
def proposal_row(cur, proposal_id: int) -> dict:
    cur.execute("SELECT id, code, title, status, fiscal_year FROM proposals WHERE id = ?", [proposal_id])
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("plan.proposal_not_found")
    return rows[0]


def citing_other(cur, line_id: int, proposal_id: int) -> str | None:
    """The code of another live proposal already citing this line (rejected ones do not count)."""
    row = cur.execute(
        "SELECT p.code FROM plan_citations c JOIN proposals p ON p.id = c.proposal_id"
        " WHERE c.line_id = ? AND c.status = 'cited' AND c.proposal_id <> ? AND p.status <> 'rejected'"
        " ORDER BY p.id LIMIT 1",
        [line_id, proposal_id],
    ).fetchone()
    return row[0] if row else None


def citation(cur, proposal_id: int) -> dict | None:
    cur.execute("SELECT * FROM plan_citations WHERE proposal_id = ?", [proposal_id])
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def save_citation(
    cur, *, proposal_id: int, status: str, line_id: int | None, note: str, actor: str, now: datetime
) -> None:
    cur.execute("DELETE FROM plan_citations WHERE proposal_id = ?", [proposal_id])
    cur.execute(
        "INSERT INTO plan_citations VALUES (?, ?, ?, ?, ?, ?)",
        [proposal_id, status, line_id, note, actor, now],
    )


def not_in_plan(cur) -> list[dict]:
    """Live proposals flagged as not in the plan."""
    cur.execute(
        "SELECT p.id, p.code, p.title, p.status, c.note, c.recorded_at"
        " FROM plan_citations c JOIN proposals p ON p.id = c.proposal_id"
        " WHERE c.status = 'not_in_plan' AND p.status NOT IN ('rejected') ORDER BY p.id"
    )
    return rows_as_dicts(cur)


def projects_from_plan(cur, fiscal_year: int) -> tuple[int, int]:
    """(projects of the fiscal year, of which from a proposal citing a plan line)."""
    row = cur.execute(
        "SELECT count(*), count(*) FILTER (WHERE c.status = 'cited')"
        " FROM projects j LEFT JOIN proposals p ON p.id = j.proposal_id OR p.project_id = j.id"
        " LEFT JOIN plan_citations c ON c.proposal_id = p.id"
        " WHERE j.fiscal_year = ? AND j.status <> 'cancelled'",
        [fiscal_year],
    ).fetchone()
    return int(row[0]), int(row[1])
