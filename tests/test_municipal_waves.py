"""The municipal waves 2010 and 2020: the public statistical files in the repository against what CONAPO,
INEGI and Banco de México publish, the declared name matching, the panel, the findings and notebook 7.

Expected values come from the publishers (CONAPO's degree counts and national percentages for 2010 and
2020, the 2020 census total, Banco de México's national remittances), never from what the pipeline
printed. Tests that need the 2000 files (config/microdata.yaml) are skipped without them.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace

import pandas as pd
import pytest
import yaml
from conftest import REPO, microdata_spec, statistical_files_dir

from migration_evidence.errors import InputError
from migration_evidence.microdata.ingest import ingest, read_municipal_file, verify_checksum
from migration_evidence.microdata.results import depopulation_by_degree
from migration_evidence.microdata.waves import ingest_waves, read_panel
from migration_evidence.microdata.waves_files import wave_frame
from migration_evidence.microdata.waves_findings import FINDINGS_COLUMNS
from migration_evidence.microdata.waves_remittances import (
    match_remittances,
    normalise_name,
    read_exceptions,
    read_remittances,
)
from migration_evidence.microdata.waves_specs import load_waves_spec

SPEC = load_waves_spec(REPO / "config" / "municipal_waves.yaml")
CONFIG = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
FILES_DIR = REPO / CONFIG["statistical_files_dir"]
PATHS = SPEC.file_paths(FILES_DIR)

# CONAPO, Índice de intensidad migratoria México–Estados Unidos 2010 and 2020: municipalities by degree.
PUBLISHED_COUNTS = {
    2010: {"Very high": 178, "High": 431, "Medium": 514, "Low": 719, "Very low": 603, "Null": 11},
    2020: {"Very high": 137, "High": 341, "Medium": 432, "Low": 686, "Very low": 861, "Null": 12},
}
# CONAPO 2010, national % of dwellings: receiving remittances, with emigrants, circular, return migrants.
PUBLISHED_SHARES_2010 = {
    "receiving_remittances_pct": 3.63,
    "with_emigrants_pct": 1.94,
    "with_circular_migrants_pct": 0.92,
    "with_return_migrants_pct": 2.19,
}
CENSUS_2020 = 126_014_024  # INEGI, Censo de Población y Vivienda 2020
BANXICO_2020_USD_MILLIONS = 41_703.9  # Banco de México, family remittances 2020 (monthly series CE81)


@pytest.fixture(scope="module")
def tables():
    return {file_id: read_municipal_file(PATHS[file_id], declared) for file_id, declared in SPEC.files.items()}


# --- the files against the publishers -----------------------------------------------------------


def test_files_are_the_checked_copies():
    for file_id, path in PATHS.items():
        declared = SPEC.remittances if file_id == "remittances" else SPEC.files[file_id]
        assert hashlib.md5(path.read_bytes()).hexdigest() == declared.md5, path


@pytest.mark.parametrize("year", [2010, 2020])
def test_degree_counts_equal_conapos_published_counts(tables, year):
    frame = wave_frame(tables[f"migratory_intensity_{year}"], year)
    assert frame[f"degree_{year}"].value_counts().to_dict() == PUBLISHED_COUNTS[year]


def test_2010_national_shares_within_001_of_conapos(tables):
    frame = wave_frame(tables["migratory_intensity_2010"], 2010)
    weights = frame["dwellings_2010"].astype(float)
    for column, published in PUBLISHED_SHARES_2010.items():
        share = (frame[f"{column}_2010"] * weights).sum() / weights.sum()
        assert abs(share - published) <= 0.01, (column, share, published)


def test_2020_population_is_the_census_total_in_both_files(tables):
    assert int(tables["marginalisation_2020"].frame["population"].sum()) == CENSUS_2020
    assert int(tables["population_2020"].frame["population"].sum()) == CENSUS_2020


def test_the_2010_file_is_read_as_latin_1(tables):
    names = set(tables["migratory_intensity_2010"].frame["municipality_name"])
    assert "Álvaro Obregón" in names
    with pytest.raises(InputError, match="not UTF-8 text"):
        read_municipal_file(
            PATHS["migratory_intensity_2010"], replace(SPEC.files["migratory_intensity_2010"], encoding="utf-8")
        )


def test_banxico_state_rows_sum_to_the_national_2020_total():
    rows = read_remittances(PATHS["remittances"], SPEC.remittances)
    quarters = [c for c in SPEC.remittances.quarter_labels if c.endswith("2020")]
    assert len(rows.states) == 32
    assert abs(rows.states[quarters].to_numpy().sum() - BANXICO_2020_USD_MILLIONS) < 0.05


def test_a_changed_copy_is_refused_naming_the_file(tmp_path):
    copy = tmp_path / SPEC.files["migratory_intensity_2020"].file
    shutil.copyfile(PATHS["migratory_intensity_2020"], copy)
    with open(copy, "a", encoding="utf-8") as handle:
        handle.write("32,32999,Extra,1,0,0,0,0,,Nulo,\n")
    with pytest.raises(InputError, match="md5") as caught:
        verify_checksum(copy, SPEC.files["migratory_intensity_2020"])
    assert str(copy) in str(caught.value)


# --- name matching ------------------------------------------------------------------------------


def test_normalisation_steps_in_order():
    steps = SPEC.remittances.normalisation
    assert normalise_name("  San  Pedro Tlaquepaque ", steps) == "san pedro tlaquepaque"
    assert normalise_name("Zapotitlán del Río", steps) == normalise_name("ZAPOTITLAN DEL RIO", steps)
    assert normalise_name("Dr. Arroyo", steps) == "dr arroyo"


def _inegi(tables):
    frame = tables["population_2020"].frame
    return pd.DataFrame(
        {
            "municipality_key": frame["state_code"].astype("int64") * 1000 + frame["municipality_code"].astype("int64"),
            "state_code": frame["state_code"].astype("int64"),
            "state_name": frame["state_name"],
            "municipality_name": frame["municipality_name"],
        }
    )


def test_every_banxico_name_is_matched_by_rule_or_declared_exception(tables):
    rows = read_remittances(PATHS["remittances"], SPEC.remittances)
    exceptions = read_exceptions(REPO / SPEC.remittances.exceptions)
    matches = match_remittances(rows, _inegi(tables), exceptions, SPEC.remittances, SPEC.remittances.exceptions)
    counts = matches["match"].value_counts().to_dict()
    # 2,456 municipal names (the municipalities of 2010) and one "No identificado" per state.
    assert counts == {"rule": 2455, "exception": 1, "unidentified": 32}
    oaxaca = matches[matches["banxico_name"] == "Zapotitlán del Río"].iloc[0]
    assert oaxaca["municipality_key"] == 20566 and oaxaca["match"] == "exception"


def test_an_unknown_name_is_reported_unmatched_and_an_unused_exception_stops(tables, tmp_path):
    rows = read_remittances(PATHS["remittances"], SPEC.remittances)
    renamed = rows.municipalities.copy()
    renamed.loc[renamed["banxico_name"] == "Asientos", "banxico_name"] = "Asientoz"
    altered = rows.__class__(rows.path, renamed, rows.states)
    exceptions = read_exceptions(REPO / SPEC.remittances.exceptions)
    matches = match_remittances(altered, _inegi(tables), exceptions, SPEC.remittances, SPEC.remittances.exceptions)
    assert matches.loc[matches["banxico_name"] == "Asientoz", "match"].tolist() == ["unmatched"]
    extra = tmp_path / "names.csv"
    text = (REPO / SPEC.remittances.exceptions).read_text(encoding="utf-8")
    extra.write_text(text + "municipality,Jalisco,Nowhere,14001,Acatic,a declared exception that matches no name\n")
    with pytest.raises(InputError, match="matches no name") as caught:
        match_remittances(rows, _inegi(tables), read_exceptions(extra), SPEC.remittances, str(extra))
    assert "line 6" in str(caught.value)


def test_a_remittance_row_without_marker_stops_naming_line_and_text(tmp_path):
    source = PATHS["remittances"].read_bytes().decode("utf-8").split("\r\n")
    source[3] = source[3].replace("⚬", "-", 1)
    bad = tmp_path / "remittances.csv"
    bad.write_bytes("\r\n".join(source).encode("utf-8"))
    with pytest.raises(InputError, match="line 4") as caught:
        read_remittances(bad, SPEC.remittances)
    assert "must be a state" in str(caught.value)


# --- the panel, findings and notebook 7 (need the 2000 files) ------------------------------------


@pytest.fixture(scope="module")
def ingested():
    micro = microdata_spec()
    return ingest_waves(SPEC, PATHS, micro, micro.file_paths(statistical_files_dir()))


def test_panel_keys_and_created_municipalities(ingested):
    panel = ingested.panel
    # Data README: 2,443 municipality codes are present in 2000, 2010 and 2020.
    assert int((panel["in_2000"] & panel["in_2010"] & panel["in_2020"]).sum()) == 2443
    assert (int(panel["in_2000"].sum()), int(panel["in_2010"].sum()), int(panel["in_2020"].sum())) == (2443, 2456, 2469)
    created = ingested.created
    assert created["first_wave"].value_counts().to_dict() == {2010: 13, 2020: 13}
    assert set(created["municipality_key"]) == set(panel.loc[~panel["in_2000"], "municipality_key"])


def test_findings_follow_the_contract_and_agree_with_the_publishers(ingested):
    frame = ingested.findings
    assert list(frame.columns) == list(FINDINGS_COLUMNS)
    assert set(frame["verdict"]) <= {"exact", "within_rounding", "consistent", "not_comparable", "discrepancy"}
    assert "discrepancy" not in set(frame["verdict"])
    by_id = frame.set_index("check_id")
    assert by_id.loc["municipal_waves:degree_count_2010:very_high", "recomputed"] == 178
    assert by_id.loc["municipal_waves:population_2020:population_2020", "recomputed"] == CENSUS_2020


def test_findings_hold_conapos_2020_degree_counts(ingested):
    frame = ingested.findings
    counts = frame[frame["check_id"].str.startswith("municipal_waves:degree_count_2020")]
    assert dict(zip(counts["check_id"].str.rsplit(":", n=1).str[1], counts["recomputed"].astype(int), strict=True)) == {
        "very_high": 137,
        "high": 341,
        "medium": 432,
        "low": 686,
        "very_low": 861,
        "null": 12,
    }


def test_notebook_tables_against_independent_counts(ingested, tmp_path):
    from migration_evidence.analysis import municipal_waves as waves
    from migration_evidence.outputs import write_csv

    write_csv(tmp_path / "panel.csv", ingested.panel)
    panel = read_panel(tmp_path / "panel.csv")
    counts = waves.degree_counts(panel).set_index(["wave", "degree"])["municipalities"]
    for year, published in PUBLISHED_COUNTS.items():
        assert {d: int(counts[(year, d)]) for d in published} == published
    # Table 1 of the NAFTA paper, lines 233-240: 2000 counts by degree.
    assert [int(counts[(2000, d)]) for d in waves.DEGREES] == [162, 330, 392, 593, 873, 93]
    transitions = waves.transitions(panel)
    sums = transitions.groupby(["from_wave", "to_wave", "from_degree"])["row_share_pct"].sum()
    assert ((sums - 100).abs() < 1e-5).all()  # six shares, each rounded to 6 decimals
    rows = transitions[(transitions["from_wave"] == 2000) & (transitions["to_wave"] == 2010)]
    assert rows.groupby("to_degree")["municipalities"].sum().sum() == 2443
    national = waves.indicators_by_degree(panel).set_index(["wave", "degree_2000"])
    for column, published in PUBLISHED_SHARES_2010.items():
        assert abs(national.loc[(2010, "National"), column] - published) <= 0.01
    # Loss 2000-2005 by an independent count from the 1990-2015 file: the microdata stage's 1,243, made by
    # the function of its rule (municipal_population_change) from the joined 2000 files.
    change = waves.population_change_by_degree(panel).set_index(["period", "sample", "degree_2000"])
    micro = microdata_spec()
    stage = depopulation_by_degree(ingest(micro, micro.file_paths(statistical_files_dir())).joined).set_index("degree")
    for degree in ("All", *waves.DEGREES):
        row = change.loc[("2000-2005", "all municipalities of 2000", degree)]
        assert row["lost_population"] == stage.loc[degree, "municipalities_lost_population"]
    assert change.loc[("2000-2020", "all municipalities of 2000", "All"), "population_end"] == (
        CENSUS_2020 - int(panel.loc[~panel["in_2000"], "population_2020"].sum())
    )


def test_committed_notebook_outputs_are_aggregates():
    from migration_evidence.notebooks.registry import load_notebooks

    notebook = load_notebooks(REPO / "config" / "notebooks.yaml")["municipal_intensity_2000_2020"]
    for path in notebook.outputs.values():
        assert len(pd.read_csv(REPO / path)) < 1000, path


def test_inegi_coordinates_are_degrees_minutes_seconds():
    from migration_evidence.microdata.waves_files import coordinates_in_degrees, sexagesimal_degrees

    # 102° 17' 45.768" W, 21° 52' 47.362" N: the city of Aguascalientes (about 102.29 W, 21.88 N).
    assert sexagesimal_degrees("-102.1745768") == pytest.approx(-(102 + 17 / 60 + 45.768 / 3600))
    assert sexagesimal_degrees("21.5247362") == pytest.approx(21 + 52 / 60 + 47.362 / 3600)
    assert sexagesimal_degrees("21.6147362") is None  # 61 minutes
    table = read_municipal_file(PATHS["population_2020"], SPEC.files["population_2020"])
    points = coordinates_in_degrees(table)
    assert len(points) == 2469
    # Every fractional part has minute digits below 60: the file is sexagesimal throughout.
    assert points["latitude"].between(14.5, 32.8).all() and points["longitude"].between(-117.2, -86.7).all()


def test_the_placebo_lies_outside_the_index_window_and_uses_the_census_populations(ingested):
    """The 2000 index counts emigrants of 1995-2000, so the placebo must end by 1995; its start is the 1990
    census, whose total INEGI publishes as 81,249,645 (XI Censo General de Población y Vivienda 1990), and
    the 2000 census total is 97,483,412 (Table 1 of the paper, and INEGI)."""
    from migration_evidence.analysis import municipal_waves as waves

    label, start, end = waves.PERIODS[0]
    assert "placebo" in label and (start, end) == (1990, 1995)
    assert all("placebo" not in p for p, _, _ in waves.PERIODS[1:])
    panel = ingested.panel
    assert int(panel["population_1990"].sum()) == 81_249_645
    assert int(panel.loc[panel["in_2000"], "population_2000"].sum()) == 97_483_412


def test_esdas_permutations_are_seeded_explicitly_and_the_global_generator_is_given_back():
    import numpy as np
    from esda.moran import Moran
    from libpysal.weights import lat2W

    from migration_evidence.analysis.municipal_waves import numpy_global_seed

    weights = lat2W(6, 6)
    values = np.random.default_rng(3).normal(size=36)
    np.random.seed(99)
    before = np.random.get_state()[1].copy()
    with numpy_global_seed(20_102_020):
        first = Moran(values, weights, permutations=199).p_sim
    assert (np.random.get_state()[1] == before).all()  # the caller's generator is untouched
    with numpy_global_seed(20_102_020):
        second = Moran(values, weights, permutations=199).p_sim
    assert first == second  # the same seed gives the same permutations


def test_binned_means_show_a_downturn_only_where_the_data_have_one():
    import numpy as np

    from migration_evidence.analysis import municipal_waves as waves

    rng = np.random.default_rng(5)
    n = 2000
    x = rng.uniform(-2, 2, n)
    panel = pd.DataFrame({"state_code": rng.integers(1, 33, n)})
    for year in (2000, 2010, 2020):
        panel[f"in_{year}"] = True
    # 2000: an inverted U peaking in the middle; 2010: rising with a slight bend (a quadratic would turn
    # near the top); 2020: rising.
    panel["marginalisation_index_2000"] = x
    panel["marginalisation_index_2010"] = x
    panel["marginalisation_index_dp2_2020"] = -x  # 2020's index is reversed by the hump's frame
    outcomes = {2000: 10 - 3 * x**2, 2010: 5 + 2 * x - 0.45 * x**2, 2020: 5 + 2 * x}
    for year, y in outcomes.items():
        noisy = y + rng.normal(0, 0.5, n)
        panel[f"receiving_remittances_pct_{year}"] = noisy
        panel[f"with_emigrants_pct_{year}"] = noisy
    for year in (2000, 2010):
        panel[f"index_{year}"] = x
    panel["index_dp2_2020"] = -x
    _, check = waves.hump_binned(panel)
    falls = check[check["outcome"] == "% receiving remittances"].set_index("wave")["binned_means_fall_after_peak"]
    assert falls.to_dict() == {2000: True, 2010: False, 2020: False}
