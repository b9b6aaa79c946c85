"""Notebook 2, migration and marginalisation: is the relation an inverted U (a "migration hump")?

The index of migratory intensity on the marginalisation index and its square (errors clustered by
state, t(G − 1)), the quadratic's turning point with a delta-method and a pairs-cluster-bootstrap
interval, the Lind–Mehlum test, and two shapes that impose no functional form: a lowess curve and the
mean index by equal-count bins of marginalisation. Notebook 7 re-estimates the hump for later waves
with the same functions. Every function returns aggregated tables, never per-municipality rows.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.nonparametric.smoothers_lowess import lowess

from .stats import LEVEL, cluster_ols, pairs_cluster_bootstrap_turning_point, round_estimates, t_inference, within

PAIRS_REPLICATIONS = 4999
PAIRS_SEED = 20_050_000

HUMP_COLUMNS = (
    "specification",
    "n",
    "clusters",
    "state_fixed_effects",
    "quantity",
    "estimate",
    "std_error",
    "ci95_low",
    "ci95_high",
    "p_value",
    "method",
)
HUMP_SPECIFICATIONS = (
    ("main: municipalities with an index", "migratory_intensity_index", False),
    ("within states (state fixed effects)", "migratory_intensity_index", True),
    ("Null municipalities at the index of zero shares", "index_null_at_zero_shares", False),
    ("Null at the index of zero shares, within states", "index_null_at_zero_shares", True),
)


def _quadratic_inputs(data: pd.DataFrame, outcome: str, fixed_effects: bool):
    x = data["marginalisation_index_2000"].to_numpy(float)
    y = data[outcome].to_numpy(float)
    groups = data["state_code"].to_numpy()
    if fixed_effects:
        stacked = within(np.column_stack([y, x, x**2]), groups)
        return stacked[:, 0], stacked[:, 1:], groups
    return y, np.column_stack([x, x**2, np.ones(len(x))]), groups


def hump(
    frame: pd.DataFrame,
    specifications: tuple[tuple[str, str, bool], ...] = HUMP_SPECIFICATIONS,
    replications: int = PAIRS_REPLICATIONS,
    seed: int = PAIRS_SEED,
) -> pd.DataFrame:
    """The index on marginalisation and its square: is the relation an inverted U?

    For each specification: the two coefficients (CRV1 by state, t(G − 1)); the turning point
    −b1/(2 b2) with a delta-method interval and a pairs-cluster-bootstrap percentile interval; whether
    it lies inside the observed range; and the Lind–Mehlum (2010) test of an inverted U, which asks
    that the slope b1 + 2 b2 x be significantly positive at the lowest marginalisation observed and
    significantly negative at the highest (p = the larger of the two one-sided p-values).
    """
    rows = []
    for name, outcome, fixed_effects in specifications:
        data = frame.dropna(subset=[outcome, "marginalisation_index_2000"])
        y, design, groups = _quadratic_inputs(data, outcome, fixed_effects)
        fit = cluster_ols(y, design, groups)
        if fixed_effects:  # the within estimator has n − G − 2 residual degrees of freedom, not n − 2
            n, k, g = len(y), 2, len(np.unique(groups))
            fit_cov = np.asarray(fit.cov_params()) * (n - k) / (n - k - g)
        else:
            fit_cov = np.asarray(fit.cov_params())
        b1, b2 = float(fit.params[0]), float(fit.params[1])
        cov = fit_cov[:2, :2]
        g = len(np.unique(groups))
        df = g - 1
        critical = stats.t.ppf(0.5 + LEVEL / 2, df)
        x = data["marginalisation_index_2000"].to_numpy(float)
        base = {"specification": name, "n": len(data), "clusters": g, "state_fixed_effects": fixed_effects}

        def row(quantity, estimate, se=np.nan, low=np.nan, high=np.nan, p=np.nan, method="", _base=base):
            return {
                **_base,
                "quantity": quantity,
                "estimate": estimate,
                "std_error": se,
                "ci95_low": low,
                "ci95_high": high,
                "p_value": p,
                "method": method,
            }

        for j, term in enumerate(("marginalisation", "marginalisation_squared")):
            se = math.sqrt(cov[j, j])
            t, p, low, high = t_inference(fit.params[j], se, df)
            rows.append(row(term, float(fit.params[j]), se, low, high, p, "CRV1 by state, t(G-1)"))
        turning = -b1 / (2 * b2)
        gradient = np.array([-1 / (2 * b2), b1 / (2 * b2**2)])
        se_turning = math.sqrt(gradient @ cov @ gradient)
        rows.append(
            row(
                "turning_point",
                turning,
                se_turning,
                turning - critical * se_turning,
                turning + critical * se_turning,
                method="delta method, CRV1, t(G-1)",
            )
        )
        draws = pairs_cluster_bootstrap_turning_point(y, design, groups, replications, seed)
        low, high = np.quantile(draws, [(1 - LEVEL) / 2, (1 + LEVEL) / 2])
        rows.append(
            row(
                "turning_point",
                turning,
                float(draws.std(ddof=1)),
                float(low),
                float(high),
                method=f"pairs cluster bootstrap, {replications} draws of states, seed {seed}, percentile",
            )
        )
        rows.append(row("marginalisation_min", float(x.min())))
        rows.append(row("marginalisation_max", float(x.max())))
        rows.append(row("turning_point_inside_range", float(x.min() < turning < x.max())))
        rows.append(
            row("municipalities_below_turning_point_pct", 100 * float((x < turning).mean()), method="share of n")
        )
        one_sided = []
        for quantity, at, sign in (("slope_at_min", x.min(), 1), ("slope_at_max", x.max(), -1)):
            gradient = np.array([1.0, 2 * at])
            slope = b1 + 2 * b2 * at
            se = math.sqrt(gradient @ cov @ gradient)
            p = float(stats.t.sf(sign * slope / se, df))  # H1: positive at min, negative at max
            one_sided.append(p)
            rows.append(row(quantity, slope, se, p=p, method="one-sided, t(G-1)"))
        rows.append(row("inverted_u_test", np.nan, p=max(one_sided), method="Lind-Mehlum: larger one-sided p"))
    return round_estimates(pd.DataFrame(rows)[list(HUMP_COLUMNS)])


LOWESS_FRACTION = 0.3


def lowess_curve(
    frame: pd.DataFrame, outcome: str = "migratory_intensity_index", frac: float = LOWESS_FRACTION
) -> np.ndarray:
    """A lowess curve of the index on marginalisation (no functional form imposed): sorted (x, fit).

    No robustness iterations: like the quadratic and the binned means, the curve follows the local
    mean, which the many municipalities with very high indices pull up (robustness weights would
    discount them and follow something closer to a local median)."""
    data = frame.dropna(subset=[outcome, "marginalisation_index_2000"])
    return lowess(data[outcome], data["marginalisation_index_2000"], frac=frac, it=0, return_sorted=True)


def lowess_peak(frame: pd.DataFrame, outcome: str = "migratory_intensity_index", frac: float = LOWESS_FRACTION):
    """Where the lowess curve peaks, in the rows format of :func:`hump`."""
    curve = lowess_curve(frame, outcome, frac)
    top = int(np.argmax(curve[:, 1]))
    base = {
        "specification": f"lowess, {frac:g} of the data in each local fit",
        "n": len(curve),
        "clusters": frame["state_code"].nunique(),
        "state_fixed_effects": False,
        "std_error": np.nan,
        "ci95_low": np.nan,
        "ci95_high": np.nan,
        "p_value": np.nan,
        "method": "locally weighted linear regression, tricube weights, no robustness iterations",
    }
    rows = [
        {**base, "quantity": "marginalisation_at_peak", "estimate": float(curve[top, 0])},
        {**base, "quantity": "index_at_peak", "estimate": float(curve[top, 1])},
    ]
    return round_estimates(pd.DataFrame(rows)[list(HUMP_COLUMNS)])


def intensity_by_marginalisation_bin(frame: pd.DataFrame, bins: int = 20) -> pd.DataFrame:
    """Mean and median index by equal-count bins of marginalisation; Null municipalities counted
    apart (share of the bin) and given no index."""
    data = frame.dropna(subset=["marginalisation_index_2000"]).copy()
    data["bin"] = pd.qcut(data["marginalisation_index_2000"], bins, labels=False) + 1
    grouped = data.groupby("bin")
    out = pd.DataFrame(
        {
            "municipalities": grouped.size(),
            "marginalisation_low": grouped["marginalisation_index_2000"].min(),
            "marginalisation_high": grouped["marginalisation_index_2000"].max(),
            "marginalisation_mean": grouped["marginalisation_index_2000"].mean(),
            "null_degree_pct": 100 * grouped["null_degree"].mean(),
            "index_mean": grouped["migratory_intensity_index"].mean(),
            "index_median": grouped["migratory_intensity_index"].median(),
            "index_mean_null_at_zero_shares": grouped["index_null_at_zero_shares"].mean(),
            "lost_population_pct": 100 * grouped["lost_population"].mean(),
            "marginalisation_degree_most_common": grouped["marginalisation_degree"].agg(
                lambda d: d.value_counts().sort_index().idxmax()
            ),
        }
    )
    return round_estimates(out.reset_index())
