"""SQL of the surveys area (values as ``?`` parameters only)."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from core.db import rows_as_dicts
from core.errors import NotFound
from core.surveys import stats
from core.surveys.rules import DEMOGRAPHIC_FIELDS

SURVEY_COLUMNS = ("s.id, s.code, s.title, s.system_id, s.counter_name, s.fiscal_year, s.audience,"
                  " s.opens_on, s.closes_on, s.allow_no_opinion, s.require_token, s.population,"
                  " s.target_count, s.processed_at, s.processed_by, s.purged_at, s.created_at,"
                  " sy.code AS system_code, sy.name_th AS system_name_th, sy.name_en AS system_name_en,"
                  " sy.kind AS system_kind")


def _one(cur, where: str, params: list) -> dict:
    cur.execute(f"SELECT {SURVEY_COLUMNS} FROM surveys s LEFT JOIN systems sy ON sy.id = s.system_id"
                f" WHERE {where}", params)
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("surveys.not_found")
    return rows[0]


def get_survey(cur: duckdb.DuckDBPyConnection, survey_id: int) -> dict:
    return _one(cur, "s.id = ?", [int(survey_id)])


def get_survey_by_code(cur: duckdb.DuckDBPyConnection, code: str) -> dict:
    return _one(cur, "s.code = ?", [str(code or "").strip().upper()[:40]])


def list_surveys(cur: duckdb.DuckDBPyConnection, fiscal_year: int | None = None) -> pd.DataFrame:
    where, params = ("WHERE s.fiscal_year = ?", [fiscal_year]) if fiscal_year else ("", [])
    return cur.execute(
        f"SELECT {SURVEY_COLUMNS}, coalesce(r.respondents, 0) AS responses"
        " FROM surveys s LEFT JOIN systems sy ON sy.id = s.system_id"
        " LEFT JOIN (SELECT survey_id, sum(respondents) AS respondents FROM survey_respondent_counts"
        "            GROUP BY ALL) r ON r.survey_id = s.id"
        f" {where} ORDER BY s.fiscal_year DESC, s.code", params).df()


def fiscal_years(cur: duckdb.DuckDBPyConnection) -> list[int]:
    return [r[0] for r in cur.execute("SELECT DISTINCT fiscal_year FROM surveys ORDER BY 1 DESC").fetchall()]


def code_taken(cur, code: str) -> bool:
    return cur.execute("SELECT 1 FROM surveys WHERE code = ?", [code]).fetchone() is not None


def count_for_system_year(cur, system_id: int | None, fiscal_year: int) -> int:
    return cur.execute("SELECT count(*) FROM surveys WHERE system_id IS NOT DISTINCT FROM ? AND fiscal_year = ?",
                       [system_id, fiscal_year]).fetchone()[0]


def sections_and_items(cur: duckdb.DuckDBPyConnection, survey_id: int) -> list[dict]:
    """Items in questionnaire order with their section: id, position, text, section_id,
    section_position, section."""
    cur.execute(
        "SELECT i.id, i.position, i.text, sec.id AS section_id, sec.position AS section_position,"
        " sec.title AS section FROM survey_items i JOIN survey_sections sec ON sec.id = i.section_id"
        " WHERE i.survey_id = ? ORDER BY sec.position, i.position", [int(survey_id)])
    return rows_as_dicts(cur)


def item_defs(cur, survey_id: int) -> list[stats.ItemDef]:
    rows = sections_and_items(cur, survey_id)
    out, per_section = [], {}
    for row in rows:
        per_section[row["section_position"]] = per_section.get(row["section_position"], 0) + 1
        out.append(stats.ItemDef(row["id"], row["section"], row["text"],
                                 f"{row['section_position']}.{per_section[row['section_position']]}"))
    return out


def response_count(cur, survey_id: int) -> int:
    return int(cur.execute("SELECT coalesce(sum(respondents), 0) FROM survey_respondent_counts"
                           " WHERE survey_id = ?", [int(survey_id)]).fetchone()[0])


def raw_response_count(cur, survey_id: int) -> int:
    return cur.execute("SELECT count(*) FROM survey_responses WHERE survey_id = ?",
                       [int(survey_id)]).fetchone()[0]


def has_answered(cur, survey_id: int, user_id: int) -> bool:
    return cur.execute("SELECT 1 FROM survey_responses WHERE survey_id = ? AND user_id = ?",
                       [int(survey_id), int(user_id)]).fetchone() is not None


def response_by_submission(cur, submission_id: str) -> tuple[int, int] | None:
    row = cur.execute("SELECT id, survey_id FROM survey_responses WHERE submission_id = ?",
                      [submission_id]).fetchone()
    return None if row is None else (row[0], row[1])


def item_counts(cur, survey_id: int) -> dict[int, dict[int, int]]:
    """``{item_id: {score: count}}`` from raw answers, or from the aggregates once purged."""
    out: dict[int, dict[int, int]] = {}
    for item_id, score, n in cur.execute(
            "SELECT item_id, score, sum(n) FROM survey_item_counts WHERE survey_id = ? GROUP BY ALL",
            [int(survey_id)]).fetchall():
        out.setdefault(int(item_id), {})[int(score)] = int(n)
    return out


def _group_sql() -> str:
    parts = []
    for field in DEMOGRAPHIC_FIELDS:
        parts.append(f"SELECT '{field}' AS dimension, coalesce(r.{field}, 'unknown') AS grp, r.id,"
                     f" r.survey_id FROM survey_responses r WHERE r.survey_id = ?")
    return " UNION ALL ".join(parts)


def group_counts(cur, survey_id: int) -> dict[tuple[str, str], stats.GroupCounts]:
    """``{(dimension, group): GroupCounts}`` for every demographic field (unanswered = 'unknown')."""
    params = [int(survey_id)] * len(DEMOGRAPHIC_FIELDS)
    respondents = {(d, g): int(n) for d, g, n in cur.execute(
        f"SELECT dimension, grp, count(*) FROM ({_group_sql()}) GROUP BY ALL", params).fetchall()}
    counts: dict[tuple[str, str], dict[int, int]] = {}
    for d, g, score, n in cur.execute(
            f"SELECT g.dimension, g.grp, a.score, count(*) FROM ({_group_sql()}) g"
            " JOIN survey_answers a ON a.response_id = g.id GROUP BY ALL", params).fetchall():
        counts.setdefault((d, g), {})[int(score)] = int(n)
    for d, g, n in cur.execute("SELECT dimension, grp, respondents FROM survey_agg_respondents"
                               " WHERE survey_id = ? AND dimension <> 'all'", [int(survey_id)]).fetchall():
        respondents[(d, g)] = respondents.get((d, g), 0) + int(n)
    for d, g, score, n in cur.execute("SELECT dimension, grp, score, sum(n) FROM survey_agg_answers"
                                      " WHERE survey_id = ? AND dimension <> 'all' GROUP BY ALL",
                                      [int(survey_id)]).fetchall():
        slot = counts.setdefault((d, g), {})
        slot[int(score)] = slot.get(int(score), 0) + int(n)
    return {key: stats.GroupCounts(n, counts.get(key, {})) for key, n in respondents.items()}


def suggestions(cur, survey_id: int) -> list[str]:
    """Suggestions as typed (raw; mask before showing) plus those kept after a purge (masked)."""
    raw = [r[0] for r in cur.execute(
        "SELECT suggestion FROM survey_responses WHERE survey_id = ? AND trim(suggestion) <> ''"
        " ORDER BY submitted_at, id", [int(survey_id)]).fetchall()]
    kept = [r[0] for r in cur.execute("SELECT text FROM survey_kept_suggestions WHERE survey_id = ?"
                                      " ORDER BY position", [int(survey_id)]).fetchall()]
    return kept + raw


def contacts(cur, survey_id: int) -> pd.DataFrame:
    """People who opted in to be contacted (IT staff only; purged with the raw answers)."""
    return cur.execute("SELECT submitted_at, contact_name, contact_phone FROM survey_responses"
                       " WHERE survey_id = ? AND (contact_phone IS NOT NULL OR contact_name IS NOT NULL)"
                       " ORDER BY submitted_at", [int(survey_id)]).df()


def token_state(cur, token: str) -> tuple[int, object] | None:
    row = cur.execute("SELECT survey_id, used_at FROM survey_tokens WHERE token = ?", [token]).fetchone()
    return None if row is None else (row[0], row[1])


def tokens_of(cur, survey_id: int) -> pd.DataFrame:
    return cur.execute("SELECT token, created_at, used_at FROM survey_tokens WHERE survey_id = ?"
                       " ORDER BY created_at, token", [int(survey_id)]).df()


def open_internal_surveys(cur, today: date) -> list[dict]:
    cur.execute(f"SELECT {SURVEY_COLUMNS} FROM surveys s LEFT JOIN systems sy ON sy.id = s.system_id"
                " WHERE s.audience <> 'citizens' AND s.opens_on <= ? AND s.closes_on >= ?"
                " ORDER BY s.closes_on, s.code", [today, today])
    return rows_as_dicts(cur)


def answered_survey_ids(cur, user_id: int) -> set[int]:
    return {r[0] for r in cur.execute("SELECT survey_id FROM survey_responses WHERE user_id = ?",
                                      [int(user_id)]).fetchall()}


def closed_unprocessed(cur, today: date) -> list[dict]:
    cur.execute(f"SELECT {SURVEY_COLUMNS} FROM surveys s LEFT JOIN systems sy ON sy.id = s.system_id"
                " WHERE s.closes_on < ? AND s.processed_at IS NULL ORDER BY s.closes_on, s.code", [today])
    return rows_as_dicts(cur)


def purgeable(cur, cutoff: date) -> list[dict]:
    cur.execute(f"SELECT {SURVEY_COLUMNS} FROM surveys s LEFT JOIN systems sy ON sy.id = s.system_id"
                " WHERE s.closes_on < ? AND s.purged_at IS NULL ORDER BY s.closes_on", [cutoff])
    return rows_as_dicts(cur)


def public_responses_since(cur, survey_id: int, since) -> int:
    """Answers from the public page to one survey since ``since`` (the daily cap counts them)."""
    return cur.execute("SELECT count(*) FROM survey_responses WHERE survey_id = ? AND channel = 'public'"
                       " AND submitted_at >= ?", [survey_id, since]).fetchone()[0]
