"""Notebook 7, how sure the municipal growth regressions are: spatial-HAC (Conley) standard errors beside
the errors clustered by state, and the wild cluster bootstrap's confidence interval by test inversion where
the clustered interval and the bootstrap p-value disagree.

Spatial HAC. Clustering by state allows any correlation among the municipalities of one state and none
across a state border; Conley's (1999) spatial-HAC covariance allows correlation between any two
municipalities closer than a bandwidth, weighted down with distance, and none beyond it. Computed by
spreg's HAC covariance (``OLS`` and ``robust_vm``, what ``OLS(..., robust="hac", gwk=...)`` does; Kelejian
and Prucha 2007: ``(X'X)⁻¹ X'ΣX (X'X)⁻¹`` with ``Σ_ij = K(d_ij) u_i u_j``, no small-sample factor) with
kernel weights of fixed bandwidth, triangular (``K = 1 − d / h`` within ``h``, 0 beyond), one on the
diagonal (the weights of libpysal's ``Kernel``). Distances are Euclidean on
INEGI's representative points projected to Mexico's Lambert conformal conic (EPSG:6372, kilometres),
within a few tenths of a percent of great-circle distances at the bandwidths used.

Test inversion. The wild cluster bootstrap's p-value for H0: β = r imposes the null in the bootstrap's
data-generating process (WCR); the interval that agrees with it is the set of r it does not reject. H0:
β = r is tested as β = 0 in the regression of y − r·x on the same design (the same residual bootstrap
with the same weights for every r: same seed, same clusters), over a grid of r, and each edge is refined
by bisection between the last rejected and the first accepted value. The p-values at every r come from
three runs of the library, since the draws are polynomials in r (``stats.RestrictedWildPValues``).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats

from . import municipal
from .municipal_waves import GROWTH_SPECIFICATIONS
from .stats import LEVEL, WILD_SEED, RestrictedWildPValues, cluster_ols, round_estimates

# EPSG:6372, Mexico ITRF2008 / LCC: INEGI's Lambert conformal conic for the whole country, in metres.
PROJECTION = "EPSG:6372"
BANDWIDTHS_KM = (50.0, 100.0, 200.0)
HEADLINE_BANDWIDTH_KM = 100.0
INVERSION_GRID_POINTS = 25
INVERSION_BISECTIONS = 8


def project_km(longitude: np.ndarray, latitude: np.ndarray, crs: str = PROJECTION) -> np.ndarray:
    """Points in decimal degrees (WGS 84) as x, y in kilometres of a projected CRS (pyproj)."""
    from pyproj import Transformer

    transformer = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    x, y = transformer.transform(np.asarray(longitude, float), np.asarray(latitude, float))
    return np.column_stack([np.asarray(x) / 1000.0, np.asarray(y) / 1000.0])


def triangular_kernel(points_km: np.ndarray, bandwidth_km: float):
    """Fixed-bandwidth triangular kernel weights (``1 − d / h`` within ``h``, 1 on the diagonal, not
    standardised) as a libpysal ``W``, the object spreg's HAC takes.

    The same weights as libpysal's ``Kernel(points, bandwidth=h, fixed=True, function="triangular",
    diagonal=True)`` (a test checks it), built from scipy's k-d tree pairs and ``W.from_sparse``: libpysal's
    ``Kernel`` matches each point's neighbours to their distances in a loop quadratic in the number of
    neighbours, a minute for 2,350 municipalities at 100 km and far longer at 200 km."""
    from libpysal.weights import W
    from scipy import sparse
    from scipy.spatial import cKDTree

    points = np.asarray(points_km, float)
    n = len(points)
    pairs = cKDTree(points).query_pairs(r=bandwidth_km, output_type="ndarray")
    distance = np.linalg.norm(points[pairs[:, 0]] - points[pairs[:, 1]], axis=1)
    weight = 1 - distance / bandwidth_km
    diagonal = np.arange(n)
    matrix = sparse.csr_matrix(
        (
            np.concatenate([weight, weight, np.ones(n)]),
            (
                np.concatenate([pairs[:, 0], pairs[:, 1], diagonal]),
                np.concatenate([pairs[:, 1], pairs[:, 0], diagonal]),
            ),
        ),
        shape=(n, n),
    )
    with warnings.catch_warnings():
        # A 50 km kernel leaves isolated municipalities and islands; they keep their own weight of 1.
        warnings.filterwarnings("ignore", message="The weights matrix is not fully connected")
        kernel = W.from_sparse(matrix)
    kernel.transform = "o"
    return kernel


def conley_ols(y: np.ndarray, regressors: np.ndarray, points_km: np.ndarray, bandwidth_km: float) -> pd.DataFrame:
    """OLS of ``y`` on a constant and ``regressors`` (spreg adds the constant) with spatial-HAC errors.

    The fit is spreg's ``OLS``; the covariance its ``robust_vm`` with the kernel weights of
    :func:`triangular_kernel`, the function ``OLS(..., robust="hac", gwk=Kernel)`` calls (``OLS`` itself
    accepts only a libpysal ``Kernel`` object, too slow to build here; a test checks that both give the
    same errors). Returns one row per regressor (the constant left out): ``estimate`` and
    ``std_error_conley``.
    """
    from spreg import OLS as SpregOLS
    from spreg.robust import robust_vm

    fit = SpregOLS(np.asarray(y, float).reshape(-1, 1), np.asarray(regressors, float), nonspat_diag=False)
    covariance = np.asarray(robust_vm(fit, gwk=triangular_kernel(points_km, bandwidth_km)), float)
    betas = np.asarray(fit.betas, float).ravel()[1:]
    se = np.sqrt(np.diag(covariance))[1:]
    return pd.DataFrame({"estimate": betas, "std_error_conley": se})


def _state_design(data: pd.DataFrame, regressors: list[str]) -> np.ndarray:
    """The regressors and one dummy per state but the first (spreg adds the constant)."""
    states = sorted(data["state_code"].unique())
    dummies = [(data["state_code"] == s).to_numpy(float) for s in states[1:]]
    return np.column_stack([data[r].to_numpy(float) for r in regressors] + dummies)


def conley_beside_clustered(
    frames: dict[str, pd.DataFrame], bandwidths_km: tuple[float, ...] = BANDWIDTHS_KM
) -> pd.DataFrame:
    """For each period's growth frame (notebook 7's main specification: the 2000 index, marginalisation and
    log size, state fixed effects): the estimate, the state-clustered standard error (CRV1, t with G − 1
    degrees of freedom) and the Conley standard error at each bandwidth (normal intervals: with thousands
    of municipalities and a kernel, no finite-sample t applies), with each interval."""
    regressors = list(municipal.REGRESSORS)
    z = stats.norm.ppf(0.5 + LEVEL / 2)
    rows = []
    for period, data in frames.items():
        data = data.dropna(subset=["longitude", "latitude"])
        y = data["growth_log_points"].to_numpy(float)
        groups = data["state_code"].to_numpy()
        g = len(np.unique(groups))
        clustered = cluster_ols(y, municipal._design(data, regressors, True)[0], groups)
        points = project_km(data["longitude"].to_numpy(float), data["latitude"].to_numpy(float))
        design = _state_design(data, regressors)
        t_critical = stats.t.ppf(0.5 + LEVEL / 2, g - 1)
        conley = {h: conley_ols(y, design, points, h) for h in bandwidths_km}
        for j, term in enumerate(regressors):
            estimate = float(clustered.params[j])
            se_cluster = float(clustered.bse[j])
            row = {
                "period": period,
                "term": term,
                "estimate": estimate,
                "std_error_cluster": se_cluster,
                "ci95_low_cluster": estimate - t_critical * se_cluster,
                "ci95_high_cluster": estimate + t_critical * se_cluster,
                "p_value_cluster": float(2 * stats.t.sf(abs(estimate / se_cluster), g - 1)),
            }
            for h, table in conley.items():
                if not np.isclose(table["estimate"].iloc[j], estimate, rtol=1e-9, atol=1e-9):
                    raise RuntimeError(f"spreg's estimate differs from statsmodels' for {term}, {period}")
                se = float(table["std_error_conley"].iloc[j])
                label = f"{h:.0f}km"
                row[f"std_error_conley_{label}"] = se
                row[f"ci95_low_conley_{label}"] = estimate - z * se
                row[f"ci95_high_conley_{label}"] = estimate + z * se
                row[f"p_value_conley_{label}"] = float(2 * stats.norm.sf(abs(estimate / se)))
            row["conley_100km_over_cluster"] = row["std_error_conley_100km"] / se_cluster
            row["n"] = len(data)
            row["clusters"] = g
            rows.append(row)
    out = pd.DataFrame(rows)
    out["kernel"] = "triangular, fixed bandwidth"
    out["projection"] = PROJECTION
    return round_estimates(out)


def wild_inverted_interval(
    y: np.ndarray,
    design: np.ndarray,
    groups: np.ndarray,
    column: int,
    replications: int,
    seed: int = WILD_SEED,
    grid_points: int = INVERSION_GRID_POINTS,
    bisections: int = INVERSION_BISECTIONS,
    level: float = LEVEL,
) -> dict[str, float]:
    """The wild cluster bootstrap's (restricted, WCR) confidence interval for the coefficient of
    ``column`` by test inversion: every r whose p-value for H0: β = r is at least 1 − ``level``.

    The grid spans the estimate ± 4 clustered standard errors (widened up to three times, doubling, until
    both ends are rejected); each edge is then bisected ``bisections`` times between the last rejected and
    the first accepted grid value, the bound being the accepted end. ``accepted_runs`` counts the runs of
    accepted grid values: 1 when the accepted set is an interval on the grid."""
    # Rounded: 1 - 0.95 is 0.050000000000000044 in binary, which would reject a p-value of exactly 0.05
    # (50 of 1,000 with 999 draws).
    alpha = round(1 - level, 12)
    fit = cluster_ols(y, design, groups)
    estimate, se = float(fit.params[column]), float(fit.bse[column])
    # Every p-value below comes from three runs of the library, interpolated exactly (RestrictedWildPValues).
    p_value = RestrictedWildPValues(
        y, design, groups, column, (estimate - 4 * se, estimate, estimate + 4 * se), replications, seed
    )

    half = 4 * se
    for _ in range(4):
        grid = np.linspace(estimate - half, estimate + half, grid_points)
        p = np.array([p_value(r) for r in grid])
        if p[0] < alpha and p[-1] < alpha:
            break
        half *= 2
    else:
        raise RuntimeError("the wild bootstrap accepts the ends of the widest grid: no bounded interval")
    accepted = p >= alpha
    if not accepted.any():
        raise RuntimeError("no grid value accepted: the grid is too coarse")
    runs = int(np.sum(np.diff(accepted.astype(int)) == 1) + accepted[0])
    first, last = int(np.argmax(accepted)), int(len(accepted) - 1 - np.argmax(accepted[::-1]))

    def edge(rejected: float, inside: float) -> float:
        for _ in range(bisections):
            middle = (rejected + inside) / 2
            if p_value(middle) >= alpha:
                inside = middle
            else:
                rejected = middle
        return inside

    low = edge(grid[first - 1], grid[first])
    high = edge(grid[last + 1], grid[last])
    return {
        "estimate": estimate,
        "std_error_cluster": se,
        "wild_p_value_at_zero": p_value(0.0),
        "inverted_ci95_low": low,
        "inverted_ci95_high": high,
        "grid_low": float(grid[0]),
        "grid_high": float(grid[-1]),
        "grid_points": grid_points,
        "grid_step": float(grid[1] - grid[0]),
        "bisection_resolution": float((grid[1] - grid[0]) / 2**bisections),
        "accepted_runs": runs,
        "p_value_calls": p_value.calls,
        "wild_replications": replications,
        "wild_seed": seed,
    }


def disagreements(growth: pd.DataFrame, term: str = "migratory_intensity_index") -> pd.DataFrame:
    """Rows of a growth-regression table (notebook 2's columns) where the clustered 95% interval and the
    wild bootstrap p-value disagree about zero: the interval excludes 0 but p ≥ 0.05, or it includes 0 but
    p < 0.05."""
    rows = growth[growth["term"] == term]
    excludes = (rows["ci95_low"] > 0) | (rows["ci95_high"] < 0)
    rejects = rows["wild_p_value"] < round(1 - LEVEL, 12)
    return rows[excludes != rejects]


def inverted_intervals(
    frames: dict[tuple[str, str], pd.DataFrame],
    growth: pd.DataFrame,
    replications: int,
    headline: tuple[str, str],
    seed: int = WILD_SEED,
) -> pd.DataFrame:
    """The test-inversion interval for the index coefficient of every (period, specification) of
    ``growth`` where the clustered interval and the wild p-value disagree, or for ``headline`` alone if
    none does; ``frames`` maps (period, specification) to the regression sample (notebook 2's
    :func:`municipal._sample` of it is taken here)."""
    disagree = disagreements(growth)
    keys = list(zip(disagree["period"], disagree["specification"], strict=True)) or [headline]
    specs = {s.name: s for s in GROWTH_SPECIFICATIONS}
    rows = []
    for period, name in keys:
        spec = specs[name]
        data = municipal._sample(frames[(period, name)], spec)
        y = data[spec.outcome].to_numpy(float)
        design, _ = municipal._design(data, list(spec.regressors), spec.fixed_effects)
        groups = data["state_code"].to_numpy()
        table = growth[(growth["period"] == period) & (growth["specification"] == name)]
        index_row = table[table["term"] == spec.regressors[0]].iloc[0]
        result = wild_inverted_interval(y, design, groups, 0, replications=replications, seed=seed)
        # At zero the inversion's interpolated p-value must be the growth table's, a separate run of the
        # library with the same draws: a check of the polynomial reading on the data themselves.
        if not np.isclose(result["wild_p_value_at_zero"], float(index_row["wild_p_value"]), rtol=0, atol=1e-9):
            raise RuntimeError(
                f"{period}, {name}: the inversion's p-value at zero ({result['wild_p_value_at_zero']}) is not the "
                f"wild bootstrap's ({index_row['wild_p_value']})"
            )
        rows.append(
            {
                "period": period,
                "specification": name,
                "term": spec.regressors[0],
                "reason": "clustered interval and wild p-value disagree"
                if len(disagree)
                else "headline (none disagree)",
                "ci95_low_cluster": float(index_row["ci95_low"]),
                "ci95_high_cluster": float(index_row["ci95_high"]),
                "p_value_cluster": float(index_row["p_value"]),
                "wild_p_value_table": float(index_row["wild_p_value"]),
                "wild_ci95_low_bootstrap_t": float(index_row["wild_ci95_low"]),
                "wild_ci95_high_bootstrap_t": float(index_row["wild_ci95_high"]),
                **result,
                "n": len(data),
            }
        )
    return round_estimates(pd.DataFrame(rows))


def conley_table(panel: pd.DataFrame) -> pd.DataFrame:
    """Conley errors beside the clustered ones for notebook 7's main growth regression, every period."""
    from .municipal_waves import PERIODS, growth_frame

    return conley_beside_clustered({period: growth_frame(panel, start, end) for period, start, end in PERIODS})


def growth_with_inverted_intervals(panel: pd.DataFrame, replications: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Notebook 7's growth regressions (:func:`municipal_waves.growth_regressions`, every period and
    specification) and the wild bootstrap interval by test inversion where the clustered interval and the
    wild p-value disagree (else for 2000-2010, the headline decade)."""
    from .municipal_waves import PERIODS, growth_frame, growth_regressions

    frames = {period: growth_frame(panel, start, end) for period, start, end in PERIODS}
    growth = growth_regressions(panel, replications=replications)
    by_spec = {(period, spec.name): frames[period] for period in frames for spec in GROWTH_SPECIFICATIONS}
    headline = ("2000-2010", GROWTH_SPECIFICATIONS[0].name)
    return growth, inverted_intervals(by_spec, growth, replications=replications, headline=headline)
