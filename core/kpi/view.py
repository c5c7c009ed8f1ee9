"""What the KPI dashboard screen shows for one choice of filters, computed once.

``dashboard_view`` turns a loaded ``services.Dashboard`` into the tiles' numbers, each chart as a
ready Vega-Lite spec and the small display tables behind the tiles, so that the page only draws
them (and can cache the whole view by its filter's plain values). Texts stay in the page: the view
holds numbers, frames and specs. The lists that depend on a click (the projects of a picked
stage, the surveys of a picked system) are computed on demand from ``portfolio`` and
``system_names``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.kpi import charts, figures, services, tables


@dataclass(frozen=True, eq=False)  # eq=False: frames do not compare with ==
class DashboardView:
    fiscal_year: int
    target: float
    has_data: bool
    unfiltered: tuple[str, ...]  # figures the unit/system filter could not narrow
    # the tiles
    satisfaction: figures.Headline
    sla: figures.Headline
    backlog_totals: dict  # open, breached
    project_totals: dict  # projects, in_progress, live, overdue, rushed_stages
    processing: dict  # figures.processing_summary
    proposal_totals: dict  # total, met, percent
    plan_share: dict | None
    # the tiles' lists and the tables, with translated headers
    trend_table: pd.DataFrame
    sla_table: pd.DataFrame
    backlog_table: pd.DataFrame
    overdue_projects_table: pd.DataFrame
    processing_table: pd.DataFrame
    steps_table: pd.DataFrame
    adherence_table: pd.DataFrame | None  # None: no stage of the year to judge
    # the charts (Vega-Lite specs); None: the figure has no data, or the year has none at all
    trend_spec: dict | None
    system_spec: dict | None
    section_spec: dict | None
    sla_spec: dict | None
    backlog_spec: dict | None
    stage_spec: dict | None
    steps_spec: dict | None
    # what the lists opened by a click on a bar need
    system_names: dict[int, str]
    portfolio: pd.DataFrame

    @property
    def chart_specs(self) -> dict[str, dict | None]:
        """Every chart's spec by its name (as ``charts.<name>_chart``)."""
        return {
            "trend": self.trend_spec,
            "system": self.system_spec,
            "section": self.section_spec,
            "sla": self.sla_spec,
            "backlog": self.backlog_spec,
            "stage": self.stage_spec,
            "steps": self.steps_spec,
        }

    def stage_projects_table(self, state: str, lang: str) -> pd.DataFrame:
        """The projects of one bar of the stage chart (``"4"``..``"12"`` or ``"live"``)."""
        return tables.portfolio_list(self.portfolio, lang, state)


def dashboard_view(board: services.Dashboard, lang: str, counter_label: str) -> DashboardView:
    """Everything the dashboard shows for ``board`` in ``lang``; ``counter_label`` names the
    surveys of a service counter (no system) on the per-system chart."""
    fy = board.fiscal_year
    has_data = board.has_data
    trend = figures.satisfaction_trend(board.overall, upto=fy)
    per_system = figures.satisfaction_by_system(
        board.by_system, fy, board.system_names, counter_label=counter_label
    )
    per_section = figures.satisfaction_by_section(board.by_section, fy)
    monthly = figures.sla_monthly(board.sla, fy)
    adherence = figures.stage_adherence(board.adherence, fy)
    steps = figures.proposal_standards(board.standards, fy)
    processing = figures.processing_summary(board.processing, fy)
    overdue = board.portfolio[board.portfolio["overdue"].fillna(False).astype(bool)]

    def chart_of(frame: pd.DataFrame, build) -> dict | None:
        # A year without any data shows no chart at all (the page says so instead). The spec is
        # not validated against the Vega-Lite schema here: that took a third of the dashboard's
        # figure work on every uncached run, and the charts' own tests validate each builder.
        return None if not has_data or frame.empty else build().to_dict(validate=False)

    return DashboardView(
        fiscal_year=fy,
        target=board.target,
        has_data=has_data,
        unfiltered=tuple(board.unfiltered),
        satisfaction=figures.satisfaction_headline(board.overall, fy, board.target),
        sla=figures.sla_headline(board.sla, fy),
        backlog_totals=figures.backlog_totals(board.backlog),
        project_totals=figures.project_totals(board.portfolio),
        processing=processing,
        proposal_totals=figures.proposal_totals(board.standards, fy),
        plan_share=board.plan_share,
        trend_table=tables.trend_table(trend, lang),
        sla_table=tables.sla_table(figures.sla_by_type(board.sla, fy), lang),
        backlog_table=tables.backlog_table(board.backlog, lang),
        overdue_projects_table=tables.portfolio_list(overdue, lang),
        processing_table=tables.processing_table(processing, lang),
        steps_table=tables.steps_table(steps, lang),
        adherence_table=None if adherence.empty else tables.adherence_table(adherence, lang),
        trend_spec=chart_of(trend, lambda: charts.trend_chart(trend, board.target, lang)),
        system_spec=chart_of(per_system, lambda: charts.system_chart(per_system, board.target, lang)),
        section_spec=chart_of(per_section, lambda: charts.section_chart(per_section, lang)),
        sla_spec=chart_of(monthly, lambda: charts.sla_chart(monthly, lang)),
        backlog_spec=chart_of(board.backlog, lambda: charts.backlog_chart(board.backlog, lang)),
        stage_spec=chart_of(
            board.portfolio, lambda: charts.stage_chart(figures.projects_by_stage(board.portfolio), lang)
        ),
        steps_spec=chart_of(steps, lambda: charts.steps_chart(steps, lang)),
        system_names=dict(board.system_names),
        portfolio=board.portfolio,
    )
