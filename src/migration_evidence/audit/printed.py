"""Printed cells: a raw table read through the clean stage's own steps, each cell with its text,
exact value and printed decimals, as the audit's checks and the claims' formulas address them."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import pandas as pd

from ..printed.clean import apply_corrections, check_shape, parse_cells
from ..printed.numbers import parse_printed_number
from ..printed.specs import TableSpec
from ..raw_csv import RawTable, read_csv_strict
from .formulas import FormulaError
from .intervals import Interval, to_fraction

AUDIT_KEYS = {
    "transcription",
    "exact",
    "sums",
    "shares",
    "averages",
    "parts",
    "not_additive",
    "at_most",
    "fixed",
    "growth_rates",
    "partial_periods",
    "per_unit_ranges",
}


@dataclass(frozen=True)
class PrintedCell:
    """One printed number: where it is, its text as printed (after registered corrections), its
    exact value and its printed decimals."""

    table: str
    path: str
    line: int
    row: str
    column: str  # processed name, as formulas address it
    raw_column: str
    text: str
    value: Fraction
    decimals: int
    rounded: bool  # a rounded measure (share, average) rather than an exact count or amount

    @property
    def interval(self) -> Interval:
        """The cell as an input: its rounding if it is a rounded measure, exact otherwise."""
        if self.rounded:
            return Interval.rounded(self.value, self.decimals)
        return Interval.exact(self.value)

    @property
    def printed(self) -> Interval:
        """The cell as a printed value under audit: half a unit of its last printed digit."""
        return Interval.rounded(self.value, self.decimals)

    def ref(self) -> str:
        return f"{self.table}[{self.row}, {self.column}]={self.text!r}"


@dataclass
class PrintedTable:
    spec: TableSpec
    path: str
    raw: RawTable  # as in the file, before corrections
    detail_rows: list[str]
    total_row: str | None
    cells: dict[tuple[str, str], PrintedCell]
    aliases: dict[str, str]  # printed row key -> row label

    def cell(self, row: str, column: str) -> PrintedCell:
        label = self.aliases.get(row, row)
        try:
            return self.cells[(label, column)]
        except KeyError:
            rows = [*self.detail_rows, *([self.total_row] if self.total_row else [])]
            columns = sorted({c for _, c in self.cells})
            raise FormulaError(
                f"no cell ({row!r}, {column!r}) in {self.spec.id}; rows {rows}, columns {columns}"
            ) from None

    def column_cells(self, column: str) -> list[PrintedCell]:
        return [self.cell(row, column) for row in self.detail_rows]

    def total_cell(self, column: str) -> PrintedCell:
        if self.total_row is None:
            raise FormulaError(f"{self.spec.id} prints no total row")
        return self.cell(self.total_row, column)


def audit_block(spec: TableSpec) -> dict[str, Any]:
    """The table's ``audit:`` declaration, checked against its columns."""
    block = spec.extra.get("audit", {}) or {}
    where = f"config/tables.yaml: table {spec.id}: audit"
    unknown = set(block) - AUDIT_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    numeric = {c.name for c in spec.columns[1:]}

    def known(name: str) -> str:
        if name not in numeric:
            raise ValueError(f"{where}: unknown column {name!r} (columns: {sorted(numeric)})")
        return name

    for name in block.get("exact", []) + block.get("sums", []) + block.get("not_additive", []):
        known(name)
    for entry in block.get("shares", []):
        known(entry["column"]), known(entry["part"])
        if "whole" in entry:
            known(entry["whole"])
    for entry in block.get("averages", []):
        known(entry["column"]), known(entry["numerator"]), known(entry["denominator"])
    for entry in block.get("parts", []):
        known(entry["whole"]), [known(p) for p in entry["parts"]]
    for entry in block.get("at_most", []):
        known(entry["column"]), known(entry["bound"])
    for entry in block.get("fixed", []):
        known(entry["column"])
        if str(entry["row"]) not in spec.rows:
            raise ValueError(f"{where}: unknown row {entry['row']!r}")

    def known_row(row: object) -> str:
        if (
            str(row) not in spec.rows
            and f"{row}*" not in spec.rows
            and str(row) not in {str(r).rstrip("*") for r in spec.rows}
        ):
            raise ValueError(f"{where}: unknown row {row!r}")
        return str(row)

    for entry in block.get("growth_rates", []):
        known_row(entry["rate_row"]), known_row(entry["level_row"]), known(entry["start"]), known(entry["end"])
    for entry in block.get("partial_periods", []):
        known_row(entry["row"]), known_row(entry["compare_with"]), [known(c) for c in entry["columns"]]
    for entry in block.get("per_unit_ranges", []):
        known_row(entry["row"]), known(entry["numerator"]), known(entry["denominator"])
        [known_row(r) for r in entry["reference_rows"]]
    if len(spec.total_rows) > 1:
        raise ValueError(f"{where}: at most one total row is supported")
    return block


def load_printed_table(
    spec: TableSpec, raw_path: str, corrections: pd.DataFrame, corrections_path: str
) -> PrintedTable:
    """Read a raw table through the clean stage's own steps (strict reading, shape check,
    registered corrections, declared formats), keeping each cell's text and printed decimals."""
    raw = read_csv_strict(raw_path)
    check_shape(raw, spec)
    corrected = apply_corrections(raw, spec, corrections, corrections_path)
    parsed = parse_cells(corrected, spec)
    exact_columns = set(audit_block(spec).get("exact", []))
    key = spec.columns[0]
    detail_rows: list[str] = []
    total_row: str | None = None
    cells: dict[tuple[str, str], PrintedCell] = {}
    aliases: dict[str, str] = {}
    for printed_key, (_, record) in zip([r[0] for r in raw.rows], parsed.iterrows(), strict=True):
        if record["row_type"] == "total":
            label = str(record["_row"]).strip()
            total_row = label
        elif key.format.kind == "label":
            label = str(record[key.name])
        else:
            label = str(int(record[key.name]))
        if record["row_type"] != "total":
            detail_rows.append(label)
        aliases[printed_key] = label
        for col in spec.columns[1:]:
            text = record[f"_text:{col.name}"]
            number = parse_printed_number(text, col.format)
            cells[(label, col.name)] = PrintedCell(
                table=spec.id,
                path=raw.path,
                line=int(record["_line"]),
                row=label,
                column=col.name,
                raw_column=col.raw,
                text=text,
                value=to_fraction(number.value),
                decimals=number.decimals,
                rounded=col.name not in exact_columns,
            )
    return PrintedTable(spec, raw.path, raw, detail_rows, total_row, cells, aliases)
