"""Remittance growth, 1980-2005: trend, growth by period, unit roots, changes of the growth rate, the
"thirty-fold" claim (the structural-break tests are in :mod:`migration_evidence.analysis.remittance_breaks`).

The data are Banco de México's annual family remittances (``data/processed/remittances_mexico_1980_2005.csv``)
in two vintages. A *series* here is one annual sequence 1980-2005 on the log scale:

- ``early``: the early vintage throughout, the figures published before mid-2006 (what the NAFTA paper
  could see);
- ``revised``: the revised vintage where it exists (1995-2005) and the early vintage before (the only
  one published for 1980-1994). The two vintages agree to less than one unit until 2002; the revision
  raised 2003-2005. Each row keeps the vintage it comes from, so the composition is never hidden.

Twenty-six annual observations are few, and their deviations from any smooth trend are serially
correlated; the functions report what a small, autocorrelated sample allows: Newey-West (HAC)
errors with t reference, and growth as the mean yearly log change, whose interval fits a random walk
with drift.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.regression.linear_model import OLS
from statsmodels.stats.stattools import durbin_watson
from statsmodels.tsa.stattools import adfuller

from .growth_intervals import growth_pct, growth_rate_interval

if TYPE_CHECKING:
    from ..series.specs import ExternalConfig

SERIES = {
    "early": "early vintage 1980-2005 (as published before mid-2006)",
    "revised": "early vintage 1980-1994 (the only one published), revised vintage 1995-2005",
}


def remittance_series(remittances: pd.DataFrame, series: str) -> pd.DataFrame:
    """One annual series (``early`` or ``revised``, see the module notes) with its log values.

    Columns: series, year, vintage (the vintage each value comes from), value_usd_millions, log_value.
    """
    if series not in SERIES:
        raise ValueError(f"unknown series {series!r}; expected one of {sorted(SERIES)}")
    early = remittances[remittances["vintage"] == "early"].set_index("year")
    chosen = early[["vintage", "value_usd_millions"]].copy()
    if series == "revised":
        revised = remittances[remittances["vintage"] == "revised"].set_index("year")
        chosen.loc[revised.index, ["vintage", "value_usd_millions"]] = revised[["vintage", "value_usd_millions"]]
    chosen = chosen.sort_index()
    years = chosen.index.to_numpy()
    if len(years) == 0 or not np.array_equal(years, np.arange(years[0], years[-1] + 1)):
        raise ValueError(f"the {series} series must have one value for every year")
    out = chosen.reset_index()
    out.insert(0, "series", series)
    out["log_value"] = np.log(out["value_usd_millions"].to_numpy(dtype=float))
    return out[["series", "year", "vintage", "value_usd_millions", "log_value"]]


def vintages_side_by_side(remittances: pd.DataFrame) -> pd.DataFrame:
    """The two vintages of the processed table side by side, one row per year (the index): columns
    ``early``, ``revised`` (missing before 1995, when the revised vintage starts) and
    ``revised_minus_early``, the revision in US$ millions."""
    side = remittances.pivot(index="year", columns="vintage", values="value_usd_millions")
    side["revised_minus_early"] = side["revised"] - side["early"]
    return side


def design_matrix(years: np.ndarray) -> np.ndarray:
    return np.column_stack([np.ones(len(years)), years.astype(float)])


def ols_line(years: np.ndarray, log_values: np.ndarray) -> tuple[np.ndarray, float]:
    """Intercept and slope of the log values on the calendar year, and the residual sum of squares."""
    design = design_matrix(years)
    beta, *_ = np.linalg.lstsq(design, log_values, rcond=None)
    resid = log_values - design @ beta
    return beta, float(resid @ resid)


def lag1_autocorrelation(resid: np.ndarray) -> float:
    """First-order autocorrelation of residuals, sum(e_t e_t-1) / sum(e_t^2)."""
    resid = np.asarray(resid, dtype=float)
    return float(resid[1:] @ resid[:-1] / (resid @ resid))


def longest_run_of_one_sign(years: np.ndarray, resid: np.ndarray) -> tuple[int, int, int]:
    """First year, last year and sign (+1 or -1) of the longest run of residuals of one sign.

    >>> longest_run_of_one_sign(np.arange(2000, 2006), np.array([1.0, -1, -2, -1, 3, 1]))
    (2001, 2003, -1)
    """
    signs = np.sign(np.asarray(resid, dtype=float))
    best, start = (0, 0), 0
    for i in range(1, len(signs) + 1):
        if i == len(signs) or signs[i] != signs[start]:
            if i - start > best[1] - best[0]:
                best = (start, i)
            start = i
    return int(years[best[0]]), int(years[best[1] - 1]), int(signs[best[0]])


def log_linear_trend(frame: pd.DataFrame, lags: int) -> dict:
    """log(value) = a + b year, by OLS, with Newey-West (Bartlett, ``lags``) standard errors.

    The HAC covariance carries the small-sample factor n / (n - 2), and tests and intervals use the t
    distribution with n - 2 degrees of freedom. ``annual_growth_pct`` is exp(b) - 1, in percent.
    """
    years = frame["year"].to_numpy()
    y = frame["log_value"].to_numpy(dtype=float)
    classical = OLS(y, design_matrix(years)).fit()
    hac = OLS(y, design_matrix(years)).fit(
        cov_type="HAC", cov_kwds={"maxlags": lags, "kernel": "bartlett", "use_correction": True}, use_t=True
    )
    low, high = hac.conf_int(alpha=0.05)[1]
    slope = float(hac.params[1])
    return {
        "series": frame["series"].iloc[0],
        "composition": SERIES[frame["series"].iloc[0]],
        "first_year": int(years[0]),
        "last_year": int(years[-1]),
        "n": int(hac.nobs),
        "intercept": float(hac.params[0]),
        "slope_log_per_year": slope,
        "std_error_classical": float(classical.bse[1]),
        "hac_lags": lags,
        "std_error_hac": float(hac.bse[1]),
        "df_resid": int(hac.df_resid),
        "ci95_low_hac": float(low),
        "ci95_high_hac": float(high),
        "p_value_hac": float(hac.pvalues[1]),
        "annual_growth_pct": growth_pct(slope),
        "annual_growth_ci95_low_pct": growth_pct(low),
        "annual_growth_ci95_high_pct": growth_pct(high),
        "r_squared": float(hac.rsquared),
        "durbin_watson": float(durbin_watson(classical.resid)),
        "residual_autocorrelation_lag1": lag1_autocorrelation(classical.resid),
    }


def trend_table(frames: list[pd.DataFrame], lags: int) -> pd.DataFrame:
    """The log-linear trend of each series (one row per series)."""
    return pd.DataFrame([log_linear_trend(frame, lags) for frame in frames])


def trend_residuals(frame: pd.DataFrame, trend: pd.DataFrame) -> np.ndarray:
    """Year by year, the log values of one series (:func:`remittance_series`) minus its log-linear
    trend, the row of ``trend`` (:func:`trend_table`) for that series."""
    line = trend.set_index("series").loc[frame["series"].iloc[0]]
    years = frame["year"].to_numpy()
    return frame["log_value"].to_numpy() - (line["intercept"] + line["slope_log_per_year"] * years)


def vintages_by_year(remittances: pd.DataFrame, trend: pd.DataFrame) -> pd.DataFrame:
    """One row per year: both vintages (:func:`vintages_side_by_side`), the revision in US$ millions
    and in percent of the early value, growth over the previous year in each vintage, and the early
    series' distance from its log-linear trend (the ``early`` row of ``trend``, :func:`trend_table`),
    in logs. The revised vintage's growth starts in 1996, its first year being 1995."""
    side = vintages_side_by_side(remittances)
    early = remittance_series(remittances, "early")
    residuals = trend_residuals(early, trend)
    by_year = pd.DataFrame(
        {
            "year": side.index.astype(int),
            "early_usd_millions": side["early"].to_numpy(),
            "revised_usd_millions": side["revised"].to_numpy(),
            # Both vintages are printed to 0.1 million at most: the difference is too.
            "revised_minus_early_usd_millions": side["revised_minus_early"].round(1).to_numpy(),
            "revision_pct": (100 * side["revised_minus_early"] / side["early"]).to_numpy(),
            "early_growth_over_previous_year_pct": (100 * (side["early"] / side["early"].shift(1) - 1)).to_numpy(),
            "revised_growth_over_previous_year_pct": (
                100 * (side["revised"] / side["revised"].shift(1) - 1)
            ).to_numpy(),
        }
    )
    by_year["early_trend_residual_log"] = by_year["year"].map(
        dict(zip(early["year"].to_numpy(), residuals, strict=True))
    )
    return by_year


def hac_lag_sensitivity(frames: list[pd.DataFrame], lags: range, chosen: int) -> pd.DataFrame:
    """The trend slope's HAC standard error and 95% interval for each truncation lag (0 = White)."""
    rows = []
    for frame in frames:
        for lag in lags:
            fit = log_linear_trend(frame, lag)
            rows.append(
                {
                    "series": fit["series"],
                    "hac_lags": lag,
                    "chosen": lag == chosen,
                    "slope_log_per_year": fit["slope_log_per_year"],
                    "std_error_hac": fit["std_error_hac"],
                    "annual_growth_pct": fit["annual_growth_pct"],
                    "annual_growth_ci95_low_pct": fit["annual_growth_ci95_low_pct"],
                    "annual_growth_ci95_high_pct": fit["annual_growth_ci95_high_pct"],
                }
            )
    return pd.DataFrame(rows)


def periods_with_best_break(config: ExternalConfig, best_year: int, last_year: int) -> ExternalConfig:
    """The declaration ``config`` with two growth periods added to its declared ones
    (``growth_periods`` of ``config/external_series.yaml``): NAFTA's years split at ``best_year``, the
    best-fitting single break, from NAFTA's start to ``best_year`` (early vintage) and from ``best_year``
    to ``last_year`` (both vintages). The split is chosen after seeing the data; the labels say so.
    Pass the result to :func:`migration_evidence.series.results.growth_rates`."""
    split = (
        {
            "start": config.nafta_start_year,
            "end": best_year,
            "vintages": ["early"],
            "label": f"NAFTA to the best-fitting break ({best_year}, chosen after seeing the data)",
        },
        {
            "start": best_year,
            "end": last_year,
            "vintages": ["early", "revised"],
            "label": f"from the best-fitting break ({best_year}, chosen after seeing the data)",
        },
    )
    return replace(config, growth_periods=config.growth_periods + split)


def growth_by_period(frame: pd.DataFrame, endpoint_growth: pd.DataFrame) -> pd.DataFrame:
    """Endpoint compound growth (the rows of ``external_series.growth_rates``) beside growth measured
    from every year of the period: the log-linear trend over the period and the spread of the
    year-on-year changes within it.

    ``frame`` holds both vintages of the processed table; each period is measured within its own vintage.
    """
    rows = []
    for _, period in endpoint_growth.iterrows():
        part = frame[
            (frame["vintage"] == period["vintage"])
            & (frame["year"] >= period["start_year"])
            & (frame["year"] <= period["end_year"])
        ].sort_values("year")
        years = part["year"].to_numpy()
        if len(years) != period["years"] + 1:
            raise ValueError(f"{period['period']} ({period['vintage']}): expected every year in the period")
        logs = np.log(part["value_usd_millions"].to_numpy(dtype=float))
        beta, _ = ols_line(years, logs)
        yearly = 100 * np.expm1(np.diff(logs))
        rows.append(
            {
                **period.to_dict(),
                "trend_growth_pct": growth_pct(beta[1]),
                "yearly_growth_min_pct": float(yearly.min()),
                "yearly_growth_max_pct": float(yearly.max()),
                "yearly_growth_sd_pct": float(yearly.std(ddof=1)),
                "years_with_decline": int((yearly < 0).sum()),
            }
        )
    return pd.DataFrame(rows)


def fold_increase_by_base_year(
    remittances: pd.DataFrame,
    end_year: int,
    base_years: list[int],
    stated: float,
    accepted: tuple[float, float],
    prices: pd.Series,
) -> pd.DataFrame:
    """The increase from each base year to ``end_year`` under each vintage of the end year.

    The base-year values exist in the early vintage only (1980-1994). ``agrees`` says whether the
    ratio lies in the range ``accepted`` (low, high) that the rule for approximate statements gives the
    ``stated`` multiple (the claim check's range, ``results/tables/remittance_claims.csv``).
    ``ratio_constant_dollars`` is the same increase in US prices of a fixed year: the ratio divided by
    the rise of ``prices`` (a consumer price index by year) from the base year to the end year.
    """
    low, high = accepted
    early = remittances[remittances["vintage"] == "early"].set_index("year")["value_usd_millions"]
    rows = []
    for vintage in ["early", "revised"]:
        ends = remittances[(remittances["vintage"] == vintage) & (remittances["year"] == end_year)]
        if len(ends) != 1:
            raise ValueError(f"no single {vintage} value for {end_year}")
        end_value = float(ends["value_usd_millions"].iloc[0])
        for base in base_years:
            ratio = end_value / float(early.loc[base])
            rows.append(
                {
                    "base_year": base,
                    "base_vintage": "early",
                    "base_usd_millions": float(early.loc[base]),
                    "end_year": end_year,
                    "end_vintage": vintage,
                    "end_usd_millions": end_value,
                    "ratio": ratio,
                    "stated_ratio": stated,
                    "accepted_low": low,
                    "accepted_high": high,
                    "agrees": bool(low <= ratio <= high),
                    "price_rise": float(prices.loc[end_year] / prices.loc[base]),
                    "ratio_constant_dollars": ratio * float(prices.loc[base] / prices.loc[end_year]),
                }
            )
    return pd.DataFrame(rows)


def constant_dollars(remittances: pd.DataFrame, prices: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """The processed remittances (both vintages) in US dollars of ``base_year``: each value times
    CPI(base year) / CPI(year), the annual averages of the US consumer price index (``prices``: columns
    ``year`` and ``index_1982_84_100``).

    The result has the columns of the processed table, so every growth measure applies to it unchanged;
    ``value_usd_millions`` then holds constant dollars, and ``cpi`` and ``price_factor`` are added. Real
    growth in this sense is growth of what the dollars buy in the US, not of what they buy in Mexico.
    """
    index = prices.set_index("year")["index_1982_84_100"].astype(float)
    missing = sorted(set(remittances["year"]) - set(index.index) | ({base_year} - set(index.index)))
    if missing:
        raise ValueError(f"no price index for the year(s) {missing}")
    out = remittances.copy()
    out["cpi"] = out["year"].map(index)
    out["price_factor"] = float(index.loc[base_year]) / out["cpi"]
    out["value_usd_millions"] = out["value_usd_millions"] * out["price_factor"]
    return out


def constant_dollars_by_year(remittances: pd.DataFrame, prices: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """One row per year: the US consumer price index (``prices``, as for :func:`constant_dollars`),
    ``base_year``, the factor CPI(base year) / CPI(year), and each vintage in current and in constant
    dollars of ``base_year`` (US$ millions; the revised vintage from 1995)."""
    side = vintages_side_by_side(remittances)
    real = constant_dollars(remittances, prices, base_year)
    real_side = real.pivot(index="year", columns="vintage", values="value_usd_millions")
    factors = real.drop_duplicates("year").set_index("year")["price_factor"]
    return pd.DataFrame(
        {
            "year": side.index.astype(int),
            "cpi_u_1982_84_100": prices.set_index("year").loc[side.index, "index_1982_84_100"].to_numpy(),
            "constant_dollar_year": base_year,
            "price_factor": factors.loc[side.index].to_numpy(),
            "early_current_usd_millions": side["early"].to_numpy(),
            "early_constant_usd_millions": real_side["early"].to_numpy(),
            "revised_current_usd_millions": side["revised"].to_numpy(),
            "revised_constant_usd_millions": real_side["revised"].to_numpy(),
        }
    )


def by_dollars(nominal: pd.DataFrame, constant: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """One table of a measure on both scales: the rows of ``nominal`` (current dollars), then those of
    ``constant`` (dollars of ``base_year``, from :func:`constant_dollars`), with a second column,
    ``dollars``, saying which ("current US dollars" or "constant US dollars of <base_year>")."""
    parts = []
    for dollars, frame in [("current US dollars", nominal), (f"constant US dollars of {base_year}", constant)]:
        part = frame.copy()
        part.insert(1, "dollars", dollars)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def unit_root_tests(frame: pd.DataFrame, maxlag: int = 2) -> pd.DataFrame:
    """Augmented Dickey-Fuller tests (statsmodels ``adfuller``) of the log series: with a constant and
    a trend (can the series be a random walk with drift rather than a stationary path around a
    straight line?), and of its yearly changes with a constant. The lag order is chosen by AIC up to
    ``maxlag``; p-values are MacKinnon's (1994, 2010) approximations, which are rough with 26 years.
    """
    y = frame["log_value"].to_numpy(dtype=float)
    rows = []
    for what, values, regression in [
        ("log level, constant and trend", y, "ct"),
        ("yearly log change, constant", np.diff(y), "c"),
    ]:
        statistic, p_value, lags, nobs, critical, _ = adfuller(
            values, maxlag=maxlag, regression=regression, autolag="AIC", result_object=False
        )
        rows.append(
            {
                "series": frame["series"].iloc[0],
                "tested": what,
                "regression": regression,
                "adf_statistic": float(statistic),
                "p_value_mackinnon": float(p_value),
                "lags_chosen_by_aic": int(lags),
                "max_lags": maxlag,
                "observations_used": int(nobs),
                "critical_value_1pct": float(critical["1%"]),
                "critical_value_5pct": float(critical["5%"]),
                "critical_value_10pct": float(critical["10%"]),
            }
        )
    return pd.DataFrame(rows)


def mean_log_change(frame: pd.DataFrame, first_year: int | None = None, last_year: int | None = None) -> dict:
    """Growth as the mean yearly change of the log series, with the project's growth-rate interval
    (:func:`migration_evidence.analysis.growth_intervals.growth_rate_interval`: Newey–West, Bartlett,
    t with n - 1 degrees of freedom), beside the interval that treats the changes as independent.

    If the log series is a random walk with drift, the drift is this mean; the HAC interval also allows
    the yearly changes to be autocorrelated (they are not independent draws if the drift itself
    wanders). The changes counted are those from ``first_year`` to ``last_year``.
    """
    part = frame
    if first_year is not None:
        part = part[part["year"] >= first_year]
    if last_year is not None:
        part = part[part["year"] <= last_year]
    changes = np.diff(part["log_value"].to_numpy(dtype=float))
    hac = growth_rate_interval(changes)
    iid = growth_rate_interval(changes, lags=0)
    return {
        "series": frame["series"].iloc[0],
        "years": f"{int(part['year'].iloc[0])}-{int(part['year'].iloc[-1])}",
        "yearly_changes": hac["n_changes"],
        "mean_log_change": hac["mean_log_change"],
        "sd_log_change": float(changes.std(ddof=1)),
        "lag1_autocorrelation": hac["lag1_autocorrelation"],
        "std_error": iid["std_error_iid"],
        "hac_lags": hac["hac_lags"],
        "std_error_hac": hac["std_error_hac"],
        "ci95_low": hac["ci_low_log"],
        "ci95_high": hac["ci_high_log"],
        "growth_pct": hac["growth_pct"],
        "growth_ci95_low_pct": hac["growth_ci_low_pct"],
        "growth_ci95_high_pct": hac["growth_ci_high_pct"],
        "growth_ci95_low_pct_independent": iid["growth_ci_low_pct"],
        "growth_ci95_high_pct_independent": iid["growth_ci_high_pct"],
    }


def growth_change_tests(frame: pd.DataFrame, break_years: dict[str, int], lags: int) -> pd.DataFrame:
    """Did the growth *rate* change at a break year? Two tests of a change in slope, not a jump in level.

    - ``kinked trend``: log(value) = a + b t + c (t - break)+, one continuous line that bends at the
      break; c is the change in the yearly log growth, with Newey-West errors (``lags``, t reference).
    - ``mean yearly change``: the mean log change before the break against from the break on (Welch's
      t test), the comparison that fits a random walk with drift.
    """
    years = frame["year"].to_numpy()
    y = frame["log_value"].to_numpy(dtype=float)
    changes = np.diff(y)
    change_years = years[1:]  # a change is dated by the year it ends in
    rows = []
    for label, year in break_years.items():
        kink = np.clip(years - year, 0, None).astype(float)
        design = np.column_stack([np.ones(len(years)), years - years[0], kink])
        fit = OLS(y, design).fit(
            cov_type="HAC", cov_kwds={"maxlags": lags, "kernel": "bartlett", "use_correction": True}, use_t=True
        )
        low, high = fit.conf_int(alpha=0.05)[2]
        before, after = changes[change_years <= year], changes[change_years > year]
        welch = stats.ttest_ind(after, before, equal_var=False)
        welch_ci = welch.confidence_interval(0.95)
        base = {"series": frame["series"].iloc[0], "break": label, "break_year": int(year)}
        rows.append(
            {
                **base,
                "test": "kinked trend, Newey-West",
                "growth_before_pct": growth_pct(fit.params[1]),
                "growth_after_pct": growth_pct(fit.params[1] + fit.params[2]),
                "change_in_log_growth": float(fit.params[2]),
                "ci95_low": float(low),
                "ci95_high": float(high),
                "p_value": float(fit.pvalues[2]),
                "n": int(fit.nobs),
            }
        )
        rows.append(
            {
                **base,
                "test": "mean yearly log change, Welch t",
                "growth_before_pct": growth_pct(before.mean()),
                "growth_after_pct": growth_pct(after.mean()),
                "change_in_log_growth": float(after.mean() - before.mean()),
                "ci95_low": float(welch_ci.low),
                "ci95_high": float(welch_ci.high),
                "p_value": float(welch.pvalue),
                "n": len(changes),
            }
        )
    return pd.DataFrame(rows)
