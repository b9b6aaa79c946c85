"""The waves on one scale (notebook 7): CONAPO's 2000 index refitted from its four shares and applied to
later shares.

The facts asserted come from CONAPO's 2000 municipal file (its published index values and degrees, and
the counts of municipalities by degree that Table 1 of the NAFTA paper prints, lines 233-240) and from
the definition of a principal-components score; the synthetic frames test the mechanics.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import statistical_files_dir

from migration_evidence.analysis import common_scale as cs

RAW_2000 = statistical_files_dir() / "conapo_iim2000_municipal.csv"
SHARES_2000 = ["HOU_REM", "HOU_REM_LAST_5_YEARS", "HOU_CIR", "HOU_RET"]
# NAFTA paper, Table 1 (CONAPO 2000): municipalities by degree of migratory intensity.
TABLE1_COUNTS = {"Very high": 162, "High": 330, "Medium": 392, "Low": 593, "Very low": 873, "Null": 93}


# --- the published 2000 index ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def file_2000():
    if not RAW_2000.exists():
        pytest.skip(f"{RAW_2000} not found")
    return pd.read_csv(RAW_2000, encoding="latin-1")


def test_the_refitted_index_reproduces_conapos_published_2000_index(file_2000):
    shares = file_2000[SHARES_2000].to_numpy(float)
    scale = cs.fit_principal_component(shares)
    indexed = file_2000["GIM_2000"] != "Null"
    index = file_2000["IIM_2000"].where(indexed).to_numpy(float)
    check = cs.reconstruction_check(scale, shares, index)
    # The file prints nine decimals; its shares are rounded too, so allow two units of the last digit.
    assert check["municipalities_compared"] == 2350
    assert check["max_abs_difference"] < 2e-9
    # Two published values, as printed: Asientos (Aguascalientes) and Aguascalientes itself.
    row = file_2000.set_index(["FE_ID", "MUN_ID"])
    for key, published in (((1, 2), 1.495801512), ((1, 1), -0.186801089)):
        position = row.index.get_loc(key)
        assert scale.score(shares[[position]])[0] == pytest.approx(published, abs=2e-9)


def test_the_2000_boundaries_reproduce_every_published_degree(file_2000):
    shares = file_2000[SHARES_2000].to_numpy(float)
    scale = cs.fit_principal_component(shares)
    indexed = (file_2000["GIM_2000"] != "Null").to_numpy()
    cutoffs = cs.degree_cutoffs(
        file_2000["IIM_2000"].to_numpy(float)[indexed], file_2000["GIM_2000"].to_numpy()[indexed]
    )
    degrees = cs.classify(scale.score(shares), (shares == 0).all(axis=1), cutoffs)
    assert (degrees == file_2000["GIM_2000"].to_numpy()).all()
    assert pd.Series(degrees).value_counts().to_dict() == TABLE1_COUNTS


# --- mechanics on synthetic frames -----------------------------------------------------------------


def _synthetic(n=400, seed=1):
    rng = np.random.default_rng(seed)
    common = rng.gamma(2.0, 2.0, n)
    return np.column_stack([common * k + rng.gamma(1.0, 0.5, n) for k in (1.0, 0.9, 0.3, 0.2)])


def test_a_principal_component_score_has_mean_zero_unit_variance_and_positive_loadings():
    shares = _synthetic()
    scale = cs.fit_principal_component(shares)
    score = scale.score(shares)
    assert score.mean() == pytest.approx(0, abs=1e-12)
    assert score.var(ddof=1) == pytest.approx(1, rel=1e-12)
    assert np.linalg.norm(scale.loadings) == pytest.approx(1)
    assert (scale.loadings > 0).all()
    # Linear in the shares: the intercept plus the weights per point give the score.
    assert np.allclose(scale.intercept() + shares @ scale.weights_per_point(), score)


def test_a_score_is_unchanged_by_shares_given_in_another_order_of_rows():
    shares = _synthetic()
    first = cs.fit_principal_component(shares)
    second = cs.fit_principal_component(shares[::-1])
    assert np.allclose(first.score(shares), second.score(shares))


def test_boundaries_are_midpoints_of_the_gaps_and_classify_reproduces_degrees():
    index = np.array([-1.0, -0.8, -0.5, -0.4, 0.0, 0.2, 1.0, 1.4, 2.0, 3.0])
    degrees = np.array(
        ["Very low", "Very low", "Low", "Low", "Medium", "Medium", "High", "High", "Very high", "Very high"]
    )
    cutoffs = cs.degree_cutoffs(index, degrees)
    assert cutoffs["lower_boundary"].tolist()[1:] == pytest.approx([-0.65, -0.2, 0.6, 1.7])
    assert (cs.classify(index, np.zeros(len(index), bool), cutoffs) == degrees).all()
    # A later wave's scores: above 1.7 is very high on this scale; all-zero shares are Null.
    later = cs.classify(np.array([1.69, 1.71, -5.0, 9.0]), np.array([False, False, False, True]), cutoffs)
    assert later.tolist() == ["High", "Very high", "Very low", "Null"]


def test_overlapping_degrees_have_no_boundaries():
    with pytest.raises(ValueError, match="overlaps"):
        cs.degree_cutoffs(
            np.array([0.0, 1.0, 0.5, 2.0, 3.0, 4.0]),
            np.array(["Very low", "Very low", "Low", "Medium", "High", "Very high"]),
        )


def test_method_factors_are_the_file_over_the_harmonised_share_and_one_where_none_is_printed():
    harmonised = pd.DataFrame(
        {
            "geography": ["Nacional"] * 4 + ["Chiapas"],
            "indicator": [
                "receiving_remittances_pct",
                "with_emigrants_pct",
                "with_return_migrants_pct",
                "with_circular_migrants_pct",
                "with_emigrants_pct",
            ],
            "conapo_2000_on_2010_basis_pct": [4.0, 5.0, 1.0, np.nan, 9.0],
            "file_2000_pct": [3.0, 5.5, 1.0, 0.9, 1.0],
        }
    )
    assert cs.method_factors(harmonised) == {
        "receiving_remittances_pct": 0.75,
        "with_emigrants_pct": pytest.approx(1.1),
        "with_circular_migrants_pct": 1.0,
        "with_return_migrants_pct": 1.0,
    }


def _panel():
    """Six municipalities in three waves; 2000's index is its own principal component."""
    shares_2000 = np.vstack([_synthetic(60, seed=5), np.zeros((2, 4))])
    n = len(shares_2000)
    scale = cs.fit_principal_component(shares_2000)
    index = scale.score(shares_2000)
    order = np.argsort(index[:-2])
    degrees = np.empty(n, dtype=object)
    for rank, position in enumerate(order):
        degrees[position] = cs.SCALE_DEGREES[min(rank * 5 // (n - 2), 4)]
    degrees[-2:] = "Null"
    index[-2:] = np.nan
    panel = pd.DataFrame(
        {
            "municipality_key": np.arange(n) + 1001,
            "state_code": 1,
            "in_2000": True,
            "in_2010": True,
            "in_2020": True,
            "degree_2000": degrees,
            "index_2000": index,
        }
    )
    for year, factor in ((2000, 1.0), (2010, 1.0), (2020, 0.1)):
        shares = shares_2000 * factor
        for j, column in enumerate(cs.INDICATORS):
            panel[f"{column}_{year}"] = shares[:, j]
        # CONAPO's relative degrees of the later waves: the same ranks as 2000.
        panel[f"degree_{year}"] = degrees
    harmonised = pd.DataFrame(
        {
            "geography": ["Nacional"],
            "indicator": ["receiving_remittances_pct"],
            "conapo_2000_on_2010_basis_pct": [1.0],
            "file_2000_pct": [1.0],
        }
    )
    return panel, harmonised


def test_relative_degrees_keep_their_counts_while_the_common_scale_sees_the_fall():
    panel, harmonised = _panel()
    common = cs.scale_2000(panel, harmonised)
    assert common.degrees_reproduced == len(panel)
    scored = cs.scored(panel, common)
    readings = cs.degrees_two_readings(scored).set_index(["wave", "reading", "degree"])["municipalities"]
    very_high_2000 = int((panel["degree_2000"] == "Very high").sum())
    # 2010 has 2000's shares: the same degrees on both readings.
    assert readings[(2010, "common_scale", "Very high")] == very_high_2000
    # 2020's shares are a tenth of 2000's: CONAPO's relative degrees keep their counts, the common scale
    # puts every migrating municipality in the lowest degree and leaves the two Null municipalities Null.
    assert readings[(2020, "relative", "Very high")] == very_high_2000
    assert readings[(2020, "common_scale", "Very high")] == 0
    assert readings[(2020, "common_scale", "Very low")] == len(panel) - 2
    assert readings[(2020, "common_scale", "Null")] == 2
    persistence = cs.persistence_two_readings(scored).set_index(["wave", "reading"])
    assert persistence.loc[(2020, "relative"), "still_very_high"] == very_high_2000
    assert persistence.loc[(2020, "common_scale"), "still_very_high"] == 0
    transitions = cs.transitions_two_readings(scored).set_index(
        ["reading", "from_wave", "to_wave", "from_degree", "to_degree"]
    )
    assert transitions.loc[("common_scale", 2000, 2020, "Very high", "Very low"), "municipalities"] == very_high_2000


def test_a_reconstruction_that_misses_the_published_index_is_refused():
    panel, harmonised = _panel()
    panel.loc[0, "index_2000"] = panel.loc[0, "index_2000"] + 1e-6
    with pytest.raises(ValueError, match="not reproduced"):
        cs.scale_2000(panel, harmonised)
