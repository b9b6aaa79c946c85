"""The wild cluster bootstrap: wildboottest (Roodman et al. 2019's algorithm on cluster-level scores)
and the bootstrap written out here (every draw re-estimated from its own data, as in Cameron, Gelbach
and Miller 2008) give the same t statistics when given the same cluster weights, with the null imposed
(WCR, the p-value) and without it (WCU, the bootstrap-t interval); the package's function gives what
the written-out bootstrap gives with the weights the library draws.

The problems are synthetic, with unequal clusters, with cluster fixed effects (as in the municipal growth
regressions: one dummy per state, errors clustered by state) and with an intercept.
"""

from __future__ import annotations

import numpy as np
import pytest
from wildboottest.weights import draw_weights
from wildboottest.wildboottest import WildboottestCL

from migration_evidence.analysis import stats

TOLERANCE = 1e-8


def _problem(fixed_effects: bool, seed: int = 7):
    rng = np.random.default_rng(seed)
    sizes = rng.integers(5, 60, size=14)
    groups = np.repeat(np.arange(100, 114), sizes)  # labels need not start at 0
    n = len(groups)
    x = rng.normal(size=(n, 3)) + rng.normal(size=(14, 3))[groups - 100]
    y = 0.4 * x[:, 0] - 0.2 * x[:, 1] + rng.normal(size=14)[groups - 100] + rng.normal(size=n)
    if fixed_effects:
        dummies = (groups[:, None] == np.unique(groups)[None, :]).astype(float)
        design = np.column_stack([x, dummies])
    else:
        design = np.column_stack([x, np.ones(n)])
    return y, design, groups


def _written_out_t(y, design, groups, column, weights):
    """t of one coefficient and its bootstrap t statistics, each draw estimated from its own data:
    y* = fitted + residual × the weight of the observation's cluster (rows of ``weights``: sorted
    cluster labels), with the restricted fit (coefficient 0: WCR, t* of β* − 0) and the unrestricted
    one (WCU, t* of β* − β̂); CRV1 errors, factor G/(G − 1) · (n − 1)/(n − k)."""
    n, k = design.shape
    labels = np.unique(groups)
    scores = (groups[None, :] == labels[:, None]).astype(float)  # G × n: sums within clusters
    factor = len(labels) / (len(labels) - 1) * (n - 1) / (n - k)
    projector = np.linalg.inv(design.T @ design) @ design.T
    row = projector[column]

    def t_ratio(beta, resid, value):
        return (beta - value) / np.sqrt(factor * ((scores @ (row[:, None] * resid)) ** 2).sum(axis=0))

    beta_hat = projector @ y
    resid_hat = y - design @ beta_hat
    others = [j for j in range(k) if j != column]
    restricted, *_ = np.linalg.lstsq(design[:, others], y, rcond=None)
    fitted_r = design[:, others] @ restricted
    w = weights[np.searchsorted(labels, groups)]
    draws = []
    for fitted, resid, value in ((fitted_r, y - fitted_r, 0.0), (design @ beta_hat, resid_hat, beta_hat[column])):
        y_star = fitted[:, None] + resid[:, None] * w
        beta_star = projector @ y_star
        draws.append(t_ratio(beta_star[column], y_star - design @ beta_star, value))
    return float(t_ratio(beta_hat[column], resid_hat[:, None], 0.0)[0]), draws[0], draws[1]


def _library(cls, y, design, groups, column, weights, impose_null):
    R = np.zeros(design.shape[1])
    R[column] = 1.0
    boot = cls(X=design, Y=y, cluster=groups, R=R, B=weights.shape[1], seed=1, parallel=False)
    boot.get_scores(bootstrap_type="11", impose_null=impose_null)
    boot.v = weights  # the same cluster weights as the written-out bootstrap (rows: sorted cluster labels)
    boot.get_numer()
    boot.get_denom()
    boot.get_tboot()
    boot.get_vcov()
    boot.get_tstat()
    return boot


def _weights(groups, replications, seed):
    weights, _ = draw_weights("rademacher", False, len(np.unique(groups)), replications, np.random.default_rng(seed))
    return weights.astype(float)


@pytest.mark.parametrize("fixed_effects", [True, False])
def test_the_library_and_the_written_out_bootstrap_agree_given_the_same_weights(fixed_effects):
    y, design, groups = _problem(fixed_effects)
    weights = _weights(groups, 2500, seed=11)
    assert weights.shape == (14, 2500) and set(np.unique(weights)) == {-1.0, 1.0}
    t_obs, t_restricted, t_unrestricted = _written_out_t(y, design, groups, 0, weights)
    for impose_null, ours in ((True, t_restricted), (False, t_unrestricted)):
        boot = _library(WildboottestCL, y, design, groups, 0, weights, impose_null)
        assert float(np.ravel(boot.t_stat)[0]) == pytest.approx(t_obs, rel=TOLERANCE)
        np.testing.assert_allclose(boot.t_boot, ours, rtol=TOLERANCE, atol=TOLERANCE)
    assert not np.allclose(t_restricted, t_unrestricted)  # the two variants are different statistics


@pytest.mark.parametrize("fixed_effects", [True, False])
def test_the_package_bootstrap_is_the_written_out_one_with_the_librarys_draws(fixed_effects):
    y, design, groups = _problem(fixed_effects, seed=9)
    replications, seed = 1999, 20_000_605
    result = stats.wild_cluster_bootstrap(y, design, groups, 0, replications=replications, seed=seed)
    t_obs, t_restricted, t_unrestricted = _written_out_t(y, design, groups, 0, _weights(groups, replications, seed))
    fit = stats.cluster_ols(y, design, groups)
    assert result["estimate"] == pytest.approx(float(fit.params[0]), rel=1e-10)
    assert result["std_error"] == pytest.approx(float(fit.bse[0]), rel=1e-10)
    assert result["t"] == pytest.approx(t_obs, rel=TOLERANCE)
    # (1 + draws with |t*| at least |t|) / (1 + B); no draw here is within rounding of |t|.
    assert not np.isclose(np.abs(t_restricted), abs(t_obs), rtol=1e-6, atol=0).any()
    assert result["wild_p_value"] == (1 + (np.abs(t_restricted) >= abs(t_obs)).sum()) / (1 + replications)
    critical = np.quantile(np.abs(t_unrestricted), 0.95)
    assert result["wild_ci95_low"] == pytest.approx(result["estimate"] - critical * result["std_error"], rel=TOLERANCE)
    assert result["wild_ci95_high"] == pytest.approx(result["estimate"] + critical * result["std_error"], rel=TOLERANCE)


def test_a_true_null_is_not_rejected_and_a_strong_effect_has_the_floor_p_value():
    y, design, groups = _problem(True)
    noise = np.random.default_rng(1).normal(size=len(y))
    assert stats.wild_cluster_bootstrap(noise, design, groups, 2, replications=999)["wild_p_value"] > 0.05
    strong = stats.wild_cluster_bootstrap(y + 3 * design[:, 0], design, groups, 0, replications=99)
    assert strong["wild_p_value"] == pytest.approx(1 / 100)  # the observed statistic counts as a draw


def test_a_draw_that_rebuilds_the_sample_counts_as_a_tie_whichever_side_rounding_puts_it():
    # Weights all +1 or all -1 give |t*| = |t| exactly; computed, the last bits fall on either side.
    t = 24 / 11
    draws = np.array([t * (1 + 2e-16), -t * (1 - 4e-16), 0.5, -1.0])
    assert stats.symmetric_bootstrap_p_value(draws, t) == pytest.approx(3 / 5)
    assert stats.symmetric_bootstrap_p_value(draws, -t) == pytest.approx(3 / 5)
    # A draw below |t| by more than rounding is not a tie, down to a relative 1e-8.
    assert stats.symmetric_bootstrap_p_value(np.array([t * (1 - 1e-6)]), t) == pytest.approx(1 / 2)
    assert stats.symmetric_bootstrap_p_value(np.array([t * (1 - 1e-8)]), t) == pytest.approx(1 / 2)
    # A draw that is not a number (a zero or negative squared denominator) stops the count.
    with pytest.raises(ValueError, match="not finite"):
        stats.symmetric_bootstrap_p_value(np.array([np.nan, 1.0]), t)
