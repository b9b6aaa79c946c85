"""Notebook 1, remittance growth 1980-2005: the tables it writes, made here by the package functions it
calls, agree with independent calculations from Banco de México's published figures (read here from the
raw file with the csv module, not through the package), and the text it quotes is on the lines it cites."""

from __future__ import annotations

import csv
import math

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import REPO, SEEDS_DIR, assert_is_the_committed_table
from scipy import stats

from migration_evidence.analysis import remittance_breaks as brk
from migration_evidence.analysis import remittances as rem
from migration_evidence.analysis.growth_intervals import newey_west_lags
from migration_evidence.notebooks.registry import load_notebooks
from migration_evidence.series.external import load_external_config, read_series
from migration_evidence.series.results import check_remittance_claims, growth_rates, read_remittance_claims

RAW = REPO / "data" / "raw" / "external" / "banxico_family_remittances_1980_2005.csv"
NAFTA_PAPER = "004_47f626fd3a8bb81a.txt"


def _raw_values() -> dict[tuple[int, str], float]:
    with open(RAW, encoding="utf-8", newline="") as handle:
        return {
            (int(row["year"]), row["vintage"]): float(row["value_usd_millions"].replace(",", ""))
            for row in csv.DictReader(handle)
        }


VALUES = _raw_values()
YEARS = np.arange(1980, 2006)
SERIES = {
    "early": np.array([VALUES[(y, "early")] for y in YEARS]),
    # The revised vintage where it exists (1995-2005), the early one before.
    "revised": np.array([VALUES.get((y, "revised"), VALUES[(y, "early")]) for y in YEARS]),
}


def _frames() -> dict[str, pd.DataFrame]:
    """The two annual series as the package builds them, from the raw transcription."""
    frame = pd.DataFrame(
        [{"year": year, "vintage": vintage, "value_usd_millions": value} for (year, vintage), value in VALUES.items()]
    )
    return {name: rem.remittance_series(frame, name) for name in rem.SERIES}


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return _frames()


@pytest.fixture(scope="module")
def break_tables() -> dict[str, pd.DataFrame]:
    """The break tests computed by the package from the raw transcription, with the settings the rule
    remittance_break_tests passes (config/statistics.yaml)."""
    settings = yaml.safe_load((REPO / "config" / "statistics.yaml").read_text(encoding="utf-8"))
    settings = settings["remittance_break_tests"]
    return brk.break_results(
        _frames(),
        {"NAFTA": 1994, "GATT": settings["gatt_year"]},
        trim=settings["break_trim"],
        draws=settings["break_test_draws"],
        seed=settings["break_test_seed"],
        ar1_coefficients_shown=settings["ar1_coefficients_shown"],
    )


@pytest.fixture(scope="module")
def tables(break_tables) -> dict[str, pd.DataFrame]:
    """Notebook 1's tables, each made by the package function the notebook calls, in its order: from the
    processed series read as the notebook reads them, the break tests of ``break_tables`` (the rule
    remittance_break_tests'), the claim check of the rule remittance_claims, and the settings of
    config/statistics.yaml's remittance_growth section. Also the rule remittance_growth_rates' table."""
    settings = yaml.safe_load((REPO / "config" / "statistics.yaml").read_text(encoding="utf-8"))["remittance_growth"]
    config = load_external_config(REPO / "config" / "external_series.yaml")
    spec, price_spec = config.processed["remittances_mexico_1980_2005"], config.processed["us_cpi_u_1980_2005"]
    remittances = read_series(REPO / spec.path, spec)
    us_prices = read_series(REPO / price_spec.path, price_spec)
    base_year = int(settings["constant_dollar_year"])
    series = {name: rem.remittance_series(remittances, name) for name in rem.SERIES}
    lags = newey_west_lags(len(series["early"]))
    trend = rem.trend_table(list(series.values()), lags)
    breaks = break_tables["breaks"]
    breaks = breaks[(breaks["sample"] == "1980-2005") & (breaks["series"] == "early")]
    best_year = int(break_tables["sup_f"].set_index("series").loc["early", "best_fitting_break_year"])
    break_years = {
        **dict(breaks[["break", "break_year"]].itertuples(index=False)),
        "best-fitting (chosen after seeing the data)": best_year,
    }
    drift = pd.DataFrame([rem.mean_log_change(frame) for frame in series.values()])
    growth_change = pd.concat(
        [rem.growth_change_tests(frame, break_years, lags) for frame in series.values()], ignore_index=True
    )
    periods = rem.periods_with_best_break(config, best_year, last_year=int(series["early"]["year"].max()))
    by_period = rem.growth_by_period(remittances, growth_rates(remittances, periods))
    claims_path = REPO / "data" / "raw" / "remittance_claims.csv"
    markers = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))["approximate_statements"]
    claims = check_remittance_claims(
        remittances,
        read_remittance_claims(claims_path),
        config,
        str(claims_path),
        approximate_markers=markers["markers"],
    )
    thirty = claims[claims["claim_id"] == "nafta_remittances_thirty_fold"]
    (accepted,) = set(zip(thirty["accepted_low"], thirty["accepted_high"], strict=True))
    fold = rem.fold_increase_by_base_year(
        remittances,
        end_year=2005,
        base_years=list(range(1980, config.nafta_start_year + 1)),
        stated=float(thirty["stated_value"].iloc[0]),
        accepted=accepted,
        prices=us_prices.set_index("year")["index_1982_84_100"],
    )
    real = rem.constant_dollars(remittances, us_prices, base_year)
    real_series = {name: rem.remittance_series(real, name) for name in rem.SERIES}
    drift_real = pd.DataFrame([rem.mean_log_change(frame) for frame in real_series.values()])
    growth_change_real = pd.concat(
        [rem.growth_change_tests(frame, break_years, lags) for frame in real_series.values()], ignore_index=True
    )
    return {
        "trend": trend,
        "vintages_by_year": rem.vintages_by_year(remittances, trend),
        "fold_increase": fold,
        "constant_dollars": rem.constant_dollars_by_year(remittances, us_prices, base_year),
        "mean_log_change": rem.by_dollars(drift, drift_real, base_year),
        "growth_by_period": rem.by_dollars(
            by_period, rem.growth_by_period(real, growth_rates(real, periods)), base_year
        ),
        "growth_change": rem.by_dollars(growth_change, growth_change_real, base_year),
        # The tables of the rules whose outputs the notebook reads or repeats.
        "remittance_claims": claims,
        "remittance_growth_rates": growth_rates(remittances, config),
    }


# Tables that give each measure in current and in constant dollars, with a column saying which.
BOTH_DOLLARS = {"growth_by_period", "mean_log_change", "growth_change"}


def _dollars(tables: dict[str, pd.DataFrame], name: str, dollars: str = "current US dollars") -> pd.DataFrame:
    assert name in BOTH_DOLLARS
    frame = tables[name]
    assert set(frame["dollars"]) == {"current US dollars", CONSTANT}
    return frame[frame["dollars"] == dollars].reset_index(drop=True)


def _one(frame: pd.DataFrame, **where) -> pd.Series:
    mask = np.ones(len(frame), dtype=bool)
    for column, value in where.items():
        mask &= (frame[column] == value).to_numpy()
    assert mask.sum() == 1, f"expected one row with {where}"
    return frame[mask].iloc[0]


def _rss(years: np.ndarray, y: np.ndarray) -> float:
    slope, intercept = np.polyfit(years, y, 1)
    return float(((y - intercept - slope * years) ** 2).sum())


def _chow_f(years: np.ndarray, y: np.ndarray, break_year: int) -> float:
    before = years < break_year
    pooled = _rss(years, y)
    split = _rss(years[before], y[before]) + _rss(years[~before], y[~before])
    return ((pooled - split) / 2) / (split / (len(years) - 4))


def test_the_fixture_is_the_notebooks_and_the_rules_computation(tables):
    outputs = load_notebooks(REPO / "config" / "notebooks.yaml")["remittance_growth"].outputs
    # The two rules' tables, with the float formats their scripts write.
    rules = {
        "remittance_claims": ("results/tables/remittance_claims.csv", "%.4f"),
        "remittance_growth_rates": ("results/tables/remittance_growth_rates.csv", "%.6f"),
    }
    for name, frame in tables.items():
        if name in rules:
            assert_is_the_committed_table(frame, rules[name][0], float_format=rules[name][1])
        else:
            assert_is_the_committed_table(frame, outputs[name])


def test_published_values_the_tests_rest_on():
    # Banco de México: 1980 = 698; 2005 = 20,035 as published early in 2006, 21,688.3 revised.
    assert VALUES[(1980, "early")] == 698
    assert VALUES[(2005, "early")] == 20035
    assert VALUES[(2005, "revised")] == pytest.approx(21688.3)
    assert len(SERIES["early"]) == 26


def test_notebook_1_is_registered_first_with_its_csvs():
    notebooks = load_notebooks(REPO / "config" / "notebooks.yaml")
    first = next(iter(notebooks.values()))
    assert (first.name, first.number) == ("remittance_growth", 1)
    for path in first.outputs.values():
        assert path.startswith("results/tables/remittance_") and (REPO / path).is_file()
    executed = (REPO / first.executed).read_text(encoding="utf-8")
    assert '"image/png"' in executed, "the figure is embedded"


def test_compound_growth_by_period_is_endpoint_arithmetic_in_one_vintage(tables):
    growth = _dollars(tables, "growth_by_period")
    whole = _one(growth, period="1980-2005", vintage="early")
    assert whole["cagr_pct"] == pytest.approx(100 * ((20035 / 698) ** (1 / 25) - 1), rel=1e-10)
    for period, start, end in [("1980-1986", 1980, 1986), ("1986-1994", 1986, 1994), ("1994-2005", 1994, 2005)]:
        row = _one(growth, period=period, vintage="early")
        expected = (VALUES[(end, "early")] / VALUES[(start, "early")]) ** (1 / (end - start)) - 1
        assert row["cagr_pct"] == pytest.approx(100 * expected, rel=1e-10)
    # 1995-2005 in each vintage, never one vintage's start with the other's end.
    early = _one(growth, period="1995-2005", vintage="early")
    revised = _one(growth, period="1995-2005", vintage="revised")
    assert early["cagr_pct"] == pytest.approx(100 * ((20035 / 3673) ** 0.1 - 1), rel=1e-10)
    assert revised["cagr_pct"] == pytest.approx(100 * ((21688.3 / 3672.7) ** 0.1 - 1), rel=1e-10)
    # Every period declared for Chart 3 is in the notebook's table, with the rule's compound growth (the
    # notebook adds the periods split at the best-fitting break and drops none).
    declared = tables["remittance_growth_rates"]
    merged = declared.merge(growth, on=["period", "vintage"], suffixes=("", "_notebook"))
    assert len(merged) == len(declared)
    assert (merged["cagr_pct"] == merged["cagr_pct_notebook"]).all()


def test_nafta_years_split_at_the_best_fitting_break(tables, break_tables):
    best = int(break_tables["sup_f"].set_index("series").loc["early", "best_fitting_break_year"])
    growth = _dollars(tables, "growth_by_period")
    # The declared periods and two more: 1994 to the best-fitting year (early vintage), and from it to 2005
    # in each vintage.
    rates = tables["remittance_growth_rates"]
    declared = set(zip(rates["period"], rates["vintage"], strict=True))
    split = {(f"1994-{best}", "early"), (f"{best}-2005", "early"), (f"{best}-2005", "revised")}
    assert set(zip(growth["period"], growth["vintage"], strict=True)) == declared | split
    assert len(growth) == len(declared) + 3
    first = _one(growth, period=f"1994-{best}", vintage="early")
    expected = (VALUES[(best, "early")] / 3475) ** (1 / (best - 1994)) - 1
    assert first["cagr_pct"] == pytest.approx(100 * expected, rel=1e-10)
    for vintage in ("early", "revised"):
        row = _one(growth, period=f"{best}-2005", vintage=vintage)
        expected = (VALUES[(2005, vintage)] / VALUES[(best, vintage)]) ** (1 / (2005 - best)) - 1
        assert row["cagr_pct"] == pytest.approx(100 * expected, rel=1e-10)
        assert row["label"] == f"from the best-fitting break ({best}, chosen after seeing the data)"
    assert first["label"] == f"NAFTA to the best-fitting break ({best}, chosen after seeing the data)"
    # What notebook 1 says of them: growth in NAFTA's first years was slower than in 1986-1994.
    assert first["cagr_pct"] < _one(growth, period="1986-1994", vintage="early")["cagr_pct"]


def test_growth_by_period_trend_and_yearly_spread(tables):
    growth = _dollars(tables, "growth_by_period")
    row = _one(growth, period="1986-1994", vintage="early")
    years = np.arange(1986, 1995)
    logs = np.log([VALUES[(y, "early")] for y in years])
    assert row["trend_growth_pct"] == pytest.approx(100 * math.expm1(np.polyfit(years, logs, 1)[0]), rel=1e-9)
    # 1991 (2,414) is below 1990 (2,492): the one decline of 1986-1994.
    assert row["years_with_decline"] == 1
    assert row["yearly_growth_min_pct"] == pytest.approx(100 * (2414 / 2492 - 1), rel=1e-9)


def test_vintages_by_year_revision_step_and_trend_residuals(tables):
    by_year = tables["vintages_by_year"].set_index("year")
    assert by_year.index.tolist() == YEARS.tolist()
    assert np.array_equal(by_year["early_usd_millions"], SERIES["early"])
    assert by_year.loc[YEARS < 1995, "revised_usd_millions"].isna().all()
    # Banco de México's revision of 2003: 15,138.7 against 13,266 first published (+14.1%).
    assert by_year.loc[2003, "revision_pct"] == pytest.approx(100 * (15138.7 / 13266 - 1), rel=1e-9)
    assert by_year.loc[2005, "revised_minus_early_usd_millions"] == pytest.approx(21688.3 - 20035)
    # The 2003 step: +54% in the revised vintage (over 9,814.4), +35% in the early one (over 9,814).
    assert by_year.loc[2003, "revised_growth_over_previous_year_pct"] == pytest.approx(
        100 * (15138.7 / 9814.4 - 1), rel=1e-9
    )
    assert by_year.loc[2003, "early_growth_over_previous_year_pct"] == pytest.approx(100 * (13266 / 9814 - 1), rel=1e-9)
    assert by_year["revised_usd_millions"].notna().sum() == 11  # 1995-2005
    # Residuals from the early vintage's least-squares trend, year by year.
    slope, intercept = np.polyfit(YEARS, np.log(SERIES["early"]), 1)
    expected = np.log(SERIES["early"]) - (intercept + slope * YEARS)
    assert np.allclose(by_year.loc[YEARS, "early_trend_residual_log"], expected, rtol=0, atol=1e-9)


def test_trend_slope_is_the_least_squares_slope_of_log_remittances(frames):
    trend = rem.trend_table(list(frames.values()), newey_west_lags(26)).set_index("series")
    for name, values in SERIES.items():
        slope, intercept = np.polyfit(YEARS, np.log(values), 1)
        assert trend.loc[name, "slope_log_per_year"] == pytest.approx(slope, rel=1e-9)
        assert trend.loc[name, "intercept"] == pytest.approx(intercept, rel=1e-9)
        assert trend.loc[name, "annual_growth_pct"] == pytest.approx(100 * math.expm1(slope), rel=1e-9)


def test_newey_west_errors_match_the_bartlett_formula_with_lag_2(frames):
    trend = rem.trend_table(list(frames.values()), newey_west_lags(26)).set_index("series")
    n, k = 26, 2
    lags = math.floor(4 * (n / 100) ** (2 / 9))
    assert lags == 2
    design = np.column_stack([np.ones(n), YEARS.astype(float)])
    bread = np.linalg.inv(design.T @ design)
    for name, values in SERIES.items():
        y = np.log(values)
        resid = y - design @ (bread @ design.T @ y)
        scores = design * resid[:, None]
        meat = scores.T @ scores
        for lag in range(1, lags + 1):
            weight = 1 - lag / (lags + 1)
            cross = scores[lag:].T @ scores[:-lag]
            meat += weight * (cross + cross.T)
        covariance = bread @ meat @ bread * n / (n - k)
        se = math.sqrt(covariance[1, 1])
        row = trend.loc[name]
        assert row["hac_lags"] == lags
        assert row["std_error_hac"] == pytest.approx(se, rel=1e-9)
        half = stats.t.ppf(0.975, n - k) * se
        assert row["ci95_low_hac"] == pytest.approx(row["slope_log_per_year"] - half, rel=1e-9)
        assert row["annual_growth_ci95_high_pct"] == pytest.approx(
            100 * math.expm1(row["slope_log_per_year"] + half), rel=1e-9
        )
        # Diagnostics of serial correlation.
        assert row["durbin_watson"] == pytest.approx((np.diff(resid) ** 2).sum() / (resid**2).sum(), rel=1e-9)
        assert row["residual_autocorrelation_lag1"] == pytest.approx(
            (resid[1:] * resid[:-1]).sum() / (resid**2).sum(), rel=1e-9
        )
    lag_table = rem.hac_lag_sensitivity(list(frames.values()), range(0, 7), lags)
    assert _one(lag_table, series="early", hac_lags=lags)["chosen"]
    assert lag_table["chosen"].sum() == 2


def test_chow_f_at_nafta_and_gatt_from_two_separate_fits(break_tables):
    breaks = break_tables["breaks"]
    for name, values in SERIES.items():
        y = np.log(values)
        for label, year in [("NAFTA", 1994), ("GATT", 1986)]:
            row = _one(breaks, series=name, sample="1980-2005", **{"break": label})
            f = _chow_f(YEARS, y, year)
            assert row["break_year"] == year
            assert row["f_statistic"] == pytest.approx(f, rel=1e-9)
            assert (row["df_num"], row["df_den"]) == (2, 22)
            assert row["p_value_f"] == pytest.approx(stats.f.sf(f, 2, 22), rel=1e-9)
            slope_after = np.polyfit(YEARS[YEARS >= year], y[YEARS >= year], 1)[0]
            assert row["growth_from_break_pct"] == pytest.approx(100 * math.expm1(slope_after), rel=1e-9)
    nafta = _one(breaks, series="early", sample="1980-2005", **{"break": "NAFTA"})
    gatt = _one(breaks, series="early", sample="1980-2005", **{"break": "GATT"})
    assert nafta["years_before"] == "1980-1993" and gatt["years_from_break"] == "1986-2005"
    assert nafta["f_statistic"] > gatt["f_statistic"]
    # Serial correlation makes large F statistics more common: the simulated p-value is larger.
    assert nafta["p_value_simulated_ar1"] > nafta["p_value_f"]


def test_simulated_p_values_agree_with_the_f_table_when_errors_are_independent(break_tables):
    breaks = break_tables["breaks"]
    for _, row in breaks.iterrows():
        mc_se = math.sqrt(row["p_value_f"] * (1 - row["p_value_f"]) / row["draws"])
        assert abs(row["p_value_simulated_iid"] - row["p_value_f"]) <= 4 * mc_se + 1 / row["draws"]


def test_null_f_statistics_follow_the_f_distribution_with_independent_errors():
    simulated = brk.null_f_statistics(YEARS, [1986, 1994], rho=0.0, draws=20_000, seed=1)
    for column in range(2):
        assert np.quantile(simulated[:, column], 0.95) == pytest.approx(stats.f.ppf(0.95, 2, 22), rel=0.05)
    correlated = brk.null_f_statistics(YEARS, [1994], rho=0.6, draws=20_000, seed=1)
    assert np.quantile(correlated[:, 0], 0.95) > 2 * stats.f.ppf(0.95, 2, 22)


def test_scan_recomputes_every_candidate_and_the_best_fitting_year(break_tables):
    scan = break_tables["break_scan"]
    sup = break_tables["sup_f"].set_index("series")
    for name, values in SERIES.items():
        y = np.log(values)
        part = scan[scan["series"] == name]
        # 15% of 26 years, rounded up: at least 4 years on each side of the break.
        assert part["break_year"].tolist() == list(range(1984, 2003))
        recomputed = [_chow_f(YEARS, y, year) for year in part["break_year"]]
        assert np.allclose(part["f_statistic"], recomputed, rtol=1e-9)
        best = int(part["break_year"].iloc[int(np.argmax(recomputed))])
        assert sup.loc[name, "best_fitting_break_year"] == best
        assert sup.loc[name, "sup_f"] == pytest.approx(max(recomputed), rel=1e-9)
        assert _one(part, best_fitting_break=True)["break_year"] == best
        # The largest of 19 F statistics is less surprising than one F fixed in advance.
        assert sup.loc[name, "p_value_sup_f_simulated_ar1"] > sup.loc[name, "p_value_f_table_single_break"]


def test_nafta_break_on_the_series_cut_at_the_best_fitting_year(break_tables):
    breaks = break_tables["breaks"]
    best = int(break_tables["sup_f"].set_index("series").loc["early", "best_fitting_break_year"])
    row = _one(breaks, series="early", sample=f"1980-{best}")
    keep = YEARS <= best
    assert row["f_statistic"] == pytest.approx(_chow_f(YEARS[keep], np.log(SERIES["early"][keep]), 1994), rel=1e-9)
    assert row["df_den"] == keep.sum() - 4


def test_thirty_fold_under_both_vintages_and_every_base_year(tables):
    fold = tables["fold_increase"]
    early = _one(fold, base_year=1980, end_vintage="early")
    revised = _one(fold, base_year=1980, end_vintage="revised")
    assert early["ratio"] == pytest.approx(20035 / 698, rel=1e-10)
    assert round(early["ratio"], 1) == 28.7
    assert revised["ratio"] == pytest.approx(21688.3 / 698, rel=1e-10)
    assert round(revised["ratio"], 1) == 31.1
    # "thirty-fold", approximate ("-fold"): half a unit of its last non-zero digit, 25 to 35, the range the
    # claim check gives it.
    assert (early["accepted_low"], early["accepted_high"]) == (25, 35)
    assert early["agrees"] and revised["agrees"]
    agreeing = fold[fold["agrees"]]
    assert sorted(agreeing.loc[agreeing["end_vintage"] == "early", "base_year"]) == [1980]
    # 21,688.3 / 859 = 25.2 and 21,688.3 / 844 = 25.7; 20,035 / 859 = 23.3 falls short.
    assert sorted(agreeing.loc[agreeing["end_vintage"] == "revised", "base_year"]) == [1980, 1981, 1982]
    assert _one(fold, base_year=1982, end_vintage="early")["ratio"] == pytest.approx(20035 / 844, rel=1e-10)
    assert set(fold["base_vintage"]) == {"early"}
    assert sorted(fold["base_year"].unique()) == list(range(1980, 1995))
    # The same ratios as the pipeline's claim check.
    claims = tables["remittance_claims"]
    checked = claims[claims["claim_id"] == "nafta_remittances_thirty_fold"]["recomputed_value"].sort_values()
    from_1982 = [_one(fold, base_year=1982, end_vintage=v)["ratio"] for v in ("early", "revised")]
    assert np.allclose(checked, sorted([early["ratio"], revised["ratio"], *from_1982]), rtol=1e-5)
    ranges = claims[claims["claim_id"] == "nafta_remittances_thirty_fold"][["accepted_low", "accepted_high"]]
    assert (ranges.to_numpy() == [25, 35]).all()
    # In constant dollars: 1980 to 2005 divided by the rise of the CPI-U, 195.3 / 82.4.
    assert early["ratio_constant_dollars"] == pytest.approx(20035 / 698 / (195.3 / 82.4), rel=1e-10)
    assert round(early["ratio_constant_dollars"], 1) == 12.1


def test_revised_series_says_which_vintage_each_year_uses(tables):
    processed = pd.read_csv(REPO / "data" / "processed" / "remittances_mexico_1980_2005.csv")
    series = rem.remittance_series(processed, "revised")
    assert series["year"].tolist() == YEARS.tolist()
    assert set(series.loc[series["year"] < 1995, "vintage"]) == {"early"}
    assert set(series.loc[series["year"] >= 1995, "vintage"]) == {"revised"}
    assert np.allclose(series["value_usd_millions"], SERIES["revised"])
    assert "1995-2005" in tables["trend"].set_index("series").loc["revised", "composition"]


def test_building_blocks_on_small_cases():
    assert newey_west_lags(26) == 2 and newey_west_lags(100) == 4
    assert brk.candidate_break_years(np.arange(1980, 2006)) == list(range(1984, 2003))
    assert rem.longest_run_of_one_sign(np.arange(5), np.array([1.0, -1, -1, 1, 1])) == (1, 2, -1)
    assert brk.simulated_p_value(np.array([1.0, 2.0, 3.0]), 2.5) == pytest.approx(2 / 4)
    with pytest.raises(ValueError, match="segment"):
        brk.chow_test(
            rem.remittance_series(pd.read_csv(REPO / "data/processed/remittances_mexico_1980_2005.csv"), "early"), 1982
        )


# The notebook's quotations of the NAFTA paper, with the lines it cites for them.
QUOTES = [
    (193, 195, "has grown exponentially over the past two decades"),
    (193, 195, "This growth was accentuated with the implementation of NAFTA"),
    (208, 208, "experienced an exponential growth in its receipts of remittances"),
    (209, 210, "amounted to USD $20 billion"),
    (309, 309, "the source of foreign exchange with the most consistent rate of growth"),
    (311, 313, "official figures indicate that remittance receipts have increased thirty-fold"),
    (315, 317, "Growth of Remittances in Mexico (USD millions)"),
    (119, 121, "1982 saw a drastic realignment of the economic model toward one that favored exports"),
    (119, 121, "under neoliberally inspired guidelines"),
    (130, 133, "1986 Mexico joined the General Agreement on Tariffs and Trade"),
    (130, 133, "in 1994, of the North American Free Trade Agreement"),
    (147, 147, "the United States began to promote neoliberal policies"),
]


@pytest.mark.parametrize(("first", "last", "quote"), QUOTES)
def test_quoted_text_is_on_the_cited_lines(first, last, quote):
    notebook = (REPO / "notebooks" / "remittance_growth.py").read_text(encoding="utf-8")
    cited = f"line {first}" if first == last else f"lines {first}–{last}"
    assert cited in notebook, f"the notebook does not cite {cited}"
    path = SEEDS_DIR / NAFTA_PAPER
    if not path.is_file():
        pytest.skip("the source documents are not available")
    lines = path.read_text(encoding="utf-8").splitlines()[first - 1 : last]
    assert quote in " ".join(" ".join(lines).split()), f"lines {first}-{last} do not hold {quote!r}"


def newey_west_half_width(changes: np.ndarray) -> float:
    """Half-width of the 95% interval of a mean under Newey-West (Bartlett weights 1 - j / (L + 1), L by
    the 1994 rule), small-sample factor n / (n - 1), t with n - 1 degrees of freedom: written out here,
    independently of statsmodels."""
    n = len(changes)
    lags = math.floor(4 * (n / 100) ** (2 / 9))
    e = changes - changes.mean()
    long_run = e @ e / n + 2 * sum((1 - j / (lags + 1)) * (e[j:] @ e[:-j]) / n for j in range(1, lags + 1))
    return stats.t.ppf(0.975, n - 1) * math.sqrt(long_run / n * n / (n - 1))


# --- how far the break tests depend on the serial correlation; random walk with drift; growth change ----


def test_mean_yearly_log_change_with_its_newey_west_and_independent_intervals(frames):
    drift = pd.DataFrame([rem.mean_log_change(frame) for frame in frames.values()])
    for name, values in SERIES.items():
        changes = np.diff(np.log(values))
        mean, se = changes.mean(), changes.std(ddof=1) / math.sqrt(len(changes))
        half = stats.t.ppf(0.975, len(changes) - 1) * se
        hac = newey_west_half_width(changes)
        row = _one(drift, series=name)
        assert row["yearly_changes"] == 25 and row["hac_lags"] == 2
        assert row["growth_pct"] == pytest.approx(100 * math.expm1(mean), rel=1e-9)
        assert row["growth_ci95_low_pct_independent"] == pytest.approx(100 * math.expm1(mean - half), rel=1e-9)
        assert row["growth_ci95_high_pct_independent"] == pytest.approx(100 * math.expm1(mean + half), rel=1e-9)
        assert row["growth_ci95_low_pct"] == pytest.approx(100 * math.expm1(mean - hac), rel=1e-6)
        assert row["growth_ci95_high_pct"] == pytest.approx(100 * math.expm1(mean + hac), rel=1e-6)
    early = _one(drift, series="early")
    # 1980-2005: (20,035 / 698)^(1/25) - 1 is the mean log change exactly (the sum telescopes).
    assert early["growth_pct"] == pytest.approx(100 * ((20035 / 698) ** (1 / 25) - 1), rel=1e-9)
    # Far wider than the trend's Newey-West interval.
    trend = _one(rem.trend_table(list(frames.values()), newey_west_lags(26)), series="early")
    width = early["growth_ci95_high_pct"] - early["growth_ci95_low_pct"]
    assert width > 2.5 * (trend["annual_growth_ci95_high_pct"] - trend["annual_growth_ci95_low_pct"])


def test_adf_statistic_is_the_t_ratio_of_the_lagged_level(frames):
    unit_root = pd.concat([rem.unit_root_tests(frame) for frame in frames.values()], ignore_index=True)
    for name, values in SERIES.items():
        row = _one(unit_root, series=name, regression="ct")
        assert row["lags_chosen_by_aic"] == 0  # so the regression below is the test's own
        y = np.log(values)
        dy, lagged = np.diff(y), y[:-1]
        design = np.column_stack([np.ones(len(dy)), np.arange(1, len(dy) + 1), lagged])
        beta, *_ = np.linalg.lstsq(design, dy, rcond=None)
        resid = dy - design @ beta
        sigma2 = resid @ resid / (len(dy) - 3)
        se = math.sqrt(sigma2 * np.linalg.inv(design.T @ design)[2, 2])
        assert row["adf_statistic"] == pytest.approx(beta[2] / se, rel=1e-8)
        # Cannot reject a unit root at 10% (the log series is consistent with a random walk with drift).
        assert row["adf_statistic"] > row["critical_value_10pct"]


def test_kinked_trend_and_welch_comparison_of_yearly_changes(frames):
    change = pd.concat(
        [
            rem.growth_change_tests(frame, {"NAFTA": 1994, "GATT": 1986}, newey_west_lags(26))
            for frame in frames.values()
        ],
        ignore_index=True,
    )
    years = YEARS.astype(float)
    for name, values in SERIES.items():
        y = np.log(values)
        for break_year in (1986, 1994):
            design = np.column_stack([np.ones(26), years - 1980, np.clip(years - break_year, 0, None)])
            beta, *_ = np.linalg.lstsq(design, y, rcond=None)
            kink = _one(change, series=name, break_year=break_year, test="kinked trend, Newey-West")
            assert kink["change_in_log_growth"] == pytest.approx(beta[2], rel=1e-8)
            assert kink["growth_after_pct"] == pytest.approx(100 * math.expm1(beta[1] + beta[2]), rel=1e-8)
            changes = np.diff(y)
            before, after = changes[YEARS[1:] <= break_year], changes[YEARS[1:] > break_year]
            v1, v2 = before.var(ddof=1) / len(before), after.var(ddof=1) / len(after)
            t = (after.mean() - before.mean()) / math.sqrt(v1 + v2)
            df = (v1 + v2) ** 2 / (v1**2 / (len(before) - 1) + v2**2 / (len(after) - 1))
            welch = _one(change, series=name, break_year=break_year, test="mean yearly log change, Welch t")
            assert welch["p_value"] == pytest.approx(2 * stats.t.sf(abs(t), df), rel=1e-8)
            assert welch["growth_before_pct"] == pytest.approx(100 * math.expm1(before.mean()), rel=1e-9)
    # With yearly changes this variable, faster growth after NAFTA is not shown.
    assert _one(change, series="early", break_year=1994, test="mean yearly log change, Welch t")["p_value"] > 0.1


def test_break_p_values_rise_with_the_serial_correlation_up_to_a_unit_root(break_tables):
    table = break_tables["break_rho_sensitivity"]
    early = table[table["series"] == "early"]
    observed = {year: _chow_f(YEARS, np.log(SERIES["early"]), year) for year in (1986, 1994)}
    for test, part in early.groupby("test"):
        part = part.sort_values("ar1_coefficient")
        assert part["ar1_coefficient"].iloc[-1] == 1.0 and part["error_model"].iloc[-1] == "random walk (unit root)"
        assert part["ar1_coefficient"].iloc[0] == 0.0
        p = part["p_value_simulated"].to_numpy()
        # Allow Monte Carlo noise of three standard errors between neighbouring coefficients.
        noise = 3 * part["p_value_mc_std_error"].to_numpy()
        assert (np.diff(p) > -(noise[1:] + noise[:-1])).all(), test
        if test.startswith("Chow"):
            year = int(part["break_year"].iloc[0])
            assert part["f_statistic"].iloc[0] == pytest.approx(observed[year], rel=1e-9)
            # Independent errors: the simulation agrees with the F table.
            table_p = stats.f.sf(observed[year], 2, 22)
            assert p[0] == pytest.approx(table_p, abs=max(4 * noise[0] / 3, 2e-4))
    chow = early[early["test"].str.startswith("Chow at 1994")].set_index("ar1_coefficient")["p_value_simulated"]
    sup = early[early["test"].str.startswith("sup-F")].set_index("ar1_coefficient")["p_value_simulated"]
    # The figures the review found: 1994 p about 0.18 at 0.8; the sup-F loses significance by 0.9.
    assert 0.12 < chow[0.8] < 0.25 and chow[1.0] > chow[0.8]
    assert sup[0.9] > 0.05 and sup[1.0] > 0.05


# --- constant dollars: the US CPI-U (BLS), read here from its raw file ----------------------------------

CPI_RAW = REPO / "data" / "raw" / "external" / "bls_cpi_u_annual_averages_1980_2005.csv"


def _cpi() -> np.ndarray:
    with open(CPI_RAW, encoding="utf-8", newline="") as handle:
        index = {int(row["year"]): float(row["index_1982_84_100"]) for row in csv.DictReader(handle)}
    return np.array([index[y] for y in YEARS])


CPI = _cpi()
BASE = 2005  # config/statistics.yaml, remittance_growth.constant_dollar_year
REAL = {name: values * CPI[YEARS == BASE][0] / CPI for name, values in SERIES.items()}
CONSTANT = f"constant US dollars of {BASE}"


def test_constant_dollars_year_by_year(tables):
    table = tables["constant_dollars"].set_index("year")
    assert (table["constant_dollar_year"] == BASE).all()
    assert np.allclose(table.loc[YEARS, "cpi_u_1982_84_100"], CPI, rtol=0, atol=1e-12)
    assert np.allclose(table.loc[YEARS, "early_constant_usd_millions"], REAL["early"], rtol=1e-9)
    assert np.allclose(table.loc[YEARS, "price_factor"], CPI[YEARS == BASE][0] / CPI, rtol=1e-12)
    assert np.array_equal(table.loc[YEARS, "early_current_usd_millions"], SERIES["early"])
    # 1980: 698 current dollars are 698 x 195.3 / 82.4 = 1,654.4 dollars of 2005; 2005 is unchanged.
    assert table.loc[1980, "early_constant_usd_millions"] == pytest.approx(698 * 195.3 / 82.4, rel=1e-9)
    assert table.loc[2005, "revised_constant_usd_millions"] == pytest.approx(21688.3, rel=1e-9)
    assert table.loc[2003, "revised_constant_usd_millions"] == pytest.approx(15138.7 * 195.3 / 184.0, rel=1e-9)
    assert table["revised_constant_usd_millions"].notna().sum() == 11


def test_real_mean_log_change_is_nominal_less_us_inflation(tables):
    for name, values in REAL.items():
        changes = np.diff(np.log(values))
        mean, se = changes.mean(), changes.std(ddof=1) / math.sqrt(len(changes))
        half = stats.t.ppf(0.975, len(changes) - 1) * se
        hac = newey_west_half_width(changes)
        row = _one(_dollars(tables, "mean_log_change", CONSTANT), series=name)
        assert row["growth_pct"] == pytest.approx(100 * math.expm1(mean), rel=1e-9)
        assert row["growth_ci95_low_pct_independent"] == pytest.approx(100 * math.expm1(mean - half), rel=1e-9)
        assert row["growth_ci95_low_pct"] == pytest.approx(100 * math.expm1(mean - hac), rel=1e-6)
        assert row["growth_ci95_high_pct"] == pytest.approx(100 * math.expm1(mean + hac), rel=1e-6)
    early = _one(_dollars(tables, "mean_log_change", CONSTANT), series="early")
    # The sum telescopes: 1980-2005 real growth is (20,035 / (698 x 195.3 / 82.4))^(1/25) - 1, about 10.5%.
    assert early["growth_pct"] == pytest.approx(100 * ((20035 / (698 * 195.3 / 82.4)) ** (1 / 25) - 1), rel=1e-9)
    assert round(early["growth_pct"], 1) == 10.5
    # Its interval excludes zero: remittances outgrew US prices.
    assert early["growth_ci95_low_pct"] > 0


def test_real_compound_growth_by_period(tables):
    growth = _dollars(tables, "growth_by_period", CONSTANT)
    nominal = _dollars(tables, "growth_by_period")
    assert sorted(zip(growth["period"], growth["vintage"], strict=True)) == sorted(
        zip(nominal["period"], nominal["vintage"], strict=True)
    )
    index = dict(zip(YEARS, CPI, strict=True))
    for period, start, end in [("1980-1986", 1980, 1986), ("1986-1994", 1986, 1994), ("1994-2005", 1994, 2005)]:
        row = _one(growth, period=period, vintage="early")
        real_ratio = (VALUES[(end, "early")] / index[end]) / (VALUES[(start, "early")] / index[start])
        assert row["cagr_pct"] == pytest.approx(100 * (real_ratio ** (1 / (end - start)) - 1), rel=1e-10)
    both = _one(growth, period="1995-2005", vintage="revised")
    assert both["cagr_pct"] == pytest.approx(
        100 * (((21688.3 / index[2005]) / (3672.7 / index[1995])) ** 0.1 - 1), rel=1e-10
    )
    whole = _one(growth, period="1980-2005", vintage="early")
    slope = np.polyfit(YEARS, np.log(REAL["early"]), 1)[0]
    assert whole["trend_growth_pct"] == pytest.approx(100 * math.expm1(slope), rel=1e-9)


def test_real_kinked_trend_and_welch_comparison(tables):
    change = _dollars(tables, "growth_change", CONSTANT)
    years = YEARS.astype(float)
    for name, values in REAL.items():
        y = np.log(values)
        for break_year in (1986, 1994):
            design = np.column_stack([np.ones(26), years - 1980, np.clip(years - break_year, 0, None)])
            beta, *_ = np.linalg.lstsq(design, y, rcond=None)
            kink = _one(change, series=name, break_year=break_year, test="kinked trend, Newey-West")
            assert kink["growth_before_pct"] == pytest.approx(100 * math.expm1(beta[1]), rel=1e-8)
            assert kink["growth_after_pct"] == pytest.approx(100 * math.expm1(beta[1] + beta[2]), rel=1e-8)
    welch = _one(change, series="early", break_year=1994, test="mean yearly log change, Welch t")
    changes = np.diff(np.log(REAL["early"]))
    before, after = changes[YEARS[1:] <= 1994], changes[YEARS[1:] > 1994]
    assert welch["p_value"] == pytest.approx(stats.ttest_ind(after, before, equal_var=False).pvalue, rel=1e-8)
    # What notebook 1 says of them: in constant dollars mean growth after 1994 is still not significantly
    # faster at 5%, while the kinked trend (which assumes a trend-stationary series) bends at 1986 and 1994.
    assert welch["p_value"] > 0.05
    kinks = change[(change["series"] == "early") & (change["test"] == "kinked trend, Newey-West")]
    assert (kinks.set_index("break_year").loc[[1986, 1994], "p_value"] < 0.05).all()


def test_the_chow_f_equals_statsmodels_nested_model_f_test():
    """Before the hand-written Chow F gives way to statsmodels: for every candidate year of both series,
    the F of separate lines before and from the break equals statsmodels' F test of the nested models
    (compare_f_test of the broken line against one line), and so does its F-table p-value."""
    from statsmodels.regression.linear_model import OLS

    for name, values in SERIES.items():
        years = np.arange(1980, 2006)
        frame = pd.DataFrame({"series": name, "year": years, "log_value": np.log(values)})
        t = (years - years[0]).astype(float)
        one_line = OLS(frame["log_value"].to_numpy(), np.column_stack([np.ones(len(t)), t])).fit()
        for year in brk.candidate_break_years(years):
            after = (years >= year).astype(float)
            broken = OLS(frame["log_value"].to_numpy(), np.column_stack([np.ones(len(t)), t, after, after * t])).fit()
            f, p, df = broken.compare_f_test(one_line)
            ours = brk.chow_test(frame, year)
            assert ours["f_statistic"] == pytest.approx(f, rel=1e-9) and df == ours["df_num"]
            assert ours["p_value_f"] == pytest.approx(p, rel=1e-7, abs=1e-15)
