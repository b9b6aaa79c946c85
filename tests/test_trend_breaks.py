"""Breaks in a linear trend (migration_evidence.analysis.trend_breaks), on synthetic series whose breaks
are known: the search recovers them at every trimming, the criteria choose the true number, a trimming
that forbids a true break binds, the fast search equals ruptures' own, and the bootstrap with the number
of breaks re-selected counts and dates its draws as it says."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import ruptures as rpt

from migration_evidence.analysis import remittances_since_2005 as r
from migration_evidence.analysis import trend_breaks as tb

N = 300
MONTHS = np.array([str(p) for p in pd.period_range("2000-01", periods=N, freq="M")])
TRUE_BREAKS = [90, 200]  # first months of new segments: 2007-07 and 2016-09


def piecewise(breaks: list[int], levels: list[float], slopes: list[float], noise: float, seed: int) -> np.ndarray:
    """A linear trend with its own level and slope after each break, plus independent normal noise."""
    t = np.arange(N, dtype=float)
    y = np.empty(N)
    for start, end, level, slope in zip([0, *breaks], [*breaks, N], levels, slopes, strict=True):
        y[start:end] = level + slope * (t[start:end] - start)
    return y + np.random.default_rng(seed).normal(0, noise, N)


def three_segments(seed: int = 3, noise: float = 0.02) -> np.ndarray:
    # 1.2% a month, then a jump and 0.3% a month, then a drop and 0.8% a month.
    return piecewise(TRUE_BREAKS, [0.0, 1.3, 1.5], [0.012, 0.003, 0.008], noise, seed)


def test_min_segment_length_and_most_breaks():
    assert [tb.min_segment_length(372, t) for t in (0.05, 0.10, 0.15)] == [19, 38, 56]
    assert tb.min_segment_length(300, 0.15) == 45
    # 372 months in segments of at least 56: six segments, five breaks.
    assert tb.most_breaks(372, 56, 8) == 5 and tb.most_breaks(372, 19, 8) == 8


@pytest.mark.parametrize("trimming", [0.05, 0.10, 0.15])
def test_break_sets_recover_the_true_breaks_and_the_criteria_the_true_number(trimming):
    sets = tb.break_sets_by_trimming(three_segments(), MONTHS, [trimming], max_breaks=6)
    assert sets["trimming_pct"].unique().tolist() == [round(100 * trimming, 6)]
    assert sets["breaks"].tolist() == list(range(sets["most_breaks_allowed"].iloc[0] + 1))
    two = sets[sets["breaks"] == 2].iloc[0]
    # Level jumps of 0.2 and more against noise of 0.02: dated to the month.
    assert two["break_months"] == " ".join(MONTHS[TRUE_BREAKS])
    assert sets.loc[sets["chosen_by_lwz"], "breaks"].tolist() == [2]
    assert sets.loc[sets["chosen_by_bic"], "breaks"].tolist() == [2]
    # The RSS falls as breaks are added (each best fit with k + 1 breaks can nest the one with k).
    assert (np.diff(sets["rss"]) <= 1e-12).all()
    # A true 90-month first segment: never at the minimum length in the chosen fit.
    assert not bool(two["segment_at_minimum"]) and two["shortest_segment_months"] == 90


def test_a_true_break_closer_than_the_minimum_segment_makes_the_trimming_bind():
    # True breaks at months 30 and 200: at 15% trimming (45 months) the first cannot be placed.
    y = piecewise([30, 200], [0.0, 1.0, 2.0], [0.012, 0.003, 0.008], 0.02, 5)
    sets = tb.break_sets_by_trimming(y, MONTHS, [0.05, 0.15], max_breaks=4)
    loose = sets[(sets["trimming_pct"] == 5) & (sets["breaks"] == 2)].iloc[0]
    tight = sets[(sets["trimming_pct"] == 15) & (sets["breaks"] == 2)].iloc[0]
    assert loose["break_months"] == f"{MONTHS[30]} {MONTHS[200]}" and not loose["segment_at_minimum"]
    # At 15% the search pushes the first break to the bound: a segment of exactly 45 months.
    assert tight["break_months"].split()[0] == MONTHS[45]
    assert tight["segment_at_minimum"] and tight["shortest_segment_months"] == 45


def test_fast_search_equals_ruptures_dynamic_programming_with_its_least_squares_cost():
    rng = np.random.default_rng(7)
    y = np.cumsum(rng.normal(0.01, 0.05, 120))
    t = np.arange(len(y), dtype=float)
    signal = np.column_stack([y, np.ones_like(t), t])
    reference = rpt.Dynp(model="linear", min_size=12, jump=1).fit(signal)
    ours = tb.LinearTrendSegmentation(len(y), 12).fits(y, 4)
    ruptures_custom = tb.break_fits(y, 4, 12)
    for k in range(1, 5):
        ends = reference.predict(n_bkps=k)
        assert ours[k][1] == ends == ruptures_custom[k][1]
        assert math.isclose(ours[k][0], reference.cost.sum_of_costs(ends), rel_tol=1e-7)
    assert math.isclose(ours[0][0], reference.cost.error(0, len(y)), rel_tol=1e-7)


def test_linear_trend_cost_equals_ruptures_linear_regression_cost():
    rng = np.random.default_rng(7)
    y = np.cumsum(rng.normal(0.01, 0.05, 120))
    ours = tb.CostLinearTrend().fit(y)
    t = np.arange(len(y), dtype=float)
    theirs = rpt.costs.CostLinear().fit(np.column_stack([y, np.ones_like(t), t]))
    for start, end in [(0, 120), (0, 30), (17, 64), (90, 120)]:
        assert math.isclose(ours.error(start, end), theirs.error(start, end), rel_tol=1e-7, abs_tol=1e-12)


def test_nearest_breaks_reads_the_chosen_sets_and_counts_sets_within_the_window():
    months = MONTHS[:120]
    sets = pd.DataFrame(
        {
            "trimming_pct": [10.0] * 4,
            "breaks": [0, 1, 2, 3],
            "break_months": ["", months[50], f"{months[20]} {months[70]}", f"{months[20]} {months[45]} {months[90]}"],
            "chosen_by_bic": [False, False, False, True],
            "chosen_by_lwz": [False, False, True, False],
        }
    )
    table = tb.nearest_breaks(sets, months, [48], window=6)
    row = table.iloc[0]
    assert row["first_month_of_new_segment"] == months[48]
    assert row["nearest_in_lwz_choice"] == ""  # 20 and 70 are more than 6 months from 48
    assert row["nearest_in_bic_choice"] == months[45]
    assert row["break_sets"] == 3 and row["break_sets_with_a_break_within_6_months"] == 2


def test_break_date_intervals_use_the_draws_with_a_break_nearby():
    months = MONTHS[:100]
    # Five draws: LWZ found a break at 40, 41, 43, none nearby (70) and none at all.
    boot = {
        "lwz_breaks": np.array([1, 2, 1, 1, 0]),
        "bic_breaks": np.array([1, 2, 2, 1, 0]),
        "lwz_positions": [np.array([40]), np.array([10, 41]), np.array([43]), np.array([70]), np.array([], dtype=int)],
        "conditional_positions": np.array([[40], [41], [43], [70], [55]]),
    }
    dates = tb.break_date_intervals(months, [42, 100], boot, window=5, near={"m40": months[40]})
    row = dates.iloc[0]
    assert row["draws_with_a_break_within_5_months"] == 3
    assert row["share_with_a_break_within_5_months"] == pytest.approx(0.6)
    assert (row["ci95_low_month"], row["ci95_high_month"]) == (months[40], months[43])
    assert (row["conditional_ci95_low_month"], row["conditional_ci95_high_month"]) == (months[40], months[70])
    assert row["conditional_basis"] == "conditional on k = 1 breaks"
    assert row["share_within_12_months_of_m40"] == pytest.approx(0.6)
    counts = tb.break_count_distribution(boot, 3)
    assert counts["draws_lwz"].tolist() == [1, 3, 1, 0] and counts["draws_bic"].tolist() == [1, 2, 2, 0]
    assert counts["share_lwz"].sum() == pytest.approx(1)


def test_bootstrap_reselects_the_true_number_and_covers_the_true_dates():
    y = three_segments(seed=9, noise=0.03)
    min_size = tb.min_segment_length(N, 0.15)
    fits = tb.break_fits(y, 2, min_size)
    ends = fits[2][1]
    assert ends[:-1] == TRUE_BREAKS
    boot = tb.bootstrap_break_counts_and_dates(y, ends, min_size, 6, replications=99, block=12, seed=1)
    assert len(boot["lwz_breaks"]) == 99 and boot["conditional_positions"].shape == (99, 2)
    # Each draw re-selects: the number chosen varies by draw and is never above what 15% allows.
    assert boot["lwz_breaks"].max() <= tb.most_breaks(N, min_size, 6)
    assert np.mean(boot["lwz_breaks"] == 2) >= 0.9
    dates = tb.break_date_intervals(MONTHS, ends, boot, window=24, near={})
    for row, true in zip(dates.itertuples(), TRUE_BREAKS, strict=True):
        assert MONTHS[true] >= row.ci95_low_month and MONTHS[true] <= row.ci95_high_month
        assert row.share_with_a_break_within_24_months >= 0.9
    # Same seed, same draws.
    again = tb.bootstrap_break_counts_and_dates(y, ends, min_size, 6, replications=99, block=12, seed=1)
    assert np.array_equal(again["conditional_positions"], boot["conditional_positions"])


def test_monthly_break_results_find_a_known_break_in_a_seasonal_series():
    """The rule's whole chain on twelve years of monthly inflows: growth of 1% a month, then 0.2% from
    January 2003, with a fixed seasonal pattern and small noise. The headline fit opens a segment in
    2003-01, the segments' growth rates are the true ones, and every draw sees that break."""
    rng = np.random.default_rng(3)
    months = pd.period_range("1998-01", "2009-12", freq="M")
    t = np.arange(len(months))
    kink = np.flatnonzero(months == pd.Period("2003-01", freq="M"))[0]
    log_trend = 0.01 * np.minimum(t, kink) + 0.002 * np.maximum(t - kink, 0)
    seasonal = 0.05 * np.sin(2 * np.pi * months.month.to_numpy() / 12)
    inflows = np.exp(5 + log_trend + seasonal + rng.normal(0, 0.002, len(t))) * 1e6
    monthly = pd.DataFrame(
        {"month": months.astype(str), "year": months.year, "month_of_year": months.month, "inflows_usd": inflows}
    )
    tables = r.monthly_break_results(
        monthly,
        2009,
        break_trimmings=[0.10, 0.15],
        break_headline_trimming=0.15,
        break_max_breaks=3,
        break_bootstrap_replications=49,
        break_bootstrap_block_months=12,
        break_bootstrap_seed=1,
        break_near_months=12,
        break_persistence_months=6,
        named={"kink": "2003-01"},
    )
    assert set(tables) == {
        "decomposition", "break_sets", "break_persistence", "break_segments", "break_counts", "break_dates"
    }  # fmt: skip
    segments = tables["break_segments"]
    assert segments["first_month"].tolist() == ["1998-01", "2003-01"]
    growth = segments["trend_growth_pct_per_year"].to_numpy()
    assert growth == pytest.approx(100 * np.expm1(12 * np.array([0.01, 0.002])), abs=0.3)
    dates = tables["break_dates"]
    assert dates["first_month_of_new_segment"].tolist() == ["2003-01"]
    assert dates["share_with_a_break_within_12_months"].iloc[0] == 1.0
    assert tables["break_counts"].set_index("breaks").loc[1, "share_lwz"] > 0.9
