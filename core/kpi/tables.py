"""Display tables of the dashboard and the report: figures' frames with translated headers."""

from __future__ import annotations

import pandas as pd

from core.i18n import t
from core.kpi import charts, figures
from core.numbers import r2
from core.thaidate import format_datetime


def _round(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    out = frame.copy()
    for c in columns:
        if c in out.columns:
            out[c] = pd.to_numeric(out[c], errors="coerce").astype(float).map(r2)
    return out


# Columns that count things: shown as whole numbers (9,135 answers, never "9,135.00").
COUNT_COLUMNS = frozenset(
    {
        "respondents",
        "answers",
        "total",
        "met",
        "breached",
        "open",
        "finished",
        "on_time",
        "overdue",
        "rushed",
        "not_rushed",
        "waived",
        "projects",
        "surveys",
        "late",
        "pending",
        "ratings",
        "rushed_stages",
        "days_in_stage",
        "fiscal_year",
    }
)


def _rename(frame: pd.DataFrame, mapping: dict[str, str], lang: str) -> pd.DataFrame:
    out = frame[list(mapping)].copy()
    for column in out.columns:
        if column in COUNT_COLUMNS and pd.api.types.is_numeric_dtype(out[column]):
            out[column] = pd.to_numeric(out[column], errors="coerce").round().astype("Int64")
    return out.rename(columns={c: t(k, lang) for c, k in mapping.items()})


def trend_table(trend: pd.DataFrame, lang: str) -> pd.DataFrame:
    frame = _round(trend, ["mean", "sd", "percent_satisfaction", "percent_top_two"])
    return _rename(
        frame,
        {
            "fiscal_year": "kpi.col.fiscal_year",
            "respondents": "kpi.col.respondents",
            "answers": "kpi.col.answers",
            "mean": "kpi.col.mean",
            "sd": "kpi.col.sd",
            "percent_satisfaction": "kpi.col.percent_satisfaction",
            "percent_top_two": "kpi.col.percent_top_two",
        },
        lang,
    )


def system_table(by_system: pd.DataFrame, lang: str) -> pd.DataFrame:
    frame = _round(by_system, ["mean", "sd", "percent_satisfaction", "percent_top_two"])
    return _rename(
        frame,
        {
            "system": "kpi.col.system",
            "respondents": "kpi.col.respondents",
            "mean": "kpi.col.mean",
            "sd": "kpi.col.sd",
            "percent_satisfaction": "kpi.col.percent_satisfaction",
            "percent_top_two": "kpi.col.percent_top_two",
        },
        lang,
    )


def section_table(by_section: pd.DataFrame, lang: str) -> pd.DataFrame:
    frame = _round(by_section, ["mean", "sd", "percent_satisfaction"])
    return _rename(
        frame,
        {
            "section": "kpi.col.section",
            "answers": "kpi.col.answers",
            "mean": "kpi.col.mean",
            "sd": "kpi.col.sd",
            "percent_satisfaction": "kpi.col.percent_satisfaction",
        },
        lang,
    )


def sla_table(by_type: pd.DataFrame, lang: str) -> pd.DataFrame:
    frame = _round(by_type, ["percent_met"]).assign(
        type=[t(charts.TYPE_KEYS.get(v, "kpi.type.problem"), lang) for v in by_type["type"]],
        clock=[t(charts.CLOCK_KEYS.get(v, "kpi.clock.resolution"), lang) for v in by_type["clock"]],
    )
    return _rename(
        frame,
        {
            "type": "kpi.col.type",
            "clock": "kpi.col.clock",
            "total": "kpi.col.total",
            "met": "kpi.col.met",
            "breached": "kpi.col.breached",
            "percent_met": "kpi.col.percent_met",
        },
        lang,
    )


def backlog_table(backlog: pd.DataFrame, lang: str) -> pd.DataFrame:
    frame = backlog.assign(
        type=[t(charts.TYPE_KEYS.get(v, "kpi.type.problem"), lang) for v in backlog["type"]]
    )
    return _rename(
        frame, {"type": "kpi.col.type", "open": "kpi.col.open", "breached": "kpi.col.breached"}, lang
    )


def stage_table(by_stage: pd.DataFrame, lang: str) -> pd.DataFrame:
    frame = by_stage.assign(state=[charts.state_label(s, lang) for s in by_stage["state"]])
    return _rename(
        frame, {"state": "kpi.col.stage", "projects": "kpi.col.projects", "overdue": "kpi.col.overdue"}, lang
    )


def adherence_table(adherence: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Deadline stages show "on time"/"overdue", minimum stages "not rushed"/"waived"; a figure
    that does not apply to a stage's kind is left empty (never 0)."""
    deadline = adherence["kind"] == "deadline"
    frame = _round(adherence, ["percent_on_time", "percent_not_rushed"]).assign(
        stage_no=[charts.state_label(str(int(s)), lang) for s in adherence["stage_no"]],
        kind=[t(f"kpi.stage_kind.{k}", lang) for k in adherence["kind"]],
    )
    for column in ("on_time", "overdue", "percent_on_time"):
        frame[column] = frame[column].astype(object).where(deadline, None)
    for column in ("not_rushed", "waived", "percent_not_rushed"):
        frame[column] = frame[column].astype(object).where(~deadline, None)
    return _rename(
        frame,
        {
            "stage_no": "kpi.col.stage",
            "kind": "kpi.col.stage_kind",
            "finished": "kpi.col.finished",
            "on_time": "kpi.col.on_time",
            "overdue": "kpi.col.overdue",
            "percent_on_time": "kpi.col.percent_on_time",
            "not_rushed": "kpi.col.not_rushed",
            "waived": "kpi.col.waived",
            "percent_not_rushed": "kpi.col.percent_not_rushed",
        },
        lang,
    )


def steps_table(steps: pd.DataFrame, lang: str) -> pd.DataFrame:
    keys = {1: "kpi.step.1", 2: "kpi.step.2", 3: "kpi.step.3"}
    frame = _round(steps, ["percent_met"]).assign(
        step=[t(keys.get(int(s), "kpi.step.1"), lang) for s in steps["step"]]
    )
    return _rename(
        frame,
        {
            "step": "kpi.col.step",
            "total": "kpi.col.total",
            "met": "kpi.col.met",
            "percent_met": "kpi.col.percent_met",
        },
        lang,
    )


def processing_table(summary: dict, lang: str) -> pd.DataFrame:
    pct = summary["percent"]
    return pd.DataFrame(
        [
            {
                t("kpi.col.surveys", lang): summary["surveys"],
                t("kpi.col.met", lang): summary["met"],
                t("kpi.col.late", lang): summary["late"],
                t("kpi.col.pending", lang): summary["pending"],
                t("kpi.col.percent_met", lang): r2(pct),
            }
        ]
    )


def portfolio_list(portfolio: pd.DataFrame, lang: str, state: str | None = None) -> pd.DataFrame:
    """The projects behind the stage chart (optionally of one stage)."""
    frame = portfolio.assign(
        state=[figures.project_state(c, s) for c, s in zip(portfolio["current_stage"], portfolio["status"])]
    )
    if state is not None:
        frame = frame[frame["state"] == state]
    frame = frame.assign(
        stage=[charts.state_label(s, lang) for s in frame["state"]],
        overdue=frame["overdue"].fillna(False).astype(bool),
    )
    return _rename(
        frame,
        {
            "code": "kpi.col.code",
            "name": "kpi.col.name",
            "stage": "kpi.col.stage",
            "days_in_stage": "kpi.col.days_in_stage",
            "overdue": "kpi.col.overdue",
            "rushed_stages": "kpi.col.rushed",
        },
        lang,
    )


def system_tickets_table(tickets: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The tickets of one system (traceability) with Thai headings, types, statuses and dates."""
    out = tickets.copy()
    out["type"] = out["type"].map(lambda v: t(f"tickets.type.{v}", lang))
    out["status"] = out["status"].map(lambda v: t(f"tickets.status.{v}", lang))
    out["reported_at"] = out["reported_at"].map(lambda v: "" if pd.isna(v) else format_datetime(v, lang))
    mapping = {
        "code": "kpi.col.code",
        "type": "kpi.col.type",
        "title": "kpi.col.title",
        "status": "kpi.col.status",
        "reported_at": "kpi.col.reported_at",
    }
    return _rename(out, mapping, lang)


def system_surveys_table(surveys: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The surveys of one system (traceability, the dashboard's picked bar) with Thai headings."""
    out = _round(surveys, ["percent_satisfaction"])
    mapping = {
        "code": "kpi.col.code",
        "title": "kpi.col.title",
        "fiscal_year": "kpi.col.fiscal_year",
        "responses": "kpi.col.respondents",
        "percent_satisfaction": "kpi.col.percent_satisfaction",
    }
    return _rename(out, mapping, lang)
