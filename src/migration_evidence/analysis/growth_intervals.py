"""Growth-rate intervals for annual series, one method for the whole project.

A growth rate is the mean of the annual log changes, exp(mean) - 1 (equivalently compound growth from
the first to the last year). Its interval must allow for the dependence the changes have: annual
remittance changes show lag-1 autocorrelation of about 0.5 in 2005-2025, and an interval that treats
them as independent is too narrow when the correlation is positive.

**The model stated.** Δlog y_t = μ + u_t, where u_t is weakly stationary with autocovariances that
die out: the Newey–West (1987) estimator of the long-run variance of the mean, Bartlett weights,
truncated at ``lags`` (by default Newey and West's 1994 rule, floor(4 (n/100)^(2/9)): 2 for 10 to 30
changes), with the small-sample factor n / (n - 1) and t reference with n - 1 degrees of freedom, so that
``lags=0`` gives exactly the classical t interval of independent changes. With a handful of changes no
long-run variance is estimated well; such intervals are indicative and the pages say so.

Every notebook and rule that prints a growth-rate interval calls :func:`growth_rate_interval`.
"""

from __future__ import annotations

import math

import numpy as np
from statsmodels.regression.linear_model import OLS

MODEL = (
    "mean annual log change; Newey-West (Bartlett) long-run variance, t with n - 1 degrees of freedom "
    "(allows autocorrelated changes up to the truncation lag)"
)


def newey_west_lags(n: int) -> int:
    """Newey and West's (1994) rule for the Bartlett-kernel truncation lag: floor(4 (n/100)^(2/9)).

    >>> [newey_west_lags(n) for n in (3, 10, 20, 30, 100)]
    [1, 2, 2, 3, 4]
    """
    return math.floor(4 * (n / 100) ** (2 / 9))


def growth_pct(log_rate: float) -> float:
    """A log rate as percent growth, 100 (exp(rate) - 1)."""
    return 100 * math.expm1(log_rate)


def lag1_autocorrelation(values: np.ndarray) -> float:
    """Sample lag-1 autocorrelation of a series about its mean (NaN below four values)."""
    values = np.asarray(values, dtype=float)
    if len(values) < 4:
        return float("nan")
    centred = values - values.mean()
    return float(centred[1:] @ centred[:-1] / (centred @ centred))


def mean_change_interval(changes, lags: int | None = None, level: float = 0.95) -> dict:
    """Mean of a series of annual changes (of logs, or of shares in points) with the Newey–West interval
    of the module notes: n, mean, the classical and HAC standard errors, the lag, the interval, the
    changes' lag-1 autocorrelation. Fewer than three changes give no interval (NaN)."""
    changes = np.asarray(changes, dtype=float)
    if np.isnan(changes).any():
        raise ValueError("changes contain missing values")
    n = len(changes)
    if n == 0:
        raise ValueError("no changes")
    out = {
        "n_changes": n,
        "mean_change": float(changes.mean()),
        "std_error_iid": float("nan"),
        "std_error_hac": float("nan"),
        "hac_lags": float("nan"),
        "df": n - 1,
        "ci_low": float("nan"),
        "ci_high": float("nan"),
        "lag1_autocorrelation": lag1_autocorrelation(changes),
        "interval_model": MODEL,
    }
    if n < 3:
        return out
    lags = newey_west_lags(n) if lags is None else int(lags)
    fit = OLS(changes, np.ones((n, 1))).fit(
        cov_type="HAC", cov_kwds={"maxlags": lags, "kernel": "bartlett", "use_correction": True}, use_t=True
    )
    low, high = fit.conf_int(alpha=1 - level)[0]
    out.update(
        std_error_iid=float(changes.std(ddof=1) / math.sqrt(n)),
        std_error_hac=float(fit.bse[0]),
        hac_lags=lags,
        ci_low=float(low),
        ci_high=float(high),
    )
    return out


def growth_rate_interval(log_changes, lags: int | None = None, level: float = 0.95) -> dict:
    """Mean annual log change and its autocorrelation-robust interval (see the module notes), also as
    percent growth.

    Returns n, the mean, the classical (independent-changes) and the HAC standard errors, the lag used,
    the interval on the log scale and as percent growth, the changes' lag-1 autocorrelation and the
    model in words. Fewer than three changes give no interval (NaN).

    >>> out = growth_rate_interval([0.1, 0.2, 0.3, 0.2], lags=0)
    >>> round(out["growth_pct"], 4), round(out["std_error_iid"], 6) == round(out["std_error_hac"], 6)
    (22.1403, True)
    """
    base = mean_change_interval(log_changes, lags, level)
    low, high = base.pop("ci_low"), base.pop("ci_high")
    mean = base.pop("mean_change")
    return {
        "n_changes": base["n_changes"],
        "mean_log_change": mean,
        "growth_pct": growth_pct(mean),
        "std_error_iid": base["std_error_iid"],
        "std_error_hac": base["std_error_hac"],
        "hac_lags": base["hac_lags"],
        "df": base["df"],
        "ci_low_log": low,
        "ci_high_log": high,
        "growth_ci_low_pct": growth_pct(low) if not math.isnan(low) else float("nan"),
        "growth_ci_high_pct": growth_pct(high) if not math.isnan(high) else float("nan"),
        "lag1_autocorrelation": base["lag1_autocorrelation"],
        "interval_model": MODEL,
    }


def growth_difference_interval(first, second, lags: int | None = None, level: float = 0.95) -> dict:
    """Difference of two periods' mean annual log changes (first minus second) with the same
    Newey–West interval: the changes of both periods in time order regressed on a constant and an
    indicator of the first period, Bartlett weights truncated at ``lags`` (the 1994 rule on all the
    changes by default), small-sample factor, t with n - 2 degrees of freedom."""
    first = np.asarray(first, dtype=float)
    second = np.asarray(second, dtype=float)
    changes = np.concatenate([first, second])
    n = len(changes)
    lags = newey_west_lags(n) if lags is None else int(lags)
    design = np.column_stack([np.ones(n), np.r_[np.ones(len(first)), np.zeros(len(second))]])
    fit = OLS(changes, design).fit(
        cov_type="HAC", cov_kwds={"maxlags": lags, "kernel": "bartlett", "use_correction": True}, use_t=True
    )
    low, high = fit.conf_int(alpha=1 - level)[1]
    return {
        "difference": float(fit.params[1]),
        "std_error_hac": float(fit.bse[1]),
        "hac_lags": lags,
        "df": int(fit.df_resid),
        "ci_low": float(low),
        "ci_high": float(high),
        "p_value": float(fit.pvalues[1]),
        "interval_model": MODEL.replace("n - 1", "n - 2"),
    }
