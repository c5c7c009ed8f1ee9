"""What the dashboard screen shows for one filter (``core.kpi.view``), on the demo data, and the
page computing it once per filter."""

import pandas as pd
import pytest

from core.kpi import charts, figures, services, sources, tables, view
from tests.conftest import FIXED_NOW, goto

FY, LAST = 2570, 2569  # FIXED_NOW is in FY 2570; the demo holds FY 2569-2570
EMPTY_YEAR = 2561
COUNTER = "จุดบริการ"


def _board(database, fiscal_year: int = FY, **filters) -> services.Dashboard:
    with database.read() as cur:
        return services.load_dashboard(cur, FIXED_NOW, services.Filters(fiscal_year, **filters))


def _figure_frames(board: services.Dashboard) -> dict[str, pd.DataFrame]:
    """The frame each chart is drawn from, as the figures give it."""
    fy = board.fiscal_year
    return {
        "trend": figures.satisfaction_trend(board.overall, upto=fy),
        "system": figures.satisfaction_by_system(
            board.by_system, fy, board.system_names, counter_label=COUNTER
        ),
        "section": figures.satisfaction_by_section(board.by_section, fy),
        "sla": figures.sla_monthly(board.sla, fy),
        "backlog": board.backlog,
        "stage": board.portfolio,
        "steps": figures.proposal_standards(board.standards, fy),
    }


def test_the_tiles_hold_the_values_the_figures_give_for_the_same_board(demo_db):
    board = _board(demo_db)
    shown = view.dashboard_view(board, "th", COUNTER)
    assert shown.has_data and shown.fiscal_year == FY and shown.target == board.target
    assert shown.satisfaction == figures.satisfaction_headline(board.overall, FY, board.target)
    assert shown.satisfaction.value is not None and shown.satisfaction.last_year is not None
    assert shown.sla == figures.sla_headline(board.sla, FY)
    assert shown.backlog_totals == figures.backlog_totals(board.backlog)
    assert shown.project_totals == figures.project_totals(board.portfolio)
    assert shown.processing == figures.processing_summary(board.processing, FY)
    assert shown.proposal_totals == figures.proposal_totals(board.standards, FY)
    assert shown.plan_share == board.plan_share
    assert shown.unfiltered == tuple(board.unfiltered)


def test_the_tiles_lists_are_the_tables_of_the_same_figures(demo_db):
    board = _board(demo_db)
    shown = view.dashboard_view(board, "en", COUNTER)
    overdue = board.portfolio[board.portfolio["overdue"].fillna(False).astype(bool)]
    expected = {
        "trend_table": tables.trend_table(figures.satisfaction_trend(board.overall, FY), "en"),
        "sla_table": tables.sla_table(figures.sla_by_type(board.sla, FY), "en"),
        "backlog_table": tables.backlog_table(board.backlog, "en"),
        "overdue_projects_table": tables.portfolio_list(overdue, "en"),
        "processing_table": tables.processing_table(figures.processing_summary(board.processing, FY), "en"),
        "steps_table": tables.steps_table(figures.proposal_standards(board.standards, FY), "en"),
        "adherence_table": tables.adherence_table(figures.stage_adherence(board.adherence, FY), "en"),
    }
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(getattr(shown, name), frame, obj=name)


def test_a_picked_stage_lists_the_projects_of_that_stage_only(demo_db):
    board = _board(demo_db)
    shown = view.dashboard_view(board, "th", COUNTER)
    state = figures.project_state(board.portfolio["current_stage"].iloc[0], board.portfolio["status"].iloc[0])
    pd.testing.assert_frame_equal(
        shown.stage_projects_table(state, "th"), tables.portfolio_list(board.portfolio, "th", state)
    )
    assert shown.system_names == board.system_names


def test_each_chart_is_the_spec_of_its_figure_and_none_exactly_when_the_figure_is_empty(demo_db):
    board = _board(demo_db)
    shown = view.dashboard_view(board, "th", COUNTER)
    frames = _figure_frames(board)
    assert set(shown.chart_specs) == set(frames)
    for name, spec in shown.chart_specs.items():
        assert (spec is None) == frames[name].empty, name
    assert shown.system_spec == charts.spec(charts.system_chart(frames["system"], board.target, "th"))
    assert shown.sla_spec == charts.spec(charts.sla_chart(frames["sla"], "th"))


def _rows_in_place(spec: dict) -> dict:
    """``spec`` with each named dataset written where it is used, as plain JSON values."""
    import json

    named = spec.get("datasets", {})

    def resolve(node):
        if isinstance(node, dict):
            return {
                key: {"values": named[value["name"]]}
                if key == "data" and isinstance(value, dict) and value.get("name") in named
                else resolve(value)
                for key, value in node.items()
                if key != "datasets"
            }
        return [resolve(item) for item in node] if isinstance(node, list) else node

    return json.loads(json.dumps(resolve(spec)))


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_drawn_spec_of_each_chart_is_altairs_own_with_the_same_rows(demo_db, lang):
    board = _board(demo_db)
    frames = _figure_frames(board)
    built = {
        "trend": charts.trend_chart(frames["trend"], board.target, lang),
        "system": charts.system_chart(frames["system"], board.target, lang),
        "section": charts.section_chart(frames["section"], lang),
        "sla": charts.sla_chart(frames["sla"], lang),
        "backlog": charts.backlog_chart(frames["backlog"], lang),
        "stage": charts.stage_chart(figures.projects_by_stage(frames["stage"]), lang),
        "steps": charts.steps_chart(frames["steps"], lang),
    }
    for name, chart in built.items():
        # rows by name: Streamlit moves inline top-level values out of a spec, and a layered
        # chart's layers then draw nothing (seen in the browser)
        assert charts.spec(chart)["data"] == {"name": charts.ROWS}, name
        drawn, altair = _rows_in_place(charts.spec(chart)), _rows_in_place(chart.to_dict())
        rows, altair_rows = drawn.pop("data")["values"], altair.pop("data")["values"]
        assert drawn == altair, name
        assert len(rows) == len(altair_rows) > 0, name
        for row, altair_row in zip(rows, altair_rows):
            assert row.keys() == altair_row.keys(), name
            for key, value in row.items():
                if isinstance(value, float):
                    assert value == pytest.approx(altair_row[key], rel=1e-12), (name, key)
                else:
                    assert value == altair_row[key], (name, key)


def test_every_chart_spec_of_the_view_is_valid_vega_lite(demo_db):
    from altair.vegalite.v6.schema.core import TopLevelSpec

    shown = view.dashboard_view(_board(demo_db), "th", COUNTER)  # built without validation
    drawn = [spec for spec in shown.chart_specs.values() if spec is not None]
    assert drawn
    for spec in drawn:
        TopLevelSpec.validate(spec)  # raises on anything the Vega-Lite schema refuses


def test_a_figure_without_data_has_no_chart_while_the_others_keep_theirs(demo_db):
    board = _board(demo_db)
    board.standards = board.standards.iloc[0:0]  # no proposal decided in the year
    shown = view.dashboard_view(board, "th", COUNTER)
    assert shown.has_data
    assert shown.steps_spec is None and shown.proposal_totals["percent"] is None
    assert shown.trend_spec is not None and shown.sla_spec is not None


def test_the_counter_label_names_the_surveys_of_a_service_counter(demo_db):
    board = _board(demo_db)
    board.by_system = pd.concat(
        [
            board.by_system,
            board.by_system[board.by_system["fiscal_year"] == FY].head(1).assign(system_id=None),
        ],
        ignore_index=True,
    )
    shown = view.dashboard_view(board, "th", COUNTER)
    assert COUNTER in [v["label"] for v in shown.system_spec["datasets"][charts.ROWS]]


def test_a_year_without_data_gives_an_empty_view_without_charts(demo_db):
    shown = view.dashboard_view(_board(demo_db, EMPTY_YEAR), "th", COUNTER)
    assert not shown.has_data
    assert all(spec is None for spec in shown.chart_specs.values())
    assert shown.satisfaction.value is None and shown.sla.value is None
    assert shown.adherence_table is None and shown.trend_table.empty


def test_a_unit_filter_narrows_the_view_as_it_narrows_the_board(demo_db):
    with demo_db.read() as cur:
        unit = cur.execute("SELECT owner_unit_code FROM systems ORDER BY id LIMIT 1").fetchone()[0]
    board = _board(demo_db, unit_code=unit)
    shown = view.dashboard_view(board, "th", COUNTER)
    assert shown.satisfaction == figures.satisfaction_headline(board.overall, FY, board.target)
    assert shown.unfiltered == tuple(board.unfiltered) and shown.unfiltered


def test_a_chart_or_a_table_is_built_when_first_asked_for_and_then_kept(demo_db, monkeypatch):
    built = []
    drawn = charts.spec
    monkeypatch.setattr(charts, "spec", lambda chart: built.append(chart) or drawn(chart))
    shown = view.dashboard_view(_board(demo_db), "th", COUNTER)
    assert built == []  # the tiles alone build no chart
    first = shown.trend_spec
    assert shown.trend_spec is first and len(built) == 1
    assert shown.trend_table is shown.trend_table
    assert len([spec for spec in shown.chart_specs.values() if spec is not None]) == len(built)


# ------------------------------------------------------------------------------ the page
@pytest.fixture
def counted_views(monkeypatch):
    """Count the calls of ``view.dashboard_view`` (the page computes a view through it)."""
    from ui import kpi_views

    calls = []
    compute = view.dashboard_view

    def counting(board, lang, counter_label, recorded=None):
        calls.append(board.filters)
        return compute(board, lang, counter_label, recorded)

    monkeypatch.setattr(view, "dashboard_view", counting)
    monkeypatch.setattr(kpi_views, "CACHE_SECONDS", 300)
    monkeypatch.setattr(kpi_views, "now", lambda: FIXED_NOW)  # one clock period for the whole test
    return calls


def test_a_second_run_with_the_same_filter_does_not_compute_the_view_again(signed_in, counted_views):
    at = signed_in("executive")
    counted_views.clear()
    at = goto(at, "dashboard")
    at.run()
    assert not at.exception
    assert [f.fiscal_year for f in counted_views] == [FY]
    at.selectbox(key="kpi_fy").set_value(LAST).run()
    assert not at.exception
    assert [f.fiscal_year for f in counted_views] == [FY, LAST]
    at.run()
    assert len(counted_views) == 2


def test_anything_recorded_after_the_dashboard_was_drawn_computes_the_view_again(signed_in, counted_views):
    from ui.context import database

    at = goto(signed_in("executive"), "dashboard")
    counted_views.clear()
    at.run()
    assert counted_views == []  # nothing changed: the view drawn a moment ago
    database().write(lambda cur: cur.execute("UPDATE settings SET updated_at = updated_at"))
    at.run()
    assert not at.exception
    assert [f.fiscal_year for f in counted_views] == [FY]


def test_the_view_is_computed_again_once_its_clock_period_has_passed(signed_in, counted_views, monkeypatch):
    from datetime import timedelta

    from ui import kpi_views

    at = goto(signed_in("executive"), "dashboard")
    counted_views.clear()
    recorded_reads = []
    read_recorded = services.load_recorded_figures
    monkeypatch.setattr(
        services, "load_recorded_figures", lambda *a, **k: recorded_reads.append(a) or read_recorded(*a, **k)
    )
    later = FIXED_NOW + timedelta(seconds=kpi_views.CACHE_SECONDS)
    monkeypatch.setattr(kpi_views, "now", lambda: later)  # an open ticket may have passed its deadline
    at.run()
    assert not at.exception
    assert [f.fiscal_year for f in counted_views] == [FY]
    assert recorded_reads == []  # satisfaction and the proposals' standards: nothing was recorded


def test_with_the_cache_off_every_run_computes_the_view(signed_in, counted_views, monkeypatch):
    from ui import kpi_views

    monkeypatch.setattr(kpi_views, "CACHE_SECONDS", 0)
    at = signed_in("executive")
    counted_views.clear()
    at = goto(at, "dashboard")
    at.run()
    assert not at.exception
    assert len(counted_views) == 2


def test_a_load_builds_only_the_charts_of_the_open_section_and_a_tab_opened_builds_its_own(
    signed_in, monkeypatch
):
    import pages.dashboard_page as dashboard_page
    from core.i18n import t
    from tests.conftest import open_tab
    from ui import kpi_views

    monkeypatch.setattr(kpi_views, "CACHE_SECONDS", 0)  # every run loads its view afresh
    built = []
    drawn = charts.spec
    monkeypatch.setattr(charts, "spec", lambda chart: built.append(chart) or drawn(chart))
    at = goto(signed_in("executive"), "dashboard")
    built.clear()
    at.run()
    assert not at.exception
    assert len(built) == 3  # satisfaction: the trend, per system and per section
    built.clear()
    at = open_tab(at, dashboard_page.SECTION_KEY, t("kpi.section.service", "th"))
    assert not at.exception
    assert len(built) == 2  # the tickets' time standards and the backlog


def test_the_recorded_figures_leave_the_clocks_figures_to_be_read_at_a_given_time(demo_db):
    with demo_db.read() as cur:
        recorded = services.load_recorded_figures(cur, services.Filters(FY))
        board = services.with_clock_figures(cur, FIXED_NOW, recorded)
        whole = services.load_dashboard(cur, FIXED_NOW, services.Filters(FY))
    assert all(getattr(recorded, name) is None for name in ("sla", "backlog", "portfolio", "adherence"))
    assert not recorded.overall.empty and not recorded.by_system.empty
    for name in ("overall", "by_system", "by_section", "processing", "rating", "standards", "sla", "backlog"):
        pd.testing.assert_frame_equal(getattr(board, name), getattr(whole, name))
    pd.testing.assert_frame_equal(board.portfolio, whole.portfolio)
    assert board.unfiltered == whole.unfiltered and board.plan_share == whole.plan_share


def test_a_narrowed_board_lists_the_figures_it_could_not_narrow_in_the_figures_order(demo_db):
    with demo_db.read() as cur:
        unit = cur.execute("SELECT owner_unit_code FROM systems ORDER BY id LIMIT 1").fetchone()[0]
        board = services.load_dashboard(cur, FIXED_NOW, services.Filters(FY, unit_code=unit))
    order = list(sources.FIGURES)
    assert "stage_adherence" in board.unfiltered and "proposal_standards" in board.unfiltered
    assert board.unfiltered == sorted(board.unfiltered, key=order.index)


def test_a_view_built_on_an_earlier_recorded_view_shares_its_charts_and_reads_the_clock_anew(demo_db):
    from datetime import timedelta

    with demo_db.read() as cur:
        recorded = view.RecordedView(services.load_recorded_figures(cur, services.Filters(FY)), "th", COUNTER)
        first = view.dashboard_view(
            services.with_clock_figures(cur, FIXED_NOW, recorded.board), "th", COUNTER, recorded
        )
        later = FIXED_NOW + timedelta(days=400)  # open tickets past their deadlines
        second = view.dashboard_view(
            services.with_clock_figures(cur, later, recorded.board), "th", COUNTER, recorded
        )
    assert first.trend_spec is not None and second.trend_spec is first.trend_spec
    assert second.system_spec is first.system_spec and second.steps_table is first.steps_table
    assert first.backlog_totals["open"] == second.backlog_totals["open"]
    assert second.backlog_totals["breached"] > first.backlog_totals["breached"]


def test_the_dashboards_filter_choices_are_read_once_until_something_is_recorded(signed_in, monkeypatch):
    from core import org
    from ui.context import database

    reads = []
    list_systems = org.list_systems
    monkeypatch.setattr(org, "list_systems", lambda cur, **k: reads.append(1) or list_systems(cur, **k))
    at = goto(signed_in("executive"), "dashboard")
    at.run()
    assert not at.exception
    assert len(reads) <= 1  # the first run of this state of the records, if no earlier test read it
    reads.clear()
    at.run()
    assert reads == []
    database().write(lambda cur: cur.execute("UPDATE settings SET updated_at = updated_at"))
    at.run()
    assert not at.exception
    assert reads == [1]
