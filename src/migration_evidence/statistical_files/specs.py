"""Declarations of the public statistical files (``config/statistical_tables.yaml``), read without
pandas so that the workflow can load them when it starts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..columns import TABLE_SCHEMA_TYPES, Column, read_column
from ..config import load_yaml

DTYPES = ("month", "int", "float", "label")

# What each processed table holds, and the files (ids of config/statistical_tables.yaml) it is made from.
PROCESSED_CONTENT = {
    "remittances_monthly": (
        "family remittances by month: inflows 1995-01 to 2026-05, outflows from 2013, dollars and transfers",
        ("remittances_monthly",),
    ),
    "remittances_annual": (
        "inflows summed over complete calendar years only, USD millions",
        ("remittances_monthly",),
    ),
    "remittances_by_state": (
        "remittances by receiving state and quarter, dollars",
        ("remittances_by_state_quarterly",),
    ),
    "prices_monthly": ("FIX rate (pesos per dollar) and INPC by month", ("usdmxn_fix_monthly", "inpc_monthly")),
    "gdp_per_head": (
        "GDP (current US$), population and GDP per head, Mexico and the United States",
        ("gdp_current_usd", "population"),
    ),
}


@dataclass(frozen=True)
class StatisticalFile:
    id: str
    file: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    zero_means_missing: tuple[str, ...] = ()
    keep: dict[str, tuple[str, ...]] = field(default_factory=dict)
    final_newline: bool = True

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass(frozen=True)
class StatisticalFilesConfig:
    files: dict[str, StatisticalFile]
    processed: dict[str, str]
    findings: str
    constant_price_year: int
    reference_values: dict
    columns: dict[str, tuple[Column, ...]] = field(default_factory=dict)  # of the processed tables

    def paths(self, directory: str | Path) -> dict[str, str]:
        return {file_id: str(Path(directory) / spec.file) for file_id, spec in self.files.items()}


def load_config(path: str | Path = "config/statistical_tables.yaml") -> StatisticalFilesConfig:
    with open(path, encoding="utf-8") as handle:
        doc = load_yaml(handle)
    files = {}
    for file_id, entry in doc["statistical_files"].items():
        unknown = set(entry) - {"file", "columns", "key", "zero_means_missing", "keep", "final_newline"}
        if unknown:
            raise ValueError(f"{path}: {file_id}: unknown keys {sorted(unknown)}")
        columns = tuple(
            read_column(
                rule,
                f"{path}: {file_id}: column {name}",
                keys={"dtype", "min", "max", "allowed"},
                dtypes=DTYPES,
                name=name,
            )
            for name, rule in entry["columns"].items()
        )
        files[file_id] = StatisticalFile(
            id=file_id,
            file=entry["file"],
            columns=columns,
            key=tuple(entry["key"]),
            zero_means_missing=tuple(entry.get("zero_means_missing", [])),
            keep={column: tuple(values) for column, values in entry.get("keep", {}).items()},
            final_newline=bool(entry.get("final_newline", True)),
        )
    return StatisticalFilesConfig(
        files=files,
        processed=dict(doc["processed"]),
        findings=doc["findings"],
        constant_price_year=int(doc["constant_price_year"]),
        reference_values=dict(doc["reference_values"]),
        columns={
            name: tuple(
                read_column(
                    entry,
                    f"{path}: columns of {name}: {column}",
                    keys={"dtype", "unit", "raw", "description"},
                    dtypes=("int", "float", "str"),
                    name=column,
                )
                for column, entry in columns.items()
            )
            for name, columns in doc.get("columns", {}).items()
        },
    )


def dictionary_rows(config: StatisticalFilesConfig, directory: str = "data/raw/statistical_files") -> list[dict]:
    """Rows of the data dictionary for the processed tables made from the statistical files."""
    rows = []
    for name, path in config.processed.items():
        content, file_ids = PROCESSED_CONTENT[name]
        raw_files = [f"{directory}/{config.files[f].file}" for f in file_ids]
        for column in config.columns[name]:
            rows.append(
                {
                    "file": path,
                    "column": column.name,
                    "type": TABLE_SCHEMA_TYPES[column.dtype],
                    "unit": column.unit,
                    "description": column.description,
                    "allowed_range": "",
                    "source_document": "public statistical files listed in data/raw/datapackage.json",
                    "source_table": content,
                    "source_lines": "",
                    "raw_file": "; ".join(raw_files),
                    "printed_column": column.raw,
                    "printed_format": "",
                }
            )
    return rows
