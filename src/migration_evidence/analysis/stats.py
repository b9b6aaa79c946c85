"""Generic statistics for samples of clustered units (municipalities within states): cluster-robust
OLS, the wild cluster bootstrap, a logit with clustered errors and its average marginal effects, t
inference with G - 1 degrees of freedom, and the within transformation.

Used by the municipal analyses; nothing here knows about municipalities.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.discrete.discrete_model import Logit
from statsmodels.regression.linear_model import OLS
from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationWarning

LEVEL = 0.95
WILD_REPLICATIONS = 9999
WILD_SEED = 20_000_605  # fixed: the bootstrap results are part of the committed outputs


def cluster_scores_matrix(groups: np.ndarray) -> np.ndarray:
    """G × n indicator matrix: row g sums the observations of cluster g."""
    labels = np.unique(groups)
    return (groups[None, :] == labels[:, None]).astype(float)


def crv1_factor(n: int, k: int, g: int) -> float:
    return g / (g - 1) * (n - 1) / (n - k)


def cluster_ols(y: np.ndarray, design: np.ndarray, groups: np.ndarray):
    """OLS with CRV1 cluster-robust covariance (the small-sample factor of Stata and statsmodels)."""
    return OLS(y, design).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)


def rademacher_weights(groups: np.ndarray, replications: int, seed: int, chunk: int = 1000) -> np.ndarray:
    """G × B matrix of Rademacher weights (±1), one row per cluster in sorted label order, drawn in
    chunks of ``chunk`` replications from one generator seeded with ``seed``."""
    g = len(np.unique(groups))
    rng = np.random.default_rng(seed)
    sizes = [min(chunk, replications - start) for start in range(0, replications, chunk)]
    return np.concatenate([rng.choice([-1.0, 1.0], size=(g, size)) for size in sizes], axis=1)


def wild_bootstrap_t(
    y: np.ndarray, design: np.ndarray, groups: np.ndarray, column: int, weights: np.ndarray
) -> tuple[float, float, float, np.ndarray, np.ndarray]:
    """Estimate, CRV1 standard error and t of one coefficient, and its bootstrap t statistics for the
    cluster weights ``weights`` (G × B, rows in sorted cluster order): restricted (WCR, coefficient set
    to 0 in the data-generating process, t* of β* − 0) and unrestricted (WCU, t* of β* − β̂)."""
    n, k = design.shape
    scores = cluster_scores_matrix(groups)
    factor = crv1_factor(n, k, scores.shape[0])
    projector = np.linalg.inv(design.T @ design) @ design.T  # β = projector @ y
    row = projector[column]

    def t_ratio(beta, resid, value):
        se = np.sqrt(factor * ((scores @ (row[:, None] * resid)) ** 2).sum(axis=0))
        return (beta - value) / se, se

    beta_hat = projector @ y
    resid_hat = y - design @ beta_hat
    t_obs, se_obs = t_ratio(beta_hat[column], resid_hat[:, None], 0.0)
    others = [j for j in range(k) if j != column]
    restricted, *_ = np.linalg.lstsq(design[:, others], y, rcond=None)
    fitted_r = design[:, others] @ restricted
    cluster_of = np.searchsorted(np.unique(groups), groups)
    draws = []
    for fitted, resid, value in ((fitted_r, y - fitted_r, 0.0), (design @ beta_hat, resid_hat, beta_hat[column])):
        t_star = []
        for start in range(0, weights.shape[1], 1000):
            y_star = fitted[:, None] + resid[:, None] * weights[cluster_of, start : start + 1000]
            beta_star = projector @ y_star
            t_star.append(t_ratio(beta_star[column], y_star - design @ beta_star, value)[0])
        draws.append(np.concatenate(t_star))
    return float(beta_hat[column]), float(se_obs[0]), float(t_obs[0]), draws[0], draws[1]


def wild_cluster_bootstrap(
    y: np.ndarray,
    design: np.ndarray,
    groups: np.ndarray,
    column: int,
    replications: int = WILD_REPLICATIONS,
    seed: int = WILD_SEED,
) -> dict[str, float]:
    """Wild cluster bootstrap of one coefficient, Rademacher weights drawn per cluster.

    ``p_value``: restricted bootstrap (WCR, coefficient set to 0 in the data-generating process),
    symmetric: (1 + number of draws with |t*| at least |t|) / (1 + replications).
    ``ci95_low``/``ci95_high``: unrestricted bootstrap-t
    (WCU), the estimate ± the 95th percentile of |t*| × its cluster-robust standard error.
    """
    weights = rademacher_weights(groups, replications, seed)
    estimate, se_obs, t_obs, t_restricted, t_unrestricted = wild_bootstrap_t(y, design, groups, column, weights)
    critical = float(np.quantile(np.abs(t_unrestricted), LEVEL))
    return {
        "estimate": estimate,
        "std_error": se_obs,
        "t": t_obs,
        # (1 + count) / (1 + B): the observed statistic counts as one of the draws, so the p-value is
        # never below 1 / (B + 1), the resolution B draws can give (Davison & Hinkley 1997, ch. 4).
        "wild_p_value": float((1 + (np.abs(t_restricted) >= abs(t_obs)).sum()) / (1 + replications)),
        "wild_ci95_low": float(estimate - critical * se_obs),
        "wild_ci95_high": float(estimate + critical * se_obs),
        "wild_replications": replications,
        "wild_seed": seed,
    }


def t_inference(estimate, se, df):
    t = estimate / se
    critical = stats.t.ppf(0.5 + LEVEL / 2, df)
    return t, 2 * stats.t.sf(abs(t), df), estimate - critical * se, estimate + critical * se


def fit_logit(y: np.ndarray, design: np.ndarray, groups: np.ndarray):
    """Logit by Newton's method with CRV1 errors clustered by ``groups``; refuses a fit that did not
    converge or is separated (statsmodels' warnings become errors)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        warnings.simplefilter("error", PerfectSeparationWarning)
        warnings.simplefilter("error", RuntimeWarning)
        return Logit(y, design).fit(
            disp=0, method="newton", maxiter=100, cov_type="cluster", cov_kwds={"groups": groups}
        )


def logit_average_marginal_effects(fit, columns: list[int]) -> list[tuple[float, float]]:
    """Average marginal effects dP/dx_k of a fitted statsmodels logit, averaged over the sample, with
    delta-method standard errors from the fit's own (here clustered) covariance: statsmodels'
    ``get_margeff(at="overall", method="dydx")``. It agrees with :func:`average_marginal_effects`
    (the formula written out) to 1e-8."""
    effects = fit.get_margeff(at="overall", method="dydx")
    return [(float(effects.margeff[k]), float(effects.margeff_se[k])) for k in columns]


def average_marginal_effects(params: np.ndarray, cov: np.ndarray, design: np.ndarray, columns: list[int]):
    """Average over the sample of dP/dx_k = β_k p(1 − p), with delta-method standard errors: the formula
    written out, kept as the independent check of :func:`logit_average_marginal_effects`."""
    p = 1 / (1 + np.exp(-(design @ params)))
    density = p * (1 - p)
    out = []
    for k in columns:
        ame = params[k] * density.mean()
        gradient = params[k] * (density * (1 - 2 * p)) @ design / len(p)
        gradient[k] += density.mean()
        out.append((float(ame), float(math.sqrt(gradient @ cov @ gradient))))
    return out


def within(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Deviations from the cluster means (the state fixed effects partialled out)."""
    frame = pd.DataFrame(values).assign(_g=groups)
    return values - frame.groupby("_g").transform("mean").to_numpy()
