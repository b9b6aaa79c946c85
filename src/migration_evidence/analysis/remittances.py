"""Remittance growth, 1980-2005: trend, structural breaks, growth by period, the "thirty-fold" claim.

The data are Banco de México's annual family remittances (``data/processed/remittances_mexico_1980_2005.csv``)
in two vintages. A *series* here is one annual sequence 1980-2005 on the log scale:

- ``early``: the early vintage throughout, the figures published before mid-2006 (what the NAFTA paper
  could see);
- ``revised``: the revised vintage where it exists (1995-2005) and the early vintage before (the only
  one published for 1980-1994). The two vintages agree to less than one unit until 2002; the revision
  raised 2003-2005. Each row keeps the vintage it comes from, so the composition is never hidden.

Twenty-six annual observations are few, and their deviations from any smooth trend are serially
correlated; the functions report what a small, autocorrelated sample allows: Newey-West (HAC)
errors with t reference, classical Chow F tests alongside p-values simulated under autocorrelated
errors, and a scan over all candidate break years labelled as descriptive.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.regression.linear_model import OLS
from statsmodels.stats.stattools import durbin_watson
from statsmodels.tsa.stattools import adfuller

SERIES = {
    "early": "early vintage 1980-2005 (as published before mid-2006)",
    "revised": "early vintage 1980-1994 (the only one published), revised vintage 1995-2005",
}
CHOW_PARAMETERS = 2  # intercept and slope, in each segment


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


def newey_west_lags(n: int) -> int:
    """Newey and West's (1994) rule for the Bartlett-kernel truncation lag: floor(4 (n/100)^(2/9)).

    >>> newey_west_lags(26)
    2
    """
    return math.floor(4 * (n / 100) ** (2 / 9))


def _design(years: np.ndarray) -> np.ndarray:
    return np.column_stack([np.ones(len(years)), years.astype(float)])


def _ols(years: np.ndarray, log_values: np.ndarray) -> tuple[np.ndarray, float]:
    """Intercept and slope of the log values on the calendar year, and the residual sum of squares."""
    design = _design(years)
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


def _growth_pct(log_rate: float) -> float:
    return 100 * math.expm1(log_rate)


def log_linear_trend(frame: pd.DataFrame, lags: int) -> dict:
    """log(value) = a + b year, by OLS, with Newey-West (Bartlett, ``lags``) standard errors.

    The HAC covariance carries the small-sample factor n / (n - 2), and tests and intervals use the t
    distribution with n - 2 degrees of freedom. ``annual_growth_pct`` is exp(b) - 1, in percent.
    """
    years = frame["year"].to_numpy()
    y = frame["log_value"].to_numpy(dtype=float)
    classical = OLS(y, _design(years)).fit()
    hac = OLS(y, _design(years)).fit(
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
        "annual_growth_pct": _growth_pct(slope),
        "annual_growth_ci95_low_pct": _growth_pct(low),
        "annual_growth_ci95_high_pct": _growth_pct(high),
        "r_squared": float(hac.rsquared),
        "durbin_watson": float(durbin_watson(classical.resid)),
        "residual_autocorrelation_lag1": lag1_autocorrelation(classical.resid),
    }


def trend_table(frames: list[pd.DataFrame], lags: int) -> pd.DataFrame:
    """The log-linear trend of each series (one row per series)."""
    return pd.DataFrame([log_linear_trend(frame, lags) for frame in frames])


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


def chow_test(frame: pd.DataFrame, break_year: int) -> dict:
    """Chow test of one break: separate lines for the years before ``break_year`` and from it on.

    F = ((RSS_pooled - RSS_before - RSS_after) / k) / ((RSS_before + RSS_after) / (n - 2k)), k = 2,
    with an F(k, n - 2k) reference that assumes independent, equal-variance errors.
    """
    years = frame["year"].to_numpy()
    y = frame["log_value"].to_numpy(dtype=float)
    before = years < break_year
    k, n = CHOW_PARAMETERS, len(years)
    if before.sum() <= k or (~before).sum() <= k:
        raise ValueError(f"a break in {break_year} leaves a segment with {k} observations or fewer")
    _, rss_pooled = _ols(years, y)
    beta_before, rss_before = _ols(years[before], y[before])
    beta_after, rss_after = _ols(years[~before], y[~before])
    rss_split = rss_before + rss_after
    f_statistic = ((rss_pooled - rss_split) / k) / (rss_split / (n - 2 * k))
    return {
        "series": frame["series"].iloc[0],
        "break_year": int(break_year),
        "years_before": f"{years[before][0]}-{years[before][-1]}",
        "years_from_break": f"{years[~before][0]}-{years[~before][-1]}",
        "n_before": int(before.sum()),
        "n_from_break": int((~before).sum()),
        "rss_pooled": rss_pooled,
        "rss_before": rss_before,
        "rss_from_break": rss_after,
        "f_statistic": f_statistic,
        "df_num": k,
        "df_den": n - 2 * k,
        "p_value_f": float(stats.f.sf(f_statistic, k, n - 2 * k)),
        "intercept_before": float(beta_before[0]),
        "slope_before": float(beta_before[1]),
        "intercept_from_break": float(beta_after[0]),
        "slope_from_break": float(beta_after[1]),
        "growth_before_pct": _growth_pct(beta_before[1]),
        "growth_from_break_pct": _growth_pct(beta_after[1]),
    }


def candidate_break_years(years: np.ndarray, trim: float = 0.15) -> list[int]:
    """Break years leaving at least ``trim`` of the sample (rounded up) in each segment.

    >>> candidate_break_years(np.arange(1980, 2006))[:2], candidate_break_years(np.arange(1980, 2006))[-1]
    ([1984, 1985], 2002)
    """
    n = len(years)
    least = math.ceil(trim * n)
    return [int(year) for year in years[least : n - least + 1]]


def null_f_statistics(years: np.ndarray, break_years: list[int], rho: float, draws: int, seed: int) -> np.ndarray:
    """Chow F statistics (draws x break years) when the truth is one straight line with AR(1) errors.

    The errors are stationary AR(1) with coefficient ``rho`` (``rho = 0``: independent normal); with
    ``rho = 1`` they are a random walk (the series has a unit root). The F statistic does not depend
    on the line's intercept and slope or on the error scale, so these are not needed. Used for p-values
    that allow for serial correlation, and for the largest F over many candidate years (the sup-F),
    whose distribution no single F table gives.
    """
    n, k = len(years), CHOW_PARAMETERS
    # Counting years from the first gives the same F statistics with better-conditioned designs.
    first = int(years[0])
    years = years - first
    break_years = [year - first for year in break_years]
    rng = np.random.default_rng(seed)
    shocks = rng.standard_normal((draws, n))
    errors = np.empty_like(shocks)
    # A random walk has no stationary start; its starting level is absorbed by the intercept.
    errors[:, 0] = shocks[:, 0] if rho >= 1 else shocks[:, 0] / math.sqrt(1 - rho**2)
    for t in range(1, n):
        errors[:, t] = rho * errors[:, t - 1] + shocks[:, t]

    def annihilator(design: np.ndarray) -> np.ndarray:
        return np.eye(n) - design @ np.linalg.pinv(design)

    def rss(design: np.ndarray) -> np.ndarray:
        # e'Me for every draw: one matrix product, then row sums (a three-operand einsum is ten times slower).
        return np.einsum("ri,ri->r", errors @ annihilator(design), errors)

    rss_pooled = rss(_design(years))
    out = np.empty((draws, len(break_years)))
    for j, year in enumerate(break_years):
        after = (years >= year).astype(float)
        design = np.column_stack([_design(years), after, after * years])
        rss_split = rss(design)
        out[:, j] = ((rss_pooled - rss_split) / k) / (rss_split / (n - 2 * k))
    return out


def simulated_p_value(null_statistics: np.ndarray, observed: float) -> float:
    """(1 + draws at least as large as ``observed``) / (1 + draws): never 0, as a finite simulation
    cannot show a probability of 0 (Davison and Hinkley 1997, section 4.2)."""
    return float((1 + (null_statistics >= observed).sum()) / (1 + len(null_statistics)))


def _mc_std_error(p_value: float, draws: int) -> float:
    """Monte Carlo standard error of a simulated p-value."""
    return math.sqrt(p_value * (1 - p_value) / draws)


def break_scan(frame: pd.DataFrame, break_years: list[int]) -> pd.DataFrame:
    """The Chow F test at every candidate break year (descriptive: the best-fitting year is found by looking)."""
    rows = [chow_test(frame, year) for year in break_years]
    out = pd.DataFrame(rows)[
        [
            "series",
            "break_year",
            "n_before",
            "n_from_break",
            "rss_pooled",
            "rss_before",
            "rss_from_break",
            "f_statistic",
            "p_value_f",
            "growth_before_pct",
            "growth_from_break_pct",
        ]
    ]
    out["rss_split"] = out["rss_before"] + out["rss_from_break"]
    out["best_fitting_break"] = out["f_statistic"] == out["f_statistic"].max()
    return out


def break_tests(
    frame: pd.DataFrame,
    named_breaks: dict[str, int],
    candidates: list[int],
    *,
    draws: int,
    seed: int,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Chow tests at the named breaks and the sup-F over the candidates, with simulated p-values.

    Returns (breaks, sup_f). Each p-value is given three ways: from the F table (independent errors),
    and simulated with independent and with AR(1) errors, whose coefficient is the lag-1
    autocorrelation of the residuals from the single straight line (the model without a break). The
    same draws serve every break year and both error models (common random numbers).
    """
    years = frame["year"].to_numpy()
    y = frame["log_value"].to_numpy(dtype=float)
    beta, _ = _ols(years, y)
    rho = lag1_autocorrelation(y - _design(years) @ beta)
    columns = sorted(set(candidates) | set(named_breaks.values()))
    simulated = {
        "iid": null_f_statistics(years, columns, 0.0, draws, seed),
        "ar1": null_f_statistics(years, columns, rho, draws, seed),
    }
    rows = []
    for label, year in named_breaks.items():
        row = {"break": label, "sample": f"{years[0]}-{years[-1]}", **chow_test(frame, year)}
        j = columns.index(year)
        row["p_value_simulated_iid"] = simulated_p_value(simulated["iid"][:, j], row["f_statistic"])
        row["p_value_simulated_ar1"] = simulated_p_value(simulated["ar1"][:, j], row["f_statistic"])
        row["p_value_simulated_ar1_mc_std_error"] = _mc_std_error(row["p_value_simulated_ar1"], draws)
        row["ar1_coefficient"] = rho
        row["draws"] = draws
        row["seed"] = seed
        rows.append(row)
    scan = break_scan(frame, candidates)
    best = scan.loc[scan["f_statistic"].idxmax()]
    in_candidates = [columns.index(year) for year in candidates]
    sup = {
        "series": frame["series"].iloc[0],
        "candidate_years": f"{candidates[0]}-{candidates[-1]}",
        "candidates": len(candidates),
        "sup_f": float(best["f_statistic"]),
        "best_fitting_break_year": int(best["break_year"]),
        "p_value_f_table_single_break": float(best["p_value_f"]),
        "p_value_sup_f_simulated_iid": simulated_p_value(
            simulated["iid"][:, in_candidates].max(axis=1), best["f_statistic"]
        ),
        "p_value_sup_f_simulated_ar1": simulated_p_value(
            simulated["ar1"][:, in_candidates].max(axis=1), best["f_statistic"]
        ),
        "ar1_coefficient": rho,
        "draws": draws,
        "seed": seed,
    }
    sup["p_value_sup_f_simulated_ar1_mc_std_error"] = _mc_std_error(sup["p_value_sup_f_simulated_ar1"], draws)
    return pd.DataFrame(rows), pd.DataFrame([sup])


def segmented_fit(frame: pd.DataFrame, break_year: int) -> pd.DataFrame:
    """Fitted log values of the trend and of the two-segment (Chow) model, year by year."""
    years = frame["year"].to_numpy()
    y = frame["log_value"].to_numpy(dtype=float)
    beta, _ = _ols(years, y)
    chow = chow_test(frame, break_year)
    before = years < break_year
    segmented = np.where(
        before,
        chow["intercept_before"] + chow["slope_before"] * years,
        chow["intercept_from_break"] + chow["slope_from_break"] * years,
    )
    return pd.DataFrame(
        {
            "series": frame["series"].to_numpy(),
            "year": years,
            "log_value": y,
            "trend_fitted": _design(years) @ beta,
            "segmented_fitted": segmented,
            "segment": np.where(before, "before", "from_break"),
        }
    )


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
        beta, _ = _ols(years, logs)
        yearly = 100 * np.expm1(np.diff(logs))
        rows.append(
            {
                **period.to_dict(),
                "trend_growth_pct": _growth_pct(beta[1]),
                "yearly_growth_min_pct": float(yearly.min()),
                "yearly_growth_max_pct": float(yearly.max()),
                "yearly_growth_sd_pct": float(yearly.std(ddof=1)),
                "years_with_decline": int((yearly < 0).sum()),
            }
        )
    return pd.DataFrame(rows)


def fold_increase_by_base_year(
    remittances: pd.DataFrame, end_year: int, base_years: list[int], stated: float, half_width: float
) -> pd.DataFrame:
    """The increase from each base year to ``end_year`` under each vintage of the end year.

    The base-year values exist in the early vintage only (1980-1994). ``agrees`` says whether the
    ratio lies within ``half_width`` of the ``stated`` multiple.
    """
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
                    "accepted_low": stated - half_width,
                    "accepted_high": stated + half_width,
                    "agrees": bool(stated - half_width <= ratio <= stated + half_width),
                }
            )
    return pd.DataFrame(rows)


def break_p_values_over_rho(
    frame: pd.DataFrame,
    named_breaks: dict[str, int],
    candidates: list[int],
    rhos: list[float],
    *,
    draws: int,
    seed: int,
) -> pd.DataFrame:
    """Simulated p-values of the Chow tests at ``named_breaks`` and of the sup-F over ``candidates``
    for each AR(1) coefficient in ``rhos`` (1 = a random walk).

    The coefficient estimated from 26 residuals is biased towards zero (a true 0.8 gives about 0.5 on
    average), so a single plug-in value understates how common large F statistics are under serially
    correlated errors; reporting the p-values over a range of coefficients, up to a unit root, shows how
    far a conclusion depends on it. Same draws for every coefficient (common random numbers).
    """
    years = frame["year"].to_numpy()
    columns = sorted(set(candidates) | set(named_breaks.values()))
    observed = {year: chow_test(frame, year)["f_statistic"] for year in columns}
    in_candidates = [columns.index(year) for year in candidates]
    sup_f = max(observed[year] for year in candidates)
    best_year = max(candidates, key=lambda year: observed[year])
    rows = []
    for rho in rhos:
        null = null_f_statistics(years, columns, rho, draws, seed)
        tests = [(f"Chow at {year} ({label})", year, observed[year], null[:, columns.index(year)])
                 for label, year in named_breaks.items()]  # fmt: skip
        tests.append((f"sup-F over {candidates[0]}-{candidates[-1]}", best_year, sup_f,
                      null[:, in_candidates].max(axis=1)))  # fmt: skip
        for test, year, statistic, null_statistics in tests:
            p_value = simulated_p_value(null_statistics, statistic)
            rows.append(
                {
                    "series": frame["series"].iloc[0],
                    "test": test,
                    "break_year": int(year),
                    "f_statistic": float(statistic),
                    "ar1_coefficient": float(rho),
                    "error_model": "random walk (unit root)" if rho >= 1 else "stationary AR(1)",
                    "p_value_simulated": p_value,
                    "p_value_mc_std_error": _mc_std_error(p_value, draws),
                    "draws": draws,
                    "seed": seed,
                }
            )
    return pd.DataFrame(rows)


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
    """Growth as the mean yearly change of the log series, with a t interval (n - 1 degrees of freedom).

    If the log series is a random walk with drift, the drift is this mean and the yearly changes are
    the independent observations, so its interval, unlike that of a trend slope, needs no correction
    for serial correlation. The changes counted are those from ``first_year`` to ``last_year``.
    """
    part = frame
    if first_year is not None:
        part = part[part["year"] >= first_year]
    if last_year is not None:
        part = part[part["year"] <= last_year]
    changes = np.diff(part["log_value"].to_numpy(dtype=float))
    n = len(changes)
    mean, sd = float(changes.mean()), float(changes.std(ddof=1))
    se = sd / math.sqrt(n)
    half = float(stats.t.ppf(0.975, n - 1)) * se
    return {
        "series": frame["series"].iloc[0],
        "years": f"{int(part['year'].iloc[0])}-{int(part['year'].iloc[-1])}",
        "yearly_changes": n,
        "mean_log_change": mean,
        "sd_log_change": sd,
        "std_error": se,
        "ci95_low": mean - half,
        "ci95_high": mean + half,
        "growth_pct": _growth_pct(mean),
        "growth_ci95_low_pct": _growth_pct(mean - half),
        "growth_ci95_high_pct": _growth_pct(mean + half),
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
                "growth_before_pct": _growth_pct(fit.params[1]),
                "growth_after_pct": _growth_pct(fit.params[1] + fit.params[2]),
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
                "growth_before_pct": _growth_pct(before.mean()),
                "growth_after_pct": _growth_pct(after.mean()),
                "change_in_log_growth": float(after.mean() - before.mean()),
                "ci95_low": float(welch_ci.low),
                "ci95_high": float(welch_ci.high),
                "p_value": float(welch.pvalue),
                "n": len(changes),
            }
        )
    return pd.DataFrame(rows)
