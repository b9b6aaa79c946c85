"""The regression notebooks: every registered notebook is published with its CSVs, its key estimates
agree with independent calculations from the printed tables, and the published pages show nothing a
reader should not see (injected cells, absolute paths, timestamps).

The estimates of notebooks 3-5 are made here by the package functions the notebooks call, from the
processed tables and the raw claims register, not read from the committed results."""

from __future__ import annotations

import json
import math
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations
from pathlib import Path

import jupytext
import nbformat
import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import INTERMEDIATE_DIRS, REPO, assert_is_the_committed_table
from scipy import stats

from migration_evidence.analysis import asymmetries, generations, hta_funding, small_samples
from migration_evidence.analysis.text_claims import audit_claims
from migration_evidence.audit import results_frame, run_audit
from migration_evidence.audit.public_values import declared_public_facts, read_public_values
from migration_evidence.audit.run import declared_price_indexes, printed_checks
from migration_evidence.notebooks.execution import NotebookPublicationError, clean, read_source
from migration_evidence.notebooks.registry import load_notebooks
from migration_evidence.outputs import write_csv
from migration_evidence.printed.processed import read_processed
from migration_evidence.printed.specs import load_specs
from migration_evidence.series.external import read_sources
from migration_evidence.series.specs import load_external_config

NOTEBOOKS = load_notebooks(REPO / "config" / "notebooks.yaml")
ABSOLUTE_PATHS = ("/work/", "/home/", "/tmp/", "/root/", "/Users/", "/private/")
TIMESTAMP = re.compile(r"20\d\d-\d\d-\d\d[T ]\d\d:\d\d")


def _processed(specs, table_id: str) -> pd.DataFrame:
    """A processed printed table with its declared types, as a notebook reads it (``nb.read_table``)."""
    return read_processed(REPO / specs[table_id].processed, specs[table_id])


@pytest.fixture(scope="module")
def checks_frame(tmp_path_factory):
    """The printed and claim checks computed from the raw files by the package (the printed_checks rule),
    written and read back as the notebooks read results/tables/printed_checks.csv (all strings)."""
    with pytest.MonkeyPatch.context() as patch:
        # The rule runs at the repository root, so the checks name files by their repository paths.
        patch.chdir(REPO)
        config = yaml.safe_load(Path("config/config.yaml").read_text(encoding="utf-8"))
        documents = yaml.safe_load(Path(config["documents"]).read_text(encoding="utf-8"))["documents"]
        sources = set(read_sources("data/raw/external/sources.csv").index)
        checks = printed_checks(
            load_specs(config["tables"]),
            config["corrections"],
            config["claims"],
            config["known_discrepancies"],
            documents=set(documents),
            approximate_markers=config["approximate_statements"]["markers"],
            public_facts=declared_public_facts(
                config["public_facts"], read_public_values(config["public_values"], sources)
            ),
        )
    path = tmp_path_factory.mktemp("checks") / "printed_checks.csv"
    write_csv(path, results_frame(checks), float_format="%.6g")
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def audit_frame(tmp_path_factory):
    """The source audit's rows, run by the package with the inputs and settings of the source_audit rule,
    written and read back as reports/source_audit.csv is (all strings), by check id."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        config = yaml.safe_load(Path("config/config.yaml").read_text(encoding="utf-8"))
        documents = yaml.safe_load(Path(config["documents"]).read_text(encoding="utf-8"))["documents"]
        external = load_external_config("config/external_series.yaml")
        result = run_audit(
            load_specs(config["tables"]),
            config["corrections"],
            config["claims"],
            config["known_discrepancies"],
            documents=set(documents),
            series_claims_path=external.results["remittance_claims"]["path"],
            series_register_path=config["remittance_claims"],
            findings_paths=config["findings"],
            approximate_markers=config["approximate_statements"]["markers"],
            public_facts=declared_public_facts(
                config["public_facts"],
                read_public_values(config["public_values"], set(read_sources(external.sources).index)),
            ),
            datapackage="data/raw/datapackage.json",
            price_indexes=declared_price_indexes(external),
            gate=config["source_audit_gate"],
        )
    path = tmp_path_factory.mktemp("audit") / "source_audit.csv"
    write_csv(path, results_frame(result.checks), float_format="%.6g")
    return pd.read_csv(path, dtype=str, keep_default_na=False).set_index("check_id")


@pytest.fixture(scope="module")
def claims_register():
    return pd.read_csv(REPO / "data/raw/claims.csv", dtype=str, keep_default_na=False)


def round_half_up(value: float, places: int) -> float:
    """Round as printed tables do (2.65 -> 2.7), not to even."""
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _one(frame: pd.DataFrame, **where) -> pd.Series:
    mask = np.ones(len(frame), dtype=bool)
    for column, value in where.items():
        # A nullable column (the key of a printed total row) compares as missing, not as a match.
        mask &= (frame[column] == value).fillna(False).to_numpy(dtype=bool)
    assert mask.sum() == 1, f"expected one row with {where}"
    return frame[mask].iloc[0]


# --- every registered notebook is published -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fixture"),
    [("mexico_us_asymmetries", "asymmetry"), ("hta_funding", "hta"), ("mexican_origin_generations", "mexican_origin")],
)
def test_each_fixture_is_its_notebooks_computation(name, fixture, request):
    """Every table a fixture makes that the notebook publishes equals the published file (the fixtures also
    hold intermediate values the tests use, which the notebook does not write)."""
    tables = request.getfixturevalue(fixture)
    outputs = NOTEBOOKS[name].outputs
    compared = [key for key in tables if key in outputs]
    assert compared, name
    for key in compared:
        assert_is_the_committed_table(tables[key], outputs[key])


def test_the_audit_fixtures_are_the_rules_computations(audit_frame, checks_frame):
    assert_is_the_committed_table(audit_frame.reset_index(), "reports/source_audit.csv")
    assert_is_the_committed_table(checks_frame, "results/tables/printed_checks.csv")


def test_registry_lists_notebooks_3_to_5_in_reading_order():
    assert [nb.number for nb in NOTEBOOKS.values()] == sorted(nb.number for nb in NOTEBOOKS.values())
    assert {3, 4, 5} <= {nb.number for nb in NOTEBOOKS.values()}


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_each_notebook_has_source_executed_notebook_and_csvs(name):
    spec = NOTEBOOKS[name]
    assert (REPO / spec.source).is_file()
    assert (REPO / spec.executed).is_file()
    for path in spec.outputs.values():
        frame = pd.read_csv(REPO / path)
        assert len(frame) > 0, f"{path} is empty"
    for path in spec.inputs.values():
        # An intermediate file (never committed) is built by the pipeline before the notebook runs.
        if not any(path.startswith(f"{d}/") for d in INTERMEDIATE_DIRS):
            assert (REPO / path).is_file(), path


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_source_notebook_has_no_outputs_and_executed_notebook_has_exactly_its_cells(name):
    spec = NOTEBOOKS[name]
    text = (REPO / spec.source).read_text(encoding="utf-8")
    assert text.startswith("# %% [markdown]"), "source is a jupytext percent-format file"
    source = jupytext.read(REPO / spec.source, fmt="py:percent")
    executed = nbformat.read(REPO / spec.executed, as_version=4)
    assert [c.source for c in executed.cells] == [c.source for c in source.cells], "a cell was injected or lost"
    assert all(c.outputs for c in executed.cells if c.cell_type == "code" and c.source.strip())
    counts = [c.execution_count for c in executed.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "cells ran once each, in order"


@pytest.mark.parametrize("name", list(NOTEBOOKS))
def test_published_notebook_shows_no_injected_cell_path_or_timestamp(name):
    spec = NOTEBOOKS[name]
    for path in (spec.executed,):
        text = (REPO / path).read_text(encoding="utf-8")
        for marker in ("snakemake-job-properties", "injected-parameters", "papermill", "snakemake.input"):
            assert marker not in text, f"{path}: {marker}"
        for prefix in ABSOLUTE_PATHS:
            assert prefix not in text, f"{path} shows an absolute path {prefix}"
        assert not TIMESTAMP.search(text), f"{path} shows a timestamp: {TIMESTAMP.search(text).group(0)}"
        assert "Date:" not in text and "Time:" not in text, f"{path}: a statsmodels summary() was printed"
    executed = json.loads((REPO / spec.executed).read_text(encoding="utf-8"))
    assert set(executed["metadata"]) == {"kernelspec", "language_info"}
    for cell in executed["cells"]:
        # Tags only (they say which inputs the page hides); no execution times or other volatile metadata.
        assert set(cell["metadata"]) <= {"tags"}, "no execution times or other volatile cell metadata"
        assert set(cell["metadata"].get("tags", [])) <= {"remove-input"}
        for output in cell.get("outputs", []):
            assert not (output["output_type"] == "stream" and output["name"] == "stderr"), "a warning was shown"


@pytest.mark.parametrize("name", ["mexico_us_asymmetries", "hta_funding"])
def test_notebooks_with_figures_embed_them(name):
    executed = nbformat.read(REPO / NOTEBOOKS[name].executed, as_version=4)
    assert any("image/png" in output.get("data", {}) for cell in executed.cells for output in cell.get("outputs", []))


def test_clean_refuses_warnings_paths_and_timestamps():
    def notebook_with(output):
        cell = nbformat.v4.new_code_cell("x", id="cell-01")
        cell.outputs = [output]
        return nbformat.v4.new_notebook(cells=[cell])

    bad = [
        nbformat.v4.new_output("stream", name="stderr", text="UserWarning: something\n"),
        nbformat.v4.new_output("stream", name="stdout", text="read /home/someone/data.csv\n"),
        nbformat.v4.new_output("display_data", data={"text/plain": "Date: 2026-01-01 10:00"}),
    ]
    for output in bad:
        with pytest.raises(NotebookPublicationError):
            clean(notebook_with(output), "example")
    fine = nbformat.v4.new_output("stream", name="stdout", text="ratio 2.95, up to April 12, 2003\n")
    assert clean(notebook_with(fine), "example").cells[0].outputs == [fine]


def test_source_cells_get_deterministic_ids():
    spec = NOTEBOOKS["mexican_origin_generations"]
    first, second = read_source(REPO / spec.source), read_source(REPO / spec.source)
    assert (
        [c.id for c in first.cells]
        == [c.id for c in second.cells]
        == [f"cell-{i:02d}" for i in range(1, len(first.cells) + 1)]
    )


def test_registry_rejects_outputs_outside_results_tables(tmp_path):
    registry = (REPO / "config" / "notebooks.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "notebooks.yaml"
    bad.write_text(registry.replace("results/tables/asymmetry_ratios.csv", "figures/asymmetry_ratios.csv"))
    with pytest.raises(ValueError, match="must be a CSV under results/tables"):
        load_notebooks(bad)


def test_readme_and_docs_list_the_notebooks_and_say_how_to_run_them():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    docs = (REPO / "docs/notebooks.md").read_text(encoding="utf-8")
    for spec in NOTEBOOKS.values():
        assert spec.executed in readme, f"README does not list {spec.executed}"
        assert spec.executed in docs, f"docs/notebooks.md does not list {spec.executed}"
    assert "nbclient" in docs and "config/notebooks.yaml" in docs
    for text in (readme, docs):
        assert "--forcerun notebook_" in text, "how to rerun one notebook"


# --- notebook 3: Mexico-US asymmetries (NAFTA paper, Table 2, lines 291-305; text lines 283-285) ----
# Each table is made by the package function the notebook calls, from the processed Table 2.


@pytest.fixture(scope="module")
def asymmetry(specs, checks_frame, claims_register):
    table = _processed(specs, "mexico_us_asymmetries_1994_2004")
    pairs = asymmetries.country_pairs(table)
    claims = ["C014", "C015", "C016", "C017"]
    keys = [
        ("gdp_per_capita", 1994),
        ("gdp_per_capita", 2004),
        ("manufacturing_wage", 1994),
        ("manufacturing_wage", 2004),
    ]
    return {
        "ratios": pairs,
        "ratio_change": asymmetries.ratio_change(table),
        "growth": asymmetries.annualised_growth(table),
        "text_claims": asymmetries.ratio_claims(
            pairs,
            audit_claims(checks_frame, claims_register, claims),
            [(c, *k) for c, k in zip(claims, keys, strict=True)],
        ),
    }


def test_asymmetry_ratios_are_the_printed_values_divided(asymmetry):
    ratios = asymmetry["ratios"]
    gdp_1994 = _one(ratios, indicator_id="gdp_per_capita", table_year=1994)
    gdp_2004 = _one(ratios, indicator_id="gdp_per_capita", table_year=2004)
    wage_1994 = _one(ratios, indicator_id="manufacturing_wage", table_year=1994)
    wage_2004 = _one(ratios, indicator_id="manufacturing_wage", table_year=2004)
    assert gdp_1994["us_to_mexico_ratio"] == pytest.approx(19304 / 7332, rel=1e-10)
    assert gdp_2004["us_to_mexico_ratio"] == pytest.approx(29673 / 10059, rel=1e-10)
    assert wage_1994["us_to_mexico_ratio"] == pytest.approx(12 / 2.1, rel=1e-10)
    assert wage_2004["us_to_mexico_ratio"] == pytest.approx(16.2 / 2.5, rel=1e-10)


def test_text_ratio_claims_three_agree_and_the_2004_wage_ratio_does_not(asymmetry):
    claims = asymmetry["text_claims"].set_index("claim")
    assert claims["stated"].tolist() == [2.6, 2.9, 5.7, 6.8]
    wage_2004 = claims.loc["US/Mexico manufacturing wage, 2004"]
    assert not wage_2004["agrees"]
    assert wage_2004["computed"] == pytest.approx(6.48)
    assert wage_2004["verdict"] == "discrepancy"  # the source audit's verdict on C017
    assert claims["agrees"].sum() == 3
    # A stated 6.8 (6.75 to 6.85) would need a Mexican wage of 16.2/6.85 to 16.2/6.75, or a US one of 6.75-6.85 x 2.5.
    assert wage_2004["mexico_value_for_stated_low"] == pytest.approx(16.2 / 6.85)
    assert wage_2004["mexico_value_for_stated_high"] == pytest.approx(16.2 / 6.75)
    assert wage_2004["us_value_for_stated_low"] == pytest.approx(6.75 * 2.5)


def test_annualised_growth_uses_the_reference_years(asymmetry):
    growth = asymmetry["growth"]
    us_univ = _one(growth, indicator_id="university_studies", country="United States")
    # "33.3¢" refers to 1995 and "38.4>" to 2003 (footnote legend, line 303): 8 years, not 10.
    assert us_univ["span_years"] == 8
    assert us_univ["growth_pct_per_year"] == pytest.approx(100 * ((38.4 / 33.3) ** (1 / 8) - 1), rel=1e-9)
    assert us_univ["growth_pct_per_year_printed_span"] == pytest.approx(100 * ((38.4 / 33.3) ** 0.1 - 1), rel=1e-9)
    mx_rd = _one(growth, indicator_id="rd_spending", country="Mexico")
    assert mx_rd["span_years"] == 9
    assert mx_rd["growth_pct_per_year"] == pytest.approx(100 * ((0.43 / 0.29) ** (1 / 9) - 1), rel=1e-9)
    mx_gdp = _one(growth, indicator_id="gdp_per_capita", country="Mexico")
    assert mx_gdp["growth_pct_per_year"] == pytest.approx(100 * ((10059 / 7332) ** 0.1 - 1), rel=1e-9)


def test_gap_change_marks_gdp_and_wages_as_widening_and_rd_as_narrowing(asymmetry):
    change = asymmetry["ratio_change"].set_index("indicator_id")
    assert change.loc["gdp_per_capita", "gap"] == "widened"
    assert change.loc["manufacturing_wage", "gap"] == "widened"
    assert change.loc["rd_spending", "gap"] == "narrowed"  # 2.42/0.29 = 8.34 -> 2.68/0.43 = 6.23
    assert change.loc["rd_spending", "larger_to_smaller_2004"] == pytest.approx(2.68 / 0.43)
    assert change.loc["underemployment", "larger_country"] == "Mexico"
    assert change.loc["underemployment", "larger_to_smaller_1994"] == pytest.approx(43.7 / 8.8)
    us, mx = (29673 / 19304) ** 0.1, (10059 / 7332) ** 0.1
    assert change.loc["gdp_per_capita", "gap_change_pct_per_year"] == pytest.approx(100 * (us / mx - 1), rel=1e-9)


# --- notebook 4: HTA funding (de la Garza 2005, Tables 1-3, lines 305-406) ----------------------------

# Table 1 as printed (lines 327-339): department, projects, HTA US$, total cost US$, % HTA, % FISDL.
FISDL_ROWS = [
    ("La Unión", 11, 34987.72, 414321.27, 8.4, 66.0),
    ("La Paz", 10, 7138.78, 156039.11, 4.6, 57.3),
    ("Chalatenango", 7, 12515.15, 77957.09, 16.1, 59.9),
    ("Cabañas", 3, 11283.60, 129472.74, 8.7, 68.7),
    ("San Miguel", 3, 7543.77, 51006.38, 14.8, 75.4),
    ("Cuscatlan", 2, 2512.85, 29115.12, 8.6, 72.3),
    ("San Salvador", 2, 685.32, 72980.69, 0.9, 60.7),
    ("Usulutan", 2, 158106.43, 276493.34, 57.2, 42.3),
    ("Ahuachapan", 1, 456.88, 4568.82, 10.0, 52.5),
    ("La Libertad", 1, 1658.24, 17030.82, 9.7, 90.3),
    ("Morazan", 1, 567.90, 56785.28, 1.0, 68.9),
    ("San Vicente", 1, 4200.91, 7638.04, 55.0, 45.0),
    ("Santa Ana", 1, 2090.01, 13933.40, 15.0, 77.0),
]


@pytest.fixture(scope="module")
def hta(specs, checks_frame, claims_register):
    """The notebook's tables, each made by the package function it calls, from the processed Tables 1-3."""
    fisdl = _processed(specs, "fisdl_hta_partnerships")
    size = hta_funding.share_and_size(fisdl)
    without_usulutan = size[size["department"] != "Usulutan"]
    settings = yaml.safe_load((REPO / "config/statistics.yaml").read_text(encoding="utf-8"))["hta_funding"]
    permutation = {"seed": settings["permutation_seed"], "n_resamples": settings["permutation_resamples"]}
    x, y = "cost_per_project_thousand_usd", "hta_share_pct"
    lx, ly = "log_total_cost", "log_hta_donation"
    tables = ["fisdl_hta_partnerships", "zacatecas_3x1_1999_2003", "michoacan_3x1_2002"]
    claim_ids = ["C046", "C048", "C049", "C050", "C051", "C052", "C053", "C056", "C058", "C055", "C057", "C044"]
    return {
        "composition": hta_funding.funding_composition(fisdl),
        "averages": hta_funding.average_shares(fisdl),
        "total_checks": hta_funding.printed_total_checks(checks_frame, tables),
        "text_claims": hta_funding.text_claims(checks_frame, claims_register, claim_ids + ["C074", "C075", "C076"]),
        "regression": pd.concat(
            [
                small_samples.ols_hc3(size, y, x, "all 13 departments"),
                small_samples.ols_hc3(without_usulutan, y, x, "without Usulután"),
            ],
            ignore_index=True,
        ),
        "leave_one_out": small_samples.leave_one_out(size, y, x, "department"),
        "rank_correlation": pd.concat(
            [
                small_samples.rank_correlations(size[x], size[y], "all 13 departments", **permutation),
                small_samples.rank_correlations(
                    without_usulutan[x], without_usulutan[y], "without Usulután", **permutation
                ),
            ],
            ignore_index=True,
        ),
        "elasticity": hta_funding.money_cost_elasticity(
            {"all 13 departments": size, "without Usulután": without_usulutan}, ly, lx
        ),
        # Footnote (line 385): "Up to April 12, 2003".
        "zacatecas": hta_funding.zacatecas_by_year(
            _processed(specs, "zacatecas_3x1_1999_2003"), partial_until={2003: date(2003, 4, 12)}
        ),
        "michoacan": hta_funding.michoacan_by_stipend(_processed(specs, "michoacan_3x1_2002")),
    }


def test_total_row_prints_unweighted_means_not_aggregate_shares(hta):
    averages = hta["averages"].set_index("measure")
    hta = averages.loc["hta_share_pct"]
    assert hta["aggregate_total_over_total"] == pytest.approx(100 * 243747.56 / 1307342.09, rel=1e-10)
    assert hta["unweighted_mean_of_printed_rows"] == pytest.approx(np.mean([r[4] for r in FISDL_ROWS]))
    assert round_half_up(hta["unweighted_mean_of_printed_rows"], 1) == hta["printed_total_row"] == 16.2
    fisdl = averages.loc["fisdl_share_pct"]
    assert fisdl["aggregate_total_over_total"] == pytest.approx(100 * 790323.45 / 1307342.09, rel=1e-10)
    assert round_half_up(fisdl["unweighted_mean_of_printed_rows"], 1) == 64.3
    cost = averages.loc["cost_per_project_usd"]
    assert cost["aggregate_total_over_total"] == pytest.approx(1307342.09 / 45, rel=1e-10)
    mean_of_averages = np.mean([total / projects for _, projects, _, total, _, _ in FISDL_ROWS])
    assert round(mean_of_averages, 2) == pytest.approx(31832.06)  # the printed "Avg. Cost/Project" total


def test_unaccounted_share_is_total_minus_hta_minus_fisdl(hta):
    composition = hta["composition"]
    total = _one(composition, row_type="total")
    assert total["unaccounted_share_pct"] == pytest.approx(
        100 * (1307342.09 - 243747.56 - 790323.45) / 1307342.09, rel=1e-9
    )
    la_union = _one(composition, department="La Unión")
    assert la_union["unaccounted_usd"] == pytest.approx(414321.27 - 34987.72 - 273468.48)


def _size_and_share():
    x = np.array([total / projects / 1000 for _, projects, _, total, _, _ in FISDL_ROWS])
    y = np.array([100 * hta / total for _, _, hta, total, _, _ in FISDL_ROWS])
    return x, y


def _ols_hc3(x, y):
    design = np.column_stack([np.ones(len(x)), x])
    bread = np.linalg.inv(design.T @ design)
    beta = bread @ design.T @ y
    resid = y - design @ beta
    leverage = np.einsum("ij,jk,ik->i", design, bread, design)
    meat = design.T @ np.diag(resid**2 / (1 - leverage) ** 2) @ design
    return beta, np.sqrt(np.diag(bread @ meat @ bread)), leverage, resid


def test_hc3_regression_matches_the_textbook_formula(hta):
    x, y = _size_and_share()
    regression = hta["regression"]
    for sample, keep in [("all 13 departments", np.arange(13) >= 0), ("without Usulután", np.arange(13) != 7)]:
        beta, se, _, _ = _ols_hc3(x[keep], y[keep])
        for k, term in enumerate(["intercept", "cost_per_project_thousand_usd"]):
            row = _one(regression, sample=sample, term=term)
            assert row["estimate"] == pytest.approx(beta[k], rel=1e-9)
            assert row["std_error_hc3"] == pytest.approx(se[k], rel=1e-9)
            assert row["df_resid"] == keep.sum() - 2


def test_usulutan_is_the_influential_department_and_reverses_the_slope(hta):
    x, y = _size_and_share()
    loo = hta["leave_one_out"].set_index("left_out")
    assert loo["cooks_distance"].idxmax() == "Usulutan"
    assert bool(loo.loc["Usulutan", "slope_sign_flips"])
    assert loo["slope_sign_flips"].sum() == 1
    full_slope = np.polyfit(x, y, 1)[0]
    without = np.polyfit(np.delete(x, 7), np.delete(y, 7), 1)[0]
    assert full_slope > 0 > without
    assert loo.loc["Usulutan", "slope"] == pytest.approx(without, rel=1e-9)
    _, _, leverage, resid = _ols_hc3(x, y)
    mse = (resid**2).sum() / (13 - 2)
    cooks = resid**2 / (2 * mse) * leverage / (1 - leverage) ** 2
    assert loo.loc["Usulutan", "cooks_distance"] == pytest.approx(cooks[7], rel=1e-9)


def _kendall_exact_two_sided(x, y):
    """Kendall's tau (no ties) and its exact two-sided p-value from the distribution of inversions."""
    n = len(x)
    concordant = sum(np.sign(x[i] - x[j]) * np.sign(y[i] - y[j]) for i, j in combinations(range(n), 2))
    pairs = n * (n - 1) // 2
    # counts[k] = number of permutations of n items with k inversions (Mahonian numbers).
    counts = [1]
    for m in range(2, n + 1):
        new = [0] * (len(counts) + m - 1)
        for k, c in enumerate(counts):
            for extra in range(m):
                new[k + extra] += c
        counts = new
    statistic = [pairs - 2 * k for k in range(len(counts))]  # concordant minus discordant
    extreme = sum(c for s, c in zip(statistic, counts, strict=True) if abs(s) >= abs(concordant))
    return concordant / pairs, extreme / math.factorial(n)


def test_kendall_tau_and_exact_p_value_match_an_independent_count(hta):
    x, y = _size_and_share()
    rank = hta["rank_correlation"]
    for sample, keep in [("all 13 departments", np.arange(13) >= 0), ("without Usulután", np.arange(13) != 7)]:
        tau, p = _kendall_exact_two_sided(x[keep], y[keep])
        row = _one(rank, sample=sample, statistic="kendall_tau_b")
        assert row["p_value_method"] == "exact"
        assert row["estimate"] == pytest.approx(tau, rel=1e-12)
        assert row["p_value"] == pytest.approx(p, rel=1e-9)


def test_text_claims_on_fisdl_table_are_the_audits_rows(hta, audit_frame):
    claims = hta["text_claims"].set_index("claim_id")
    # The notebook shows the audit's rows: each claim checked once, by the audit.
    for claim_id, row in claims.iterrows():
        check = audit_frame.loc[f"claim:{claim_id}"]
        assert row["verdict"] == check["verdict"], claim_id
        assert row["stated"] == float(check["printed"]) and row["computed"] == float(check["recomputed"]), claim_id
    # Lines 283-284: "28 are in three of the country's fourteen provinces" (San Salvador 11, ... 10, ... 7).
    assert claims.loc["C046", "computed"] == 11 + 10 + 7 and claims.loc["C046", "agrees"]
    # Lines 289-290: "from a low of 1% in San Salvador to 57% in Usulutan".
    assert claims.loc["C052", "agrees"] and claims.loc["C053", "agrees"]
    # Lines 292-293: "US$99,000" and "US$780,000" for Cabañas; the table prints 11,283.60 and 88,895.22.
    assert not claims.loc["C055", "agrees"] and not claims.loc["C057", "agrees"]
    assert claims.loc["C055", "stated"] / claims.loc["C055", "computed"] == pytest.approx(99000 / 11283.60)


# Table 1's dollars (lines 332 and 342 of the document) and the text's amounts (lines 278, 292, 293), each
# with the rounding unit of the figure as the text writes it (two significant figures).
COLON_READINGS = [
    ("C074", 11283.60, 99000, 1000),
    ("C075", 88895.22, 780000, 10000),
    ("C076", 243747.56, 2_100_000, 100000),
]


@pytest.mark.parametrize(("claim_id", "dollars", "printed", "unit"), COLON_READINGS)
def test_the_colon_readings_are_the_printed_figures_to_their_rounding(hta, claim_id, dollars, printed, unit):
    # El Salvador's Ley de Integración Monetaria (2000), art. 1: 8.75 colones per US dollar.
    colones = dollars * 8.75
    assert round_half_up(colones / unit, 0) * unit == printed
    claims = hta["text_claims"].set_index("claim_id")
    scale = 1e6 if claim_id == "C076" else 1  # the audit states "2.1 million" in millions
    assert claims.loc[claim_id, "computed"] * scale == pytest.approx(colones, rel=1e-6)
    assert claims.loc[claim_id, "stated"] * scale == printed
    # The colones reading is the text's round amount to its rounding, so the audit judges it within rounding
    # (99,000 to the nearest thousand, 780,000 to the nearest ten thousand, 2.1 million to 0.1 million).
    assert claims.loc[claim_id, "verdict"] == "within_rounding"
    assert abs(claims.loc[claim_id, "stated"] - claims.loc[claim_id, "computed"]) <= claims.loc[claim_id, "tolerance"]


def test_no_notebook_reads_a_report():
    # Estimates flow raw -> processed -> results -> audit -> pages: a notebook reads results, never reports/.
    notebooks = yaml.safe_load((REPO / "config/notebooks.yaml").read_text(encoding="utf-8"))["notebooks"]
    inputs = [(name, path) for name, nb in notebooks.items() for path in (nb.get("inputs") or {}).values()]
    assert [x for x in inputs if str(x[1]).startswith("reports/")] == []


def test_the_colon_rate_is_declared_once():
    config = yaml.safe_load((REPO / "config/config.yaml").read_text(encoding="utf-8"))
    assert config["public_facts"]["colones_per_us_dollar"]["value"] == 8.75
    formulas = pd.read_csv(REPO / "data/raw/claims.csv", dtype=str).set_index("claim_id")["formula"]
    assert all('fact("colones_per_us_dollar")' in formulas[c] for c, *_ in COLON_READINGS)
    assert "8.75" not in (REPO / "notebooks/hta_funding.py").read_text(encoding="utf-8").replace(
        "fixed at 8.75 colones per US dollar", ""
    )


def test_zacatecas_partial_year_is_annualised_over_102_days(hta):
    zacatecas = hta["zacatecas"].set_index("year")
    # Footnote (line 385): "Up to April 12, 2003" -> 31 + 28 + 31 + 12 = 102 days of 365.
    assert zacatecas.loc[2003, "days_covered"] == 102
    assert zacatecas.loc[2003, "amount_annualised_usd"] == pytest.approx(13174805.87 * 365 / 102, rel=1e-10)
    assert zacatecas.loc[2003, "projects_annualised"] == pytest.approx(305 * 365 / 102, rel=1e-10)
    assert zacatecas.loc[2002, "amount_per_project_usd"] == pytest.approx(17597250.69 / 308, rel=1e-10)
    assert zacatecas.loc[2002, "amount_growth_pct"] == pytest.approx(100 * (17597250.69 / 7256539.63 - 1))
    assert math.isnan(zacatecas.loc[2003, "amount_growth_pct"]), "no growth rate from a partial year"


def test_michoacan_investment_per_person(hta):
    michoacan = hta["michoacan"]
    total = _one(michoacan, row_type="total")
    assert total["amount_per_person_usd"] == pytest.approx(4060027.33 / 273990, rel=1e-10)
    stipend_4 = _one(michoacan, stipend=4)
    assert stipend_4["amount_per_person_usd"] == pytest.approx(639789.66 / 1966, rel=1e-10)


def test_printed_totals_add_up_within_a_cent(hta):
    checks = hta["total_checks"]
    money = checks[checks["column"].str.endswith("_usd")]
    assert (money["difference"].abs() <= 0.011).all()
    municipalities = _one(checks, table="michoacan_3x1_2002", column="municipalities_count")
    assert municipalities["sum_of_rows"] == 9 + 11 + 8 + 3 + 7 and municipalities["printed_total"] == 30


# --- notebook 5: Mexican-origin population by generation (NAFTA paper, Table 4, lines 631-646) -------


@pytest.fixture(scope="module")
def mexican_origin(specs, checks_frame, claims_register):
    """The notebook's tables, each made by the package function it calls, from the processed Table 4."""
    t4 = _processed(specs, "mexican_origin_population_2003")
    born = generations.born_in_mexico_share(t4)
    b = born.iloc[0]
    return {
        "born_in_mexico": born,
        "generation_split": generations.generation_split(
            t4, b["born_in_mexico_share"], b["born_in_mexico_share_low"], b["born_in_mexico_share_high"]
        ),
        "text_claims": audit_claims(checks_frame, claims_register, ["C032", "C031", "C033", "C034"]),
    }


def test_share_born_in_mexico_from_the_citizenship_row(mexican_origin):
    born = mexican_origin["born_in_mexico"].iloc[0]
    assert born["born_in_mexico_share"] == pytest.approx((68.9 - 100) / (21.8 - 100), rel=1e-12)
    assert born["born_in_mexico_share_low"] == pytest.approx((100 - 68.95) / (100 - 21.75), rel=1e-9)
    assert born["born_in_mexico_share_high"] == pytest.approx((100 - 68.85) / (100 - 21.85), rel=1e-9)


def test_text_claims_on_generations(mexican_origin, audit_frame):
    claims = mexican_origin["text_claims"].set_index("claim_id")
    # 004 l.596 "40% of them were born in Mexico" against Table 4's citizenship row (2003).
    assert claims.loc["C032", "stated"] == 40 and claims.loc["C032", "agrees"]
    assert claims.loc["C032", "computed"] == pytest.approx(100 * 31.1 / 78.2, rel=1e-6)
    # The same 40% against the text's 2004 figures, 10.2 of 26.6 million (l.203-204).
    assert claims.loc["C031", "computed"] == pytest.approx(100 * 10.2 / 26.6, rel=1e-6)
    assert not claims.loc["C031", "agrees"]
    # l.616 52.6% without coverage is the table's; l.623 5.5% with university studies is not (4.6).
    assert claims.loc["C033", "verdict"] == "exact" and claims.loc["C034", "computed"] == 4.6
    # The notebook shows the audit's verdicts, not its own.
    for claim_id, row in claims.iterrows():
        assert row["verdict"] == audit_frame.loc[f"claim:{claim_id}", "verdict"]


def test_generation_split_solved_from_the_poverty_row(mexican_origin):
    split = mexican_origin["generation_split"]
    w = (100 - 68.9) / (100 - 21.8)
    u = (23.0 - w * 25.4 - (1 - w) * 17.8) / (25.6 - 17.8)
    row = _one(split, solved_from="Poor", characteristic="No health coverage")
    assert row["first_generation_share"] == pytest.approx(u, rel=1e-9)
    assert row["predicted_total_pct"] == pytest.approx(w * 52.6 + u * 26.1 + (1 - w - u) * 22.4, rel=1e-9)
    assert row["printed_total_pct"] == pytest.approx(34.9)
    # The three rows cannot share one split: their rounding intervals do not overlap.
    solved = split.drop_duplicates("solved_from")
    assert solved["first_generation_share_low"].max() > solved["first_generation_share_high"].min()


# --- helpers used by the notebooks ---------------------------------------------------------------------


# --- review fixes: gaps in ratios and differences, the HTA elasticity, the third colón amount -----------


def test_population_is_not_a_gap_and_ratios_and_differences_disagree_for_rd_and_schooling(asymmetry):
    change = asymmetry["ratio_change"].set_index("indicator_id")
    assert not change.loc["population", "counts_as_gap"]
    assert not change.loc["population_growth", "counts_as_gap"]
    assert change["counts_as_gap"].sum() == 5
    # Table 2 as printed: R&D 2.42 (US) and 0.29 (Mexico) in 1994, 2.68 and 0.43 in 2004 (% of GDP).
    assert change.loc["rd_spending", "larger_minus_smaller_1994"] == pytest.approx(2.42 - 0.29)
    assert change.loc["rd_spending", "larger_minus_smaller_2004"] == pytest.approx(2.68 - 0.43)
    assert change.loc["rd_spending", "gap"] == "narrowed"
    assert change.loc["rd_spending", "gap_in_differences"] == "widened"
    assert change.loc["rd_spending", "verdict_depends_on_metric"]
    assert change.loc["university_studies", "verdict_depends_on_metric"]
    # Underemployment: Mexico's value is the larger, so the difference is Mexico minus US.
    assert change.loc["underemployment", "larger_minus_smaller_1994"] == pytest.approx(43.7 - 8.8)
    for indicator in ("gdp_per_capita", "manufacturing_wage"):
        assert change.loc[indicator, "gap"] == change.loc[indicator, "gap_in_differences"] == "widened"


def test_elasticity_of_hta_money_to_total_cost_matches_the_textbook_hc3_on_logs(hta):
    x = np.log([total for _, _, _, total, _, _ in FISDL_ROWS])
    y = np.log([money for _, _, money, _, _, _ in FISDL_ROWS])
    elasticity = hta["elasticity"]
    for sample, keep in [("all 13 departments", np.arange(13) >= 0), ("without Usulután", np.arange(13) != 7)]:
        beta, se, _, _ = _ols_hc3(x[keep], y[keep])
        row = _one(elasticity, sample=sample, term="log_total_cost")
        assert row["estimate"] == pytest.approx(beta[1], rel=1e-9)
        assert row["std_error_hc3"] == pytest.approx(se[1], rel=1e-9)
        half = stats.t.ppf(0.975, keep.sum() - 2) * se[1]
        assert row["ci95_low_hc3"] == pytest.approx(beta[1] - half, rel=1e-9)
        assert row["ci95_high_hc3"] == pytest.approx(beta[1] + half, rel=1e-9)
    everyone = _one(elasticity, sample="all 13 departments", term="log_total_cost")
    # About 0.87 with an interval of about 0.26 to 1.47: consistent with a constant share (1).
    assert everyone["estimate"] == pytest.approx(0.865, abs=0.001)
    assert everyone["ci95_low_hc3"] < 1 < everyone["ci95_high_hc3"]


def test_the_elasticity_table_flags_the_constant_share_inside_the_interval(hta):
    everyone = _one(hta["elasticity"], sample="all 13 departments", term="log_total_cost")
    assert everyone["ci95_low_hc3"] < 1 < everyone["ci95_high_hc3"]
    assert bool(everyone["constant_share_inside_ci95"])
