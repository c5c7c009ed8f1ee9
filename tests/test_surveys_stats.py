"""Survey statistics checked against hand-computed tables, and their properties."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.surveys import stats
from core.surveys.stats import ItemDef, describe, level_of, mask_personal, survey_results


def test_one_item_of_five_answers_matches_the_hand_computed_table():
    # answers 5, 5, 4, 3, 2: Σx = 19, x̄ = 3.8; Σx² = 79; S.D. = √((79 - 5·3.8²)/4) = √1.7
    s = describe({5: 2, 4: 1, 3: 1, 2: 1})
    assert s.n == 5 and s.mean == pytest.approx(3.8)
    assert s.sd == pytest.approx(math.sqrt(1.7))
    assert s.percents == {5: 40.0, 4: 20.0, 3: 20.0, 2: 20.0, 1: 0.0}
    assert s.level == 4  # 3.80 -> มาก on the 0.5 bands
    assert s.percent_satisfaction == pytest.approx(76.0)
    assert s.percent_top_two == pytest.approx(60.0)


def test_no_opinion_answers_are_counted_but_left_out_of_the_mean():
    s = describe({5: 1, 3: 1, 0: 2})
    assert (s.n, s.no_opinion) == (2, 2)
    assert s.mean == pytest.approx(4.0)
    assert s.sd == pytest.approx(math.sqrt(2))
    assert s.percents[5] == 50.0


def test_one_respondent_has_a_mean_and_no_sample_sd():
    s = describe({4: 1})
    assert s.mean == 4.0 and s.sd is None and s.level == 4


def test_all_equal_scores_have_zero_sd():
    s = describe({5: 12})
    assert s.mean == 5.0 and s.sd == 0.0 and s.level == 5 and s.percent_top_two == 100.0


def test_no_answers_give_no_figures():
    s = describe({0: 3})
    assert s.n == 0 and s.mean is None and s.level is None and s.percent_satisfaction is None


def test_percentage_satisfaction_uses_the_unrounded_mean():
    # the published pair: x̄ 4.5825 prints as 4.58 yet gives 91.65 %
    counts = {5: 2331, 4: 1668}  # (5·2331 + 4·1668) / 3999 = 4.58289...
    s = describe({5: 233, 4: 167})  # (1165 + 668) / 400 = 4.5825
    assert s.mean == pytest.approx(4.5825)
    assert round(s.percent_satisfaction, 2) == 91.65
    assert describe(counts).mean > 4.58


@pytest.mark.parametrize(
    "mean, half, class08",
    [
        (4.505, 5, 5),
        (4.5049, 4, 5),
        (4.21, 4, 5),
        (4.2049, 4, 4),
        (3.51, 4, 4),
        (3.50, 3, 4),
        (3.41, 3, 4),
        (2.51, 3, 2),
        (2.60, 3, 2),
        (1.51, 2, 1),
        (1.50, 1, 1),
        (1.0, 1, 1),
        (5.0, 5, 5),
    ],
)
def test_bands_read_the_mean_rounded_to_two_decimals(mean, half, class08):
    assert level_of(mean, "half") == half
    assert level_of(mean, "class08") == class08


def test_sections_and_overall_pool_their_items_answers():
    items = [ItemDef(1, "ก", "ข้อ 1", "1.1"), ItemDef(2, "ก", "ข้อ 2", "1.2"), ItemDef(3, "ข", "ข้อ 3", "2.1")]
    counts = {1: {5: 2, 4: 2}, 2: {3: 3, 0: 1}, 3: {5: 1, 1: 1}}
    res = survey_results(items, counts, respondents=4)
    section_a = dict(res.sections)["ก"]
    # section ก: 5,5,4,4,3,3,3 -> Σ = 27, n = 7
    assert section_a.n == 7 and section_a.mean == pytest.approx(27 / 7)
    assert section_a.no_opinion == 1
    # overall adds 5 and 1: Σ = 33, n = 9; Σx² = 25+25+16+16+9+9+9+25+1 = 135
    assert res.overall.mean == pytest.approx(33 / 9)
    assert res.overall.sd == pytest.approx(math.sqrt((135 - 33 * 33 / 9) / 8))
    assert [title for title, _ in res.sections] == ["ก", "ข"]


def test_groups_under_five_respondents_are_hidden():
    items = [ItemDef(1, "ก", "ข้อ 1")]
    groups = {
        ("sex", "female"): stats.GroupCounts(5, {5: 4, 4: 1}),
        ("sex", "male"): stats.GroupCounts(4, {5: 4}),
    }
    res = survey_results(items, {1: {5: 8, 4: 1}}, 9, groups=groups)
    by = {g["group"]: g for g in res.groups}
    assert by["female"]["mean"] == pytest.approx(4.8) and not by["female"]["hidden"]
    assert by["male"]["hidden"] and by["male"]["mean"] is None


def test_sample_sizes_follow_yamane_and_krejcie_morgan():
    assert stats.krejcie_morgan(10_000) == 370
    assert stats.krejcie_morgan(1_000) == 278
    assert stats.krejcie_morgan(100) == 80
    assert stats.yamane(10_000) == 385
    assert stats.yamane(500) == 222  # 222.2 to the nearest person, as Yamane's table prints it


def test_phone_and_id_numbers_in_suggestions_are_masked():
    text = "โทร 081-234-5678 หรือ 0891234567 บัตร 1 3401 00123 45 6 และ 1340100123456 ปี 2569"
    masked = mask_personal(text)
    assert "5678" not in masked and "1234567" not in masked and "00123" not in masked
    assert "xxx-xxx-xxxx" in masked and "x xxxx xxxxx xx x" in masked
    assert masked.endswith("ปี 2569")


counts_strategy = st.dictionaries(st.integers(0, 5), st.integers(0, 500), min_size=1)


@settings(max_examples=150, deadline=None)
@given(counts_strategy)
def test_level_percentages_sum_to_100_and_the_mean_stays_within_1_and_5(counts):
    s = describe(counts)
    if s.n == 0:
        assert s.mean is None
        return
    assert sum(round(p, 2) for p in s.percents.values()) == pytest.approx(100, abs=0.03)
    assert 1 <= s.mean <= 5
    assert s.sd is None or s.sd >= 0
    assert 20 <= s.percent_satisfaction <= 100
    assert 0 <= s.percent_top_two <= 100


@settings(max_examples=60, deadline=None)
@given(st.lists(counts_strategy, min_size=1, max_size=5))
def test_the_overall_mean_lies_between_the_item_means(many):
    items = [ItemDef(i, "s", f"i{i}") for i in range(len(many))]
    res = survey_results(items, dict(enumerate(many)), 1)
    means = [s.mean for _, s in res.items if s.mean is not None]
    if means:
        assert min(means) - 1e-9 <= res.overall.mean <= max(means) + 1e-9
