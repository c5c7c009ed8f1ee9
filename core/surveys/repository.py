"""SQL of the surveys area (values as ``?`` parameters only)."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd

from core.db import rows_as_dicts
from core.errors import NotFound
from core.surveys import stats
from core.surveys.rules import DEMOGRAPHIC_FIELDS

SURVEY_COLUMNS = (
    "s.id, s.code, s.title, s.system_id, s.counter_name, s.fiscal_year, s.audience,"
    " s.opens_on, s.closes_on, s.allow_no_opinion, s.require_token, s.population,"
    " s.target_count, s.processed_at, s.processed_by, s.purged_at, s.created_at,"
    " sy.code AS system_code, sy.name_th AS system_name_th, sy.name_en AS system_name_en,"
    " sy.kind AS system_kind"
)


def _one(cur, where: str, params: list) -> dict:
    cur.execute(
        f"SELECT {SURVEY_COLUMNS} FROM surveys s LEFT JOIN systems sy ON sy.id = s.system_id WHERE {where}",
        params,
    )
    rows = rows_as_dicts(cur)
    if not rows:
        raise NotFound("surveys.not_found")
    return rows[0]


def get_survey(cur: duckdb.DuckDBPyConnection, survey_id: int) -> dict:
    return _one(cur, "s.id = ?", [int(survey_id)])


def get_survey_by_code(cur: duckdb.DuckDBPyConnection, code: str) -> dict:
    return _one(cur, "s.code = ?", [str(code or "").strip().upper()[:40]])


def fiscal_years(cur: duckdb.DuckDBPyConnection) -> list[int]:
    return [r[0] for r in cur.execute("SELECT DISTINCT fiscal_year FROM surveys ORDER BY 1 DESC").fetchall()]


def code_taken(cur, code: str) -> bool:
    return cur.execute("SELECT 1 FROM surveys WHERE code = ?", [code]).fetchone() is not None


def count_for_system_year(cur, system_id: int | None, fiscal_year: int) -> int:
    return cur.execute(
        "SELECT count(*) FROM surveys WHERE system_id IS NOT DISTINCT FROM ? AND fiscal_year = ?",
        [system_id, fiscal_year],
    ).fetchone()[0]


def sections_and_items(cur: duckdb.DuckDBPyConnection, survey_id: int) -> list[dict]:
    """Items in questionnaire order with their section: id, position, text, section_id,
    section_position, section."""
    cur.execute(
        "SELECT i.id, i.position, i.text, sec.id AS section_id, sec.position AS section_position,"
        " sec.title AS section FROM survey_items i JOIN survey_sections sec ON sec.id = i.section_id"
        " WHERE i.survey_id = ? ORDER BY sec.position, i.position",
        [int(survey_id)],
    )
    return rows_as_dicts(cur)


def item_defs(cur, survey_id: int) -> list[stats.ItemDef]:
    rows = sections_and_items(cur, survey_id)
    out, per_section = [], {}
    for row in rows:
        per_section[row["section_position"]] = per_section.get(row["section_position"], 0) + 1
        out.append(
            stats.ItemDef(
                row["id"],
                row["section"],
                row["text"],
                f"{row['section_position']}.{per_section[row['section_position']]}",
            )
        )
    return out


def response_count(cur, survey_id: int) -> int:
    return int(
        cur.execute(
            "SELECT coalesce(sum(respondents), 0) FROM survey_respondent_counts WHERE survey_id = ?",
            [int(survey_id)],
        ).fetchone()[0]
    )


def raw_response_count(cur, survey_id: int) -> int:
    return cur.execute(
        "SELECT count(*) FROM survey_responses WHERE survey_id = ?", [int(survey_id)]
    ).fetchone()[0]


def has_answered(cur, survey_id: int, user_id: int) -> bool:
    return (
        cur.execute(
            "SELECT 1 FROM survey_responses WHERE survey_id = ? AND user_id = ?",
            [int(survey_id), int(user_id)],
        ).fetchone()
        is not None
    )


def response_by_submission(cur, submission_id: str) -> tuple[int, int] | None:
    row = cur.execute(
        "SELECT id, survey_id FROM survey_responses WHERE submission_id = ?", [submission_id]
    ).fetchone()
    return None if row is None else (row[0], row[1])


def item_counts(cur, survey_id: int) -> dict[int, dict[int, int]]:
    """``{item_id: {score: count}}`` from raw answers, or from the aggregates once purged."""
    out: dict[int, dict[int, int]] = {}
    for item_id, score, n in cur.execute(
        "SELECT item_id, score, sum(n) FROM survey_item_counts WHERE survey_id = ? GROUP BY ALL",
        [int(survey_id)],
    ).fetchall():
        out.setdefault(int(item_id), {})[int(score)] = int(n)
    return out


def _group_sql() -> str:
    parts = []
    for field in DEMOGRAPHIC_FIELDS:
        parts.append(
            f"SELECT '{field}' AS dimension, coalesce(r.{field}, 'unknown') AS grp, r.id,"
            f" r.survey_id FROM survey_responses r WHERE r.survey_id = ?"
        )
    return " UNION ALL ".join(parts)


def group_counts(cur, survey_id: int) -> dict[tuple[str, str], stats.GroupCounts]:
    """``{(dimension, group): GroupCounts}`` for every demographic field (unanswered = 'unknown')."""
    params = [int(survey_id)] * len(DEMOGRAPHIC_FIELDS)
    respondents = {
        (d, g): int(n)
        for d, g, n in cur.execute(
            f"SELECT dimension, grp, count(*) FROM ({_group_sql()}) GROUP BY ALL", params
        ).fetchall()
    }
    counts: dict[tuple[str, str], dict[int, int]] = {}
    for d, g, score, n in cur.execute(
        f"SELECT g.dimension, g.grp, a.score, count(*) FROM ({_group_sql()}) g"
        " JOIN survey_answers a ON a.response_id = g.id GROUP BY ALL",
        params,
    ).fetchall():
        counts.setdefault((d, g), {})[int(score)] = int(n)
    for d, g, n in cur.execute(
        "SELECT dimension, grp, respondents FROM survey_agg_respondents"
        " WHERE survey_id = ? AND dimension <> 'all'",
        [int(survey_id)],
    ).fetchall():
        respondents[(d, g)] = respondents.get((d, g), 0) + int(n)
    for d, g, score, n in cur.execute(
        "SELECT dimension, grp, score, sum(n) FROM survey_agg_answers"
        " WHERE survey_id = ? AND dimension <> 'all' GROUP BY ALL",
        [int(survey_id)],
    ).fetchall():
        slot = counts.setdefault((d, g), {})
        slot[int(score)] = slot.get(int(score), 0) + int(n)
    return {key: stats.GroupCounts(n, counts.get(key, {})) for key, n in respondents.items()}


def suggestions(cur, survey_id: int) -> list[str]:
    """Suggestions as typed (raw; mask before showing) plus those kept after a purge (masked)."""
    raw = [
        r[0]
        for r in cur.execute(
            "SELECT suggestion FROM survey_responses WHERE survey_id = ? AND trim(suggestion) <> ''"
            " ORDER BY submitted_at, id",
            [int(survey_id)],
        ).fetchall()
    ]
    kept = [
        r[0]
        for r in cur.execute(
            "SELECT text FROM survey_kept_suggestions WHERE survey_id = ? ORDER BY position", [int(survey_id)]
        ).fetchall()
    ]
    return kept + raw


def token_state(cur, token: str) -> tuple[int, object] | None:
    row = cur.execute("SELECT survey_id, used_at FROM survey_tokens WHERE token = ?", [token]).fetchone()
    return None if row is None else (row[0], row[1])


def open_internal_surveys(cur, today: date) -> list[dict]:
    cur.execute(
        f"SELECT {SURVEY_COLUMNS} FROM surveys s LEFT JOIN systems sy ON sy.id = s.system_id"
        " WHERE s.audience <> 'citizens' AND s.opens_on <= ? AND s.closes_on >= ?"
        " ORDER BY s.closes_on, s.code",
        [today, today],
    )
    return rows_as_dicts(cur)


def answered_survey_ids(cur, user_id: int) -> set[int]:
    return {
        r[0]
        for r in cur.execute(
            "SELECT survey_id FROM survey_responses WHERE user_id = ?", [int(user_id)]
        ).fetchall()
    }


def closed_unprocessed(cur, today: date) -> list[dict]:
    cur.execute(
        f"SELECT {SURVEY_COLUMNS} FROM surveys s LEFT JOIN systems sy ON sy.id = s.system_id"
        " WHERE s.closes_on < ? AND s.processed_at IS NULL ORDER BY s.closes_on, s.code",
        [today],
    )
    return rows_as_dicts(cur)


def purgeable(cur, cutoff: date) -> list[dict]:
    cur.execute(
        f"SELECT {SURVEY_COLUMNS} FROM surveys s LEFT JOIN systems sy ON sy.id = s.system_id"
        " WHERE s.closes_on < ? AND s.purged_at IS NULL ORDER BY s.closes_on",
        [cutoff],
    )
    return rows_as_dicts(cur)


# ------------------------------------------------------------------ writes of the services
def system_code_and_kind(cur: duckdb.DuckDBPyConnection, system_id: int) -> tuple[str, str] | None:
    return cur.execute("SELECT code, kind FROM systems WHERE id = ?", [system_id]).fetchone()


def insert_survey(
    cur: duckdb.DuckDBPyConnection,
    *,
    code: str,
    title: str,
    system_id: int | None,
    counter_name: str | None,
    fiscal_year: int,
    audience: str,
    opens_on: date,
    closes_on: date,
    allow_no_opinion: bool,
    require_token: bool,
    population: int | None,
    target_count: int | None,
    by: str,
    now: datetime,
) -> int:
    return cur.execute(
        "INSERT INTO surveys (code, title, system_id, counter_name, fiscal_year, audience, opens_on,"
        " closes_on, allow_no_opinion, require_token, population, target_count, created_by,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            code,
            title,
            system_id,
            counter_name,
            fiscal_year,
            audience,
            opens_on,
            closes_on,
            allow_no_opinion,
            require_token,
            population,
            target_count,
            by,
            now,
            now,
        ],
    ).fetchone()[0]


def update_survey(
    cur: duckdb.DuckDBPyConnection,
    survey_id: int,
    *,
    title: str,
    opens_on: date,
    closes_on: date,
    target_count: int | None,
    population: int | None,
    require_token: bool,
    counter_name: str | None,
    now: datetime,
) -> None:
    cur.execute(
        "UPDATE surveys SET title = ?, opens_on = ?, closes_on = ?, target_count = ?,"
        " population = ?, require_token = ?, counter_name = ?, updated_at = ? WHERE id = ?",
        [title, opens_on, closes_on, target_count, population, require_token, counter_name, now, survey_id],
    )


def insert_section(cur: duckdb.DuckDBPyConnection, survey_id: int, position: int, title: str) -> int:
    return cur.execute(
        "INSERT INTO survey_sections (survey_id, position, title) VALUES (?, ?, ?) RETURNING id",
        [survey_id, position, title],
    ).fetchone()[0]


def insert_item(
    cur: duckdb.DuckDBPyConnection, survey_id: int, section_id: int, position: int, text: str
) -> None:
    cur.execute(
        "INSERT INTO survey_items (survey_id, section_id, position, text) VALUES (?, ?, ?, ?)",
        [survey_id, section_id, position, text],
    )


def delete_items(cur: duckdb.DuckDBPyConnection, survey_id: int) -> None:
    """Every section and item of a survey (before it has answers)."""
    cur.execute("DELETE FROM survey_items WHERE survey_id = ?", [survey_id])
    cur.execute("DELETE FROM survey_sections WHERE survey_id = ?", [survey_id])


def insert_tokens(cur: duckdb.DuckDBPyConnection, survey_id: int, tokens: list[str], now: datetime) -> None:
    cur.execute(
        "INSERT INTO survey_tokens (token, survey_id, created_at) SELECT unnest(?::VARCHAR[]), ?, ?",
        [tokens, survey_id, now],
    )


def use_token(cur: duckdb.DuckDBPyConnection, token: str, now: datetime) -> None:
    cur.execute("UPDATE survey_tokens SET used_at = ? WHERE token = ?", [now, token])


def mark_processed(cur: duckdb.DuckDBPyConnection, survey_id: int, *, by: str, now: datetime) -> None:
    cur.execute(
        "UPDATE surveys SET processed_at = ?, processed_by = ?, updated_at = ? WHERE id = ?",
        [now, by, now, survey_id],
    )


def insert_response(
    cur: duckdb.DuckDBPyConnection,
    survey_id: int,
    *,
    submission_id: str,
    channel: str,
    user_id: int | None,
    demographics: dict,
    suggestion: str,
    contact_name: str | None,
    contact_phone: str | None,
    scores: dict[int, int],
    now: datetime,
) -> int:
    """One response with its answers (item id -> score); returns the response's id."""
    response_id = cur.execute(
        "INSERT INTO survey_responses (survey_id, submission_id, channel, user_id, respondent_type, sex,"
        " age_band, education, occupation, suggestion, contact_name, contact_phone, submitted_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            survey_id,
            submission_id,
            channel,
            user_id,
            demographics.get("respondent_type"),
            demographics.get("sex"),
            demographics.get("age_band"),
            demographics.get("education"),
            demographics.get("occupation"),
            suggestion,
            contact_name,
            contact_phone,
            now,
        ],
    ).fetchone()[0]
    cur.execute(
        "INSERT INTO survey_answers (response_id, survey_id, item_id, score)"
        " SELECT ?, ?, unnest(?::INTEGER[]), unnest(?::TINYINT[])",
        [response_id, survey_id, list(scores), list(scores.values())],
    )
    return response_id


def insert_imported(cur: duckdb.DuckDBPyConnection, responses: pd.DataFrame, answers: pd.DataFrame) -> None:
    """Imported responses and their answers (frames of ``core.surveys.importer.frames``)."""
    first = cur.execute("SELECT coalesce(max(id), 0) FROM survey_responses").fetchall()[0][0]
    cur.register("import_responses", responses)
    cur.execute(
        "INSERT INTO survey_responses (survey_id, submission_id, channel, respondent_type, sex, age_band,"
        " education, occupation, suggestion, submitted_at)"
        " SELECT survey_id, submission_id, 'import', respondent_type, sex, age_band, education,"
        " occupation, suggestion, submitted_at FROM import_responses ORDER BY row_no"
    )
    cur.register("import_answers", answers)
    cur.execute(
        "INSERT INTO survey_answers (response_id, survey_id, item_id, score)"
        " SELECT r.id, a.survey_id, a.item_id, a.score FROM import_answers a"
        " JOIN survey_responses r ON r.submission_id = a.submission_id WHERE r.id > ?",
        [first],
    )
    cur.unregister("import_responses")
    cur.unregister("import_answers")


def store_aggregates(cur: duckdb.DuckDBPyConnection, survey_id: int) -> None:
    """The counts a purged survey keeps: per item and score, and respondents, overall and by group."""
    sid = survey_id
    cur.execute(
        "INSERT INTO survey_agg_answers SELECT survey_id, 'all', '', item_id, score, count(*)"
        " FROM survey_answers WHERE survey_id = ? GROUP BY ALL",
        [sid],
    )
    cur.execute(
        "INSERT INTO survey_agg_respondents SELECT ?, 'all', '', count(*)"
        " FROM survey_responses WHERE survey_id = ?",
        [sid, sid],
    )
    for field in DEMOGRAPHIC_FIELDS:  # names are fixed in code
        cur.execute(
            f"INSERT INTO survey_agg_answers SELECT a.survey_id, '{field}', coalesce(r.{field}, 'unknown'),"
            " a.item_id, a.score, count(*) FROM survey_answers a JOIN survey_responses r"
            " ON r.id = a.response_id WHERE a.survey_id = ? GROUP BY ALL",
            [sid],
        )
        cur.execute(
            f"INSERT INTO survey_agg_respondents SELECT survey_id, '{field}', coalesce({field}, 'unknown'),"
            " count(*) FROM survey_responses WHERE survey_id = ? GROUP BY ALL",
            [sid],
        )


def store_kept_suggestions(cur: duckdb.DuckDBPyConnection, survey_id: int, kept: list[str]) -> None:
    if kept:
        cur.execute(
            "INSERT INTO survey_kept_suggestions SELECT ?, unnest(range(1, ? + 1)), unnest(?::VARCHAR[])",
            [survey_id, len(kept), kept],
        )


def delete_raw_responses(cur: duckdb.DuckDBPyConnection, survey_id: int, now: datetime) -> None:
    """Delete a survey's answers, responses and tokens and mark it purged."""
    cur.execute("DELETE FROM survey_answers WHERE survey_id = ?", [survey_id])
    cur.execute("DELETE FROM survey_responses WHERE survey_id = ?", [survey_id])
    cur.execute("DELETE FROM survey_tokens WHERE survey_id = ?", [survey_id])
    cur.execute("UPDATE surveys SET purged_at = ?, updated_at = ? WHERE id = ?", [now, now, survey_id])


def earlier_import(cur: duckdb.DuckDBPyConnection, survey_id: int, content_sha256: str) -> dict | None:
    """The earlier import of a file with this content into this survey, if any."""
    cur.execute(
        "SELECT filename, imported_at, imported_by, rows FROM survey_imports"
        " WHERE survey_id = ? AND content_sha256 = ?",
        [survey_id, content_sha256],
    )
    rows = rows_as_dicts(cur)
    return rows[0] if rows else None


def record_import(
    cur: duckdb.DuckDBPyConnection,
    survey_id: int,
    content_sha256: str,
    *,
    filename: str,
    rows: int,
    by: str,
    now: datetime,
) -> None:
    cur.execute(
        "INSERT INTO survey_imports (survey_id, content_sha256, filename, rows, imported_by,"
        " imported_at) VALUES (?, ?, ?, ?, ?, ?)",
        [survey_id, content_sha256, filename, rows, by, now],
    )


def submission_and_public_count(
    cur, submission_id: str, survey_id: int, since
) -> tuple[tuple[int, int] | None, int]:
    """In one statement: the response already stored under ``submission_id`` (id, survey id) or
    None, and the answers from the public page to ``survey_id`` since ``since``."""
    response_id, response_survey, count = cur.execute(
        "SELECT r.id, r.survey_id, (SELECT count(*) FROM survey_responses WHERE survey_id = ?"
        " AND channel = 'public' AND submitted_at >= ?)"
        " FROM (SELECT 1) LEFT JOIN survey_responses r ON r.submission_id = ?",
        [survey_id, since, submission_id],
    ).fetchone()
    return (None if response_id is None else (response_id, response_survey)), count


# ------------------------------------------------------------------ data-subject requests (PDPA)
def contacts_with_phone(cur) -> list[dict]:
    cur.execute(
        "SELECT r.id, s.code AS survey_code, s.title AS survey_title, r.submitted_at,"
        " r.contact_name, r.contact_phone FROM survey_responses r JOIN surveys s ON s.id = r.survey_id"
        " WHERE r.contact_phone IS NOT NULL ORDER BY r.submitted_at"
    )
    return rows_as_dicts(cur)


def erase_contacts(cur, response_ids: list[int]) -> int:
    if not response_ids:
        return 0
    return len(
        cur.execute(
            "UPDATE survey_responses SET contact_name = NULL, contact_phone = NULL"
            " WHERE id IN (SELECT unnest(?::INTEGER[])) RETURNING 1",
            [response_ids],
        ).fetchall()
    )


def suggestions_of(cur, response_ids: list[int]) -> list[tuple[int, str]]:
    if not response_ids:
        return []
    return cur.execute(
        "SELECT id, suggestion FROM survey_responses WHERE id IN (SELECT unnest(?::INTEGER[]))"
        " AND suggestion IS NOT NULL",
        [response_ids],
    ).fetchall()


def set_suggestion(cur, response_id: int, text: str) -> None:
    cur.execute("UPDATE survey_responses SET suggestion = ? WHERE id = ?", [text, response_id])
