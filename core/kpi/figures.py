"""Composition of the dashboard's figures from the KPI contract's DataFrames (pure functions).

Every function takes the small aggregated frames the areas return (see ``core.kpi.sources``)
and plain values, and returns a small frame or number; none touches the database. Percentages
are 0-100 floats; ``None`` means "no data" (a division by zero is never shown as 0 %).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

OVERALL_COLUMNS = [
    "fiscal_year",
    "respondents",
    "answers",
    "mean",
    "sd",
    "percent_satisfaction",
    "percent_top_two",
]
STAGES = list(range(4, 13))


def percent(met: float, total: float) -> float | None:
    """``met / total`` in %, or ``None`` when there is nothing to count."""
    return None if not total else float(met) / float(total) * 100.0


@dataclass(frozen=True)
class Headline:
    """This year's value against last year and against a target (points of %)."""

    value: float | None
    last_year: float | None = None
    target: float | None = None

    @property
    def delta_last_year(self) -> float | None:
        if self.value is None or self.last_year is None:
            return None
        return self.value - self.last_year

    @property
    def delta_target(self) -> float | None:
        if self.value is None or self.target is None:
            return None
        return self.value - self.target

    @property
    def target_met(self) -> bool | None:
        delta = self.delta_target
        return None if delta is None else delta >= 0


# ------------------------------------------------------------------------- satisfaction
def _pool(group: pd.DataFrame) -> pd.Series:
    """One row from several systems' rows: answer-weighted mean, pooled sample S.D."""
    n = group["answers"].astype(float)
    total = n.sum()
    if total <= 0:
        return pd.Series(
            {
                "respondents": int(group["respondents"].sum()),
                "answers": 0,
                "mean": None,
                "sd": None,
                "percent_satisfaction": None,
                "percent_top_two": None,
            }
        )
    mean = float((n * group["mean"].astype(float)).sum() / total)
    sd_i = group["sd"].astype(float).fillna(0.0)
    within = ((n - 1).clip(lower=0) * sd_i**2).sum()
    between = (n * (group["mean"].astype(float) - mean) ** 2).sum()
    sd = math.sqrt((within + between) / (total - 1)) if total > 1 else None
    top = float((n * group["percent_top_two"].astype(float)).sum() / total)
    return pd.Series(
        {
            "respondents": int(group["respondents"].sum()),
            "answers": int(total),
            "mean": mean,
            "sd": sd,
            "percent_satisfaction": mean / 5 * 100,
            "percent_top_two": top,
        }
    )


def overall_for_systems(by_system: pd.DataFrame, system_ids: Iterable[int]) -> pd.DataFrame:
    """Per fiscal year, the overall figures of some systems only (the unit / system filter).

    The mean is weighted by answers, the S.D. pooled (sample S.D., as DuckDB's ``stddev``) and
    ``percent_satisfaction`` is the pooled mean / 5 x 100.
    """
    ids = set(int(i) for i in system_ids)
    rows = by_system[by_system["system_id"].isin(ids)]
    if rows.empty:
        return pd.DataFrame(columns=OVERALL_COLUMNS)
    pooled = [
        dict(fiscal_year=int(fy), **_pool(group).to_dict())
        for fy, group in rows.groupby("fiscal_year", sort=True)
    ]
    return pd.DataFrame(pooled, columns=OVERALL_COLUMNS)


def value_in_year(frame: pd.DataFrame | None, fiscal_year: int, column: str) -> float | None:
    if frame is None or frame.empty:
        return None
    rows = frame[frame["fiscal_year"] == fiscal_year]
    if rows.empty or pd.isna(rows[column].iloc[0]):
        return None
    return float(rows[column].iloc[0])


def satisfaction_headline(overall: pd.DataFrame | None, fiscal_year: int, target: float | None) -> Headline:
    """This fiscal year's percentage satisfaction, last year's and the target."""
    return Headline(
        value_in_year(overall, fiscal_year, "percent_satisfaction"),
        value_in_year(overall, fiscal_year - 1, "percent_satisfaction"),
        target,
    )


def satisfaction_trend(overall: pd.DataFrame, upto: int | None = None) -> pd.DataFrame:
    """The overall figures per fiscal year, oldest first (up to ``upto`` when given)."""
    frame = overall.copy()
    if upto is not None:
        frame = frame[frame["fiscal_year"] <= upto]
    frame = frame[frame["answers"] > 0]
    return frame.sort_values("fiscal_year").reset_index(drop=True)[OVERALL_COLUMNS]


def satisfaction_by_system(
    by_system: pd.DataFrame,
    fiscal_year: int,
    names: dict[int, str],
    system_ids: Iterable[int] | None = None,
    counter_label: str = "-",
) -> pd.DataFrame:
    """This fiscal year's figures per system (best first), with the system's name; surveys of a
    service counter (no system) make one row named ``counter_label``."""
    rows = by_system[by_system["fiscal_year"] == fiscal_year].copy()
    if system_ids is not None:
        rows = rows[rows["system_id"].isin(set(int(i) for i in system_ids))]
    rows["system"] = [counter_label if pd.isna(i) else names.get(int(i), str(i)) for i in rows["system_id"]]
    rows["label"] = system_labels(rows["system_id"], rows["system"])
    rows = rows.sort_values(["percent_satisfaction", "system"], ascending=[False, True])
    return rows[
        [
            "system_id",
            "system",
            "respondents",
            "answers",
            "mean",
            "sd",
            "percent_satisfaction",
            "percent_top_two",
            "label",
        ]
    ].reset_index(drop=True)


def system_labels(system_ids: Iterable, names: Iterable[str]) -> list[str]:
    """One label per system that tells systems apart: the name, and where two systems share a
    name (or a name differs only in case and spaces), the system's number before the name (so a
    long label cut short on a chart axis still shows it)."""
    ids, names = list(system_ids), [str(n) for n in names]
    folded = ["".join(n.split()).casefold() for n in names]
    shared = {f for f, times in Counter(folded).items() if times > 1}
    return [
        f"#{int(i)} {' '.join(n.split())}" if f in shared and not pd.isna(i) else n
        for i, n, f in zip(ids, names, folded)
    ]


def satisfaction_by_section(by_section: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    rows = by_section[by_section["fiscal_year"] == fiscal_year]
    return rows[["section", "answers", "mean", "sd", "percent_satisfaction"]].reset_index(drop=True)


# ------------------------------------------------------------------------------ tickets
def filter_by_systems(frame: pd.DataFrame, system_ids: Iterable[int] | None) -> tuple[pd.DataFrame, bool]:
    """Rows of the chosen systems when the frame carries ``system_id``; also whether it did."""
    if system_ids is None:
        return frame, True
    if "system_id" not in frame.columns:
        return frame, False
    return frame[frame["system_id"].isin(set(int(i) for i in system_ids))], True


def sla_totals(sla: pd.DataFrame, fiscal_year: int) -> dict:
    """Clocks met out of clocks finished in the fiscal year (analysis and resolution together)."""
    rows = sla[sla["fiscal_year"] == fiscal_year]
    total, met = int(rows["total"].sum()), int(rows["met"].sum())
    return {
        "total": total,
        "met": met,
        "breached": int(rows["breached"].sum()),
        "percent": percent(met, total),
    }


def sla_headline(sla: pd.DataFrame, fiscal_year: int) -> Headline:
    return Headline(sla_totals(sla, fiscal_year)["percent"], sla_totals(sla, fiscal_year - 1)["percent"])


def sla_by_type(sla: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    """Per ticket type and clock: total, met, breached, % met, in the fiscal year."""
    rows = sla[sla["fiscal_year"] == fiscal_year]
    grouped = rows.groupby(["type", "clock"], as_index=False)[["total", "met", "breached"]].sum()
    grouped["percent_met"] = [percent(m, t) for m, t in zip(grouped["met"], grouped["total"])]
    return grouped.sort_values(["type", "clock"]).reset_index(drop=True)


def sla_monthly(sla: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    """Per month, type and clock of the fiscal year: total, met, % met (the chart's data)."""
    rows = sla[sla["fiscal_year"] == fiscal_year]
    grouped = rows.groupby(["month", "type", "clock"], as_index=False)[["total", "met", "breached"]].sum()
    grouped["percent_met"] = [percent(m, t) for m, t in zip(grouped["met"], grouped["total"])]
    grouped["month"] = pd.to_datetime(grouped["month"])
    return grouped.sort_values(["month", "type", "clock"]).reset_index(drop=True)


def backlog_totals(backlog: pd.DataFrame) -> dict:
    return {"open": int(backlog["open"].sum()), "breached": int(backlog["breached"].sum())}


# ----------------------------------------------------------------------------- projects
def project_state(current_stage, status) -> str:
    """The bucket a project is counted in: ``"4"``..``"12"``, ``"live"`` or ``"cancelled"``."""
    if status == "cancelled":
        return "cancelled"
    if current_stage is None or pd.isna(current_stage):
        return "live"
    return str(int(current_stage))


def filter_portfolio(
    portfolio: pd.DataFrame, unit_code: str | None, project_ids: Iterable[int] | None
) -> pd.DataFrame:
    rows = portfolio
    if unit_code:
        rows = rows[rows["unit_code"] == unit_code]
    if project_ids is not None:
        rows = rows[rows["project_id"].isin(set(int(i) for i in project_ids))]
    return rows


def projects_by_stage(portfolio: pd.DataFrame) -> pd.DataFrame:
    """Projects per stage 4-12 then live (cancelled left out): [state, projects, overdue]."""
    states = [str(s) for s in STAGES] + ["live"]
    frame = portfolio.assign(
        state=[project_state(c, s) for c, s in zip(portfolio["current_stage"], portfolio["status"])]
    )
    counts = {state: (0, 0) for state in states}
    for state, group in frame.groupby("state"):
        if state in counts:
            counts[state] = (len(group), int(group["overdue"].fillna(False).astype(bool).sum()))
    return pd.DataFrame([{"state": s, "projects": counts[s][0], "overdue": counts[s][1]} for s in states])


def project_totals(portfolio: pd.DataFrame) -> dict:
    states = [project_state(c, s) for c, s in zip(portfolio["current_stage"], portfolio["status"])]
    in_progress = sum(1 for s in states if s not in ("live", "cancelled"))
    return {
        "projects": sum(1 for s in states if s != "cancelled"),
        "in_progress": in_progress,
        "live": states.count("live"),
        "overdue": int(portfolio["overdue"].fillna(False).astype(bool).sum()),
        "rushed_stages": int(portfolio["rushed_stages"].fillna(0).sum()),
    }


def stage_adherence(adherence: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    """Per stage, judged by its kind: deadline stages "on time" (``percent_on_time``), minimum
    stages "not rushed" (``percent_not_rushed``) and "waived"; never one figure for both."""
    rows = adherence[adherence["fiscal_year"] == fiscal_year]
    counts = [
        "finished",
        "on_time",
        "overdue",
        "rushed",
        "finished_deadline",
        "finished_minimum",
        "not_rushed",
        "waived",
    ]
    grouped = rows.groupby("stage_no", as_index=False).agg(
        **{c: (c, "sum") for c in counts}, kind=("kind", "first")
    )
    grouped["percent_on_time"] = [
        percent(o, f) for o, f in zip(grouped["on_time"], grouped["finished_deadline"])
    ]
    grouped["percent_not_rushed"] = [
        percent(o, f) for o, f in zip(grouped["not_rushed"], grouped["finished_minimum"])
    ]
    return grouped.sort_values("stage_no").reset_index(drop=True)


# ------------------------------------------------------------- surveys and proposals
def processing_summary(deadlines: pd.DataFrame, fiscal_year: int) -> dict:
    """Surveys of the year processed within the 2-day standard; pending ones are not counted."""
    rows = deadlines[deadlines["fiscal_year"] == fiscal_year]
    decided = rows[rows["met"].notna()]
    met = int(decided["met"].astype(bool).sum())
    return {
        "surveys": len(rows),
        "decided": len(decided),
        "met": met,
        "late": len(decided) - met,
        "pending": len(rows) - len(decided),
        "percent": percent(met, len(decided)),
    }


def proposal_standards(standards: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    rows = standards[standards["fiscal_year"] == fiscal_year]
    grouped = rows.groupby("step", as_index=False)[["total", "met"]].sum()
    grouped["percent_met"] = [percent(m, t) for m, t in zip(grouped["met"], grouped["total"])]
    return grouped.sort_values("step").reset_index(drop=True)


def proposal_totals(standards: pd.DataFrame, fiscal_year: int) -> dict:
    rows = standards[standards["fiscal_year"] == fiscal_year]
    total, met = int(rows["total"].sum()), int(rows["met"].sum())
    return {"total": total, "met": met, "percent": percent(met, total)}
