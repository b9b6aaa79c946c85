"""From a raw table (cells exactly as printed) to a tidy, typed, validated processed table.

Steps, in order: read the raw CSV strictly; check its header and rows against the declaration in
``config/tables.yaml``; apply the corrections register; parse every cell with its column's printed
format; reshape to a tidy table; validate the result against a schema built from the declaration.
Any failure raises :class:`~migration_evidence.errors.InputError` naming file, line, row, column and
the offending text.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from ..columns import Column, check_header
from ..errors import InputError
from ..raw_csv import RawTable, read_csv_strict
from ..registers import read_register
from ..schemas import validate_frame
from .confirmation import confirm_corrections
from .numbers import PrintedNumberError, parse_printed_number
from .specs import TableSpec


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _decimal_point_lost(printed: str, corrected: str) -> bool:
    """The printed digits, unchanged and in order, with a decimal point put back among them."""
    return (
        printed.isdigit()
        and corrected.count(".") == 1
        and corrected.replace(".", "").isdigit()
        and corrected.replace(".", "") == printed
        and not corrected.startswith(".")
        and not corrected.endswith(".")
    )


def _extraction_noise_removed(printed: str, corrected: str) -> bool:
    """Characters deleted from the printed text, none of them a digit: the rest is kept in order."""
    if not corrected or _digits(corrected) != _digits(printed) or len(corrected) >= len(printed):
        return False
    remaining = iter(printed)
    return all(char in remaining for char in corrected)


# Each correction declares its kind; the build checks the kind's rule on the printed and corrected
# texts, so a correction can only do what its kind says (a changed digit is never a "decimal point lost").
CORRECTION_KINDS = {
    "decimal point lost": (
        _decimal_point_lost,
        "the corrected value must be the printed digits, unchanged and in order, with one decimal point inserted",
    ),
    "extraction noise": (
        _extraction_noise_removed,
        "the corrected value must be the printed text with non-digit characters deleted, every digit kept in order",
    ),
}
PRIVATE = ["_line", "_row", "_raw_column", "_text"]


def check_shape(raw: RawTable, spec: TableSpec) -> None:
    """The header must be the declared columns; the rows must be the declared rows, in order."""
    check_header(raw.path, raw.header, spec.raw_columns, f"for {spec.id} in config/tables.yaml")
    seen: set[str] = set()
    expected = list(spec.rows)
    for position, (record, line) in enumerate(zip(raw.rows, raw.lines, strict=True)):
        key = record[0]
        if key in seen:
            raise InputError(raw.path, "duplicated row", line=line, row=key, column=spec.row_key, text=key)
        seen.add(key)
        if key not in expected:
            raise InputError(
                raw.path,
                f"row not printed in {spec.printed_table} (declared rows: {expected})",
                line=line,
                row=key,
                column=spec.row_key,
                text=key,
            )
        if position >= len(expected) or expected[position] != key:
            raise InputError(
                raw.path,
                f"row out of the printed order (declared rows: {expected})",
                line=line,
                row=key,
                column=spec.row_key,
                text=key,
            )
    missing = [r for r in expected if r not in seen]
    if missing:
        raise InputError(raw.path, f"missing printed row(s) {missing}", column=spec.row_key)


def read_corrections(path: str | Path) -> pd.DataFrame:
    """Load the corrections register (:func:`migration_evidence.registers.read_register`: every entry
    complete, a declared kind, one correction per cell) and check each correction against its kind."""
    frame = read_register(path, "corrections")
    for _, fix in frame.iterrows():
        line = int(fix["_line"])
        if fix["kind"] not in CORRECTION_KINDS:
            raise InputError(
                str(path),
                f"unknown kind of correction (declared kinds: {sorted(CORRECTION_KINDS)})",
                line=line,
                row=fix["row"],
                column="kind",
                text=fix["kind"],
            )
        rule, description = CORRECTION_KINDS[fix["kind"]]
        if not rule(fix["printed"], fix["corrected"]):
            raise InputError(
                str(path),
                f"a correction of kind {fix['kind']!r} from printed {fix['printed']!r}: {description}",
                line=line,
                row=fix["row"],
                column="corrected",
                text=fix["corrected"],
            )
    return frame


def apply_corrections(raw: RawTable, spec: TableSpec, corrections: pd.DataFrame, corrections_path: str) -> RawTable:
    """Replace each corrected cell, after checking that the raw cell still reads as recorded."""
    rows = [list(r) for r in raw.rows]
    keys = [r[0] for r in raw.rows]
    for _, fix in corrections[corrections["table"] == spec.id].iterrows():
        line = int(fix["_line"])
        if fix["row"] not in keys:
            raise InputError(
                corrections_path, f"no row {fix['row']!r} in {raw.path}", line=line, row=fix["row"], column="row"
            )
        if fix["column"] not in raw.header:
            raise InputError(
                corrections_path,
                f"no column {fix['column']!r} in {raw.path}",
                line=line,
                row=fix["row"],
                column="column",
            )
        i, j = keys.index(fix["row"]), raw.header.index(fix["column"])
        if rows[i][j] != fix["printed"]:
            raise InputError(
                raw.path,
                f"the corrections register (line {line}) expects this cell to read {fix['printed']!r}",
                line=raw.lines[i],
                row=fix["row"],
                column=fix["column"],
                text=rows[i][j],
            )
        rows[i][j] = fix["corrected"]
    return RawTable(raw.path, raw.header, rows, raw.lines)


def parse_cells(raw: RawTable, spec: TableSpec) -> pd.DataFrame:
    """Parse every cell; return one row per printed row with values, markers and provenance."""
    records = []
    for record, line in zip(raw.rows, raw.lines, strict=True):
        key_text = record[0]
        is_total = key_text in spec.total_rows
        out: dict[str, object] = {
            "_line": line,
            "_row": key_text,
            "row_type": "total" if is_total else "detail",
        }
        markers: list[str] = []
        for col, text in zip(spec.columns, record, strict=True):
            out[f"_text:{col.name}"] = text
            if col.format.kind == "label":
                if not text.strip():
                    raise InputError(raw.path, "empty label", line=line, row=key_text, column=col.raw, text=text)
                out[col.name] = text.strip()
                out[f"_marker:{col.name}"] = ""
                continue
            if col is spec.columns[0] and is_total:
                out[col.name] = None
                out[f"_marker:{col.name}"] = ""
                continue
            try:
                parsed = parse_printed_number(text, col.format)
            except PrintedNumberError as exc:
                raise InputError(raw.path, str(exc), line=line, row=key_text, column=col.raw, text=text) from None
            out[col.name] = parsed.value
            out[f"_marker:{col.name}"] = parsed.marker
            if parsed.marker:
                if parsed.marker not in spec.markers:
                    raise InputError(
                        raw.path,
                        "footnote marker with no declared meaning",
                        line=line,
                        row=key_text,
                        column=col.raw,
                        text=text,
                    )
                markers.append(parsed.marker)
        out["_markers"] = "".join(markers)
        records.append(out)
    return pd.DataFrame.from_records(records)


def _typed(series: pd.Series, dtype: str) -> pd.Series:
    if dtype == "int":
        return pd.array(series.tolist(), dtype="Int64")
    if dtype == "float":
        return pd.to_numeric(series).astype("float64")
    return series.astype("str")


def tidy_wide(parsed: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """One row per printed row; the declared columns plus row type and footnote."""
    out = pd.DataFrame({name: parsed[name] for name in PRIVATE[:2]})
    for col in spec.output_columns:
        if col.name == "footnote":
            out[col.name] = ["; ".join(spec.markers[m].get("note", "") for m in marks) for marks in parsed["_markers"]]
        else:
            out[col.name] = _typed(parsed[col.name], col.dtype)
    return out


def tidy_asymmetries(parsed: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """Table 2 of the NAFTA paper in long form: indicator x country x printed year."""
    indicators = spec.extra["indicators"]
    countries = {"mexico": "Mexico", "united_states": "United States"}
    records = []
    for _, row in parsed.iterrows():
        meta = indicators[row["indicator"]]
        for col in spec.columns[1:]:
            country_key, year = col.name.rsplit("_", 1)
            marker = row[f"_marker:{col.name}"]
            reference_year = spec.markers[marker]["reference_year"] if marker else int(year)
            records.append(
                {
                    "_line": row["_line"],
                    "_row": row["_row"],
                    "_raw_column": col.raw,
                    "_text": row[f"_text:{col.name}"],
                    "indicator_id": meta["id"],
                    "indicator": row["indicator"],
                    "unit": meta["unit"],
                    "country": countries[country_key],
                    "table_year": int(year),
                    "reference_year": int(reference_year),
                    "value": float(row[col.name]),
                    "footnote_marker": marker,
                }
            )
    return pd.DataFrame.from_records(records)


def tidy_groups(parsed: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    """Table 4 of the NAFTA paper in long form: characteristic x population group."""
    groups = spec.extra["groups"]
    records = []
    for _, row in parsed.iterrows():
        for col in spec.columns[1:]:
            records.append(
                {
                    "_line": row["_line"],
                    "_row": row["_row"],
                    "_raw_column": col.raw,
                    "_text": row[f"_text:{col.name}"],
                    "characteristic": row["characteristic"],
                    "population_group": col.name,
                    "population_group_label": groups[col.name],
                    "share_pct": float(row[col.name]),
                }
            )
    return pd.DataFrame.from_records(records)


TIDIERS = {
    "mexico_us_asymmetries_1994_2004": tidy_asymmetries,
    "mexican_origin_population_2003": tidy_groups,
}


def _rules(spec: TableSpec) -> list[Column]:
    """The declared checks of every processed column (the key of a printed total row may be empty)."""
    key = spec.output_columns[0]
    return [
        replace(col, nullable=col is key and col.dtype == "int" and bool(spec.total_rows))
        for col in spec.output_columns
    ]


def validate(tidy: pd.DataFrame, spec: TableSpec, raw_path: str) -> None:
    """Check the processed table against the schema declared in config/tables.yaml.

    ``tidy`` carries provenance columns (``_line``, ``_row`` and either ``_raw_column``/``_text``
    for long tables or ``_text:<column>`` for wide ones) so that a failure names the printed cell.
    """
    declared = [c.name for c in spec.output_columns]
    produced = [c for c in tidy.columns if not c.startswith("_")]
    if produced != declared:
        raise InputError(raw_path, f"processed columns {produced} differ from the declared {declared}")

    def locate(row: pd.Series, column: str) -> tuple[str, str | None]:
        if "_raw_column" in tidy.columns:
            return row["_raw_column"], row["_text"]
        return spec_raw_name(spec, column), row.get(f"_text:{column}")

    validate_frame(
        tidy,
        _rules(spec),
        raw_path,
        locate,
        advice="; if the printed value is wrong, record a fix in data/raw/corrections.csv",
    )


def spec_raw_name(spec: TableSpec, processed_name: str) -> str:
    for col in spec.columns:
        if col.name == processed_name:
            return col.raw
    return processed_name


def clean_table(spec: TableSpec, raw_path: str, corrections_path: str) -> pd.DataFrame:
    """Run every step for one table and return the processed frame (without provenance columns)."""
    raw = read_csv_strict(raw_path)
    check_shape(raw, spec)
    corrections = read_corrections(corrections_path)
    confirm_corrections(raw, spec, corrections, str(corrections_path))
    raw = apply_corrections(raw, spec, corrections, str(corrections_path))
    parsed = parse_cells(raw, spec)
    tidier = TIDIERS.get(spec.id)
    if tidier is None:
        tidy = tidy_wide(parsed, spec)
        for col in spec.columns:
            tidy.loc[:, f"_text:{col.name}"] = parsed[f"_text:{col.name}"]
    else:
        tidy = tidier(parsed, spec)
    validate(tidy, spec, raw.path)
    return tidy[[c.name for c in spec.output_columns]].reset_index(drop=True)
