"""Methods that fit a dozen observations: OLS with HC3 errors and t reference, leave-one-out
influence, and rank correlations with exact (or stated Monte Carlo) p-values."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.regression.linear_model import OLS
from statsmodels.stats.outliers_influence import OLSInfluence


def _design(x: pd.Series) -> np.ndarray:
    return np.column_stack([np.ones(len(x)), x.to_numpy(dtype=float)])


def ols_hc3(frame: pd.DataFrame, y: str, x: str, sample: str) -> pd.DataFrame:
    """Simple regression of ``y`` on ``x``: coefficients with HC3 and classical standard errors.

    Tests and 95% intervals use the t distribution with n - 2 degrees of freedom and the HC3 errors
    (MacKinnon and White 1985), which are the least optimistic of the usual robust estimators when a
    few observations have high leverage.
    """
    yy = frame[y].to_numpy(dtype=float)
    design = _design(frame[x])
    robust = OLS(yy, design).fit(cov_type="HC3", use_t=True)
    classical = OLS(yy, design).fit()
    ci = robust.conf_int(alpha=0.05)
    rows = []
    for k, term in enumerate(["intercept", x]):
        rows.append(
            {
                "sample": sample,
                "n": int(robust.nobs),
                "outcome": y,
                "term": term,
                "estimate": robust.params[k],
                "std_error_hc3": robust.bse[k],
                "t_hc3": robust.tvalues[k],
                "p_value_hc3": robust.pvalues[k],
                "ci95_low_hc3": ci[k, 0],
                "ci95_high_hc3": ci[k, 1],
                "std_error_classical": classical.bse[k],
                "p_value_classical": classical.pvalues[k],
                "r_squared": robust.rsquared,
                "df_resid": int(robust.df_resid),
            }
        )
    return pd.DataFrame(rows)


def leave_one_out(frame: pd.DataFrame, y: str, x: str, unit: str) -> pd.DataFrame:
    """The slope without each observation in turn, with that observation's leverage and influence.

    ``cooks_distance`` above 1 (or far above the others) marks an observation that alone moves the
    fitted line; ``slope_change`` is how much the slope moves when it is left out.
    """
    yy = frame[y].to_numpy(dtype=float)
    design = _design(frame[x])
    full = OLS(yy, design).fit()
    influence = OLSInfluence(full)
    rows = []
    for i, name in enumerate(frame[unit]):
        keep = np.arange(len(frame)) != i
        fit = OLS(yy[keep], design[keep]).fit()
        rows.append(
            {
                "left_out": name,
                "n": int(keep.sum()),
                "intercept": fit.params[0],
                "slope": fit.params[1],
                "slope_change": fit.params[1] - full.params[1],
                "slope_sign_flips": bool(np.sign(fit.params[1]) != np.sign(full.params[1])),
                "leverage": influence.hat_matrix_diag[i],
                "cooks_distance": influence.cooks_distance[0][i],
                "studentized_residual": influence.resid_studentized_external[i],
            }
        )
    return pd.DataFrame(rows)


def _spearman_statistic(x: np.ndarray):
    """Spearman's rho of ``x`` with y as a vectorised function of y (Pearson correlation of ranks)."""
    rx = stats.rankdata(x)
    rx = (rx - rx.mean()) / np.sqrt(((rx - rx.mean()) ** 2).sum())

    def rho(y: np.ndarray, axis: int = -1) -> np.ndarray:
        ry = stats.rankdata(y, axis=axis)
        ry = ry - ry.mean(axis=axis, keepdims=True)
        ry = ry / np.sqrt((ry**2).sum(axis=axis, keepdims=True))
        return (ry * rx).sum(axis=axis)

    return rho


def rank_correlations(
    x: pd.Series, y: pd.Series, sample: str, *, seed: int = 20050203, n_resamples: int = 100_000
) -> pd.DataFrame:
    """Kendall's tau-b and Spearman's rho with the most exact p-value feasible (two-sided).

    Kendall: the exact null distribution when there are no ties (scipy, ``method="exact"``).
    Spearman: exact enumeration of all n! orderings up to n = 9; beyond that a Monte Carlo
    permutation test with a fixed seed (the p-value is then an estimate; its standard error is given).
    """
    xx, yy = x.to_numpy(dtype=float), y.to_numpy(dtype=float)
    n = len(xx)
    ties = len(np.unique(xx)) < n or len(np.unique(yy)) < n
    tau = stats.kendalltau(xx, yy, method="asymptotic" if ties else "exact")
    rows = [
        {
            "sample": sample,
            "n": n,
            "statistic": "kendall_tau_b",
            "estimate": tau.statistic,
            "p_value": tau.pvalue,
            "p_value_method": "asymptotic (ties present)" if ties else "exact",
            "p_value_mc_std_error": 0.0,
        }
    ]
    statistic = _spearman_statistic(xx)
    rho = float(statistic(yy))
    if math.factorial(n) <= 400_000:
        test = stats.permutation_test(
            (yy,), statistic, permutation_type="pairings", n_resamples=np.inf, vectorized=True
        )
        method, mc_se = "exact (all orderings)", 0.0
    else:
        test = stats.permutation_test(
            (yy,),
            statistic,
            permutation_type="pairings",
            vectorized=True,
            n_resamples=n_resamples,
            rng=np.random.default_rng(seed),
        )
        method = f"Monte Carlo permutation ({n_resamples:,} orderings, seed {seed})"
        mc_se = math.sqrt(test.pvalue * (1 - test.pvalue) / n_resamples)
    rows.append(
        {
            "sample": sample,
            "n": n,
            "statistic": "spearman_rho",
            "estimate": rho,
            "p_value": test.pvalue,
            "p_value_method": method,
            "p_value_mc_std_error": mc_se,
        }
    )
    return pd.DataFrame(rows)
