"""The notebooks' statistical settings live in config/statistics.yaml: the committed estimates were
produced with them, and the module defaults the notebooks do not override name the same values."""

from __future__ import annotations

import pandas as pd
import yaml
from conftest import REPO

from migration_evidence.analysis import municipal, municipal_hump, remittance_breaks, small_samples
from migration_evidence.notebooks.registry import load_notebooks

SETTINGS = yaml.safe_load((REPO / "config" / "statistics.yaml").read_text(encoding="utf-8"))
NOTEBOOKS = load_notebooks(REPO / "config" / "notebooks.yaml")


def test_each_section_belongs_to_a_notebook_that_declares_the_file_as_input():
    for name in SETTINGS:
        assert NOTEBOOKS[name].inputs.get("statistics") == "config/statistics.yaml", name


def test_the_committed_break_tests_used_the_configured_draws_and_seed():
    breaks = pd.read_csv(REPO / NOTEBOOKS["remittance_growth"].outputs["breaks"])
    settings = SETTINGS["remittance_growth"]
    assert set(breaks["draws"]) == {settings["break_test_draws"]}
    assert set(breaks["seed"]) == {settings["break_test_seed"]}


def test_the_committed_hac_lag_table_covers_the_configured_lags():
    lags = pd.read_csv(REPO / NOTEBOOKS["remittance_growth"].outputs["trend_hac_lags"])
    low, high = SETTINGS["remittance_growth"]["hac_lags_shown"]
    assert sorted(set(lags["hac_lags"])) == list(range(low, high + 1))


def test_the_committed_growth_regressions_used_the_configured_wild_bootstrap():
    growth = pd.read_csv(REPO / NOTEBOOKS["municipal_migration_intensity"].outputs["growth_regression"])
    settings = SETTINGS["municipal_migration_intensity"]
    assert set(growth["wild_replications"]) == {settings["wild_replications"]}
    assert set(growth["wild_seed"]) == {settings["wild_seed"]}


def test_the_committed_rank_correlations_used_the_configured_permutations():
    rank = pd.read_csv(REPO / NOTEBOOKS["hta_funding"].outputs["rank_correlation"])
    settings = SETTINGS["hta_funding"]
    monte_carlo = rank[rank["p_value_method"].str.startswith("Monte Carlo")]
    resamples, seed = settings["permutation_resamples"], settings["permutation_seed"]
    expected = f"Monte Carlo permutation ({resamples:,} orderings, seed {seed})"
    assert len(monte_carlo) and set(monte_carlo["p_value_method"]) == {expected}


def test_module_defaults_agree_with_the_configuration():
    """Seeds the functions take from their module (not yet a parameter) must be the configured ones."""
    settings = SETTINGS["municipal_migration_intensity"]
    assert municipal.WILD_SEED == settings["wild_seed"]
    assert municipal_hump.PAIRS_SEED == settings["pairs_seed"]
    assert municipal.WILD_REPLICATIONS == settings["wild_replications"]
    assert municipal_hump.PAIRS_REPLICATIONS == settings["pairs_replications"]
    assert municipal_hump.LOWESS_FRACTION == settings["lowess_fraction"]
    assert remittance_breaks.candidate_break_years.__defaults__ == (SETTINGS["remittance_growth"]["break_trim"],)
    assert small_samples.rank_correlations.__kwdefaults__ == {
        "seed": SETTINGS["hta_funding"]["permutation_seed"],
        "n_resamples": SETTINGS["hta_funding"]["permutation_resamples"],
    }
