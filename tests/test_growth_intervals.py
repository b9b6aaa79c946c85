"""The project's one growth-rate interval: Newey–West (Bartlett) around the mean annual log change."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from migration_evidence.analysis.growth_intervals import growth_rate_interval, newey_west_lags


def test_without_lags_it_is_the_classical_t_interval():
    changes = np.array([0.12, 0.05, 0.21, -0.03, 0.12, 0.08, 0.15, 0.02])
    n = len(changes)
    half = stats.t.ppf(0.975, n - 1) * changes.std(ddof=1) / math.sqrt(n)
    out = growth_rate_interval(changes, lags=0)
    assert out["ci_low_log"] == pytest.approx(changes.mean() - half, rel=1e-12)
    assert out["ci_high_log"] == pytest.approx(changes.mean() + half, rel=1e-12)
    assert out["std_error_hac"] == pytest.approx(out["std_error_iid"], rel=1e-12)


def test_bartlett_long_run_variance_written_out():
    changes = np.array([0.30, 0.10, 0.25, 0.05, 0.20, 0.00, 0.15, 0.10, 0.12, 0.08])
    n, lags = len(changes), 2
    e = changes - changes.mean()
    gamma = [e[j:] @ e[: n - j] / n for j in range(lags + 1)]
    long_run = gamma[0] + 2 * sum((1 - j / (lags + 1)) * gamma[j] for j in range(1, lags + 1))
    se = math.sqrt(long_run / n * n / (n - 1))
    out = growth_rate_interval(changes, lags=lags)
    assert out["std_error_hac"] == pytest.approx(se, rel=1e-10)
    assert out["hac_lags"] == lags == newey_west_lags(n)
    assert out["growth_pct"] == pytest.approx(100 * math.expm1(changes.mean()))


def test_fewer_than_three_changes_give_no_interval():
    out = growth_rate_interval([0.1, 0.2])
    assert math.isnan(out["growth_ci_low_pct"]) and out["growth_pct"] == pytest.approx(100 * math.expm1(0.15))
    with pytest.raises(ValueError, match="missing"):
        growth_rate_interval([0.1, float("nan"), 0.2])


def test_with_positively_autocorrelated_changes_it_covers_more_often_than_the_independent_interval():
    """AR(1) changes with coefficient 0.5 (the lag-1 autocorrelation of 2005-2025), 20 changes: the
    interval that assumes independence covers the true drift far less often than 95%; Newey–West comes
    closer (it cannot reach 95% with 20 changes, which is why the pages call such intervals approximate)."""
    rng = np.random.default_rng(20_260_522)
    n, rho, drift, draws = 20, 0.5, 0.05, 800
    covered_hac = covered_iid = 0
    for _ in range(draws):
        shocks = rng.normal(0.0, 0.08, n + 50)
        u = np.zeros(n + 50)
        for t in range(1, n + 50):
            u[t] = rho * u[t - 1] + shocks[t]
        changes = drift + u[50:]
        hac = growth_rate_interval(changes)
        iid = growth_rate_interval(changes, lags=0)
        covered_hac += hac["ci_low_log"] <= drift <= hac["ci_high_log"]
        covered_iid += iid["ci_low_log"] <= drift <= iid["ci_high_log"]
    assert covered_iid / draws < 0.85
    assert covered_hac / draws > covered_iid / draws + 0.04
