"""The declared structure of the printed tables (``config/tables.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..columns import Column, read_column
from ..config import load_yaml
from .numbers import PrintedFormat

DEFAULT_SPEC_PATH = Path("config/tables.yaml")


@dataclass(frozen=True)
class TableSpec:
    id: str
    document: str
    printed_table: str
    title: str
    source_note: str
    raw: str
    excerpt: str
    lines: tuple[int, int]
    processed: str
    row_key: str
    rows: tuple[str, ...]
    total_rows: tuple[str, ...]
    columns: tuple[Column, ...]
    markers: dict[str, dict[str, Any]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    processed_columns: tuple[Column, ...] = ()

    @property
    def raw_columns(self) -> list[str]:
        return [c.raw for c in self.columns]

    def column(self, raw: str) -> Column:
        for col in self.columns:
            if col.raw == raw:
                return col
        raise KeyError(raw)

    @property
    def output_columns(self) -> tuple[Column, ...]:
        """Columns of the processed table, in order."""
        if self.processed_columns:
            return self.processed_columns
        cols = list(self.columns)
        key = cols[0]
        row_type = Column(
            name="row_type",
            dtype="str",
            format=PrintedFormat("label"),
            description="'detail' for a printed category row, 'total' for the printed total row",
            allowed=("detail", "total"),
        )
        notes = []
        if self.markers:
            notes.append(
                Column(
                    name="footnote",
                    dtype="str",
                    format=PrintedFormat("label"),
                    description="Meaning of a footnote marker printed in the row, empty if none",
                )
            )
        return tuple([key, row_type, *cols[1:], *notes])


_COLUMN_KEYS = {"raw", "name", "format", "dtype", "unit", "description", "min", "max", "allowed"}
_TABLE_KEYS = {
    "document",
    "printed_table",
    "title",
    "source_note",
    "raw",
    "excerpt",
    "lines",
    "processed",
    "row_key",
    "rows",
    "total_rows",
    "columns",
    "markers",
    "processed_columns",
}


def _column(entry: dict[str, Any], formats: dict[str, PrintedFormat], where: str) -> Column:
    return read_column(
        entry, where, keys=_COLUMN_KEYS, dtypes=("str", "int", "float"), formats=formats, default_format="label"
    )


def load_specs(path: str | Path = DEFAULT_SPEC_PATH) -> dict[str, TableSpec]:
    """Load and check every table declaration."""
    with open(path, encoding="utf-8") as handle:
        doc = load_yaml(handle)
    formats = {name: PrintedFormat.from_mapping(spec) for name, spec in doc["formats"].items()}
    specs: dict[str, TableSpec] = {}
    for table_id, entry in doc["tables"].items():
        where = f"{path}: table {table_id}"
        known = {k: v for k, v in entry.items() if k in _TABLE_KEYS}
        extra = {k: v for k, v in entry.items() if k not in _TABLE_KEYS}
        columns = tuple(_column(c, formats, where) for c in known["columns"])
        if columns[0].raw != known["row_key"]:
            raise ValueError(f"{where}: the first column must be the row key")
        processed = tuple(_column({**c, "format": "label"}, formats, where) for c in known.get("processed_columns", []))
        specs[table_id] = TableSpec(
            id=table_id,
            document=known["document"],
            printed_table=known["printed_table"],
            title=known["title"],
            source_note=known["source_note"],
            raw=known["raw"],
            excerpt=known["excerpt"],
            lines=tuple(known["lines"]),
            processed=known["processed"],
            row_key=known["row_key"],
            rows=tuple(str(r) for r in known["rows"]),
            total_rows=tuple(str(r) for r in known.get("total_rows", [])),
            columns=columns,
            markers=dict(known.get("markers", {})),
            extra=extra,
            processed_columns=processed,
        )
    return specs
