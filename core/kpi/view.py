"""What the KPI dashboard screen shows for one choice of filters, each part computed once.

``dashboard_view`` wraps a loaded ``services.Dashboard``: the tiles' numbers are computed at once
(every load shows them); the small display tables behind the tiles and each chart as a ready
Vega-Lite spec are computed the first time the page asks for them and then kept, since the page
draws only the open tab and the opened lists (issue 18: a cold dashboard built seven charts and
seven tables for a screen that shows three charts). The page keeps one view per filter for a
while and shares it between sessions, so nothing here may change a frame it hands out. Texts stay
in the page: the view holds numbers, frames and specs. The lists that depend on a click (the
projects of a picked stage, the surveys of a picked system) are computed on demand from
``portfolio`` and ``system_names``.

The parts built from figures that only records move (``RecordedView``: satisfaction and the
proposals' time standards, their tables and charts) can outlive the view: a ``DashboardView``
given an earlier ``RecordedView`` of the same filter and records shares its built parts, and only
what moves with the clock is new (``services.with_clock_figures``).
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from core.kpi import charts, figures, services, tables

CHART_NAMES = ("trend", "system", "section", "sla", "backlog", "stage", "steps")


class RecordedView:
    """The parts of the dashboard that only recorded figures move, built when first asked for;
    ``board`` may lack the clock's figures (``services.load_recorded_figures``)."""

    def __init__(self, board: services.Dashboard, lang: str, counter_label: str):
        self.board, self._lang, self._counter_label = board, lang, counter_label
        self.fiscal_year: int = board.fiscal_year

    @cached_property
    def trend(self) -> pd.DataFrame:
        return figures.satisfaction_trend(self.board.overall, upto=self.fiscal_year)

    @cached_property
    def per_system(self) -> pd.DataFrame:
        board = self.board
        return figures.satisfaction_by_system(
            board.by_system, self.fiscal_year, board.system_names, counter_label=self._counter_label
        )

    @cached_property
    def per_section(self) -> pd.DataFrame:
        return figures.satisfaction_by_section(self.board.by_section, self.fiscal_year)

    @cached_property
    def steps(self) -> pd.DataFrame:
        return figures.proposal_standards(self.board.standards, self.fiscal_year)

    @cached_property
    def trend_table(self) -> pd.DataFrame:
        return tables.trend_table(self.trend, self._lang)

    @cached_property
    def steps_table(self) -> pd.DataFrame:
        return tables.steps_table(self.steps, self._lang)

    # the charts: None when their figure is empty
    @cached_property
    def trend_spec(self) -> dict | None:
        lang, target = self._lang, self.board.target
        return _spec(self.trend, lambda: charts.trend_chart(self.trend, target, lang))

    @cached_property
    def system_spec(self) -> dict | None:
        lang, target = self._lang, self.board.target
        return _spec(self.per_system, lambda: charts.system_chart(self.per_system, target, lang))

    @cached_property
    def section_spec(self) -> dict | None:
        return _spec(self.per_section, lambda: charts.section_chart(self.per_section, self._lang))

    @cached_property
    def steps_spec(self) -> dict | None:
        return _spec(self.steps, lambda: charts.steps_chart(self.steps, self._lang))


def _spec(frame: pd.DataFrame, build) -> dict | None:
    return None if frame.empty else charts.spec(build())


class DashboardView:
    """The dashboard for one board in one language (see the module's docstring)."""

    def __init__(
        self,
        board: services.Dashboard,
        lang: str,
        counter_label: str,
        recorded: RecordedView | None = None,
    ):
        fy = board.fiscal_year
        self._board, self._lang = board, lang
        self._recorded = recorded if recorded is not None else RecordedView(board, lang, counter_label)
        self.board: services.Dashboard = board  # the figures as loaded (the report's preview reads them)
        self.fiscal_year: int = fy
        self.target: float = board.target
        self.has_data: bool = board.has_data
        self.unfiltered: tuple[str, ...] = tuple(board.unfiltered)  # not narrowed by unit/system
        # the tiles
        self.satisfaction: figures.Headline = figures.satisfaction_headline(board.overall, fy, board.target)
        self.sla: figures.Headline = figures.sla_headline(board.sla, fy)
        self.backlog_totals: dict = figures.backlog_totals(board.backlog)  # open, breached
        # projects, in_progress, live, overdue, rushed_stages
        self.project_totals: dict = figures.project_totals(board.portfolio)
        self.processing: dict = figures.processing_summary(board.processing, fy)
        self.proposal_totals: dict = figures.proposal_totals(board.standards, fy)  # total, met, percent
        self.plan_share: dict | None = board.plan_share
        # what the lists opened by a click on a bar need
        self.system_names: dict[int, str] = dict(board.system_names)
        self.portfolio: pd.DataFrame = board.portfolio

    # ------------------------------------------------------------------ the figures behind them
    @cached_property
    def _monthly(self) -> pd.DataFrame:
        return figures.sla_monthly(self._board.sla, self.fiscal_year)

    # ------------------------------------------------ the tiles' lists and the tables (translated)
    @property
    def trend_table(self) -> pd.DataFrame:
        return self._recorded.trend_table

    @cached_property
    def sla_table(self) -> pd.DataFrame:
        return tables.sla_table(figures.sla_by_type(self._board.sla, self.fiscal_year), self._lang)

    @cached_property
    def backlog_table(self) -> pd.DataFrame:
        return tables.backlog_table(self._board.backlog, self._lang)

    @cached_property
    def overdue_projects_table(self) -> pd.DataFrame:
        portfolio = self.portfolio
        return tables.portfolio_list(portfolio[portfolio["overdue"].fillna(False).astype(bool)], self._lang)

    @cached_property
    def processing_table(self) -> pd.DataFrame:
        return tables.processing_table(self.processing, self._lang)

    @property
    def steps_table(self) -> pd.DataFrame:
        return self._recorded.steps_table

    @cached_property
    def adherence_table(self) -> pd.DataFrame | None:
        """None: no stage of the year to judge."""
        adherence = figures.stage_adherence(self._board.adherence, self.fiscal_year)
        return None if adherence.empty else tables.adherence_table(adherence, self._lang)

    # --------------------------------------- the charts (Vega-Lite specs); None: nothing to draw
    # A year without any data shows no chart at all (the page says so instead).
    @property
    def trend_spec(self) -> dict | None:
        return self._recorded.trend_spec if self.has_data else None

    @property
    def system_spec(self) -> dict | None:
        return self._recorded.system_spec if self.has_data else None

    @property
    def section_spec(self) -> dict | None:
        return self._recorded.section_spec if self.has_data else None

    @cached_property
    def sla_spec(self) -> dict | None:
        return self._spec(self._monthly, lambda: charts.sla_chart(self._monthly, self._lang))

    @cached_property
    def backlog_spec(self) -> dict | None:
        backlog = self._board.backlog
        return self._spec(backlog, lambda: charts.backlog_chart(backlog, self._lang))

    @cached_property
    def stage_spec(self) -> dict | None:
        portfolio = self.portfolio
        return self._spec(
            portfolio, lambda: charts.stage_chart(figures.projects_by_stage(portfolio), self._lang)
        )

    @property
    def steps_spec(self) -> dict | None:
        return self._recorded.steps_spec if self.has_data else None

    def _spec(self, frame: pd.DataFrame, build) -> dict | None:
        return _spec(frame, build) if self.has_data else None

    @property
    def chart_specs(self) -> dict[str, dict | None]:
        """Every chart's spec by its name (as ``charts.<name>_chart``); builds those not built yet."""
        return {name: getattr(self, f"{name}_spec") for name in CHART_NAMES}

    def stage_projects_table(self, state: str, lang: str) -> pd.DataFrame:
        """The projects of one bar of the stage chart (``"4"``..``"12"`` or ``"live"``)."""
        return tables.portfolio_list(self.portfolio, lang, state)


def dashboard_view(
    board: services.Dashboard, lang: str, counter_label: str, recorded: RecordedView | None = None
) -> DashboardView:
    """Everything the dashboard shows for ``board`` in ``lang``; ``counter_label`` names the
    surveys of a service counter (no system) on the per-system chart. ``recorded``: the parts
    already built for the same filter and records (see the module's docstring)."""
    return DashboardView(board, lang, counter_label, recorded)
