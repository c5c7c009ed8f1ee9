"""Reads of the assessors' evidence: the item mapping of a year, the data of each document for a
fiscal year and round, the publications (internal and public), and the LPA check."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import duckdb
import pandas as pd

from core.assessments import repository as repo
from core.assessments import rules
from core.i18n import t
from core.organisation.profile import get_profile
from core.surveys import stats
from core.thaidate import format_month


def items_of_year(cur: duckdb.DuckDBPyConnection, year: int) -> tuple[list[dict], bool]:
    """The item mapping of an assessment year, and whether it is the default (not yet saved)."""
    saved = repo.items_of(cur, year)
    if saved:
        return saved, False
    return [{"item_code": c, "doc_kind": k, "title": t} for c, k, t in rules.DEFAULT_ITEMS], True


def org_name(cur: duckdb.DuckDBPyConnection) -> str:
    """The municipality's name as its organisation profile gives it (empty until set)."""
    return get_profile(cur).name_th


@dataclass
class Evidence:
    """The data of one document: title, the round, and its tables (columns, rows)."""

    kind: str
    fiscal_year: int
    round: str
    start: date
    end: date
    org: str
    tables: list[tuple[str, list[str], list[list]]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    qr: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    percent: float | None = None


def _t(key: str, lang: str, **values) -> str:
    return t(f"assess.doc.{key}", lang, **values)


def _service_stats(cur, ev: Evidence, lang: str) -> None:
    frame = repo.tickets_by_month(cur, ev.start, ev.end)
    if frame.empty:
        ev.lines.append(_t("no_tickets", lang))
        return
    kind = {"problem": _t("problem", lang), "requirement": _t("requirement", lang)}
    monthly = frame.groupby(["y", "m", "type"], as_index=False)["n"].sum()
    months = []
    for (y, m), group in monthly.groupby(["y", "m"], sort=True):
        counts = dict(zip(group["type"], group["n"]))
        months.append(
            [
                format_month(int(y), int(m), lang),
                int(counts.get("problem", 0)),
                int(counts.get("requirement", 0)),
                int(group["n"].sum()),
            ]
        )
    total = int(frame["n"].sum())
    months.append([_t("total", lang), sum(r[1] for r in months), sum(r[2] for r in months), total])
    ev.tables.append(
        (
            _t("by_month", lang),
            [_t("month", lang), kind["problem"], kind["requirement"], _t("total", lang)],
            months,
        )
    )
    by_system = frame.groupby("system", as_index=False)["n"].sum().sort_values("n", ascending=False)
    ev.tables.append(
        (
            _t("by_system", lang),
            [_t("system", lang), _t("tickets", lang)],
            [[s, int(n)] for s, n in zip(by_system["system"], by_system["n"])],
        )
    )
    by_kind = frame.groupby("type", as_index=False)["n"].sum()
    ev.tables.append(
        (
            _t("by_kind", lang),
            [_t("kind", lang), _t("tickets", lang), _t("percent", lang)],
            [
                [kind.get(k, k), int(n), f"{n * 100 / total:.2f}"]
                for k, n in zip(by_kind["type"], by_kind["n"])
            ],
        )
    )


def _satisfaction(cur, ev: Evidence, lang: str) -> None:
    surveys = repo.surveys_closing(cur, ev.start, ev.end)
    counts = repo.score_counts(cur, [s["id"] for s in surveys])
    rows = []
    for s in surveys:
        stat = stats.describe(counts.get(s["id"], {}))
        rows.append(
            [
                s["code"],
                s["title"],
                int(s["respondents"]),
                "-" if stat.mean is None else f"{stat.mean:.2f}",
                "-" if stat.sd is None else f"{stat.sd:.2f}",
                "-" if stat.percent_satisfaction is None else f"{stat.percent_satisfaction:.2f}",
            ]
        )
    overall = stats.describe(stats.pool(*counts.values())) if counts else stats.describe({})
    ev.percent = overall.percent_satisfaction
    ev.lines.append(_t("surveys_closed", lang, n=len(surveys), people=f"{sum(r[2] for r in rows):,}"))
    if ev.percent is not None:
        ev.lines.append(_t("overall", lang, mean=f"{overall.mean:.2f}", percent=f"{ev.percent:.2f}"))
    ev.tables.append(
        (
            _t("per_survey", lang),
            [_t("code", lang), _t("survey", lang), _t("respondents", lang), "x̄", "S.D.", _t("percent", lang)],
            rows,
        )
    )


def _eservices(cur, ev: Evidence, lang: str) -> None:
    services = repo.eservices(cur)
    name = "name_en" if lang == "en" else "name_th"
    ev.tables.append(
        (
            _t("eservices", lang),
            [_t("service", lang), _t("unit", lang), _t("link", lang)],
            [[s[name], s["unit_th"] or "", s["url"] or "-"] for s in services],
        )
    )
    ev.qr = [(s[name], s["url"]) for s in services if s["url"]]


def _projects(cur, ev: Evidence, lang: str, followup: bool) -> None:
    projects = repo.projects_of_year(cur, ev.fiscal_year)
    if not followup:
        ev.tables.append(
            (
                _t("action_plan", lang),
                [_t("code", lang), _t("project", lang), _t("unit", lang), _t("budget", lang)],
                [
                    [
                        p["code"],
                        p["name"],
                        p["unit_th"] or "",
                        "-" if p["budget_amount"] is None else f"{p['budget_amount']:,.2f}",
                    ]
                    for p in projects
                ],
            )
        )
        return
    progress = repo.stage_progress(cur, [p["id"] for p in projects], ev.end)
    rows = []
    for p in projects:
        done, total = progress.get(p["id"], (0, 0))
        rows.append(
            [
                p["code"],
                p["name"],
                f"{done}/{total}",
                "-" if not total else f"{done * 100 / total:.0f}",
                _t(f"status_{p['status']}", lang),
            ]
        )
    ev.tables.append(
        (
            _t("progress", lang),
            [
                _t("code", lang),
                _t("project", lang),
                _t("stages_done", lang),
                _t("percent", lang),
                _t("status", lang),
            ],
            rows,
        )
    )
    live = sum(1 for p in projects if p["status"] == "live")
    ev.lines.append(_t("projects_live", lang, n=len(rows), live=live))


def evidence(
    cur: duckdb.DuckDBPyConnection, kind: str, fiscal_year: int, round_: str, today: date, lang: str = "th"
) -> Evidence:
    """The data of one document for a fiscal year and round (up to ``today`` if it has not ended)."""
    start, end = rules.round_bounds(fiscal_year, round_)
    ev = Evidence(kind, fiscal_year, round_, start, min(end, today), org_name(cur))
    if kind == "service_stats":
        _service_stats(cur, ev, lang)
    elif kind == "satisfaction":
        _satisfaction(cur, ev, lang)
    elif kind == "eservices":
        _eservices(cur, ev, lang)
    elif kind in ("action_plan", "followup"):
        _projects(cur, ev, lang, followup=kind == "followup")
    else:
        raise ValueError(kind)
    return ev


def publications(
    cur: duckdb.DuckDBPyConnection, *, public: bool, fiscal_year: int | None = None
) -> pd.DataFrame:
    return pd.DataFrame(repo.publications(cur, public=public, fiscal_year=fiscal_year))


def publication_years(cur: duckdb.DuckDBPyConnection) -> list[int]:
    return sorted({p["fiscal_year"] for p in repo.publications(cur, public=True)}, reverse=True)


def lpa_check(cur: duckdb.DuckDBPyConnection, fiscal_year: int, lang: str = "th") -> list[rules.Element]:
    """The LPA citizen-feedback elements of a fiscal year, each with its evidence."""
    start, end = rules.round_bounds(fiscal_year, "12m")
    surveys = repo.surveys_closing(cur, start, end, citizens_only=True)
    counts = repo.score_counts(cur, [s["id"] for s in surveys])
    percent = stats.describe(stats.pool(*counts.values())).percent_satisfaction if counts else None
    return rules.lpa_elements(
        lang=lang,
        surveys=surveys,
        percent=percent,
        presented=repo.lpa_records(cur, fiscal_year, "presented"),
        improvements=repo.lpa_records(cur, fiscal_year, "improvement"),
        smart_cards=repo.lpa_records(cur, fiscal_year, "smart_card"),
        published=repo.published_of_kind(cur, fiscal_year, "satisfaction"),
    )


def eservices(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    """The e-services in service with their links (the links screen)."""
    return repo.eservices(cur)


def publication_file(
    cur: duckdb.DuckDBPyConnection, publication_id: int, *, public: bool
) -> tuple[str, bytes]:
    """A published file as stored (withdrawn ones are not given to the public)."""
    return repo.publication_content(cur, publication_id, public=public)
