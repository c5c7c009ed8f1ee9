"""KPI figures of the surveys area (the KPI contract of the brief), aggregated in DuckDB.

All figures come from answer counts per survey, item and score (``survey_item_counts``: raw
answers, or the aggregates kept after a PDPA purge), so they hold after a purge. Definitions are
those of ``core.surveys.stats``: "no opinion" (score 0) left out; mean over answers; sample S.D.
(n - 1, NULL for a single answer); percent_satisfaction = mean / 5 × 100 from the unrounded mean;
percent_top_two = share of answers 4 or 5 in %. Respondents are counted per survey response.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from core.calendar_store import calendar_around
from core.surveys import rules

_FIGURES = """
    sum(n) AS answers,
    sum(score::DOUBLE * n) / sum(n) AS mean,
    CASE WHEN sum(n) > 1 THEN sqrt(greatest(
        (sum(score::DOUBLE * score * n) - sum(score::DOUBLE * n) * sum(score::DOUBLE * n) / sum(n))
        / (sum(n) - 1), 0)) END AS sd,
    sum(score::DOUBLE * n) / sum(n) / 5 * 100 AS percent_satisfaction,
    100.0 * coalesce(sum(n) FILTER (WHERE score >= 4), 0) / sum(n) AS percent_top_two
"""


def _years(fiscal_years) -> list[int]:
    return [int(y) for y in fiscal_years]


def satisfaction(cur: duckdb.DuckDBPyConnection, fiscal_years: list[int]) -> pd.DataFrame:
    """[fiscal_year, system_id, respondents, answers, mean, sd, percent_satisfaction,
    percent_top_two], one row per fiscal year and system (surveys of a counter: system_id NULL)."""
    return cur.execute(
        f"""
        WITH s AS (SELECT id, fiscal_year, system_id FROM surveys WHERE list_contains(?, fiscal_year)),
        c AS (SELECT s.fiscal_year, s.system_id, ic.score, ic.n FROM survey_item_counts ic
              JOIN s ON s.id = ic.survey_id WHERE ic.score > 0),
        f AS (SELECT fiscal_year, system_id, {_FIGURES} FROM c GROUP BY ALL),
        r AS (SELECT s.fiscal_year, s.system_id, sum(rc.respondents) AS respondents
              FROM survey_respondent_counts rc JOIN s ON s.id = rc.survey_id GROUP BY ALL)
        SELECT f.fiscal_year, f.system_id, coalesce(r.respondents, 0)::BIGINT AS respondents,
               f.answers::BIGINT AS answers, f.mean, f.sd, f.percent_satisfaction, f.percent_top_two
        FROM f LEFT JOIN r ON r.fiscal_year = f.fiscal_year
                          AND r.system_id IS NOT DISTINCT FROM f.system_id
        ORDER BY f.fiscal_year, f.system_id NULLS LAST""",
        [_years(fiscal_years)],
    ).df()


def satisfaction_by_section(cur: duckdb.DuckDBPyConnection, fiscal_years: list[int]) -> pd.DataFrame:
    """[fiscal_year, section, answers, mean, sd, percent_satisfaction] by section title."""
    return cur.execute(
        f"""
        WITH c AS (SELECT s.fiscal_year, sec.title AS section, ic.score, ic.n
                   FROM survey_item_counts ic JOIN surveys s ON s.id = ic.survey_id
                   JOIN survey_items i ON i.id = ic.item_id JOIN survey_sections sec ON sec.id = i.section_id
                   WHERE list_contains(?, s.fiscal_year) AND ic.score > 0)
        SELECT fiscal_year, section, {_FIGURES} FROM c GROUP BY ALL ORDER BY fiscal_year, section
        """,
        [_years(fiscal_years)],
    ).df()[["fiscal_year", "section", "answers", "mean", "sd", "percent_satisfaction", "percent_top_two"]]


def satisfaction_overall(cur: duckdb.DuckDBPyConnection, fiscal_years: list[int]) -> pd.DataFrame:
    """[fiscal_year, respondents, answers, mean, sd, percent_satisfaction, percent_top_two]."""
    return cur.execute(
        f"""
        WITH s AS (SELECT id, fiscal_year FROM surveys WHERE list_contains(?, fiscal_year)),
        f AS (SELECT s.fiscal_year, {_FIGURES} FROM survey_item_counts ic JOIN s ON s.id = ic.survey_id
              WHERE ic.score > 0 GROUP BY ALL),
        r AS (SELECT s.fiscal_year, sum(rc.respondents) AS respondents
              FROM survey_respondent_counts rc JOIN s ON s.id = rc.survey_id GROUP BY ALL)
        SELECT f.fiscal_year, coalesce(r.respondents, 0)::BIGINT AS respondents, f.answers::BIGINT AS answers,
               f.mean, f.sd, f.percent_satisfaction, f.percent_top_two
        FROM f LEFT JOIN r USING (fiscal_year) ORDER BY f.fiscal_year""",
        [_years(fiscal_years)],
    ).df()


def processing_deadlines(cur: duckdb.DuckDBPyConnection, fiscal_years: list[int]) -> pd.DataFrame:
    """[survey_id, system_id, fiscal_year, closes_on, processed_at, due_at, met]: due at the end of
    the second working day after the close (manual step 18); met None while not processed."""
    frame = cur.execute(
        "SELECT id AS survey_id, system_id, fiscal_year, closes_on, processed_at FROM surveys"
        " WHERE list_contains(?, fiscal_year) ORDER BY fiscal_year, closes_on, id",
        [_years(fiscal_years)],
    ).df()
    due, met = [], []
    calendars: dict[int, object] = {}
    for closes_on, processed_at in zip(frame["closes_on"], frame["processed_at"]):
        closes = pd.Timestamp(closes_on).date()
        calendar = calendars.get(closes.year)
        if calendar is None:
            calendar = calendars[closes.year] = calendar_around(cur, closes)
        due_at = rules.processing_due(closes, calendar.add_working_days, calendar.end_of_day)
        due.append(due_at)
        met.append(
            None if pd.isna(processed_at) else bool(pd.Timestamp(processed_at) <= pd.Timestamp(due_at))
        )
    frame["due_at"] = pd.Series(due, dtype="datetime64[us]") if due else pd.Series([], dtype="datetime64[us]")
    frame["met"] = pd.Series(met, dtype="object")
    return frame


def surveys_of_system(cur: duckdb.DuckDBPyConnection, system_id: int) -> pd.DataFrame:
    """[id, code, title, fiscal_year, responses, percent_satisfaction] of one system's surveys.

    The counts are read for the system's own surveys only (their ids as a list of values): a
    join with them left DuckDB counting every answer of every survey first, 10 ms at ten years
    of answers for one system's ten surveys (issue 18)."""
    ids = [
        row[0]
        for row in cur.execute("SELECT id FROM surveys WHERE system_id = ?", [int(system_id)]).fetchall()
    ]
    marks = ", ".join("?" * len(ids)) or "NULL"
    return cur.execute(
        f"""
        WITH f AS (SELECT survey_id, sum(score::DOUBLE * n) / sum(n) / 5 * 100 AS percent_satisfaction
                   FROM survey_item_counts WHERE survey_id IN ({marks}) AND score > 0 GROUP BY ALL),
        r AS (SELECT survey_id, sum(respondents) AS responses FROM survey_respondent_counts
              WHERE survey_id IN ({marks}) GROUP BY ALL)
        SELECT s.id, s.code, s.title, s.fiscal_year, coalesce(r.responses, 0)::BIGINT AS responses,
               f.percent_satisfaction
        FROM surveys s LEFT JOIN f ON f.survey_id = s.id LEFT JOIN r ON r.survey_id = s.id
        WHERE s.system_id = ?
        ORDER BY s.fiscal_year DESC, s.code""",
        [*ids, *ids, int(system_id)],
    ).df()
