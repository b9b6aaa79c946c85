"""Generic statistics for samples of clustered units (municipalities within states): cluster-robust
OLS, the wild cluster bootstrap (wildboottest), a pairs cluster bootstrap of a quadratic's turning
point, a logit with clustered errors and its average marginal effects, t inference with G - 1 degrees
of freedom, the within transformation, and the rounding of the tables of estimates.

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
from wildboottest.wildboottest import WildboottestCL

LEVEL = 0.95
DECIMALS = 6  # digits written to the CSV files of estimates
WILD_REPLICATIONS = 9999
WILD_SEED = 20_000_605  # fixed: the bootstrap results are part of the committed outputs


def round_estimates(frame: pd.DataFrame, decimals: int = DECIMALS) -> pd.DataFrame:
    """Estimates to ``decimals`` decimals (the same digits on every machine); p-values to ``decimals``
    significant digits, so that a small p-value is written as what it is rather than as 0."""
    out = frame.round(decimals)
    for column in frame.columns:
        if "p_value" in str(column) and pd.api.types.is_float_dtype(frame[column]):
            out[column] = frame[column].map(lambda x: float(f"{x:.{decimals}g}") if pd.notna(x) else x)
    return out


def cluster_ols(y: np.ndarray, design: np.ndarray, groups: np.ndarray):
    """OLS with CRV1 cluster-robust covariance (the small-sample factor of Stata and statsmodels)."""
    return OLS(y, design).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)


# Draws within this relative distance of |t| count as ties. A draw whose weights are all +1 or all −1
# rebuilds the sample itself, so its |t*| equals |t| exactly; computed, the two differ in the last bits,
# on either side, and rounding would decide whether the draw counts.
TIE_TOLERANCE = 1e-9


def symmetric_bootstrap_p_value(draws: np.ndarray, t: float) -> float:
    """(1 + number of draws with |t*| at least |t|) / (1 + number of draws): the observed statistic
    counts as one of the draws, so the p-value is never below 1 / (B + 1), the resolution B draws can
    give (Davison and Hinkley 1997, ch. 4). Ties (:data:`TIE_TOLERANCE`) count as at least |t|."""
    draws = np.ravel(np.asarray(draws, dtype=float))
    if not np.isfinite(draws).all() or not math.isfinite(t):
        raise ValueError(f"{int((~np.isfinite(draws)).sum())} bootstrap draws (or the observed t) are not finite")
    at_least = np.abs(draws) >= abs(t) * (1 - TIE_TOLERANCE)
    return float((1 + at_least.sum()) / (1 + len(draws)))


def wild_cluster_bootstrap(
    y: np.ndarray,
    design: np.ndarray,
    groups: np.ndarray,
    column: int,
    replications: int = WILD_REPLICATIONS,
    seed: int = WILD_SEED,
) -> dict[str, float]:
    """Wild cluster bootstrap of one coefficient (Cameron, Gelbach and Miller 2008) by wildboottest's
    public class ``WildboottestCL`` (its documented steps get_weights, get_scores, get_numer, get_denom,
    get_tboot, get_vcov, get_tstat, nothing overridden): Rademacher weights drawn per cluster by the
    library from ``seed``, one G × B matrix for both variants; bootstrap type "11", CRV1 errors with the
    small-sample factor G/(G − 1) · (n − 1)/(n − k) of :func:`cluster_ols`.

    ``wild_p_value``: restricted bootstrap (WCR, the coefficient set to 0 in the data-generating
    process), symmetric: (1 + number of draws with |t*| at least |t|) / (1 + replications). (The
    library's own p-value, the share of draws with |t*| above |t|, can be 0, which B draws cannot show.)
    ``wild_ci95_low``/``wild_ci95_high``: unrestricted bootstrap-t (WCU), the estimate ± the 95th
    percentile of |t*| × its cluster-robust standard error (the library gives the draws, not the interval).
    """
    restriction = np.zeros(design.shape[1])
    restriction[column] = 1.0
    boot = WildboottestCL(X=design, Y=y, cluster=groups, R=restriction, B=replications, seed=seed, parallel=False)
    boot.get_weights(weights_type="rademacher")
    draws = {}
    for impose_null in (True, False):
        boot.get_scores(bootstrap_type="11", impose_null=impose_null)
        boot.get_numer()
        boot.get_denom()
        boot.get_tboot()
        draws[impose_null] = np.asarray(boot.t_boot, dtype=float)
    boot.get_vcov()
    boot.get_tstat()
    estimate = float(boot.beta_hat[column])
    se = math.sqrt(boot.ssc * boot.vcov[column, column])
    t = float(np.ravel(boot.t_stat)[0])
    critical = float(np.quantile(np.abs(draws[False]), LEVEL))
    return {
        "estimate": estimate,
        "std_error": se,
        "t": t,
        "wild_p_value": symmetric_bootstrap_p_value(draws[True], t),
        "wild_ci95_low": estimate - critical * se,
        "wild_ci95_high": estimate + critical * se,
        "wild_replications": replications,
        "wild_seed": seed,
    }


def _restricted_draws(
    y: np.ndarray, design: np.ndarray, groups: np.ndarray, column: int, replications: int, seed: int
) -> tuple[np.ndarray, np.ndarray, float]:
    """One run of wildboottest's documented steps for the restricted (WCR) bootstrap of H0: coefficient
    ``column`` = 0: the draws' numerators and squared denominators (the ``numer`` and ``denom`` that
    get_numer and get_denom leave, t* = numer / sqrt(denom)) and the observed t."""
    restriction = np.zeros(design.shape[1])
    restriction[column] = 1.0
    boot = WildboottestCL(X=design, Y=y, cluster=groups, R=restriction, B=replications, seed=seed, parallel=False)
    boot.get_weights(weights_type="rademacher")
    boot.get_scores(bootstrap_type="11", impose_null=True)
    boot.get_numer()
    boot.get_denom()
    boot.get_vcov()
    boot.get_tstat()
    numer = np.ravel(np.asarray(boot.numer, dtype=float))
    denom = np.ravel(np.asarray(boot.denom, dtype=float))
    return numer, denom, float(np.ravel(boot.t_stat)[0])


class RestrictedWildPValues:
    """The restricted (WCR) wild cluster bootstrap p-value of H0: β = r (β the coefficient of ``column``)
    as a function of r, for a confidence interval by test inversion, from three runs of the library.

    H0: β = r is H0: β = 0 in the regression of y − r·x on the same design (x the column), bootstrapped
    with the same weights (same seed, same clusters). Everything the test needs is then a polynomial in
    r (Roodman, MacKinnon, Nielsen and Webb 2019, "Fast and wild: Bootstrap inference in Stata using
    boottest", The Stata Journal 19(1): 4-60; the method of boottest and WildBootTests): the restricted
    residuals are linear in r, so each draw's numerator and the observed t are linear and each draw's
    squared denominator (a sum of squares of terms linear in r) is quadratic. They are read from the
    library's own draws at three values of r (``anchors``) and interpolated exactly (a line through two,
    a parabola through three), which gives at every r the same draws as running the library at that r (a
    test checks it), without the library's cost per run: wildboottest 0.3 compiles its denominator kernel
    with numba anew on every call, about 0.4 s whatever the number of draws, which would dominate an
    inversion of some forty p-values.
    """

    def __init__(
        self,
        y: np.ndarray,
        design: np.ndarray,
        groups: np.ndarray,
        column: int,
        anchors: tuple[float, float, float],
        replications: int = WILD_REPLICATIONS,
        seed: int = WILD_SEED,
    ) -> None:
        self.anchors = np.asarray(sorted(anchors), dtype=float)
        if len(set(self.anchors)) != 3:
            raise ValueError(f"three distinct values of r are needed, not {anchors}")
        self.replications = replications
        x = design[:, column]
        runs = [_restricted_draws(y - r * x, design, groups, column, replications, seed) for r in self.anchors]
        self._numer = np.stack([run[0] for run in runs])
        self._denom = np.stack([run[1] for run in runs])
        self._t = np.array([run[2] for run in runs])
        # The middle run checks the linearity the interpolation rests on.
        middle = (self.anchors[1] - self.anchors[0]) / (self.anchors[2] - self.anchors[0])
        for name, values in (("numerators", self._numer), ("t", self._t)):
            line = (1 - middle) * values[0] + middle * values[2]
            if not np.allclose(values[1], line, rtol=1e-9, atol=1e-9 * float(np.max(np.abs(values)))):
                raise RuntimeError(f"the bootstrap {name} are not linear in r: the library's steps have changed")
        self.calls = 0

    def _lagrange(self, r: float) -> np.ndarray:
        a = self.anchors
        return np.array(
            [
                (r - a[1]) * (r - a[2]) / ((a[0] - a[1]) * (a[0] - a[2])),
                (r - a[0]) * (r - a[2]) / ((a[1] - a[0]) * (a[1] - a[2])),
                (r - a[0]) * (r - a[1]) / ((a[2] - a[0]) * (a[2] - a[1])),
            ]
        )

    def __call__(self, r: float) -> float:
        self.calls += 1
        a = self.anchors
        share = (r - a[0]) / (a[2] - a[0])
        numer = (1 - share) * self._numer[0] + share * self._numer[2]
        t = (1 - share) * self._t[0] + share * self._t[2]
        denom = self._lagrange(r) @ self._denom
        return symmetric_bootstrap_p_value(numer / np.sqrt(denom), float(t))


def pairs_cluster_bootstrap_turning_point(
    y: np.ndarray, design: np.ndarray, groups: np.ndarray, replications: int, seed: int
) -> np.ndarray:
    """−b1 / (2 b2) (coefficients of the first two columns of ``design``) in samples of whole clusters
    drawn with replacement (pairs cluster bootstrap). Written out: the wild bootstrap libraries test
    linear restrictions on coefficients, not a ratio of them; each draw solves the normal equations
    from the drawn clusters' cross-products."""
    labels = np.unique(groups)
    blocks = [(design[groups == s], y[groups == s]) for s in labels]
    cross = np.stack([x.T @ x for x, _ in blocks])
    moment = np.stack([x.T @ v for x, v in blocks])
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(labels), size=(replications, len(labels)))
    out = np.empty(replications)
    for b, draw in enumerate(draws):
        beta = np.linalg.solve(cross[draw].sum(axis=0), moment[draw].sum(axis=0))
        out[b] = -beta[0] / (2 * beta[1])
    return out


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
    ``get_margeff(at="overall", method="dydx")``. It agrees with the formula written out to 1e-8
    (``tests/test_notebook_municipal.py``)."""
    effects = fit.get_margeff(at="overall", method="dydx")
    return [(float(effects.margeff[k]), float(effects.margeff_se[k])) for k in columns]


def within(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Deviations from the cluster means (the state fixed effects partialled out)."""
    frame = pd.DataFrame(values).assign(_g=groups)
    return values - frame.groupby("_g").transform("mean").to_numpy()
