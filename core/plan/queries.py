"""Reads of the plan area: the register screen, a proposal's citation, the dashboard share."""

from __future__ import annotations

import duckdb
import pandas as pd

from core.plan import repository as repo
from core.plan import rules


def editions(cur: duckdb.DuckDBPyConnection, lang: str = "th") -> list[dict]:
    found = repo.editions(cur)
    for e in found:
        e["label"] = rules.edition_label(e["kind"], e["first_year"], e["last_year"], e["number"], lang)
    return found


def register(cur: duckdb.DuckDBPyConnection, edition_id: int | None = None, lang: str = "th") -> pd.DataFrame:
    """Plan lines grouped strategy -> programme -> line, with budgets per year."""
    frame = repo.lines_with_budgets(cur, edition_id)
    if frame.empty:
        return frame
    frame["edition"] = [
        rules.edition_label(k, f, la, n, lang)
        for k, f, la, n in zip(frame["kind"], frame["first_year"], frame["last_year"], frame["number"])
    ]
    return frame[
        ["id", "edition", "strategy", "programme", "line_no", "title", "unit_th", "budgets", "total"]
    ]


def line_choices(cur: duckdb.DuckDBPyConnection, lang: str = "th") -> dict[int, str]:
    frame = repo.lines_with_budgets(cur)
    return {int(r["id"]): rules.line_label(r, lang) for r in frame.to_dict("records")}


def citation_of(cur: duckdb.DuckDBPyConnection, proposal_id: int | None, lang: str = "th") -> dict | None:
    """``{"status", "text", "line_id", "note"}`` or None when the proposal says nothing yet."""
    if proposal_id is None:
        return None
    found = repo.citation(cur, int(proposal_id))
    if found is None:
        return None
    if found["status"] == "cited":
        line = repo.get_line(cur, found["line_id"])
        return {
            "status": "cited",
            "line_id": found["line_id"],
            "note": "",
            "text": rules.line_label(line, lang),
        }
    return {"status": "not_in_plan", "line_id": None, "note": found["note"], "text": found["note"]}


def share_from_plan(cur: duckdb.DuckDBPyConnection, fiscal_year: int) -> dict:
    """For the dashboard: ``{"projects", "from_plan", "percent"}`` of a fiscal year."""
    total, cited = repo.projects_from_plan(cur, fiscal_year)
    return {"projects": total, "from_plan": cited, "percent": rules.share_from_plan(total, cited)}


def citation_sentence(cur: duckdb.DuckDBPyConnection, proposal_id: int) -> str | None:
    """The sentence a proposal's PDF prints about the plan (Thai: an official document)."""
    current = citation_of(cur, proposal_id, "th")
    if current is None:
        return None
    if current["status"] == "cited":
        return "ความสอดคล้องกับแผนพัฒนาท้องถิ่น: " + current["text"]
    return "ความสอดคล้องกับแผนพัฒนาท้องถิ่น: ไม่อยู่ในแผน ต้องเพิ่มเติม/เปลี่ยนแปลงแผนพัฒนาท้องถิ่น (" + current["text"] + ")"
