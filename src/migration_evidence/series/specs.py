"""The declaration of the external series (``config/external_series.yaml``), read without pandas.

Kept apart from :mod:`migration_evidence.series.external` so that the workflow can read the
declaration when it starts (to list jobs and outputs) without importing the data libraries; every
name here is also importable from :mod:`migration_evidence.series.external`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..columns import Column, read_column
from ..config import load_yaml
from ..printed.numbers import PrintedFormat


@dataclass(frozen=True)
class RawFileSpec:
    id: str
    path: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    file_sources: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def header(self) -> list[str]:
        return [c.raw for c in self.columns]


@dataclass(frozen=True)
class ProcessedSpec:
    id: str
    path: str
    title: str
    exhibit: str
    raw_files: tuple[str, ...]
    columns: tuple[Column, ...]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ExternalConfig:
    sources: str
    raw_files: dict[str, RawFileSpec]
    processed: dict[str, ProcessedSpec]
    chart_vintage: str
    chart_vintage_reason: str
    nafta_start_year: int
    growth_periods: tuple[dict[str, Any], ...]
    claims: dict[str, dict[str, Any]]
    results: dict[str, dict[str, Any]]

    def raw_paths(self, series_id: str) -> list[str]:
        return [self.raw_files[r].path for r in self.processed[series_id].raw_files]


# What a column of a raw file and of a processed series may declare; the processed series' types.
_RAW_COLUMN_KEYS = {"raw", "format", "allowed", "optional", "source"}
_PROCESSED_COLUMN_KEYS = {"name", "dtype", "raw", "unit", "description", "min", "max", "allowed"}
_DTYPES = ("int", "float", "str")


def load_external_config(path: str | Path = "config/external_series.yaml") -> ExternalConfig:
    """Read and check the external-series declaration."""
    with open(path, encoding="utf-8") as handle:
        doc = load_yaml(handle)
    formats = {name: PrintedFormat.from_mapping(spec) for name, spec in doc["formats"].items()}
    raw_files = {}
    for file_id, entry in doc["raw_files"].items():
        where = f"{path}: raw file {file_id}"
        columns = [read_column(c, where, keys=_RAW_COLUMN_KEYS, dtypes=(), formats=formats) for c in entry["columns"]]
        header = [c.raw for c in columns]
        for key in entry["key"]:
            if key not in header:
                raise ValueError(f"{path}: raw file {file_id}: key column {key!r} is not a column")
        raw_files[file_id] = RawFileSpec(
            id=file_id,
            path=entry["path"],
            key=tuple(entry["key"]),
            columns=tuple(columns),
            file_sources={k: tuple(v) for k, v in entry.get("file_sources", {}).items()},
        )
    processed = {}
    base_keys = {"path", "title", "exhibit", "raw_files", "columns"}
    for series_id, entry in doc["processed"].items():
        columns = [
            read_column(col, f"{path}: {series_id}.{col.get('name')}", keys=_PROCESSED_COLUMN_KEYS, dtypes=_DTYPES)
            for col in entry["columns"]
        ]
        for file_id in entry["raw_files"]:
            if file_id not in raw_files:
                raise ValueError(f"{path}: {series_id}: unknown raw file {file_id!r}")
        processed[series_id] = ProcessedSpec(
            id=series_id,
            path=entry["path"],
            title=entry["title"],
            exhibit=entry["exhibit"],
            raw_files=tuple(entry["raw_files"]),
            columns=tuple(columns),
            extra={k: v for k, v in entry.items() if k not in base_keys},
        )
    return ExternalConfig(
        sources=doc["sources"],
        raw_files=raw_files,
        processed=processed,
        chart_vintage=doc["chart_vintage"],
        chart_vintage_reason=" ".join(doc["chart_vintage_reason"].split()),
        nafta_start_year=int(doc["nafta_start_year"]),
        growth_periods=tuple(doc["growth_periods"]),
        claims=dict(doc["claims"]),
        results=dict(doc["results"]),
    )
