"""The wild cluster bootstrap: wildboottest (Roodman et al. 2019's algorithm on cluster-level scores)
and the bootstrap written out (every draw re-estimated from its own data) give the same t statistics
when given the same cluster weights, with the null imposed (WCR, the p-value) and without it (WCU, the
bootstrap-t interval).

The problems are synthetic, with unequal clusters, with cluster fixed effects (as in the municipal growth
regressions: one dummy per state, errors clustered by state) and with an intercept; and, when CONAPO's
files are at hand, the main growth regression of notebook 2 itself.
"""

from __future__ import annotations

import numpy as np
import pytest
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


def _library_t(y, design, groups, column, weights, impose_null):
    R = np.zeros(design.shape[1])
    R[column] = 1.0
    boot = WildboottestCL(X=design, Y=y, cluster=groups, R=R, B=weights.shape[1], seed=1, parallel=False)
    boot.get_scores(bootstrap_type="11", impose_null=impose_null)
    boot.v = weights  # the same cluster weights as the written-out bootstrap (rows: sorted cluster labels)
    boot.get_numer()
    boot.get_denom()
    boot.get_tboot()
    boot.get_vcov()
    boot.get_tstat()
    return float(np.ravel(boot.t_stat)[0]), boot.t_boot


@pytest.mark.parametrize("fixed_effects", [True, False])
@pytest.mark.parametrize("column", [0, 1])
def test_the_library_and_the_written_out_bootstrap_agree_given_the_same_weights(fixed_effects, column):
    y, design, groups = _problem(fixed_effects)
    weights = stats.rademacher_weights(groups, 2500, seed=11)
    assert weights.shape == (14, 2500) and set(np.unique(weights)) == {-1.0, 1.0}
    _, _, t_obs, t_restricted, t_unrestricted = stats.wild_bootstrap_t(y, design, groups, column, weights)
    for impose_null, ours in ((True, t_restricted), (False, t_unrestricted)):
        t_library, t_boot = _library_t(y, design, groups, column, weights, impose_null)
        assert t_library == pytest.approx(t_obs, rel=TOLERANCE)
        np.testing.assert_allclose(t_boot, ours, rtol=TOLERANCE, atol=TOLERANCE)


def test_the_written_out_t_is_statsmodels_clustered_t():
    y, design, groups = _problem(True)
    _, se, t, _, _ = stats.wild_bootstrap_t(y, design, groups, 0, stats.rademacher_weights(groups, 10, seed=1))
    fit = stats.cluster_ols(y, design, groups)
    assert se == pytest.approx(float(fit.bse[0]), rel=1e-10)
    assert t == pytest.approx(float(fit.tvalues[0]), rel=1e-10)
