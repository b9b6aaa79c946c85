"""External series: public figures for the charts the NAFTA paper names but does not print.

The raw files in ``data/raw/external/`` hold each figure as its source prints it, with the id of
the source it was read from; ``data/raw/external/sources.csv`` says who published each source and
where it was read. ``config/external_series.yaml`` declares how each raw column is written, the
processed tables and their checks, the vintage Chart 3 uses, the growth periods and the claims.

As for the printed tables, any bad input raises :class:`~migration_evidence.errors.InputError`
naming file, line, row, column and the offending text.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd

from ..columns import TABLE_SCHEMA_TYPES, Column, check_header, pandas_dtype
from ..errors import InputError
from ..printed.numbers import PrintedNumberError, parse_printed_number
from ..raw_csv import read_csv_strict
from ..registers import read_register
from ..schemas import validate_frame
from .specs import (  # noqa: F401 - re-exported: the declaration is part of this module's interface
    ExternalConfig,
    ProcessedSpec,
    RawFileSpec,
    load_external_config,
)

# --- Reading raw files ----------------------------------------------------------------------------


def read_sources(path: str | Path) -> pd.DataFrame:
    """The sources table: one row per source id, every field filled in
    (:func:`migration_evidence.registers.read_register`)."""
    frame = read_register(path, "sources").drop(columns="_line")
    return frame.set_index("source_id", drop=False)


def read_raw_file(spec: RawFileSpec, sources: pd.DataFrame, path: str | Path | None = None) -> pd.DataFrame:
    """Read one raw file strictly and parse every cell with its declared format.

    Returns the parsed values with provenance columns: ``_line`` (file line), ``_row`` (the key
    cells, as printed) and ``_text:<column>`` (each cell as printed).
    """
    path = str(path or spec.path)
    raw = read_csv_strict(path)
    check_header(path, raw.header, spec.header, "in config/external_series.yaml")
    for source_id, columns in spec.file_sources.items():
        if source_id not in sources.index:
            raise InputError(path, f"source {source_id!r} declared for this file is not in the sources table")
        for name in columns:
            if name not in spec.header:
                raise InputError(path, f"source {source_id!r} is declared for a column the file lacks", column=name)
    key_positions = [spec.header.index(k) for k in spec.key]
    records = []
    seen: dict[tuple[str, ...], int] = {}
    for record, line in zip(raw.rows, raw.lines, strict=True):
        row = ", ".join(record[i] for i in key_positions)
        key = tuple(record[i] for i in key_positions)
        if key in seen:
            raise InputError(
                path, f"duplicated row (first at line {seen[key]})", line=line, row=row, column=spec.key[0], text=row
            )
        seen[key] = line
        out: dict[str, Any] = {"_line": line, "_row": row}
        for col, text in zip(spec.columns, record, strict=True):
            out[f"_text:{col.raw}"] = text
            out[col.raw] = _parse_cell(path, line, row, col, text, sources)
        records.append(out)
    if not records:
        raise InputError(path, "the file has a header but no rows")
    return pd.DataFrame.from_records(records)


def _parse_cell(path: str, line: int, row: str, col: Column, text: str, sources: pd.DataFrame) -> Any:
    def fail(problem: str) -> InputError:
        return InputError(path, problem, line=line, row=row, column=col.raw, text=text)

    if col.format.kind == "label":
        value = text.strip()
        if value != text:
            raise fail("leading or trailing spaces")
        if not value and not col.optional:
            raise fail("empty cell where a value is required")
        if col.allowed is not None and value not in col.allowed:
            raise fail(f"not one of the declared values {list(col.allowed)}")
        if col.source and value not in sources.index:
            raise fail("source id not in the sources table")
        return value
    try:
        return parse_printed_number(text, col.format).value
    except PrintedNumberError as exc:
        raise fail(str(exc)) from None


# --- Cleaning -------------------------------------------------------------------------------------


def _err(frame: pd.DataFrame, index: Any, path: str, problem: str, column: str) -> InputError:
    row = frame.loc[index]
    return InputError(
        path, problem, line=int(row["_line"]), row=row["_row"], column=column, text=row[f"_text:{column}"]
    )


def clean_remittances(config: ExternalConfig, spec: ProcessedSpec, sources: pd.DataFrame, paths: dict[str, str]):
    """Banco de México family remittances in two vintages, each value with its source."""
    values_path, readings_path = paths["banxico_family_remittances"], paths["remittance_readings"]
    values = read_raw_file(config.raw_files["banxico_family_remittances"], sources, values_path)
    readings = read_raw_file(config.raw_files["remittance_readings"], sources, readings_path)

    # Each vintage covers exactly its declared years.
    for vintage, (first, last) in spec.extra["vintage_years"].items():
        part = values[values["vintage"] == vintage]
        outside = part[(part["year"] < first) | (part["year"] > last)]
        if len(outside):
            raise _err(
                values, outside.index[0], values_path, f"the {vintage} vintage covers {first}-{last} only", "year"
            )
        missing = sorted(set(range(first, last + 1)) - set(part["year"]))
        if missing:
            raise InputError(values_path, f"the {vintage} vintage lacks the year(s) {missing}", column="year")

    lookup = {(int(r.year), r.vintage): i for i, r in values.iterrows()}
    revised_from = int(spec.extra["revised_from"])

    # Before the revision the two vintages differ by less than a unit (the early vintage is printed
    # in whole millions); from it, the revision is upward.
    for (year, vintage), i in lookup.items():
        if vintage != "revised" or (year, "early") not in lookup:
            continue
        early = values.loc[lookup[(year, "early")], "value_usd_millions"]
        revised = values.loc[i, "value_usd_millions"]
        if year < revised_from and abs(revised - early) >= 1:
            raise _err(
                values,
                i,
                values_path,
                f"before {revised_from} the two vintages must agree to the unit, but the early value is {early:g}",
                "value_usd_millions",
            )
        if year >= revised_from and revised <= early:
            raise _err(
                values,
                i,
                values_path,
                f"from {revised_from} Banco de México revised upward, "
                f"but this is not above the early value ({early:g})",
                "value_usd_millions",
            )

    # Every reading from another source is checked against the value it concerns.
    corroborated: dict[int, list[str]] = {i: [] for i in values.index}
    disagreed: dict[int, list[str]] = {i: [] for i in values.index}
    for j, reading in readings.iterrows():
        key = (int(reading["year"]), reading["vintage"])
        if key not in lookup:
            raise _err(readings, j, readings_path, f"no {key[1]} value for {key[0]} in {values_path}", "year")
        i = lookup[key]
        value = values.loc[i, "value_usd_millions"]
        same_source = reading["source_id"] == values.loc[i, "source_id"]
        relation = reading["relation"]
        if relation == "increase_to_next_year":
            following = lookup.get((key[0] + 1, key[1]))
            if following is None:
                raise _err(readings, j, readings_path, f"no {key[1]} value for {key[0] + 1}", "year")
            expected = values.loc[following, "value_usd_millions"] - reading["value_usd_millions"]
            if not math.isclose(value, expected, abs_tol=1e-9):
                raise _err(
                    readings,
                    j,
                    readings_path,
                    f"{key[0] + 1} value less this increase is {expected:g}, "
                    f"but the {key[1]} {key[0]} value is {value:g}",
                    "value_usd_millions",
                )
            supports = True
        else:
            within = abs(value - reading["value_usd_millions"]) <= reading["precision_usd_millions"] / 2
            if relation == "rounds" and not within:
                raise _err(
                    readings,
                    j,
                    readings_path,
                    f"recorded as a rounding of {value:g}, but it is further from it than half its precision",
                    "value_usd_millions",
                )
            if relation == "disagrees" and within:
                raise _err(
                    readings,
                    j,
                    readings_path,
                    f"recorded as a disagreement, but it agrees with {value:g}",
                    "relation",
                )
            supports = relation == "rounds"
        if supports and not same_source:
            corroborated[i].append(reading["source_id"])
        if relation == "disagrees":
            printed = reading["printed_text"]
            if printed != reading["_text:value_usd_millions"]:
                printed += f" ({reading['_text:value_usd_millions']})"
            disagreed[i].append(f"{reading['source_id']} prints {printed}")

    # Before the revision, each vintage corroborates the other where the revised value rounds to the
    # early one; where it does not (a difference under one unit), the other vintage's figure is shown.
    for (year, vintage), i in lookup.items():
        other = lookup.get((year, "revised" if vintage == "early" else "early"))
        if other is None or year >= revised_from:
            continue
        early, revised = (i, other) if vintage == "early" else (other, i)
        if abs(values.loc[revised, "value_usd_millions"] - values.loc[early, "value_usd_millions"]) <= 0.5:
            corroborated[i].append(values.loc[other, "source_id"])
        else:
            disagreed[i].append(
                f"{values.loc[other, 'source_id']} ({values.loc[other, 'vintage']} vintage) prints "
                f"{values.loc[other, '_text:value_usd_millions']}"
            )

    out = values.copy()
    out["publisher"] = [sources.loc[s, "publisher"] for s in out["source_id"]]
    out["corroborated_by"] = ["; ".join(sorted(set(corroborated[i]))) for i in out.index]
    out["disagreed_by"] = ["; ".join(disagreed[i]) for i in out.index]
    out["value_usd_millions"] = out["value_usd_millions"].astype("float64")
    order = {"early": 0, "revised": 1}
    out = out.sort_values(["vintage", "year"], key=lambda s: s.map(order) if s.name == "vintage" else s)
    return out, values_path


def clean_foreign_exchange_inflows(config: ExternalConfig, spec: ProcessedSpec, sources: pd.DataFrame, paths):
    path = paths["foreign_exchange_inflows_2005"]
    inflows = read_raw_file(config.raw_files["foreign_exchange_inflows_2005"], sources, path)
    inflows["publisher"] = [sources.loc[s, "publisher"] for s in inflows["source_id"]]
    inflows["value_usd_millions"] = inflows["value_usd_millions"].astype("float64")
    return inflows, path


def clean_mexican_born_workers(config: ExternalConfig, spec: ProcessedSpec, sources: pd.DataFrame, paths):
    raw_spec = config.raw_files["conapo_mexican_born_workers"]
    path = paths["conapo_mexican_born_workers"]
    workers = read_raw_file(raw_spec, sources, path)
    first, last = spec.columns[0].min, spec.columns[0].max
    missing = sorted(set(range(int(first), int(last) + 1)) - set(workers["year"]))
    if missing:
        raise InputError(path, f"the series lacks the year(s) {missing}", column="year")
    for col in spec.columns:
        if col.raw and col.name != col.raw:
            workers[col.name] = workers[col.raw]
    workers["source_ids"] = "; ".join(raw_spec.file_sources)
    return workers.sort_values("year"), path


def clean_price_index(config: ExternalConfig, spec: ProcessedSpec, sources: pd.DataFrame, paths):
    """A price index by year (the US CPI-U), each value with its source: one row for every year the
    processed table declares. Its reference period is checked by the source audit (``base_period``)."""
    (raw_id,) = spec.raw_files
    path = paths[raw_id]
    index = read_raw_file(config.raw_files[raw_id], sources, path)
    first, last = spec.columns[0].min, spec.columns[0].max
    missing = sorted(set(range(int(first), int(last) + 1)) - set(index["year"]))
    if missing:
        raise InputError(path, f"the series lacks the year(s) {missing}", column="year")
    index["publisher"] = [sources.loc[s, "publisher"] for s in index["source_id"]]
    return index.sort_values("year"), path


CLEANERS = {
    "remittances_mexico_1980_2005": clean_remittances,
    "us_cpi_u_1980_2005": clean_price_index,
    "mexico_foreign_exchange_inflows_2005": clean_foreign_exchange_inflows,
    "mexican_born_workers_by_sector_1994_2005": clean_mexican_born_workers,
}


def validate(frame: pd.DataFrame, spec: ProcessedSpec, raw_path: str) -> None:
    """Check a processed external table against its declared schema; name the raw cell on failure."""

    def locate(row: pd.Series, column: str) -> tuple[str, str | None]:
        raw_column = next((c.raw for c in spec.columns if c.name == column and c.raw), column)
        return raw_column, row.get(f"_text:{raw_column}")

    validate_frame(frame, spec.columns, raw_path, locate, nullable_ints=False)


def clean_external_series(
    config: ExternalConfig,
    series_id: str,
    raw_paths: dict[str, str] | None = None,
    sources_path: str | Path | None = None,
) -> pd.DataFrame:
    """Read, check and tidy one external series; return it with the declared columns only.

    ``raw_paths`` maps raw-file ids to paths (default: the declared paths).
    """
    spec = config.processed[series_id]
    sources = read_sources(sources_path or config.sources)
    paths = {file_id: config.raw_files[file_id].path for file_id in spec.raw_files}
    paths.update(raw_paths or {})
    frame, main_path = CLEANERS[series_id](config, spec, sources, paths)
    for col in spec.columns:
        if col.dtype == "int":
            frame[col.name] = frame[col.name].astype("int64")
        elif col.dtype == "str":
            frame[col.name] = frame[col.name].astype("str")
    validate(frame, spec, main_path)
    return frame[[c.name for c in spec.columns]].reset_index(drop=True)


def read_series(path: str | Path, spec: ProcessedSpec) -> pd.DataFrame:
    """Read a processed external table back with its declared types."""
    dtypes = {c.name: pandas_dtype(c.dtype, nullable=False) for c in spec.columns}
    frame = pd.read_csv(path, dtype=dtypes, keep_default_na=False)
    return frame[[c.name for c in spec.columns]]


# --- Data dictionary ------------------------------------------------------------------------------


def external_dictionary(config: ExternalConfig) -> pd.DataFrame:
    """Rows of the data dictionary for the external tables, in the columns of the printed tables' rows."""
    rows = []
    for spec in config.processed.values():
        raw_columns = {}
        for file_id in spec.raw_files:
            for col in config.raw_files[file_id].columns:
                raw_columns.setdefault(col.raw, (config.raw_files[file_id], col))
        for col in spec.columns:
            raw_file, raw_col = raw_columns.get(col.raw, (None, None)) if col.raw else (None, None)
            if col.allowed is not None:
                allowed = " | ".join(str(a) for a in col.allowed)
            elif col.min is None and col.max is None:
                allowed = ""
            else:
                allowed = f"[{'' if col.min is None else col.min}, {'' if col.max is None else col.max}]"
            rows.append(
                {
                    "file": spec.path,
                    "column": col.name,
                    "type": TABLE_SCHEMA_TYPES[col.dtype],
                    "unit": col.unit,
                    "description": col.description,
                    "allowed_range": allowed,
                    "source_document": f"public sources listed in {config.sources}",
                    "source_table": spec.exhibit,
                    "source_lines": "",
                    "raw_file": raw_file.path if raw_file else "",
                    "printed_column": raw_col.raw if raw_col else "",
                    "printed_format": raw_col.format.describe() if raw_col else "",
                }
            )
    return pd.DataFrame(rows)
