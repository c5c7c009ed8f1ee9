"""Reads of the surveys screens: what the pages show, as plain rows or DataFrames (values only as
``?`` parameters). Reads that the services also need live in ``repository.py`` and are named here."""

from __future__ import annotations

import duckdb
import pandas as pd

from core.errors import NotFound
from core.organisation.profile import get_profile
from core.surveys.repository import (  # noqa: F401 - the screens read these too
    SURVEY_COLUMNS,
    answered_survey_ids,
    fiscal_years,
    get_survey,
    get_survey_by_code,
    open_internal_surveys,
    purgeable,
    response_count,
    sections_and_items,
)
from core.surveys.services import rate_per_minute, retention_days


def public_form(cur, code: str) -> dict | None:
    """What the public page shows for ``code``: the survey, its items, the days of the privacy
    notice, the rate limit per client and the town's names (``{"th": ..., "en": ...}``); None for
    an unknown code. Whether the survey is public and open today is the page's to judge."""
    try:
        survey = get_survey_by_code(cur, code)
    except NotFound:
        return None
    profile = get_profile(cur)
    return {
        "survey": survey,
        "items": sections_and_items(cur, survey["id"]),
        "retention_days": retention_days(cur),
        "rate_per_minute": rate_per_minute(cur),
        "org": {"th": profile.name_th, "en": profile.name_en},
    }


def contacts(cur, survey_id: int) -> pd.DataFrame:
    """People who opted in to be contacted (IT staff only; purged with the raw answers)."""
    return cur.execute(
        "SELECT submitted_at, contact_name, contact_phone FROM survey_responses"
        " WHERE survey_id = ? AND (contact_phone IS NOT NULL OR contact_name IS NOT NULL)"
        " ORDER BY submitted_at",
        [int(survey_id)],
    ).df()


def list_surveys(cur: duckdb.DuckDBPyConnection, fiscal_year: int | None = None) -> pd.DataFrame:
    where, params = ("WHERE s.fiscal_year = ?", [fiscal_year]) if fiscal_year else ("", [])
    return cur.execute(
        f"SELECT {SURVEY_COLUMNS}, coalesce(r.respondents, 0) AS responses"
        " FROM surveys s LEFT JOIN systems sy ON sy.id = s.system_id"
        " LEFT JOIN (SELECT survey_id, sum(respondents) AS respondents FROM survey_respondent_counts"
        "            GROUP BY ALL) r ON r.survey_id = s.id"
        f" {where} ORDER BY s.fiscal_year DESC, s.code",
        params,
    ).df()


def tokens_of(cur, survey_id: int) -> pd.DataFrame:
    return cur.execute(
        "SELECT token, created_at, used_at FROM survey_tokens WHERE survey_id = ? ORDER BY created_at, token",
        [int(survey_id)],
    ).df()
