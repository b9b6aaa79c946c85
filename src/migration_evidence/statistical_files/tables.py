"""Banco de México, INEGI and World Bank files: strict reading, checks and the processed tables made
from them (the remittances and the Mexico–US gap after 2005).

The files are committed bytes unchanged under ``statistical_files_dir``; their md5 is recorded in
``data/raw/datapackage.json`` and checked (by :mod:`migration_evidence.statistical_files.datapackage`) before a
file is read. What each file holds is declared in
``config/statistical_tables.yaml`` (columns, kinds, bounds, key, the filter applied at ingest). Every
failure raises :class:`~migration_evidence.errors.InputError` naming the file, line, row, column and
offending text (or, for a checksum, the file with the expected and actual md5).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..columns import check_header, pandas_dtype
from ..errors import InputError
from ..schemas import validate_frame
from .datapackage import DATAPACKAGE, PackagedFile, load_statistical_files, verify_statistical_file
from .specs import (  # noqa: F401  (load_config is re-exported for the adapters)
    StatisticalFile,
    StatisticalFilesConfig,
    load_config,
)

STATES = 32
# A published state figure is rounded to the dollar, so a sum of 32 states may differ from the national
# figure by up to 32 × 0.5 dollars per quarter.
STATE_ROUNDING_USD_PER_QUARTER = STATES * 0.5

_PATTERNS = {
    "month": re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])-01"),
    "int": re.compile(r"-?[0-9]+"),
    "float": re.compile(r"-?[0-9]+(\.[0-9]+)?"),
}
_KIND_TEXT = {"month": "a month written YYYY-MM-01", "int": "an integer", "float": "a decimal number"}


# --- identity -----------------------------------------------------------------------------------


def verify_checksum(path: str | Path, declared: PackagedFile) -> None:
    """Stop unless the file is the exact copy the results were checked against (the data package's md5)."""
    try:
        verify_statistical_file(path, declared)
    except InputError as error:
        # The shared check points to the CONAPO files' section; these files are described in another.
        raise InputError(
            error.path, error.problem.replace("docs/municipal_microdata.md", "docs/twenty_years_on.md")
        ) from None


# --- strict reading -----------------------------------------------------------------------------


def _read_rows(path: str, spec: StatisticalFile) -> tuple[list[str], list[list[str]]]:
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(path, "the file is not UTF-8 text", line=line, text=repr(data[exc.start : exc.end])) from None
    if not text:
        raise InputError(path, "the file is empty")
    if spec.final_newline and not text.endswith("\n"):
        raise InputError(
            path,
            "the last line ends mid-row with no newline: the file looks truncated",
            line=text.count("\n") + 1,
            text=text.rsplit("\n", 1)[-1],
        )
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    header, body = rows[0], rows[1:]
    check_header(path, header, spec.header, f"for {spec.id} in config/statistical_tables.yaml")
    for number, record in enumerate(body, start=2):
        if len(record) != len(header):
            raise InputError(
                path,
                f"{len(record)} cells where the header has {len(header)}",
                line=number,
                row=record[0] if record else None,
                text=",".join(record),
            )
    return header, body


def read_statistical_file(path: str | Path, spec: StatisticalFile) -> pd.DataFrame:
    """Read one file strictly and check its declared columns; apply its declared filter.

    Returns typed columns named as in the file, plus ``_line`` (file line) and ``_row`` (the row's
    key as written). Months become ``datetime64`` values; publisher zeros meaning "no value" become NaN.
    """
    path = str(path)
    header, body = _read_rows(path, spec)
    text = pd.DataFrame(body, columns=header, dtype=str)
    frame = pd.DataFrame(
        {
            "_line": np.arange(2, len(body) + 2),
            # The key columns joined with "/" (vectorised: a row-wise join takes seconds on the World Bank files).
            "_row": text[spec.key[0]].str.cat([text[k] for k in spec.key[1:]], sep="/")
            if body
            else pd.Series(dtype=str),
        }
    )
    for column in spec.columns:
        cells = text[column.name]
        if column.dtype == "label":
            bad = cells.str.strip() == ""
            problem = "empty text where a label is required"
        else:
            bad = ~cells.str.fullmatch(_PATTERNS[column.dtype].pattern)
            problem = f"is not {_KIND_TEXT[column.dtype]}"
        if bad.any():
            first = int(np.flatnonzero(bad.to_numpy())[0])
            raise InputError(
                path,
                f"{cells.iloc[first]!r} {problem}" if column.dtype != "label" else problem,
                line=first + 2,
                row=frame["_row"].iloc[first],
                column=column.name,
                text=cells.iloc[first],
            )
        if column.dtype == "month":
            frame[column.name] = pd.to_datetime(cells, format="%Y-%m-%d")
        elif column.dtype == "int":
            frame[column.name] = cells.astype("int64")
        elif column.dtype == "float":
            frame[column.name] = cells.astype("float64")
        else:
            frame[column.name] = cells
    rules = []
    for column in spec.columns:
        if column.dtype == "month":
            frame[column.name] = frame[column.name].astype(pandas_dtype("month"))
            column = replace(column, min=None if column.min is None else pd.Timestamp(column.min))
        rules.append(column)

    def locate(row: pd.Series, column: str) -> tuple[str, str | None]:
        return column, text.loc[int(row["_line"]) - 2, column]

    validate_frame(frame, rules, path, locate, nullable_ints=False)
    duplicated = frame[frame.duplicated(list(spec.key), keep=False)]
    if not duplicated.empty:
        first = duplicated.iloc[0]
        raise InputError(
            path,
            f"the key {list(spec.key)} must be unique; it repeats on lines {duplicated['_line'].tolist()[:5]}",
            line=int(first["_line"]),
            row=first["_row"],
            column=spec.key[0],
            text=str(text.loc[int(first["_line"]) - 2, spec.key[0]]),
        )
    for column in spec.zero_means_missing:
        frame[column] = frame[column].mask(frame[column] == 0)
    for column, values in spec.keep.items():
        frame = frame[frame[column].isin(values)]
        absent = sorted(set(values) - set(frame[column]))
        if absent:
            raise InputError(
                path, f"the declared filter keeps {list(values)} but finds no row for {absent}", column=column
            )
    return frame.reset_index(drop=True)


def read_checked(paths: dict[str, str], config: StatisticalFilesConfig, datapackage: str | Path = DATAPACKAGE):
    """Check every file's md5 against the data package, then read it: file id -> frame."""
    declared = load_statistical_files(datapackage)
    frames = {}
    for file_id, spec in config.files.items():
        if spec.file not in declared:
            raise InputError(str(datapackage), f"{spec.file} is not declared (no md5 recorded)", column="hash")
        verify_checksum(paths[file_id], declared[spec.file])
        frames[file_id] = read_statistical_file(paths[file_id], spec)
    return frames


# --- checks across rows and the processed tables -----------------------------------------------


def _fail_at(path: str, frame: pd.DataFrame, mask: pd.Series, problem: str, column: str) -> None:
    if mask.any():
        first = frame[mask].iloc[0]
        raise InputError(
            path, problem, line=int(first["_line"]), row=first["_row"], column=column, text=str(first[column])
        )


def monthly_remittances(frame: pd.DataFrame, path: str) -> pd.DataFrame:
    """One row per month: inflows (every month) and outflows (where published), dollars and transfers."""
    _fail_at(
        path,
        frame,
        (frame["ID_FLUJO"] == 1) != (frame["FLUJO"] == "Ingresos"),
        "ID_FLUJO 1 must be 'Ingresos' and 2 'Egresos'",
        "FLUJO",
    )
    inflows = frame[frame["ID_FLUJO"] == 1].set_index("PERIODO").sort_index()
    expected = pd.date_range(inflows.index.min(), inflows.index.max(), freq="MS")
    missing = expected.difference(inflows.index)
    if len(missing):
        raise InputError(
            path, "inflows must cover every month without gaps", column="PERIODO", text=str(missing[0].date())
        )
    outflows = frame[frame["ID_FLUJO"] == 2].set_index("PERIODO")
    out = pd.DataFrame(
        {
            "month": inflows.index.strftime("%Y-%m"),
            "year": inflows.index.year.astype("int64"),
            "month_of_year": inflows.index.month.astype("int64"),
            "inflows_usd": inflows["VALOR_USD"].to_numpy(),
            "inflow_transfers": inflows["OPERACIONES"].to_numpy(),
            "outflows_usd": pd.array(outflows["VALOR_USD"].reindex(inflows.index).tolist(), dtype="Int64"),
            "outflow_transfers": pd.array(outflows["OPERACIONES"].reindex(inflows.index).tolist(), dtype="Int64"),
        }
    )
    return out.reset_index(drop=True)


def annual_remittances(monthly: pd.DataFrame) -> pd.DataFrame:
    """Calendar-year inflows, for years with all twelve months only (a partial year is never a year)."""
    grouped = monthly.groupby("year").agg(
        months=("month", "size"), inflows_usd=("inflows_usd", "sum"), inflow_transfers=("inflow_transfers", "sum")
    )
    complete = grouped[grouped["months"] == 12].reset_index()
    return pd.DataFrame(
        {
            "year": complete["year"],
            "inflows_usd_millions": complete["inflows_usd"] / 1e6,
            "inflow_transfers": complete["inflow_transfers"],
            "average_transfer_usd": complete["inflows_usd"] / complete["inflow_transfers"],
        }
    )


def state_remittances(frame: pd.DataFrame, path: str) -> pd.DataFrame:
    """One row per quarter and state, with a check that every quarter has the 32 states, one name each."""
    _fail_at(
        path,
        frame,
        ~frame["PERIODO"].dt.month.isin([1, 4, 7, 10]),
        "a quarter starts in January, April, July or October",
        "PERIODO",
    )
    names = frame.groupby("CVE_ENT")["ENTIDAD"].nunique()
    _fail_at(path, frame, frame["CVE_ENT"].map(names) > 1, "one state code must carry one name", "ENTIDAD")
    counts = frame.groupby("PERIODO")["CVE_ENT"].transform("size")
    _fail_at(path, frame, counts != STATES, f"every quarter must list the {STATES} states", "PERIODO")
    frame = frame.sort_values(["PERIODO", "CVE_ENT"], kind="stable")
    return pd.DataFrame(
        {
            "quarter_start": frame["PERIODO"].dt.strftime("%Y-%m"),
            "year": frame["PERIODO"].dt.year.astype("int64"),
            "quarter": ((frame["PERIODO"].dt.month - 1) // 3 + 1).astype("int64"),
            "state_code": frame["CVE_ENT"],
            "state": frame["ENTIDAD"],
            "value_usd": frame["VALOR_USD"],
        }
    ).reset_index(drop=True)


def monthly_prices(fix: pd.DataFrame, inpc: pd.DataFrame) -> pd.DataFrame:
    """FIX (pesos per dollar, monthly average; empty before November 1991) beside INEGI's INPC."""
    merged = inpc.merge(fix[["PERIODO", "TIPO_CAMBIO"]], on="PERIODO", how="outer", validate="one_to_one")
    merged = merged.sort_values("PERIODO", kind="stable")
    return pd.DataFrame(
        {
            "month": merged["PERIODO"].dt.strftime("%Y-%m"),
            "fix_mxn_per_usd": merged["TIPO_CAMBIO"],
            "inpc_general": merged["GENERAL"],
            "inpc_core": merged["SUBYACENTE"],
            "inpc_non_core": merged["NO_SUBYACENTE"],
        }
    ).reset_index(drop=True)


def gdp_per_head(gdp: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """GDP in current dollars divided by total population, per country and year where both exist."""
    merged = gdp.merge(
        population[["Country Code", "Year", "Value"]],
        on=["Country Code", "Year"],
        how="inner",
        suffixes=("_gdp", "_population"),
        validate="one_to_one",
    ).sort_values(["Country Code", "Year"], kind="stable")
    return pd.DataFrame(
        {
            "country_code": merged["Country Code"],
            "country": merged["Country Name"],
            "year": merged["Year"],
            "gdp_current_usd": merged["Value_gdp"],
            "population": merged["Value_population"].astype("int64"),
            "gdp_per_head_current_usd": merged["Value_gdp"] / merged["Value_population"],
        }
    ).reset_index(drop=True)


def state_totals_by_year(states: pd.DataFrame, monthly: pd.DataFrame) -> pd.DataFrame:
    """Per complete calendar year: the 32 states' sum against the national monthly inflows, in dollars."""
    quarters = states.groupby("year")["quarter"].nunique()
    complete = quarters[quarters == 4].index
    state_sum = states[states["year"].isin(complete)].groupby("year")["value_usd"].sum()
    national = monthly.groupby("year")["inflows_usd"].sum().reindex(state_sum.index)
    return pd.DataFrame(
        {
            "year": state_sum.index.astype("int64"),
            "states_sum_usd": state_sum.to_numpy(),
            "national_usd": national.to_numpy(),
            "difference_usd": (state_sum - national).to_numpy(),
            "tolerance_usd": 4 * STATE_ROUNDING_USD_PER_QUARTER,
        }
    )


def processed_tables(
    paths: dict[str, str], config: StatisticalFilesConfig, datapackage: str | Path = DATAPACKAGE
) -> dict[str, pd.DataFrame]:
    """Every processed table of the statistical files (name in ``config.processed`` -> frame), from the
    files at ``paths``, each checked against its recorded md5 first: what rule ``ingest_statistical_files``
    writes, and what ``verify_processed_tables`` re-derives to compare with it."""
    frames = read_checked(paths, config, datapackage)
    monthly = monthly_remittances(frames["remittances_monthly"], paths["remittances_monthly"])
    return {
        "remittances_monthly": monthly,
        "remittances_annual": annual_remittances(monthly),
        "remittances_by_state": state_remittances(
            frames["remittances_by_state_quarterly"], paths["remittances_by_state_quarterly"]
        ),
        "prices_monthly": monthly_prices(frames["usdmxn_fix_monthly"], frames["inpc_monthly"]),
        "gdp_per_head": gdp_per_head(frames["gdp_current_usd"], frames["population"]),
    }
