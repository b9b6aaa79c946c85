"""What the 2010 and 2020 files say against what CONAPO, INEGI and Banco de México publish, and the files'
internal totals: rows of ``results/findings/municipal_waves.csv`` in the source audit's columns (the
findings contract, docs/findings.md), with the table of files read and their md5."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..audit.verdicts import RESULT_COLUMNS
from ..statistical_files.datapackage import file_md5
from .waves_files import INDICATOR_LABELS, english_degree
from .waves_remittances import RemittanceRows
from .waves_specs import WavesSpec

# The source audit's columns: the findings contract (docs/findings.md).
FINDINGS_COLUMNS = tuple(RESULT_COLUMNS)


def files_table(paths: dict[str, Path], spec: WavesSpec, rows: dict[str, int]) -> pd.DataFrame:
    records = []
    for file_id, path in paths.items():
        declared = spec.remittances if file_id == "remittances" else spec.files[file_id]
        records.append(
            {
                "file": declared.file,
                "title": declared.title,
                "encoding": getattr(declared, "encoding", "utf-8"),
                "expected_md5": declared.md5,
                "actual_md5": file_md5(path),
                "bytes": Path(path).stat().st_size,
                "rows_read": rows[file_id],
                "found_in": f"{declared.found_in['repository']}, {declared.found_in['path']}, "
                f"commit {declared.found_in['commit']}",
            }
        )
    return pd.DataFrame(records)


def _finding(check_id, source, kind, file, printed, recomputed, tolerance, verdict, explanation, **extra):
    difference = recomputed - printed if printed is not None and recomputed is not None else None
    relative = difference / printed if difference is not None and printed else None
    row = {c: "" for c in FINDINGS_COLUMNS}
    row.update(
        check_id=check_id,
        source=source,
        kind=kind,
        file=file,
        printed="" if printed is None else printed,
        recomputed="" if recomputed is None else recomputed,
        difference="" if difference is None else round(difference, 6),
        tolerance=tolerance,
        relation="equal" if tolerance == 0 else "within tolerance",
        verdict=verdict,
        relative_difference="" if relative is None else round(relative, 8),
        explanation=explanation,
        **extra,
    )
    return row


def findings(
    spec: WavesSpec,
    panel: pd.DataFrame,
    waves: dict[int, pd.DataFrame],
    files: dict[str, str],
    remittance_rows: RemittanceRows,
    matches: pd.DataFrame,
) -> pd.DataFrame:
    """What the files say against what CONAPO and INEGI publish, and the files' internal totals."""
    published = spec.published
    rows = []
    for year, counts in published["degree_counts"].items():
        column = "GIM_2010" if year == 2010 else "gim_dp2"
        file = files[f"migratory_intensity_{year}"]
        observed = waves[year][f"degree_{year}"].value_counts()
        for label, printed in counts.items():
            count = int(observed.get(english_degree(label), 0))
            rows.append(
                _finding(
                    f"municipal_waves:degree_count_{year}:{english_degree(label).lower().replace(' ', '_')}",
                    f"CONAPO, Índice de intensidad migratoria México–Estados Unidos {year}: "
                    f"municipalities of degree {label}",
                    "count",
                    file,
                    int(printed),
                    count,
                    0,
                    "exact" if count == printed else "discrepancy",
                    f"rows of {file} whose degree is {label}",
                    column=column,
                    printed_text=str(printed),
                    cells_used=f"{column} of {len(waves[year])} rows",
                )
            )
    wave_2010 = waves[2010]
    weights = wave_2010["dwellings_2010"].astype(float)
    raw_names = {
        "receiving_remittances_pct": "VIV_REM",
        "with_emigrants_pct": "VIV_EMIG",
        "with_circular_migrants_pct": "VIV_CIRC",
        "with_return_migrants_pct": "VIV_RET",
    }
    for column, printed in published["national_shares_2010"].items():
        share = float((wave_2010[f"{column}_2010"] * weights).sum() / weights.sum())
        difference = share - printed
        verdict = (
            "within_rounding"
            if abs(difference) <= 0.005
            else ("consistent" if abs(difference) <= 0.01 else "discrepancy")
        )
        rows.append(
            _finding(
                f"municipal_waves:national_share_2010:{column.removesuffix('_pct')}",
                "CONAPO, Índice de intensidad migratoria México–Estados Unidos 2010: "
                f"national % of dwellings {INDICATOR_LABELS[column]}",
                "share",
                files["migratory_intensity_2010"],
                printed,
                round(share, 6),
                0.01,
                verdict,
                "mean of the municipal percentages weighted by TOT_VIV; the file's percentages are rounded to two "
                "decimals and CONAPO's national figure is computed from dwelling counts, so a difference of up to "
                "0.01 is expected",
                column=raw_names[column],
                printed_text=f"{printed:.2f}",
                cells_used=f"{raw_names[column]} × TOT_VIV over {len(wave_2010)} rows",
            )
        )
    population_2020 = int(panel["population_2020"].sum())
    for file_id, total in (
        ("marginalisation_2020", population_2020),
        ("population_2020", int(panel.loc[panel["in_2020"], "population_2020"].sum())),
    ):
        printed = int(published["population_2020"])
        rows.append(
            _finding(
                f"municipal_waves:population_2020:{file_id}",
                "INEGI, Censo de Población y Vivienda 2020: total population",
                "total",
                files[file_id],
                printed,
                total,
                0,
                "exact" if total == printed else "discrepancy",
                "sum over the municipalities of the file",
                column="POB_TOT" if file_id == "marginalisation_2020" else "poblacion",
                printed_text=f"{printed:,}",
            )
        )
    printed = int(published["population_2010"])
    total = int(panel["population_2010"].sum())
    rows.append(
        _finding(
            "municipal_waves:population_2010",
            "INEGI, Censo de Población y Vivienda 2010: total population",
            "total",
            files["marginalisation_1990_2015"],
            printed,
            total,
            0,
            "exact" if total == printed else "discrepancy",
            "sum of POB_TOT over the 2010 rows of CONAPO's 1990-2015 marginalisation file",
            column="POB_TOT",
            printed_text=f"{printed:,}",
        )
    )
    in_all = int((panel["in_2000"] & panel["in_2010"] & panel["in_2020"]).sum())
    for year, printed in published["municipalities"].items():
        count = int(panel[f"in_{year}"].sum())
        rows.append(
            _finding(
                f"municipal_waves:municipalities_{year}",
                f"CONAPO, municipal index of migratory intensity {year}: number of municipalities",
                "count",
                files[f"migratory_intensity_{year}"],
                int(printed),
                count,
                0,
                "exact" if count == printed else "discrepancy",
                f"rows of the {year} intensity file; {in_all} INEGI codes are in all three waves",
                printed_text=f"{printed:,}",
            )
        )
    located = panel[panel["in_2020"]]
    rows.append(
        _finding(
            "municipal_waves:inegi_coordinates_format",
            "INEGI, representative point of each municipality: coordinates written as degrees, minutes and seconds",
            "format",
            files["population_2020"],
            # Points in the file against points whose minute and second digits are valid (all of them).
            len(located),
            len(located),
            "0",
            "consistent",
            f"all {len(located):,} longitudes and latitudes read as DDD.MMSSsss (no minute or second digits above 59; "
            "read as decimals, the points would fall on a grid of one-degree squares); converted to decimal degrees, "
            f"they span longitudes {located['longitude'].min():.2f} to {located['longitude'].max():.2f} and latitudes "
            f"{located['latitude'].min():.2f} to {located['latitude'].max():.2f}",
            column="longitud, latitud",
        )
    )
    # Banco de México's internal totals: each state row against the sum of its municipalities.
    quarter_labels = list(spec.remittances.quarter_labels)
    by_state = remittance_rows.municipalities.groupby("banxico_state", sort=False)[quarter_labels].sum()
    states = remittance_rows.states.set_index("banxico_state")[quarter_labels]
    largest = (states - by_state.reindex(states.index)).abs().max(axis=1)
    worst = largest.idxmax()
    rows.append(
        _finding(
            "municipal_waves:banxico_state_totals",
            "Banco de México, CE166: each state's quarterly total against the sum of its municipalities",
            "total",
            files["remittances"],
            0.0,
            round(float(largest.max()), 6),
            0.0001,
            "within_rounding" if largest.max() <= 0.0001 else "discrepancy",
            f"largest absolute difference over {len(states)} states × {len(quarter_labels)} quarters "
            f"(USD millions, values written to six decimals); worst state {worst}",
            row=worst,
            cells_used=f"{len(states) * len(quarter_labels)} state cells",
        )
    )
    year_columns = [c for c in quarter_labels if c.endswith(str(spec.remittances.comparison_year))]
    national = float(states[year_columns].to_numpy().sum())
    rows.append(
        _finding(
            f"municipal_waves:banxico_national_{spec.remittances.comparison_year}",
            f"Banco de México, family remittances {spec.remittances.comparison_year}, national (monthly series CE81)",
            "total",
            files["remittances"],
            41703.9,
            round(national, 6),
            0.05,
            "within_rounding" if abs(national - 41703.9) <= 0.05 else "discrepancy",
            "sum of the 32 state rows over the year's four quarters against the national annual total "
            "41,703.9 USD millions of Banco de México's monthly series",
            printed_text="41,703.9",
        )
    )
    named = matches[matches["match"] != "unidentified"]
    matched = int(named["match"].isin(["rule", "exception"]).sum())
    rows.append(
        _finding(
            "municipal_waves:banxico_names_matched",
            "Banco de México, CE166: municipal names matched to INEGI codes within the state",
            "count",
            files["remittances"],
            len(named),
            matched,
            0,
            "exact" if matched == len(named) else "discrepancy",
            f"{int((named['match'] == 'rule').sum())} by the declared normalisation, "
            f"{int((named['match'] == 'exception').sum())} by a declared exception "
            f"({spec.remittances.exceptions}); {len(named) - matched} unmatched; "
            f"{int((matches['match'] == 'unidentified').sum())} rows '{spec.remittances.unidentified}' are Banxico's "
            "unallocated remittances and are not names",
        )
    )
    for row in named[named["match"] == "unmatched"].to_dict("records"):
        rows.append(
            _finding(
                f"municipal_waves:banxico_unmatched:{row['state_code']}:{row['banxico_name']}",
                "Banco de México, CE166: a municipal name with no INEGI municipality in its state",
                "match",
                files["remittances"],
                None,
                None,
                "",
                "not_comparable",
                "no INEGI municipality of this name in the state after the declared rules and exceptions",
                line=int(row["_line"]),
                row=row["banxico_name"],
                printed_text=row["banxico_name"],
            )
        )
    frame = pd.DataFrame(rows, columns=list(FINDINGS_COLUMNS))
    return frame
