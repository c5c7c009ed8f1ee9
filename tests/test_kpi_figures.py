"""Dashboard figures composed from small fixed contract frames, against hand-computed values."""

import math

import pandas as pd
import pytest

from core.errors import ValidationError
from core.kpi import figures, rules
from tests import kpi_frames as fx


def test_percent_is_none_when_there_is_nothing_to_count():
    assert figures.percent(0, 0) is None
    assert figures.percent(3, 4) == 75.0


def test_this_years_satisfaction_is_set_against_last_year_and_the_target():
    head = figures.satisfaction_headline(fx.OVERALL, fx.FY, 85.0)
    assert head.value == 75.0 and head.last_year == 80.0
    assert head.delta_last_year == -5.0
    assert head.delta_target == -10.0
    assert head.target_met is False


def test_a_year_without_a_previous_one_has_no_delta():
    head = figures.satisfaction_headline(fx.OVERALL, fx.LAST, 70.0)
    assert head.value == 80.0 and head.last_year is None and head.delta_last_year is None
    assert head.target_met is True


def test_pooling_two_systems_weights_the_mean_by_answers_and_pools_the_sd():
    # FY 2570: system 1 has 100 answers at 4.5 (sd .5), system 2 has 300 at 3.5 (sd 1.0)
    # mean = (450 + 1050) / 400 = 3.75 -> 75.00 %; top two = (100*80 + 300*50) / 400 = 57.5
    # sd = sqrt((99*.25 + 299*1 + 100*.75^2 + 300*.25^2) / 399) = sqrt(398.75 / 399)
    pooled = figures.overall_for_systems(fx.SATISFACTION, [1, 2])
    row = pooled[pooled["fiscal_year"] == fx.FY].iloc[0]
    assert row["answers"] == 400 and row["respondents"] == 30
    assert row["mean"] == pytest.approx(3.75)
    assert row["percent_satisfaction"] == pytest.approx(75.0)
    assert row["percent_top_two"] == pytest.approx(57.5)
    assert row["sd"] == pytest.approx(math.sqrt(398.75 / 399))


def test_one_system_alone_keeps_its_own_figures():
    pooled = figures.overall_for_systems(fx.SATISFACTION, [2])
    assert list(pooled["fiscal_year"]) == [fx.FY]
    row = pooled.iloc[0]
    assert row["mean"] == pytest.approx(3.5) and row["sd"] == pytest.approx(1.0)
    assert row["percent_satisfaction"] == pytest.approx(70.0)


def test_systems_without_answers_give_an_empty_frame():
    assert figures.overall_for_systems(fx.SATISFACTION, [99]).empty


def test_satisfaction_per_system_is_best_first_with_names():
    frame = figures.satisfaction_by_system(fx.SATISFACTION, fx.FY, {1: "e-Petition", 2: "e-Tax"})
    assert list(frame["system"]) == ["e-Petition", "e-Tax"]
    assert list(frame["percent_satisfaction"]) == [90.0, 70.0]


def test_the_trend_runs_oldest_first_up_to_the_chosen_year():
    trend = figures.satisfaction_trend(fx.OVERALL, upto=fx.FY)
    assert list(trend["fiscal_year"]) == [fx.LAST, fx.FY]
    assert list(figures.satisfaction_trend(fx.OVERALL, upto=fx.LAST)["fiscal_year"]) == [fx.LAST]


def test_ticket_sla_counts_clocks_met_over_clocks_of_the_year():
    # 9 + 7 + 2 met of 10 + 10 + 4 = 18 / 24 = 75 %; last year 5 / 5 = 100 %
    totals = figures.sla_totals(fx.SLA, fx.FY)
    assert totals == {"total": 24, "met": 18, "breached": 6, "percent": 75.0}
    head = figures.sla_headline(fx.SLA, fx.FY)
    assert head.value == 75.0 and head.delta_last_year == -25.0


def test_ticket_sla_by_type_and_clock():
    frame = figures.sla_by_type(fx.SLA, fx.FY)
    got = {(r.type, r.clock): r.percent_met for r in frame.itertuples()}
    assert got == {
        ("problem", "analysis"): 90.0,
        ("problem", "resolution"): 70.0,
        ("requirement", "resolution"): 50.0,
    }


def test_ticket_sla_by_month_stays_in_the_fiscal_year():
    monthly = figures.sla_monthly(fx.SLA, fx.FY)
    assert len(monthly) == 3
    assert set(monthly["month"].dt.month) == {10, 11}


def test_open_and_breached_tickets_are_summed_over_types():
    assert figures.backlog_totals(fx.BACKLOG) == {"open": 8, "breached": 1}


def test_projects_by_stage_count_overdue_ones_and_leave_cancelled_out():
    by_stage = figures.projects_by_stage(fx.PORTFOLIO).set_index("state")
    assert list(by_stage.index) == [str(s) for s in range(4, 13)] + ["live"]
    assert by_stage.loc["4"].tolist() == [2, 1]
    assert by_stage.loc["8"].tolist() == [1, 1]
    assert by_stage.loc["live"].tolist() == [1, 0]
    assert by_stage.loc["5"].tolist() == [0, 0]


def test_project_totals():
    assert figures.project_totals(fx.PORTFOLIO) == {
        "projects": 4,
        "in_progress": 3,
        "live": 1,
        "overdue": 2,
        "rushed_stages": 3,
    }


def test_the_unit_filter_keeps_that_units_projects():
    rows = figures.filter_portfolio(fx.PORTFOLIO, "FINANCE", None)
    assert list(rows["project_id"]) == [1, 4, 5]
    assert list(figures.filter_portfolio(fx.PORTFOLIO, None, [3])["project_id"]) == [3]


def test_stage_adherence_gives_percent_on_time_for_deadlines_and_not_rushed_for_minimums():
    frame = figures.stage_adherence(fx.ADHERENCE, fx.FY)
    assert frame["percent_on_time"].isna().tolist() == [True, False]
    assert frame["percent_on_time"].iloc[1] == 100.0
    assert frame["percent_not_rushed"].iloc[0] == 75.0 and pd.isna(frame["percent_not_rushed"].iloc[1])


def test_survey_processing_leaves_pending_surveys_out_of_the_percentage():
    assert figures.processing_summary(fx.PROCESSING, fx.FY) == {
        "surveys": 3,
        "decided": 2,
        "met": 1,
        "late": 1,
        "pending": 1,
        "percent": 50.0,
    }


def test_proposal_time_standards_per_step_and_overall():
    steps = figures.proposal_standards(fx.STANDARDS, fx.FY)
    assert steps["percent_met"].tolist() == [75.0, 50.0, 100.0]
    assert figures.proposal_totals(fx.STANDARDS, fx.FY) == {"total": 10, "met": 7, "percent": 70.0}


def test_a_frame_without_system_column_cannot_be_narrowed_by_system():
    frame, ok = figures.filter_by_systems(fx.SLA, [1])
    assert not ok and len(frame) == len(fx.SLA)
    frame, ok = figures.filter_by_systems(fx.PROCESSING, [1])
    assert ok and set(frame["survey_id"]) == {1, 4}


@pytest.mark.parametrize("value,expected", [(0, 0.0), (100, 100.0), ("85.5", 85.5), (72.346, 72.35)])
def test_a_target_from_0_to_100_is_accepted(value, expected):
    assert rules.validate_target(value) == expected


@pytest.mark.parametrize("value", [-0.01, 100.01, 150, "abc", "", float("nan"), float("inf")])
def test_a_target_outside_0_to_100_is_refused(value):
    with pytest.raises(ValidationError) as error:
        rules.validate_target(value)
    assert error.value.code == "kpi.target_out_of_range"
    assert "0" in error.value.message("th") and "100" in error.value.message("th")


def test_the_yearly_report_is_due_the_day_after_the_fiscal_year_ends():
    from datetime import datetime

    assert rules.report_due(2569) == datetime(2026, 10, 1, 16, 30)
    assert rules.last_ended_fiscal_year(datetime(2026, 11, 24)) == 2569


def test_fiscal_year_options_go_back_at_most_ten_years():
    assert rules.fiscal_years_back(2570, 2567) == [2570, 2569, 2568, 2567]
    assert len(rules.fiscal_years_back(2570, 2500)) == 10
    assert rules.fiscal_years_back(2570, None)[0] == 2570


def test_empty_frames_give_no_values_not_zeroes():
    empty = fx.OVERALL.iloc[0:0]
    assert figures.satisfaction_headline(empty, fx.FY, 80).value is None
    assert figures.sla_totals(fx.SLA.iloc[0:0], fx.FY)["percent"] is None
    assert figures.processing_summary(fx.PROCESSING.iloc[0:0], fx.FY)["percent"] is None
    assert figures.projects_by_stage(fx.PORTFOLIO.iloc[0:0])["projects"].sum() == 0
    assert isinstance(figures.sla_monthly(fx.SLA.iloc[0:0], fx.FY), pd.DataFrame)


def test_surveys_of_a_counter_without_system_are_one_named_row():
    frame = pd.concat(
        [
            fx.SATISFACTION,
            pd.DataFrame([(fx.FY, None, 5, 50, 4.0, 0.5, 80.0, 60.0)], columns=fx.SATISFACTION.columns),
        ]
    )
    rows = figures.satisfaction_by_system(frame, fx.FY, {1: "a", 2: "b"}, counter_label="จุดบริการ")
    assert list(rows["system"]) == ["a", "จุดบริการ", "b"]
