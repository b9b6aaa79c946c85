"""The municipal waves 2000, 2010 and 2020: read the public statistical files of 2010 and 2020 against
their declarations, match Banco de México's municipal remittances to INEGI codes by declared rules,
and build one per-municipality panel keyed by INEGI code, with the findings the files give.

Declarations: ``config/municipal_waves.yaml`` (2010 and 2020 files) and ``config/microdata.yaml`` (the
2000 files). Every failure raises :class:`~migration_evidence.errors.InputError` naming the file,
line, row, column and offending text.

The waves are compared through the four percentages and the degrees, never through index values:
2000's and 2010's indices are principal components on different bases, and 2020's (DP2) is a distance
on another scale, where LOWER means MORE intense.

The steps live in their own modules: each wave's files read and checked (:mod:`.waves_files`),
Banco de México's names matched to INEGI codes (:mod:`.waves_remittances`) and the findings
(:mod:`.waves_findings`); this module joins them into the panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..columns import check_header
from ..statistical_files.datapackage import verify_statistical_file
from .ingest import (
    MIGRATION_SHARES,
    check_marginalisation,
    check_migratory_intensity,
    join_municipalities,
    read_municipal_file,
    verify_checksum,
)
from .specs import MicrodataSpec
from .waves_files import INDICATORS, WAVES, check_same_municipalities, coordinates_in_degrees, wave_frame
from .waves_findings import files_table, findings
from .waves_remittances import match_by_state, match_remittances, read_exceptions, read_remittances, unmatched_table
from .waves_specs import WavesSpec

# --- the panel ----------------------------------------------------------------------------------


PANEL_DTYPES = {
    "municipality_key": "int64",
    "state_code": "int64",
    "state_name": "str",
    "municipality_name": "str",
    "in_2000": "bool",
    "in_2010": "bool",
    "in_2020": "bool",
    "degree_2000": "str",
    "degree_2010": "str",
    "degree_2020": "str",
    "households_2000": "Int64",
    "dwellings_2010": "Int64",
    "dwellings_2020": "Int64",
    **{f"{c}_{year}": "float64" for year in WAVES for c in INDICATORS},
    "index_2000": "float64",
    "index_2010": "float64",
    "index_dp2_2020": "float64",
    **{f"population_{year}": "Int64" for year in (1990, 1995, 2000, 2005, 2010, 2015, 2020)},
    "marginalisation_index_2000": "float64",
    "marginalisation_index_2010": "float64",
    "marginalisation_index_dp2_2020": "float64",
    "longitude": "float64",
    "latitude": "float64",
    "remittances_usd_millions_2020": "float64",
    "remittances_match": "str",
}


def build_panel(
    joined_2000: pd.DataFrame,
    intensity_2000: pd.DataFrame,
    margin_1990_2015: pd.DataFrame,
    wave_2010: pd.DataFrame,
    wave_2020: pd.DataFrame,
    margin_2020: pd.DataFrame,
    inegi: pd.DataFrame,
    remittances: pd.DataFrame,
) -> pd.DataFrame:
    """One row per municipality in any wave, keyed by INEGI code (state × 1000 + municipality).

    ``joined_2000`` is the 2000 join of config/microdata.yaml (index file + marginalisation 1990-2015) and
    ``intensity_2000`` the checked 2000 index file (its four shares); a municipality absent from a wave has
    no values for it (``in_<year>`` false).
    """
    base = joined_2000.set_index("municipality_key")
    keys = sorted(set(base.index) | set(wave_2010["municipality_key"]) | set(inegi["municipality_key"]))
    panel = pd.DataFrame(index=pd.Index(keys, name="municipality_key"))
    names = inegi.set_index("municipality_key")
    states = (
        pd.concat([names[["state_code", "state_name"]], base[["state_code", "state_name"]]]).groupby(level=0).first()
    )
    panel["state_code"] = states["state_code"]
    panel["state_name"] = states["state_name"]
    panel["municipality_name"] = (
        names["municipality_name"]
        .combine_first(wave_2010.set_index("municipality_key")["name_2010"])
        .combine_first(base["name_marginalisation_file"])
    )
    in_2000 = base[base["in_migration_file"].astype(bool)]
    panel["in_2000"] = panel.index.isin(in_2000.index)
    panel["in_2010"] = panel.index.isin(wave_2010["municipality_key"])
    panel["in_2020"] = panel.index.isin(wave_2020["municipality_key"])
    panel["degree_2000"] = in_2000["migratory_intensity_degree"]
    w10 = wave_2010.set_index("municipality_key")
    w20 = wave_2020.set_index("municipality_key")
    panel["degree_2010"] = w10["degree_2010"]
    panel["degree_2020"] = w20["degree_2020"]
    panel["households_2000"] = in_2000["households_2000"]
    panel["dwellings_2010"] = w10["dwellings_2010"]
    panel["dwellings_2020"] = w20["dwellings_2020"]
    i00 = intensity_2000.assign(
        municipality_key=intensity_2000["state_code"].astype("int64") * 1000
        + intensity_2000["municipality_code"].astype("int64")
    ).set_index("municipality_key")
    for column, share_2000 in zip(INDICATORS, MIGRATION_SHARES, strict=True):
        panel[f"{column}_2000"] = i00[share_2000]
    for year, wave in ((2010, w10), (2020, w20)):
        for column in INDICATORS:
            panel[f"{column}_{year}"] = wave[f"{column}_{year}"]
    panel["index_2000"] = in_2000["migratory_intensity_index"]
    panel["index_2010"] = w10["index_2010"]
    panel["index_dp2_2020"] = w20["index_dp2_2020"]
    population = margin_1990_2015.pivot(index="municipality_key", columns="year", values="population")
    for year in (1990, 1995, 2000, 2005, 2010, 2015):
        panel[f"population_{year}"] = population[year] if year in population else pd.NA
    m20 = margin_2020.set_index("municipality_key")
    panel["population_2020"] = m20["population"]
    margin = margin_1990_2015.pivot(index="municipality_key", columns="year", values="marginalisation_index")
    panel["marginalisation_index_2000"] = margin[2000]
    panel["marginalisation_index_2010"] = margin[2010]
    panel["marginalisation_index_dp2_2020"] = m20["marginalisation_index"]
    panel["longitude"] = names["longitude"]
    panel["latitude"] = names["latitude"]
    matched = remittances.dropna(subset=["municipality_key"]).set_index("municipality_key")
    panel["remittances_usd_millions_2020"] = matched["remittances_usd_millions_2020"]
    panel["remittances_match"] = matched["match"]
    panel = panel.reset_index()
    for column, dtype in PANEL_DTYPES.items():
        if dtype == "str":
            panel[column] = panel[column].astype("str").where(panel[column].notna(), "")
        else:
            panel[column] = panel[column].astype(dtype)
    return panel[list(PANEL_DTYPES)]


def read_panel(path: str | Path) -> pd.DataFrame:
    """Read the panel written by the ingest step (empty text where a wave has no value)."""
    frame = pd.read_csv(path, dtype=PANEL_DTYPES, keep_default_na=False, na_values={c: [""] for c in PANEL_DTYPES})
    check_header(path, list(frame.columns), list(PANEL_DTYPES), "in migration_evidence.microdata.waves")
    for column, dtype in PANEL_DTYPES.items():
        if dtype == "str":
            frame[column] = frame[column].fillna("")
    return frame


def created_between_waves(panel: pd.DataFrame) -> pd.DataFrame:
    """Every municipality that is not in all three waves: when it first appears, its population, and how
    the analyses treat it."""
    partial = panel[~(panel["in_2000"] & panel["in_2010"] & panel["in_2020"])].copy()
    first = partial.apply(lambda r: next(y for y in WAVES if r[f"in_{y}"]), axis=1)
    handling = {
        2010: "no 2000 degree: outside every table by 2000 degree and every 2000-2010 or 2000-2020 change; "
        "counted in the 2010 and 2020 national figures. Its state's 2000 municipalities lost the territory it "
        "took: population changes of that state are shown with and without it",
        2020: "no 2000 or 2010 degree: outside every table by 2000 degree and every change that starts before "
        "2020; counted in the 2020 national figures. Its state's older municipalities lost the territory it took: "
        "population changes of that state are shown with and without it",
    }
    out = pd.DataFrame(
        {
            "municipality_key": partial["municipality_key"],
            "state_code": partial["state_code"],
            "state_name": partial["state_name"],
            "municipality_name": partial["municipality_name"],
            "first_wave": first.astype("int64"),
            "in_2000": partial["in_2000"],
            "in_2010": partial["in_2010"],
            "in_2020": partial["in_2020"],
            "population_first_wave": [
                partial.loc[i, f"population_{y}"] for i, y in zip(partial.index, first, strict=True)
            ],
            "degree_2010": partial["degree_2010"],
            "degree_2020": partial["degree_2020"],
            "handling": first.map(handling),
        }
    )
    out["population_first_wave"] = out["population_first_wave"].astype("Int64")
    return out.reset_index(drop=True)


# --- everything ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WavesIngested:
    panel: pd.DataFrame
    files: pd.DataFrame
    created: pd.DataFrame
    match_by_state: pd.DataFrame
    unmatched: pd.DataFrame
    findings: pd.DataFrame


def ingest_waves(
    spec: WavesSpec,
    paths: dict[str, Path],
    microdata: MicrodataSpec,
    microdata_paths: dict[str, str | Path],
) -> WavesIngested:
    """Check, read and join the 2000 files (config/microdata.yaml, every check of that stage) and the 2010
    and 2020 files (``paths`` from :meth:`WavesSpec.file_paths`)."""
    for file_id in microdata.files:
        verify_checksum(microdata_paths[file_id], microdata.files[file_id])
    intensity_table = read_municipal_file(
        microdata_paths["migratory_intensity_2000"], microdata.files["migratory_intensity_2000"]
    )
    margin_1990_2015 = read_municipal_file(
        microdata_paths["marginalisation_1990_2015"], microdata.files["marginalisation_1990_2015"]
    )
    intensity_2000 = check_migratory_intensity(intensity_table)
    check_marginalisation(margin_1990_2015)
    joined_2000 = join_municipalities(intensity_2000, intensity_table.path, margin_1990_2015)
    for file_id, path in paths.items():
        declared = spec.remittances if file_id == "remittances" else spec.files[file_id]
        verify_statistical_file(path, declared.declared)
    tables = {file_id: read_municipal_file(paths[file_id], declared) for file_id, declared in spec.files.items()}
    wave_2010 = wave_frame(tables["migratory_intensity_2010"], 2010)
    wave_2020 = wave_frame(tables["migratory_intensity_2020"], 2020)
    inegi_table = tables["population_2020"].frame
    points = coordinates_in_degrees(tables["population_2020"])
    inegi = pd.DataFrame(
        {
            "municipality_key": inegi_table["state_code"].astype("int64") * 1000
            + inegi_table["municipality_code"].astype("int64"),
            "state_code": inegi_table["state_code"].astype("int64"),
            "state_name": inegi_table["state_name"],
            "municipality_name": inegi_table["municipality_name"],
            "longitude": points["longitude"],
            "latitude": points["latitude"],
            "population": inegi_table["population"].astype("int64"),
        }
    )
    margin_2020 = tables["marginalisation_2020"].frame.assign(
        municipality_key=lambda f: f["municipality_key"].astype("int64")
    )
    check_same_municipalities(
        {k: tables[k] for k in ("migratory_intensity_2020", "marginalisation_2020", "population_2020")},
        {
            "migratory_intensity_2020": wave_2020["municipality_key"],
            "marginalisation_2020": margin_2020["municipality_key"],
            "population_2020": inegi["municipality_key"],
        },
    )
    remittance_rows = read_remittances(paths["remittances"], spec.remittances)
    exceptions = read_exceptions(spec.remittances.exceptions)
    matches = match_remittances(remittance_rows, inegi, exceptions, spec.remittances, spec.remittances.exceptions)
    year_columns = [c for c in spec.remittances.quarter_labels if c.endswith(str(spec.remittances.comparison_year))]
    matches[f"remittances_usd_millions_{spec.remittances.comparison_year}"] = matches[year_columns].sum(axis=1)
    margin_rows = margin_1990_2015.frame.assign(municipality_key=lambda f: f["municipality_key"].astype("int64"))
    panel = build_panel(joined_2000, intensity_2000, margin_rows, wave_2010, wave_2020, margin_2020, inegi, matches)
    files = {file_id: str(path) for file_id, path in paths.items()}
    files["marginalisation_1990_2015"] = str(microdata_paths["marginalisation_1990_2015"])
    files["migratory_intensity_2000"] = str(microdata_paths["migratory_intensity_2000"])
    rows_read = {file_id: len(t.frame) for file_id, t in tables.items()}
    rows_read["remittances"] = len(remittance_rows.municipalities) + len(remittance_rows.states)
    return WavesIngested(
        panel=panel,
        files=files_table(paths, spec, rows_read),
        created=created_between_waves(panel),
        match_by_state=match_by_state(matches, inegi),
        unmatched=unmatched_table(matches, inegi, spec.remittances),
        findings=findings(spec, panel, {2010: wave_2010, 2020: wave_2020}, files, remittance_rows, matches),
    )
