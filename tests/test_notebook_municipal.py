"""Notebook 2, municipal migratory intensity: its estimates agree with independent calculations.

Table-level estimates are checked against Table 1 as printed (NAFTA paper, lines 231-240). Estimates
from CONAPO's files are recomputed here from the joined municipalities with plain numpy (least
squares on state dummies, cluster-robust variance by hand) or with statsmodels called directly; those
tests are skipped, with the reason, when the files are absent. The notebook is also executed without
the files, to check that it says so and still shows the table-level part.
"""

from __future__ import annotations

import math
import shutil

import nbformat
import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from conftest import REPO, microdata_outputs, microdata_spec, needs_microdata, statistical_files_dir

from migration_evidence.analysis import municipal
from migration_evidence.notebooks.execution import publish
from migration_evidence.notebooks.registry import STATISTICAL_FILES_ENV, load_notebooks

NAME = "municipal_migration_intensity"
# Notebook 6 reads the 2000 files too (joined to the 2010 and 2020 waves, config/municipal_waves.yaml).
OTHER_MICRODATA_NOTEBOOKS = {"municipal_intensity_2000_2020"}
SPEC = load_notebooks(REPO / "config" / "notebooks.yaml")[NAME]
TABLES = REPO / "results" / "tables"
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


def _csv(output: str) -> pd.DataFrame:
    return pd.read_csv(REPO / SPEC.outputs[output])


def _one(frame: pd.DataFrame, **where) -> pd.Series:
    mask = np.ones(len(frame), dtype=bool)
    for column, value in where.items():
        mask &= (frame[column] == value).to_numpy()
    assert mask.sum() == 1, f"expected one row with {where}"
    return frame[mask].iloc[0]


# --- registration and the microdata mechanism ---------------------------------------------------


def test_notebook_2_is_registered_as_reading_the_microdata():
    assert SPEC.number == 2
    assert SPEC.requires_microdata
    assert not any(
        nb.requires_microdata
        for name, nb in load_notebooks(REPO / "config/notebooks.yaml").items()
        if name != NAME and name not in OTHER_MICRODATA_NOTEBOOKS
    )
    assert all(path.startswith("results/tables/municipal_") for path in SPEC.outputs.values())


def test_its_outputs_count_among_the_microdata_outputs():
    """So a build without CONAPO's files skips them, keeps the committed versions and checksums them
    in the microdata manifest, not in the other one."""
    outputs = microdata_outputs()
    for path in (SPEC.executed, *SPEC.outputs.values()):
        assert path in outputs, path
        assert (REPO / path).is_file(), path
    others = (REPO / "reports" / "output_checksums.sha256").read_text(encoding="utf-8")
    manifest = (REPO / "reports" / "municipal_microdata_checksums.sha256").read_text(encoding="utf-8")
    for path in (SPEC.executed, *SPEC.outputs.values()):
        assert f"  {path}\n" in manifest and f"  {path}\n" not in others, path
    for name, nb in load_notebooks(REPO / "config/notebooks.yaml").items():
        if name != NAME and name not in OTHER_MICRODATA_NOTEBOOKS:
            assert nb.executed not in outputs and f"  {nb.executed}\n" in others


def test_registry_refuses_a_flag_that_is_not_true_or_false(tmp_path):
    registry = (REPO / "config" / "notebooks.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "notebooks.yaml"
    bad.write_text(registry.replace("requires_microdata: true", "requires_microdata: yes please"), encoding="utf-8")
    with pytest.raises(ValueError, match="requires_microdata must be true or false"):
        load_notebooks(bad)


def test_committed_notebook_was_executed_with_the_files():
    executed = nbformat.read(REPO / SPEC.executed, as_version=4)
    shown = "\n".join(
        str(output.get("data", {}).get("text/markdown", output.get("text", "")))
        for cell in executed.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    assert "CONAPO's two files were found" in shown
    assert "Not computed" not in shown and "not available" not in shown


# --- Table 1 as a distribution ------------------------------------------------------------------


def test_sizes_by_degree_are_ratios_of_the_printed_counts():
    size = _csv("size_by_degree").set_index("degree")
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


def test_high_intensity_municipalities_are_many_but_small():
    size = _csv("size_by_degree").set_index("degree")
    average = PRINTED["Absolutes"][1] / PRINTED["Absolutes"][0]
    for degree in ("Very high", "High", "Medium", "Null"):
        assert size.loc[degree, "persons_per_municipality"] < average
        assert size.loc[degree, "population_share_pct"] < size.loc[degree, "municipalities_share_pct"]
    # Line 212: "96.2% of the country's municipalities" are the ones that are not Null.
    assert round(100 - size.loc["Null", "municipalities_share_pct"], 1) == 96.2


# --- without the files, the notebook says so ----------------------------------------------------


def test_without_the_files_the_notebook_says_so_and_shows_table_1(tmp_path, monkeypatch):
    work = tmp_path / "repo"
    for directory in ("config", "notebooks"):
        shutil.copytree(REPO / directory, work / directory)
    # The notebook's declared inputs (the data package that declares the statistical files among them).
    assert "data/raw/datapackage.json" in SPEC.inputs.values()
    for path in SPEC.inputs.values():
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / path, work / path)
    empty = tmp_path / "no_files"
    empty.mkdir()
    monkeypatch.delenv(STATISTICAL_FILES_ENV, raising=False)
    executed = tmp_path / "out.ipynb"
    publish(
        SPEC,
        str(work / "config" / "notebooks.yaml"),
        executed,
        workdir=str(work),
        statistical_files_dir=str(empty),
    )
    # What the page shows: the notebook's text and the outputs of its cells.
    html = executed.read_text(encoding="utf-8")
    assert "CONAPO's municipal files are not available" in html
    for name in ("conapo_iim2000_municipal.csv", "conapo_marginacion_municipal_1990_2015.csv"):
        assert name in html
    assert "Many but small." in html and "4.417" in html
    assert "Not computed: CONAPO's files are not available" in html
    assert str(empty) not in html, "the page must not show the directory"
    written = {p.relative_to(work).as_posix() for p in (work / "results").rglob("*.csv")}
    assert written - set(SPEC.inputs.values()) == {SPEC.outputs["size_by_degree"]}
    assert (work / SPEC.outputs["size_by_degree"]).read_bytes() == (REPO / SPEC.outputs["size_by_degree"]).read_bytes()
    code_cells = [cell for cell in nbformat.read(executed, as_version=4).cells if cell.cell_type == "code"]
    last = code_cells[-1].outputs[0]["data"]
    assert "<NA>" in last["text/plain"]  # the rows not computed; the page shows a dash
    assert "<NA>" not in last["text/html"] and "–" in last["text/html"]


# --- with the files: independent recalculations -------------------------------------------------


@pytest.fixture(scope="module")
def municipalities():
    """The 2000 municipalities from the package's ingest (the files' own checks apply)."""
    data = municipal.read_microdata(REPO / "config" / "microdata.yaml", statistical_files_dir())
    assert data.available
    joined = data.ingested.joined
    frame = joined[joined["in_migration_file"].astype(bool)].copy()
    frame["p0"] = frame["population_2000"].astype(float)
    frame["p5"] = frame["population_2005"].astype(float)
    frame["growth"] = 100 * np.log(frame["p5"] / frame["p0"])
    frame["log_p0"] = np.log(frame["p0"])
    frame["lost"] = (frame["p5"] < frame["p0"]).astype(int)
    frame["state"] = frame["state_code"].astype(int)
    frame["iim"] = frame["migratory_intensity_index"]
    frame["im"] = frame["marginalisation_index_2000"]
    return frame, data.ingested


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


@needs_microdata
def test_sample_is_the_municipalities_with_an_index(municipalities):
    frame, _ = municipalities
    sample = _main_sample(frame)
    # Table 1: 2,443 municipalities, 93 of degree Null (no index); the one without a marginalisation
    # index is of degree Null.
    assert len(frame) == 2443
    assert len(sample) == 2443 - 93
    samples = _csv("samples").set_index("quantity")["municipalities"]
    assert samples["main_sample"] == len(sample)
    assert samples["degree_null"] == 93
    assert samples["main_sample_lost_population"] == int((sample["p5"] < sample["p0"]).sum())
    growth = _csv("growth_regression")
    assert _one(growth, specification=MAIN, term="migratory_intensity_index")["n"] == len(sample)
    assert _one(growth, specification=MAIN, term="migratory_intensity_index")["clusters"] == 32


@needs_microdata
def test_growth_coefficient_and_clustered_error_equal_plain_least_squares(municipalities):
    frame, _ = municipalities
    sample = _main_sample(frame)
    design = np.column_stack([sample[["iim", "im", "log_p0"]].to_numpy(float), _state_dummies(sample)])
    beta, cov = _crv1(design, sample["growth"].to_numpy(float), sample["state"].to_numpy())
    growth = _csv("growth_regression")
    for k, term in enumerate(("migratory_intensity_index", "marginalisation_index_2000", "log_population_2000")):
        row = _one(growth, specification=MAIN, term=term)
        assert row["estimate"] == pytest.approx(beta[k], abs=2e-6)
        assert row["std_error_cluster"] == pytest.approx(math.sqrt(cov[k, k]), abs=2e-6)
    index = _one(growth, specification=MAIN, term="migratory_intensity_index")
    assert index["ci95_low"] < index["estimate"] < index["ci95_high"]
    assert index["wild_ci95_low"] < index["estimate"] < index["wild_ci95_high"]
    assert index["std_error_classical"] < index["std_error_cluster"]


@needs_microdata
def test_growth_without_the_states_that_created_municipalities(municipalities):
    frame, ingested = municipalities
    joined = ingested.joined
    created = joined[joined["population_2000"].isna() & joined["population_2005"].notna()]
    assert len(created) == 11
    sample = _main_sample(frame)
    sample = sample[~sample["state"].isin(created["state_code"].astype(int))]
    design = np.column_stack([sample[["iim", "im", "log_p0"]].to_numpy(float), _state_dummies(sample)])
    beta, *_ = np.linalg.lstsq(design, sample["growth"].to_numpy(float), rcond=None)
    row = _one(
        _csv("growth_regression"),
        specification="without the 4 states that created municipalities",
        term="migratory_intensity_index",
    )
    assert row["estimate"] == pytest.approx(beta[0], abs=2e-6)
    assert row["n"] == len(sample) and row["clusters"] == 28


@needs_microdata
def test_the_lost_population_count_is_the_pipelines_in_the_notebook_too(municipalities):
    """One count of municipalities that lost population 2000-2005: recounted here from the two
    populations, it is the pipeline's (against the paper's 832 of 2,435), the notebook's table by
    period, and the number its conclusions quote."""
    frame, _ = municipalities
    lost = int((frame["p5"] < frame["p0"]).sum())
    vs_paper = pd.read_csv(REPO / SPEC.inputs["depopulation_vs_paper"]).set_index("measure")
    assert vs_paper.loc["municipalities_lost_population", "microdata"] == lost
    assert vs_paper.loc["municipalities_lost_population", "paper"] == 832
    assert vs_paper.loc["municipalities_counted", "paper"] == 2435
    by_period = _one(_csv("population_change_by_period"), period="2000-2005")
    assert by_period["lost_population"] == lost and by_period["municipalities"] == len(frame)
    assert SPEC.inputs["depopulation_vs_paper"] == "results/tables/municipal_depopulation_vs_paper.csv"
    executed = nbformat.read(REPO / SPEC.executed, as_version=4)
    text = "\n".join(
        str(output.get("data", {}).get("text/markdown", ""))
        for cell in executed.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    assert f"the files give {lost:,} of {len(frame):,}" in " ".join(text.split())


@needs_microdata
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


@needs_microdata
def test_p_values_in_the_csv_files_are_never_rounded_to_zero():
    # Bootstrap p-values have a floor of 1 / (B + 1); analytic ones are written to significant digits.
    for output in ("growth_regression", "loss_logit", "intensity_marginalisation"):
        frame = _csv(output)
        columns = [c for c in frame.columns if "p_value" in c]
        assert columns, output
        for column in columns:
            values = frame[column].dropna()
            assert (values > 0).all(), f"{output}: {column} has a p-value written as 0"
    growth = _csv("growth_regression")
    wild = growth.dropna(subset=["wild_p_value"])
    assert (wild["wild_p_value"] >= 1 / (wild["wild_replications"] + 1) - 1e-12).all()


@needs_microdata
def test_logit_and_average_marginal_effect_equal_statsmodels(municipalities):
    frame, _ = municipalities
    sample = _main_sample(frame)
    share = sample.groupby("state")["lost"].mean()
    constant = share[(share == 0) | (share == 1)].index
    sample = sample[~sample["state"].isin(constant)]
    fit = smf.logit("lost ~ iim + im + log_p0 + C(state)", data=sample).fit(
        disp=0, cov_type="cluster", cov_kwds={"groups": sample["state"].to_numpy()}
    )
    logit = _csv("loss_logit")
    row = _one(logit, specification="main: state fixed effects", term="migratory_intensity_index")
    assert row["n"] == len(sample) == int(fit.nobs)
    assert row["coefficient"] == pytest.approx(fit.params["iim"], abs=1e-5)
    assert row["std_error_cluster"] == pytest.approx(fit.bse["iim"], abs=1e-5)
    effects = fit.get_margeff(at="overall", method="dydx").summary_frame()
    assert row["ame_pp"] == pytest.approx(100 * effects.loc["iim", "dy/dx"], abs=1e-4)
    assert row["ame_std_error_pp"] == pytest.approx(100 * effects.loc["iim", "Std. Err."], abs=1e-4)
    assert row["municipalities_dropped"] == len(_main_sample(frame)) - len(sample)
    assert row["coefficient"] > 0 and row["ame_ci95_low_pp"] > 0


@needs_microdata
def test_turning_point_and_its_delta_interval(municipalities):
    frame, _ = municipalities
    sample = _main_sample(frame)
    x, y = sample["im"].to_numpy(float), sample["iim"].to_numpy(float)
    b2, b1, _ = np.polyfit(x, y, 2)
    turning = -b1 / (2 * b2)
    hump = _csv("intensity_marginalisation")
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


@needs_microdata
def test_null_municipalities_get_the_index_of_zero_shares(municipalities):
    _, ingested = municipalities
    intensity = ingested.intensity
    indexed = intensity[intensity["migratory_intensity_degree"] != "Null"]
    shares = [c for c in intensity.columns if c.startswith("households_") and c.endswith("_pct")]
    design = np.column_stack([np.ones(len(indexed)), indexed[shares].to_numpy(float)])
    beta, *_ = np.linalg.lstsq(design, indexed["migratory_intensity_index"].to_numpy(float), rcond=None)
    formula = _csv("index_formula").set_index("quantity")["value"]
    assert formula["index_at_zero_shares"] == pytest.approx(beta[0], abs=1e-6)
    assert formula["index_at_zero_shares"] < indexed["migratory_intensity_index"].min()
    assert formula["max_abs_residual"] < 1e-6
    assert formula["municipalities_null"] == 93
    below_zero = 100 * (indexed["migratory_intensity_index"] < 0).mean()
    assert formula["share_of_indexed_below_written_zero_pct"] == pytest.approx(below_zero, abs=1e-6)


def test_microdata_spec_lists_the_notebook_only_once():
    spec = microdata_spec()
    assert spec.notebooks(load_notebooks(REPO / "config/notebooks.yaml")) == [NAME, *sorted(OTHER_MICRODATA_NOTEBOOKS)]


# --- review fixes: sampling zeros, other periods and placebos, one robustness table ---------------------


def _raw_populations() -> pd.DataFrame:
    """Population by municipality and year straight from CONAPO's marginalisation file (no package code)."""
    raw = pd.read_csv(statistical_files_dir() / "conapo_marginacion_municipal_1990_2015.csv", dtype=str)
    raw = raw[raw["ENT"].str.strip() != "Nacional"]
    raw["key"] = raw["CVE_MUN"].astype(int)
    raw["year"] = raw["AÑO"].astype(int)
    raw["population"] = raw["POB_TOT"].astype(float)
    return raw.pivot_table(index="key", columns="year", values="population", aggfunc="first")


@needs_microdata
def test_population_change_by_period_from_the_raw_file():
    populations = _raw_populations()
    intensity = pd.read_csv(statistical_files_dir() / "conapo_iim2000_municipal.csv")
    keys = intensity["FE_ID"] * 1000 + intensity["MUN_ID"]
    assert len(keys) == 2443
    periods = _csv("population_change_by_period").set_index("period")
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


@needs_microdata
def test_placebo_and_census_to_census_coefficients_are_plain_least_squares(municipalities):
    frame, _ = municipalities
    regressions = _csv("growth_by_period_regression").set_index("check")
    for first, last in [(1990, 1995), (1995, 2000), (2000, 2010)]:
        growth = 100 * np.log(frame[f"population_{last}"].astype(float) / frame[f"population_{first}"].astype(float))
        sample = _main_sample(frame.assign(g=growth)).dropna(subset=["g"])
        expected = _fwl_coefficient(sample, sample["g"].to_numpy(float), ["iim", "im", "log_p0"])
        assert regressions.loc[f"{first}-{last}", "estimate"] == pytest.approx(expected, abs=2e-6)
    # The index goes with slower growth before its own reference period too (the placebo fails).
    assert regressions.loc["1990-1995", "ci95_high"] < 0


@needs_microdata
def test_robustness_rows_are_plain_least_squares(municipalities):
    frame, _ = municipalities
    checks = _csv("robustness").set_index("check")
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
    logit = _one(_csv("loss_logit"), specification="main: state fixed effects", term="migratory_intensity_index")
    ame = checks.loc["losing population: logit, average marginal effect (percentage points)"]
    assert ame["estimate"] == pytest.approx(logit["ame_pp"], abs=1e-6)
    out_of_state = _csv("leave_one_state_out")
    assert len(out_of_state) == 32 and (out_of_state["estimate"] < 0).all()


@needs_microdata
def test_null_municipalities_are_small_and_sampling_zeros_are_common_there(municipalities):
    frame, _ = municipalities
    sampling = _csv("null_sampling")
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


@needs_microdata
def test_statsmodels_average_marginal_effects_agree_with_the_formula_written_out(municipalities):
    # Before the swap to statsmodels' get_margeff: both compute the same thing, to 1e-8.
    from migration_evidence.analysis import stats as clustered

    frame, _ = municipalities
    sample = _main_sample(frame)
    keep = sample.groupby("state")["lost"].transform("mean").between(0, 1, inclusive="neither")
    sample = sample[keep]
    design = np.column_stack([sample[["iim", "im", "log_p0"]].to_numpy(float), _state_dummies(sample)])
    fit = clustered.fit_logit(sample["lost"].to_numpy(float), design, sample["state"].to_numpy())
    written_out = clustered.average_marginal_effects(
        np.asarray(fit.params), np.asarray(fit.cov_params()), design, [0, 1, 2]
    )
    library = clustered.logit_average_marginal_effects(fit, [0, 1, 2])
    for (ame, se), (ame_lib, se_lib) in zip(written_out, library, strict=True):
        assert ame_lib == pytest.approx(ame, abs=1e-8)
        assert se_lib == pytest.approx(se, abs=1e-8)
