"""Conley (spatial-HAC) errors and the wild bootstrap interval by test inversion (notebook 7).

Cross-checks against definitions: the HAC covariance written out as a sandwich, the White (HC0)
covariance it becomes when no two points are within the bandwidth, libpysal's own kernel weights and
spreg's own HAC path, the geodesic distance between two cities, and the restricted wild bootstrap
p-value of :func:`wild_cluster_bootstrap`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.regression.linear_model import OLS
from wildboottest.wildboottest import WildboottestCL

from migration_evidence.analysis import spatial_inference as si
from migration_evidence.analysis.stats import (
    RestrictedWildPValues,
    cluster_ols,
    symmetric_bootstrap_p_value,
    wild_cluster_bootstrap,
)


def _toy(n=120, seed=7):
    rng = np.random.default_rng(seed)
    points = rng.uniform(0, 500, size=(n, 2))
    x = np.column_stack([rng.normal(size=n), rng.normal(size=n)])
    # errors correlated in space: a smooth field plus noise
    field = np.sin(points[:, 0] / 80) + np.cos(points[:, 1] / 60)
    y = 1 + 0.5 * x[:, 0] - 0.3 * x[:, 1] + field + rng.normal(size=n)
    return y, x, points


def _sandwich(y, x, points, bandwidth):
    design = np.column_stack([np.ones(len(y)), x])
    beta = np.linalg.solve(design.T @ design, design.T @ y)
    u = y - design @ beta
    distance = np.linalg.norm(points[:, None, :] - points[None, :, :], axis=2)
    kernel = np.where(distance <= bandwidth, 1 - distance / bandwidth, 0.0)
    scores = design * u[:, None]
    bread = np.linalg.inv(design.T @ design)
    return beta, bread @ (scores.T @ kernel @ scores) @ bread


def test_kernel_weights_equal_libpysals_kernel():
    from libpysal.weights import Kernel

    _, _, points = _toy()
    expected = Kernel(points, bandwidth=90.0, fixed=True, function="triangular", diagonal=True).sparse.toarray()
    assert np.allclose(si.triangular_kernel(points, 90.0).sparse.toarray(), expected, atol=1e-12)


@pytest.mark.parametrize("bandwidth", [60.0, 150.0])
def test_conley_errors_equal_the_sandwich_written_out_and_spregs_own_hac(bandwidth):
    from libpysal.weights import Kernel
    from spreg import OLS as SpregOLS

    y, x, points = _toy()
    beta, covariance = _sandwich(y, x, points, bandwidth)
    table = si.conley_ols(y, x, points, bandwidth)
    assert np.allclose(table["estimate"], beta[1:], atol=1e-10)
    assert np.allclose(table["std_error_conley"], np.sqrt(np.diag(covariance))[1:], rtol=1e-9)
    kernel = Kernel(points, bandwidth=bandwidth, fixed=True, function="triangular", diagonal=True)
    spreg_fit = SpregOLS(y.reshape(-1, 1), x, robust="hac", gwk=kernel)
    assert np.allclose(table["std_error_conley"], np.sqrt(np.diag(spreg_fit.vm))[1:], rtol=1e-9)


def test_with_no_neighbour_within_the_bandwidth_conley_is_white_hc0():
    y, x, points = _toy()
    design = np.column_stack([np.ones(len(y)), x])
    white = OLS(y, design).fit(cov_type="HC0")
    table = si.conley_ols(y, x, points, 1e-6)
    assert np.allclose(table["std_error_conley"], white.bse[1:], rtol=1e-9)


def test_projected_distances_are_close_to_geodesic_ones():
    from pyproj import Geod

    # Mexico City's and Guadalajara's cathedrals (WGS 84 degrees).
    lon = np.array([-99.1332, -103.3467])
    lat = np.array([19.4342, 20.6767])
    points = si.project_km(lon, lat)
    projected = float(np.linalg.norm(points[0] - points[1]))
    _, _, metres = Geod(ellps="WGS84").inv(lon[0], lat[0], lon[1], lat[1])
    assert projected == pytest.approx(metres / 1000, rel=0.005)
    assert 450 < projected < 470


# --- the wild bootstrap interval by test inversion ---------------------------------------------------


def _clustered(seed=11, clusters=12, per=15):
    rng = np.random.default_rng(seed)
    groups = np.repeat(np.arange(clusters), per)
    x = rng.normal(size=len(groups)) + rng.normal(size=clusters)[groups]
    y = 0.4 * x + rng.normal(size=clusters)[groups] + rng.normal(size=len(groups))
    design = np.column_stack([x, np.ones(len(groups))])
    return y, design, groups


def wild_restricted_p_value(y, design, groups, column, replications, seed):
    """The restricted (WCR) wild cluster bootstrap p-value of H0: coefficient ``column`` = 0 from one
    run of wildboottest's documented steps, the reference the interpolated p-values are held to."""
    restriction = np.zeros(design.shape[1])
    restriction[column] = 1.0
    boot = WildboottestCL(X=design, Y=y, cluster=groups, R=restriction, B=replications, seed=seed, parallel=False)
    boot.get_weights(weights_type="rademacher")
    boot.get_scores(bootstrap_type="11", impose_null=True)
    boot.get_numer()
    boot.get_denom()
    boot.get_tboot()
    boot.get_vcov()
    boot.get_tstat()
    return symmetric_bootstrap_p_value(boot.t_boot, float(np.ravel(boot.t_stat)[0]))


def test_the_restricted_p_value_is_wild_cluster_bootstraps():
    y, design, groups = _clustered()
    full = wild_cluster_bootstrap(y, design, groups, 0, replications=199, seed=5)
    assert wild_restricted_p_value(y, design, groups, 0, replications=199, seed=5) == full["wild_p_value"]


def test_p_values_from_three_runs_are_the_librarys_at_every_null_value():
    """The interpolated draws give, at every r (between the anchors and far outside them), the p-value
    of running the library at that r: the same count of draws, so exactly the same number."""
    y, design, groups = _clustered(seed=3)
    fit = cluster_ols(y, design, groups)
    estimate, se = float(fit.params[0]), float(fit.bse[0])
    p = RestrictedWildPValues(y, design, groups, 0, (estimate - se, estimate, estimate + 2 * se), 199, seed=5)
    # Outside the anchors on both sides, between them, at the estimate and at zero.
    values = np.concatenate([np.linspace(estimate - 8 * se, estimate + 8 * se, 7), [estimate + 0.5 * se, 0.0]])
    for r in values:
        direct = wild_restricted_p_value(y - r * design[:, 0], design, groups, 0, replications=199, seed=5)
        assert p(r) == direct, r
    assert p.calls == len(values)
    # The bootstrap rejects far from the estimate and accepts at it.
    assert p(estimate + 8 * se) < 0.05 < p(estimate)
    with pytest.raises(ValueError, match="three distinct"):
        RestrictedWildPValues(y, design, groups, 0, (0.0, 0.0, 1.0), 199, seed=5)


def test_the_inverted_interval_is_where_the_bootstrap_test_accepts():
    y, design, groups = _clustered()
    result = si.wild_inverted_interval(y, design, groups, 0, replications=199, seed=5, grid_points=15, bisections=6)
    low, high = result["inverted_ci95_low"], result["inverted_ci95_high"]
    assert low < result["estimate"] < high
    assert result["accepted_runs"] == 1
    step = result["bisection_resolution"]

    def p(r):
        return wild_restricted_p_value(y - r * design[:, 0], design, groups, 0, replications=199, seed=5)

    # The bounds are accepted; a bisection step beyond them is rejected.
    assert p(low) >= 0.05 and p(high) >= 0.05
    assert p(low - step) < 0.05 and p(high + step) < 0.05
    # β = 0 is tested at zero: the p-value the inversion reports is the test's.
    assert result["wild_p_value_at_zero"] == p(0.0)


def test_disagreements_are_intervals_and_p_values_on_opposite_sides_of_005():
    table = pd.DataFrame(
        {
            "term": ["migratory_intensity_index"] * 4 + ["log_population_2000"],
            "ci95_low": [-2.0, -2.0, -3.0, -1.0, -9.0],
            "ci95_high": [0.1, 0.1, -1.0, -0.5, 9.0],
            "wild_p_value": [0.02, 0.2, 0.001, 0.07, 0.01],
        }
    )
    assert si.disagreements(table).index.tolist() == [0, 3]
