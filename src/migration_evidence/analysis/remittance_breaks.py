"""Structural breaks in the remittance series, 1980-2005: Chow tests, the scan over candidate break
years (sup-F) and their null distributions simulated under serially correlated errors.

The series are those of :mod:`migration_evidence.analysis.remittances` (one annual sequence on the log
scale). The Chow F of each candidate year is statsmodels' nested-model F test; the sup-F is its largest
value over the candidate years. No library offers the null distribution of these statistics simulated
under AR(1) or random-walk errors for a sample this short, so that simulation is written here (one
matrix product per candidate year for all draws); the monthly break searches of notebook 6 use ruptures.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from statsmodels.regression.linear_model import OLS

from .remittances import design_matrix, growth_pct, lag1_autocorrelation, ols_line

CHOW_PARAMETERS = 2  # intercept and slope, in each segment


def chow_test(frame: pd.DataFrame, break_year: int) -> dict:
    """Chow test of one break: separate lines for the years before ``break_year`` and from it on.

    statsmodels' F test of the nested models (``compare_f_test``: the broken line, with a level and a
    slope shift from the break on, against one line), F(k, n - 2k) with k = 2, a reference that assumes
    independent, equal-variance errors; the lines of each segment are statsmodels OLS fits.
    """
    years = frame["year"].to_numpy()
    y = frame["log_value"].to_numpy(dtype=float)
    before = years < break_year
    k = CHOW_PARAMETERS
    if before.sum() <= k or (~before).sum() <= k:
        raise ValueError(f"a break in {break_year} leaves a segment with {k} observations or fewer")
    t = (years - years[0]).astype(float)
    after = (~before).astype(float)
    one_line = OLS(y, design_matrix(t)).fit()
    broken = OLS(y, np.column_stack([design_matrix(t), after, after * t])).fit()
    f_statistic, p_value, df_num = broken.compare_f_test(one_line)
    fit_before = OLS(y[before], design_matrix(years[before])).fit()
    fit_after = OLS(y[~before], design_matrix(years[~before])).fit()
    return {
        "series": frame["series"].iloc[0],
        "break_year": int(break_year),
        "years_before": f"{years[before][0]}-{years[before][-1]}",
        "years_from_break": f"{years[~before][0]}-{years[~before][-1]}",
        "n_before": int(before.sum()),
        "n_from_break": int((~before).sum()),
        "rss_pooled": float(one_line.ssr),
        "rss_before": float(fit_before.ssr),
        "rss_from_break": float(fit_after.ssr),
        "f_statistic": float(f_statistic),
        "df_num": int(df_num),
        "df_den": int(broken.df_resid),
        "p_value_f": float(p_value),
        "intercept_before": float(fit_before.params[0]),
        "slope_before": float(fit_before.params[1]),
        "intercept_from_break": float(fit_after.params[0]),
        "slope_from_break": float(fit_after.params[1]),
        "growth_before_pct": growth_pct(fit_before.params[1]),
        "growth_from_break_pct": growth_pct(fit_after.params[1]),
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

    rss_pooled = rss(design_matrix(years))
    out = np.empty((draws, len(break_years)))
    for j, year in enumerate(break_years):
        after = (years >= year).astype(float)
        design = np.column_stack([design_matrix(years), after, after * years])
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
    beta, _ = ols_line(years, y)
    rho = lag1_autocorrelation(y - design_matrix(years) @ beta)
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
    beta, _ = ols_line(years, y)
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
            "trend_fitted": design_matrix(years) @ beta,
            "segmented_fitted": segmented,
            "segment": np.where(before, "before", "from_break"),
        }
    )


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


def break_results(
    series: dict[str, pd.DataFrame],
    named_breaks: dict[str, int],
    *,
    trim: float,
    draws: int,
    seed: int,
    ar1_coefficients_shown: list[float],
) -> dict[str, pd.DataFrame]:
    """Every break estimate notebook 1 reports, one table each (the rule ``remittance_break_tests``
    writes them; the notebook and the figures read them).

    ``series`` maps a name (``early``, ``revised``) to its annual frame
    (:func:`migration_evidence.analysis.remittances.remittance_series`); the candidate break years are
    those of the first series. Tables:

    - ``breaks``: the Chow tests at ``named_breaks`` for each series, and the test at the first named
      break on the first series cut at its best-fitting break year (a sample chosen after seeing the
      data: a check of where the evidence comes from, not a test of its own);
    - ``break_scan``: the Chow F at every candidate year, each series;
    - ``sup_f``: the largest F over the candidates with its simulated p-values, each series;
    - ``break_rho_sensitivity``: the simulated p-values over ``ar1_coefficients_shown`` and the
      coefficient estimated on the first series (rounded to two decimals).
    """
    first = next(iter(series.values()))
    candidates = candidate_break_years(first["year"].to_numpy(), trim)
    tests = [break_tests(frame, named_breaks, candidates, draws=draws, seed=seed) for frame in series.values()]
    breaks = pd.concat([named for named, _ in tests], ignore_index=True)
    sup_f = pd.concat([sup for _, sup in tests], ignore_index=True)
    scan = pd.concat([break_scan(frame, candidates) for frame in series.values()], ignore_index=True)
    best_year = int(sup_f.iloc[0]["best_fitting_break_year"])
    label, year = next(iter(named_breaks.items()))
    to_best = first[first["year"] <= best_year]
    cut, _ = break_tests(
        to_best, {label: year}, candidate_break_years(to_best["year"].to_numpy(), trim), draws=draws, seed=seed
    )
    breaks = pd.concat([breaks, cut], ignore_index=True)
    rhos = sorted({*ar1_coefficients_shown, round(float(breaks.iloc[0]["ar1_coefficient"]), 2)})
    rho_sensitivity = pd.concat(
        [
            break_p_values_over_rho(frame, named_breaks, candidates, rhos, draws=draws, seed=seed)
            for frame in series.values()
        ],
        ignore_index=True,
    )
    return {"breaks": breaks, "break_scan": scan, "sup_f": sup_f, "break_rho_sensitivity": rho_sensitivity}
