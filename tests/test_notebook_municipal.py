"""Notebook 2, municipal migratory intensity: its estimates agree with independent calculations.

The notebook's tables are made here by the package functions it calls, from CONAPO's files as the
microdata stage ingests them and from Table 1 as processed (the bootstraps with fewer draws than the
notebook's, which only coarsens their p-values), and are checked against Table 1 as printed (NAFTA paper,
lines 231-240), against plain numpy (least squares on state dummies, cluster-robust variance by hand) and
against statsmodels called directly.
"""

from __future__ import annotations

import math

import nbformat
import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
import yaml
from conftest import REPO, assert_is_the_committed_table, microdata_spec, statistical_files_dir

from migration_evidence.analysis import municipal, municipal_hump
from migration_evidence.analysis import municipal_robustness as robust
from migration_evidence.microdata.ingest import ingest
from migration_evidence.microdata.results import depopulation_vs_paper, read_paper_claim
from migration_evidence.notebooks.registry import load_notebooks

NAME = "municipal_migration_intensity"
# Notebook 6 reads the 2000 files too (joined to the 2010 and 2020 waves, config/municipal_waves.yaml).
SPEC = load_notebooks(REPO / "config" / "notebooks.yaml")[NAME]
MAIN = "main: log points, state fixed effects"

# NAFTA paper, Table 1, lines 231-240, as printed: municipalities, population, households.
PRINTED = {
    "Absolutes": (2443, 97_483_412, 22_639_808),
    "Very high": (162, 2_201_710, 498_466),
    "High": (330, 6_331_134, 1_389_695),
    "Medium": (392, 11_664_651, 2_652_262),
    "Low": (593, 37_765_096, 8_873_610),
    "Very low": (873, 38_887_234, 9_098_931),
    "Null": (93, 633_587, 126_844),
}


def _one(frame: pd.DataFrame, **where) -> pd.Series:
    mask = np.ones(len(frame), dtype=bool)
    for column, value in where.items():
        mask &= (frame[column] == value).to_numpy()
    assert mask.sum() == 1, f"expected one row with {where}"
    return frame[mask].iloc[0]


# --- Table 1 as a distribution ------------------------------------------------------------------


def test_sizes_by_degree_are_ratios_of_the_printed_counts(tables):
    size = tables["size_by_degree"].set_index("degree")
    assert list(size.index) == list(PRINTED)
    municipalities, population, households = PRINTED["Absolutes"]
    for degree, (m, p, h) in PRINTED.items():
        row = size.loc[degree]
        assert row["persons_per_household"] == pytest.approx(p / h, abs=1e-6)
        assert row["persons_per_municipality"] == pytest.approx(p / m, abs=1e-6)
        assert row["municipalities_share_pct"] == pytest.approx(100 * m / municipalities, abs=1e-6)
        assert row["population_share_pct"] == pytest.approx(100 * p / population, abs=1e-6)
        assert row["population_share_over_municipality_share"] == pytest.approx(
            (p / population) / (m / municipalities), abs=1e-6
        )
    assert size.loc["Very high", "persons_per_household"] == pytest.approx(4.417, abs=5e-4)  # 2,201,710 / 498,466
    assert size.loc["Null", "persons_per_household"] == pytest.approx(4.995, abs=5e-4)  # 633,587 / 126,844


def test_high_intensity_municipalities_are_many_but_small(tables):
    size = tables["size_by_degree"].set_index("degree")
    average = PRINTED["Absolutes"][1] / PRINTED["Absolutes"][0]
    for degree in ("Very high", "High", "Medium", "Null"):
        assert size.loc[degree, "persons_per_municipality"] < average
        assert size.loc[degree, "population_share_pct"] < size.loc[degree, "municipalities_share_pct"]
    # Line 212: "96.2% of the country's municipalities" are the ones that are not Null.
    assert round(100 - size.loc["Null", "municipalities_share_pct"], 1) == 96.2


# --- from CONAPO's files: independent recalculations ---------------------------------------------


@pytest.fixture(scope="module")
def municipalities():
    """The 2000 municipalities from the package's ingest (the files' own checks apply)."""
    spec = microdata_spec()
    ingested = ingest(spec, spec.file_paths(statistical_files_dir()))
    joined = ingested.joined
    frame = joined[joined["in_migration_file"].astype(bool)].copy()
    frame["p0"] = frame["population_2000"].astype(float)
    frame["p5"] = frame["population_2005"].astype(float)
    frame["growth"] = 100 * np.log(frame["p5"] / frame["p0"])
    frame["log_p0"] = np.log(frame["p0"])
    frame["lost"] = (frame["p5"] < frame["p0"]).astype(int)
    frame["state"] = frame["state_code"].astype(int)
    frame["iim"] = frame["migratory_intensity_index"]
    frame["im"] = frame["marginalisation_index_2000"]
    return frame, ingested


# Fewer bootstrap draws than the notebook's (config/statistics.yaml): the estimates and analytic errors
# do not depend on them, and the p-values' floor 1 / (B + 1) is what the tests check.
LIGHT_WILD, LIGHT_PAIRS = 199, 199


@pytest.fixture(scope="module")
def tables(municipalities, processed):
    """The notebook's tables, each made by the package function the notebook calls, in its order."""
    _, ingested = municipalities
    settings = yaml.safe_load((REPO / "config/statistics.yaml").read_text(encoding="utf-8"))[NAME]
    joined = ingested.joined
    at_zero_shares = municipal.index_formula(ingested.intensity)[0]
    frame = municipal.analysis_frame(joined, at_zero_shares)
    frame = robust.with_other_periods(frame, joined, joined.set_index("municipality_key")["marginalisation_index_1990"])
    spec = microdata_spec()
    claim = read_paper_claim(REPO / spec.paper_claim.raw, spec.paper_claim)
    return {
        "size_by_degree": municipal.size_by_degree(processed["municipal_migration_intensity_2000"]),
        "samples": municipal.sample_table(frame, joined),
        "null_sampling": robust.null_sampling(frame),
        "growth_regression": municipal.growth_regressions(frame, replications=LIGHT_WILD, seed=settings["wild_seed"]),
        "population_change_by_period": robust.period_summary(frame),
        "growth_by_period_regression": robust.period_regressions(
            frame, replications=LIGHT_WILD, seed=settings["wild_seed"]
        ),
        "loss_logit": municipal.loss_logits(frame),
        "robustness": robust.robustness(frame),
        "leave_one_state_out": robust.leave_one_state_out(frame),
        "intensity_marginalisation": pd.concat(
            [
                municipal_hump.hump(frame, replications=LIGHT_PAIRS, seed=settings["pairs_seed"]),
                municipal_hump.lowess_peak(frame, frac=settings["lowess_fraction"]),
            ],
            ignore_index=True,
        ),
        # The microdata stage's count against the paper's (rule municipal_population_change).
        "depopulation_vs_paper": depopulation_vs_paper(joined, ingested.geography, claim),
    }


WILD_COLUMNS = ("wild_p_value", "wild_ci95_low", "wild_ci95_high", "wild_replications")


def test_the_fixture_is_the_notebooks_computation(tables):
    for name, frame in tables.items():
        path = SPEC.outputs.get(name) or SPEC.inputs[name]
        if name == "intensity_marginalisation":
            # The pairs bootstrap's rows depend on its draws; every other row is the notebook's.
            assert_is_the_committed_table(
                frame, path, rows=lambda t: ~t["method"].astype(str).str.startswith("pairs cluster bootstrap")
            )
        else:
            assert_is_the_committed_table(frame, path, draw_dependent=WILD_COLUMNS)


def _main_sample(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["iim"].notna() & frame["im"].notna()]


def _crv1(design: np.ndarray, y: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Least squares and the CRV1 cluster-robust covariance, from the textbook formula."""
    beta, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ beta
    bread = np.linalg.inv(design.T @ design)
    meat = np.zeros_like(bread)
    labels = np.unique(groups)
    for g in labels:
        score = design[groups == g].T @ resid[groups == g]
        meat += np.outer(score, score)
    n, k, g = len(y), design.shape[1], len(labels)
    return beta, g / (g - 1) * (n - 1) / (n - k) * bread @ meat @ bread


def _state_dummies(frame: pd.DataFrame) -> np.ndarray:
    return pd.get_dummies(frame["state"]).to_numpy(float)


def test_sample_is_the_municipalities_with_an_index(municipalities, tables):
    frame, _ = municipalities
    sample = _main_sample(frame)
    # Table 1: 2,443 municipalities, 93 of degree Null (no index); the one without a marginalisation
    # index is of degree Null.
    assert len(frame) == 2443
    assert len(sample) == 2443 - 93
    samples = tables["samples"].set_index("quantity")["municipalities"]
    assert samples["main_sample"] == len(sample)
    assert samples["degree_null"] == 93
    assert samples["main_sample_lost_population"] == int((sample["p5"] < sample["p0"]).sum())
    growth = tables["growth_regression"]
    assert _one(growth, specification=MAIN, term="migratory_intensity_index")["n"] == len(sample)
    assert _one(growth, specification=MAIN, term="migratory_intensity_index")["clusters"] == 32


def test_growth_coefficient_and_clustered_error_equal_plain_least_squares(municipalities, tables):
    frame, _ = municipalities
    sample = _main_sample(frame)
    design = np.column_stack([sample[["iim", "im", "log_p0"]].to_numpy(float), _state_dummies(sample)])
    beta, cov = _crv1(design, sample["growth"].to_numpy(float), sample["state"].to_numpy())
    growth = tables["growth_regression"]
    for k, term in enumerate(("migratory_intensity_index", "marginalisation_index_2000", "log_population_2000")):
        row = _one(growth, specification=MAIN, term=term)
        assert row["estimate"] == pytest.approx(beta[k], abs=2e-6)
        assert row["std_error_cluster"] == pytest.approx(math.sqrt(cov[k, k]), abs=2e-6)
    index = _one(growth, specification=MAIN, term="migratory_intensity_index")
    assert index["ci95_low"] < index["estimate"] < index["ci95_high"]
    assert index["wild_ci95_low"] < index["estimate"] < index["wild_ci95_high"]
    assert index["std_error_classical"] < index["std_error_cluster"]


def test_growth_without_the_states_that_created_municipalities(municipalities, tables):
    frame, ingested = municipalities
    joined = ingested.joined
    created = joined[joined["population_2000"].isna() & joined["population_2005"].notna()]
    assert len(created) == 11
    sample = _main_sample(frame)
    sample = sample[~sample["state"].isin(created["state_code"].astype(int))]
    design = np.column_stack([sample[["iim", "im", "log_p0"]].to_numpy(float), _state_dummies(sample)])
    beta, *_ = np.linalg.lstsq(design, sample["growth"].to_numpy(float), rcond=None)
    row = _one(
        tables["growth_regression"],
        specification="without the 4 states that created municipalities",
        term="migratory_intensity_index",
    )
    assert row["estimate"] == pytest.approx(beta[0], abs=2e-6)
    assert row["n"] == len(sample) and row["clusters"] == 28


def test_the_lost_population_count_is_the_pipelines_in_the_notebook_too(municipalities, tables):
    """One count of municipalities that lost population 2000-2005: recounted here from the two
    populations, it is the pipeline's (against the paper's 832 of 2,435), the notebook's table by
    period, and the number its conclusions quote."""
    frame, _ = municipalities
    lost = int((frame["p5"] < frame["p0"]).sum())
    vs_paper = tables["depopulation_vs_paper"].set_index("measure")
    assert vs_paper.loc["municipalities_lost_population", "microdata"] == lost
    assert vs_paper.loc["municipalities_lost_population", "paper"] == 832
    assert vs_paper.loc["municipalities_counted", "paper"] == 2435
    by_period = _one(tables["population_change_by_period"], period="2000-2005")
    assert by_period["lost_population"] == lost and by_period["municipalities"] == len(frame)
    executed = nbformat.read(REPO / SPEC.executed, as_version=4)
    text = "\n".join(
        str(output.get("data", {}).get("text/markdown", ""))
        for cell in executed.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    assert f"the files give {lost:,} of {len(frame):,}" in " ".join(text.split())


def test_wild_bootstrap_is_reproducible_and_its_t_is_the_clustered_one(municipalities):
    frame, _ = municipalities
    sample = _main_sample(frame)
    design = np.column_stack([sample[["iim", "im", "log_p0"]].to_numpy(float), _state_dummies(sample)])
    y, groups = sample["growth"].to_numpy(float), sample["state"].to_numpy()
    first = municipal.wild_cluster_bootstrap(y, design, groups, 0, replications=499)
    second = municipal.wild_cluster_bootstrap(y, design, groups, 0, replications=499)
    assert first == second
    _, cov = _crv1(design, y, groups)
    assert first["std_error"] == pytest.approx(math.sqrt(cov[0, 0]), rel=1e-9)
    # With the outcome replaced by noise drawn independently of the index, the bootstrap finds nothing.
    noise = np.random.default_rng(1).normal(size=len(y))
    assert municipal.wild_cluster_bootstrap(noise, design, groups, 0, replications=499)["wild_p_value"] > 0.05
    # The observed statistic counts as one draw: with a strong effect the p-value is 1 / (B + 1), never 0.
    strong = municipal.wild_cluster_bootstrap(y, design, groups, 0, replications=99)
    assert strong["wild_p_value"] >= 1 / 100


def test_p_values_in_the_csv_files_are_never_rounded_to_zero(tables):
    # Bootstrap p-values have a floor of 1 / (B + 1); analytic ones are written to significant digits.
    for output in ("growth_regression", "loss_logit", "intensity_marginalisation"):
        frame = tables[output]
        columns = [c for c in frame.columns if "p_value" in c]
        assert columns, output
        for column in columns:
            values = frame[column].dropna()
            assert (values > 0).all(), f"{output}: {column} has a p-value written as 0"
    growth = tables["growth_regression"]
    wild = growth.dropna(subset=["wild_p_value"])
    assert (wild["wild_p_value"] >= 1 / (wild["wild_replications"] + 1) - 1e-12).all()


def test_logit_and_average_marginal_effect_equal_statsmodels(municipalities, tables):
    frame, _ = municipalities
    sample = _main_sample(frame)
    share = sample.groupby("state")["lost"].mean()
    constant = share[(share == 0) | (share == 1)].index
    sample = sample[~sample["state"].isin(constant)]
    fit = smf.logit("lost ~ iim + im + log_p0 + C(state)", data=sample).fit(
        disp=0, cov_type="cluster", cov_kwds={"groups": sample["state"].to_numpy()}
    )
    logit = tables["loss_logit"]
    row = _one(logit, specification="main: state fixed effects", term="migratory_intensity_index")
    assert row["n"] == len(sample) == int(fit.nobs)
    assert row["coefficient"] == pytest.approx(fit.params["iim"], abs=1e-5)
    assert row["std_error_cluster"] == pytest.approx(fit.bse["iim"], abs=1e-5)
    effects = fit.get_margeff(at="overall", method="dydx").summary_frame()
    assert row["ame_pp"] == pytest.approx(100 * effects.loc["iim", "dy/dx"], abs=1e-4)
    assert row["ame_std_error_pp"] == pytest.approx(100 * effects.loc["iim", "Std. Err."], abs=1e-4)
    assert row["municipalities_dropped"] == len(_main_sample(frame)) - len(sample)
    assert row["coefficient"] > 0 and row["ame_ci95_low_pp"] > 0


def test_turning_point_and_its_delta_interval(municipalities, tables):
    frame, _ = municipalities
    sample = _main_sample(frame)
    x, y = sample["im"].to_numpy(float), sample["iim"].to_numpy(float)
    b2, b1, _ = np.polyfit(x, y, 2)
    turning = -b1 / (2 * b2)
    hump = tables["intensity_marginalisation"]
    main = hump[hump["specification"] == "main: municipalities with an index"]
    delta = _one(main, quantity="turning_point", method="delta method, CRV1, t(G-1)")
    assert delta["estimate"] == pytest.approx(turning, abs=2e-6)
    beta, cov = _crv1(np.column_stack([x, x**2, np.ones_like(x)]), y, sample["state"].to_numpy())
    gradient = np.array([-1 / (2 * beta[1]), beta[0] / (2 * beta[1] ** 2)])
    assert delta["std_error"] == pytest.approx(math.sqrt(gradient @ cov[:2, :2] @ gradient), abs=2e-6)
    assert x.min() < delta["ci95_low"] < turning < delta["ci95_high"] < x.max()
    assert _one(main, quantity="turning_point_inside_range")["estimate"] == 1
    boot = main[(main["quantity"] == "turning_point") & main["method"].str.startswith("pairs cluster bootstrap")]
    assert len(boot) == 1 and boot.iloc[0]["ci95_low"] < turning < boot.iloc[0]["ci95_high"]
    assert b2 < 0


def test_null_municipalities_get_the_index_of_zero_shares(municipalities):
    _, ingested = municipalities
    intensity = ingested.intensity
    indexed = intensity[intensity["migratory_intensity_degree"] != "Null"]
    shares = [c for c in intensity.columns if c.startswith("households_") and c.endswith("_pct")]
    design = np.column_stack([np.ones(len(indexed)), indexed[shares].to_numpy(float)])
    beta, *_ = np.linalg.lstsq(design, indexed["migratory_intensity_index"].to_numpy(float), rcond=None)
    formula = municipal.index_formula(intensity)[1].set_index("quantity")["value"]
    assert formula["index_at_zero_shares"] == pytest.approx(beta[0], abs=1e-6)
    assert formula["index_at_zero_shares"] < indexed["migratory_intensity_index"].min()
    assert formula["max_abs_residual"] < 1e-6
    assert formula["municipalities_null"] == 93
    below_zero = 100 * (indexed["migratory_intensity_index"] < 0).mean()
    assert formula["share_of_indexed_below_written_zero_pct"] == pytest.approx(below_zero, abs=1e-6)


# --- review fixes: sampling zeros, other periods and placebos, one robustness table ---------------------


def _raw_populations() -> pd.DataFrame:
    """Population by municipality and year straight from CONAPO's marginalisation file (no package code)."""
    raw = pd.read_csv(statistical_files_dir() / "conapo_marginacion_municipal_1990_2015.csv", dtype=str)
    raw = raw[raw["ENT"].str.strip() != "Nacional"]
    raw["key"] = raw["CVE_MUN"].astype(int)
    raw["year"] = raw["AÑO"].astype(int)
    raw["population"] = raw["POB_TOT"].astype(float)
    return raw.pivot_table(index="key", columns="year", values="population", aggfunc="first")


def test_population_change_by_period_from_the_raw_file(tables):
    populations = _raw_populations()
    intensity = pd.read_csv(statistical_files_dir() / "conapo_iim2000_municipal.csv")
    keys = intensity["FE_ID"] * 1000 + intensity["MUN_ID"]
    assert len(keys) == 2443
    periods = tables["population_change_by_period"].set_index("period")
    for first, last in [(1990, 1995), (1995, 2000), (2000, 2005), (2005, 2010), (2000, 2010)]:
        both = populations.loc[keys.to_numpy(), [first, last]].dropna()
        lost = int((both[last] < both[first]).sum())
        row = periods.loc[f"{first}-{last}"]
        assert row["municipalities"] == len(both)
        assert row["lost_population"] == lost
    # About half the municipalities "lost" people in 2000-2005, a tenth in 2005-2010.
    assert 45 < periods.loc["2000-2005", "lost_population_pct"] < 55
    assert 5 < periods.loc["2005-2010", "lost_population_pct"] < 15


def _fwl_coefficient(sample: pd.DataFrame, outcome: np.ndarray, regressors: list[str], weights=None) -> float:
    design = np.column_stack([sample[regressors].to_numpy(float), _state_dummies(sample)])
    if weights is not None:
        root = np.sqrt(weights)
        design, outcome = design * root[:, None], outcome * root
    beta, *_ = np.linalg.lstsq(design, outcome, rcond=None)
    return float(beta[0])


def test_placebo_and_census_to_census_coefficients_are_plain_least_squares(municipalities, tables):
    frame, _ = municipalities
    regressions = tables["growth_by_period_regression"].set_index("check")
    for first, last in [(1990, 1995), (1995, 2000), (2000, 2010)]:
        growth = 100 * np.log(frame[f"population_{last}"].astype(float) / frame[f"population_{first}"].astype(float))
        sample = _main_sample(frame.assign(g=growth)).dropna(subset=["g"])
        expected = _fwl_coefficient(sample, sample["g"].to_numpy(float), ["iim", "im", "log_p0"])
        assert regressions.loc[f"{first}-{last}", "estimate"] == pytest.approx(expected, abs=2e-6)
    # The index goes with slower growth before its own reference period too (the placebo fails).
    assert regressions.loc["1990-1995", "ci95_high"] < 0


def test_robustness_rows_are_plain_least_squares(municipalities, tables):
    frame, _ = municipalities
    checks = tables["robustness"].set_index("check")
    sample = _main_sample(frame)
    oaxaca = sample[sample["state_name"] != "Oaxaca"]
    # Oaxaca (state 20) holds over a fifth of the municipalities.
    assert (sample["state"] == 20).mean() > 0.2
    assert checks.loc["without the largest state (Oaxaca)", "estimate"] == pytest.approx(
        _fwl_coefficient(oaxaca, oaxaca["growth"].to_numpy(float), ["iim", "im", "log_p0"]), abs=2e-6
    )
    weighted = _fwl_coefficient(
        sample, sample["growth"].to_numpy(float), ["iim", "im", "log_p0"], sample["p0"].to_numpy()
    )
    assert checks.loc["weighted by 2000 population", "estimate"] == pytest.approx(weighted, abs=2e-6)
    lpm = 100 * _fwl_coefficient(sample, sample["lost"].to_numpy(float), ["iim", "im", "log_p0"])
    assert checks.loc["losing population: linear probability model (percentage points)", "estimate"] == pytest.approx(
        lpm, abs=2e-5
    )
    logit = _one(tables["loss_logit"], specification="main: state fixed effects", term="migratory_intensity_index")
    ame = checks.loc["losing population: logit, average marginal effect (percentage points)"]
    assert ame["estimate"] == pytest.approx(logit["ame_pp"], abs=1e-6)
    out_of_state = tables["leave_one_state_out"]
    assert len(out_of_state) == 32 and (out_of_state["estimate"] < 0).all()


def test_null_municipalities_are_small_and_sampling_zeros_are_common_there(municipalities, tables):
    frame, _ = municipalities
    sampling = tables["null_sampling"]
    households = sampling[sampling["kind"] == "households"].set_index("group")
    null = frame[frame["migratory_intensity_degree"] == "Null"]["households_2000"].astype(float)
    assert households.loc["Null", "municipalities"] == 93
    assert households.loc["Null", "households_median"] == pytest.approx(null.median())
    assert households.loc["Null", "households_median"] < households.loc["with an index", "households_median"] / 2
    probability = sampling[sampling["kind"] == "probability"].set_index(["households", "share_with_migration_pct"])
    # (1 - p)^(H / 10): 500 households, 2% with migration -> 0.98^50.
    assert probability.loc[(500, 2.0), "probability_no_migrant_household_in_sample_pct"] == pytest.approx(
        100 * 0.98**50, abs=1e-5
    )


def _average_marginal_effects(params: np.ndarray, cov: np.ndarray, design: np.ndarray, columns: list[int]):
    """Average over the sample of dP/dx_k = β_k p(1 − p), with delta-method standard errors: the
    formula written out."""
    p = 1 / (1 + np.exp(-(design @ params)))
    density = p * (1 - p)
    out = []
    for k in columns:
        ame = params[k] * density.mean()
        gradient = params[k] * (density * (1 - 2 * p)) @ design / len(p)
        gradient[k] += density.mean()
        out.append((float(ame), float(math.sqrt(gradient @ cov @ gradient))))
    return out


def test_statsmodels_average_marginal_effects_agree_with_the_formula_written_out(municipalities):
    # Before the swap to statsmodels' get_margeff: both compute the same thing, to 1e-8.
    from migration_evidence.analysis import stats as clustered

    frame, _ = municipalities
    sample = _main_sample(frame)
    keep = sample.groupby("state")["lost"].transform("mean").between(0, 1, inclusive="neither")
    sample = sample[keep]
    design = np.column_stack([sample[["iim", "im", "log_p0"]].to_numpy(float), _state_dummies(sample)])
    fit = clustered.fit_logit(sample["lost"].to_numpy(float), design, sample["state"].to_numpy())
    written_out = _average_marginal_effects(np.asarray(fit.params), np.asarray(fit.cov_params()), design, [0, 1, 2])
    library = clustered.logit_average_marginal_effects(fit, [0, 1, 2])
    for (ame, se), (ame_lib, se_lib) in zip(written_out, library, strict=True):
        assert ame_lib == pytest.approx(ame, abs=1e-8)
        assert se_lib == pytest.approx(se, abs=1e-8)
