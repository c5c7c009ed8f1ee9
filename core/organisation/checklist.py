"""The first-run checklist on the administrator's home page of a new database.

Six steps, each ticked by the data itself (nothing to mark by hand): the organisation profile,
the units, the systems already in service, the working calendar (office hours or a local
holiday), the users beyond the first administrator, and the first satisfaction survey. Each
step names the page where it is done.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from core.organisation import repository as repo
from core.organisation.profile import get_profile


@dataclass(frozen=True)
class Step:
    key: str  # text key org.check.<key>
    page: str  # the page where it is done
    done: bool


def steps(cur: duckdb.DuckDBPyConnection) -> list[Step]:
    counts = repo.setup_counts(cur)
    return [
        Step("profile", "settings", get_profile(cur).is_set),
        Step("units", "organisation", counts["units"] > 0),
        Step("systems", "organisation", counts["systems"] > 0),
        Step("calendar", "settings", counts["office_hours"] > 0 or counts["calendar_days"] > 0),
        Step("users", "admin_users", counts["users"] > 0),
        Step("survey", "surveys", counts["surveys"] > 0),
    ]


def all_done(cur: duckdb.DuckDBPyConnection) -> bool:
    return all(step.done for step in steps(cur))
