"""Source audit: every total, share, average and ratio the documents print, recomputed from the
printed cells, and every number the prose states, checked against the tables and the other numbers
it implies.

Three families of checks:

- transcription: each raw row, cell by cell, is the verbatim line of the document excerpt it was
  typed from (so a changed raw cell is caught even where no arithmetic touches it);
- table checks, generated from the ``audit:`` block each table declares in ``config/tables.yaml``
  (sums to the total row, shares, averages, parts of a whole, counts that do not add up across
  rows, bounds and definitional values);
- claims: each row of ``data/raw/claims.csv`` (see :mod:`migration_evidence.claims`), and each
  comparison of the documents' statements about remittances with Banco de México's series
  (``data/raw/remittance_claims.csv``, compared by the ``remittance_claims`` rule; see
  :func:`series_claim_checks`).

Tolerance policy. A printed (or stated) number is judged with half a unit of its last printed digit,
the decimals being those of the printed text (``parse_printed_number(...).decimals``). Inputs of a
recomputation that are themselves rounded (printed shares and averages, rounded prose numbers)
carry their own rounding into the recomputed value (interval arithmetic, see
:mod:`migration_evidence.intervals`); counts and money amounts are taken as exact. Verdicts:

- ``exact``: the recomputed value equals the printed one;
- ``within_rounding``: they differ by no more than the tolerance;
- ``consistent``: a bound the source states or implies ("more than forty projects", parts no larger
  than their whole) holds;
- ``discrepancy``: anything else. A discrepancy must be explained, with its printed and recomputed
  values, in ``data/raw/known_discrepancies.csv``; an unexplained one, or a registered one that no
  longer occurs as recorded, stops the build with the file, row and column concerned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd

from .claims import Claim, read_claims
from .errors import InputError
from .formulas import FormulaError
from .intervals import Interval, to_fraction, total
from .printed.clean import RawTable, apply_corrections, check_shape, parse_cells, read_corrections, read_csv_strict
from .printed.numbers import parse_printed_number
from .printed.specs import TableSpec
from .series.external import AGREES, DISAGREES
from .series.external import read_claims as read_series_claims

VERDICTS = ("exact", "within_rounding", "consistent", "discrepancy")
VERDICT_LABELS = {
    "exact": "exact",
    "within_rounding": "within printed rounding",
    "consistent": "consistent (bounds that hold)",
    "discrepancy": "discrepancies",
}
KNOWN_COLUMNS = ["check_id", "printed", "recomputed", "explanation"]
RESULT_COLUMNS = [
    "check_id",
    "source",
    "kind",
    "file",
    "line",
    "row",
    "column",
    "cells_used",
    "printed_text",
    "printed",
    "recomputed",
    "difference",
    "tolerance",
    "relation",
    "verdict",
    "relative_difference",
    "explanation",
]
AUDIT_KEYS = {"transcription", "exact", "sums", "shares", "averages", "parts", "not_additive", "at_most", "fixed"}


class AuditError(Exception):
    """The audit found problems: unexplained discrepancies or a stale register."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) found by the source audit:\n{lines}")


# Printed cells ----------------------------------------------------------------------------------


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


# Checks and verdicts ----------------------------------------------------------------------------


@dataclass
class Check:
    check_id: str
    source: str
    kind: str
    file: str
    line: int | None
    row: str
    column: str
    cells_used: str
    printed_text: str
    printed: str
    recomputed: str
    difference: str
    tolerance: str
    relation: str
    verdict: str
    explanation: str
    relative_difference: float | None = None
    files_used: tuple[str, ...] = field(default_factory=tuple)
    registered: str = ""  # the explanation data/raw/known_discrepancies.csv gives for a discrepancy

    def record(self) -> dict[str, Any]:
        record = {name: getattr(self, name) for name in RESULT_COLUMNS}
        record["explanation"] = self.full_explanation
        return record

    @property
    def full_explanation(self) -> str:
        return ". ".join(x for x in [self.explanation, self.registered] if x)


def _format(x: Fraction, places: int, keep: int) -> str:
    """Fixed-point text of an exact number: ``places`` decimals, trailing zeros dropped down to
    ``keep`` decimals."""
    quantum = Decimal(1).scaleb(-places)
    text = format((Decimal(x.numerator) / Decimal(x.denominator)).quantize(quantum, rounding=ROUND_HALF_EVEN), "f")
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0")
        frac = frac + "0" * max(0, keep - len(frac))
        text = f"{whole}.{frac}" if frac else whole
    return "0" if text in {"-0", "-0."} else text


def judge(printed: Interval, recomputed: Interval, relation: str) -> tuple[str, Fraction, Fraction]:
    """Verdict, signed difference (printed - recomputed) and tolerance for one comparison."""
    difference = printed.point - recomputed.point
    tolerance = printed.radius + recomputed.radius
    if relation == "=":
        if difference == 0:
            return "exact", difference, tolerance
        return ("within_rounding" if abs(difference) <= tolerance else "discrepancy"), difference, tolerance
    holds = {
        "<": difference < tolerance,
        "<=": difference <= tolerance,
        ">": difference > -tolerance,
        ">=": difference >= -tolerance,
    }[relation]
    if not holds:
        return "discrepancy", difference, tolerance
    return ("exact" if difference == 0 else "consistent"), difference, tolerance


def numeric_check(
    *,
    check_id: str,
    source: str,
    kind: str,
    file: str,
    line: int | None,
    row: str,
    column: str,
    used: list[PrintedCell],
    printed_text: str,
    printed: Interval,
    decimals: int,
    recomputed: Interval,
    relation: str,
    explanation: str,
    scale: int = 1,
    extra_files: tuple[str, ...] = (),
) -> Check:
    verdict, difference, tolerance = judge(printed, recomputed, relation)
    places = decimals + 4
    # Show enough decimals that a recomputed value which is not exactly the printed one never looks equal to it.
    while places < decimals + 12 and difference and _format(difference / scale, places, 0) in {"0", "-0"}:
        places += 1
    show = lambda x: _format(x / scale, places, decimals)  # noqa: E731
    relative = float(abs(difference) / abs(recomputed.point)) if recomputed.point and relation == "=" else None
    return Check(
        check_id=check_id,
        source=source,
        kind=kind,
        file=file,
        line=line,
        row=row,
        column=column,
        cells_used="; ".join(c.ref() for c in used),
        printed_text=printed_text,
        printed=show(printed.point),
        recomputed=show(recomputed.point),
        difference=show(difference),
        tolerance=_format(tolerance / scale, places, 0),
        relation=relation,
        verdict=verdict,
        explanation=explanation,
        relative_difference=relative,
        files_used=tuple(dict.fromkeys([*(c.path for c in used), *extra_files])),
    )


def _cell_check(
    table: PrintedTable,
    cell: PrintedCell,
    check: str,
    used: list[PrintedCell],
    recomputed: Interval,
    explanation: str,
    relation: str = "=",
) -> Check:
    return numeric_check(
        check_id=f"{table.spec.id}:{check}:{cell.row}:{cell.column}",
        source=table.spec.id,
        kind=check,
        file=table.path,
        line=cell.line,
        row=cell.row,
        column=cell.raw_column,
        used=used,
        printed_text=cell.text,
        printed=cell.printed,
        decimals=cell.decimals,
        recomputed=recomputed,
        relation=relation,
        explanation=explanation,
    )


def transcription_checks(table: PrintedTable, excerpt_path: str) -> list[Check]:
    """Each raw row, its cells joined by spaces, must be a line of the verbatim excerpt."""
    excerpt = Path(excerpt_path).read_text(encoding="utf-8").splitlines()
    stripped = [line.strip() for line in excerpt]
    first_document_line = table.spec.lines[0]
    checks = []
    for record, line in zip(table.raw.rows, table.raw.lines, strict=True):
        joined = " ".join(record)
        key = record[0]
        check_id = f"{table.spec.id}:transcription:{table.aliases.get(key, key)}"
        if joined in stripped:
            k = stripped.index(joined)
            where = f"{excerpt_path} line {k + 1} (document line {first_document_line + k})"
            checks.append(
                Check(
                    check_id,
                    table.spec.id,
                    "transcription",
                    table.path,
                    line,
                    key,
                    table.spec.row_key,
                    f"{len(record)} cells",
                    joined,
                    excerpt[k].strip(),
                    joined,
                    "",
                    "0",
                    "=",
                    "exact",
                    f"the cells, joined by spaces, are {where}",
                    None,
                    (table.path,),
                )
            )
            continue
        # Locate the cell that differs: the excerpt line that starts with the row key.
        column, text, expected = table.spec.row_key, key, "no excerpt line starts with this row key"
        candidates = [s for s in stripped if s.startswith(key + " ")]
        if candidates:
            rest = candidates[0][len(key) + 1 :]
            expected = candidates[0]
            for col, cell in zip(table.spec.raw_columns[1:], record[1:], strict=True):
                if rest.startswith(cell) and (len(rest) == len(cell) or rest[len(cell)] == " "):
                    rest = rest[len(cell) + 1 :]
                    continue
                column, text = col, cell
                break
        checks.append(
            Check(
                check_id,
                table.spec.id,
                "transcription",
                table.path,
                line,
                key,
                column,
                f"{len(record)} cells",
                text,
                expected,
                joined,
                "",
                "0",
                "=",
                "discrepancy",
                f"the row differs from the verbatim excerpt {excerpt_path} in column {column!r}",
                None,
                (table.path,),
            )
        )
    return checks


def table_checks(table: PrintedTable) -> list[Check]:
    """The checks a table's ``audit:`` block declares."""
    block = audit_block(table.spec)
    checks: list[Check] = []
    detail = table.detail_rows
    n = len(detail)
    has_total = table.total_row is not None

    for column in block.get("sums", []):
        if not has_total:
            raise ValueError(f"{table.spec.id}: sums declared but no total row")
        cells = table.column_cells(column)
        checks.append(
            _cell_check(
                table,
                table.total_cell(column),
                "sum",
                cells,
                total([c.interval for c in cells]),
                f"sum of the {n} rows above the total",
            )
        )

    for entry in block.get("shares", []):
        column, part, whole = entry["column"], entry["part"], entry.get("whole")
        if whole is None:
            base = table.total_cell(part)
            for row in [*detail, table.total_row]:
                cell, p = table.cell(row, column), table.cell(row, part)
                checks.append(
                    _cell_check(
                        table,
                        cell,
                        "share",
                        [p, base],
                        p.interval * 100 / base.interval,
                        f"100 x {part} / {part} of the total row",
                    )
                )
            continue
        for row in detail:
            cell, p, w = table.cell(row, column), table.cell(row, part), table.cell(row, whole)
            checks.append(
                _cell_check(table, cell, "share", [p, w], p.interval * 100 / w.interval, f"100 x {part} / {whole}")
            )
        checks += _total_row_mean_checks(table, entry, "share", part, whole)

    for entry in block.get("averages", []):
        column, num, den = entry["column"], entry["numerator"], entry["denominator"]
        for row in detail:
            cell, a, b = table.cell(row, column), table.cell(row, num), table.cell(row, den)
            checks.append(_cell_check(table, cell, "average", [a, b], a.interval / b.interval, f"{num} / {den}"))
        checks += _total_row_mean_checks(table, entry, "average", num, den)

    for entry in block.get("parts", []):
        whole, parts = entry["whole"], entry["parts"]
        for row in [*detail, *([table.total_row] if has_total else [])]:
            w = table.cell(row, whole)
            used = [table.cell(row, p) for p in parts]
            summed = total([c.interval for c in used])
            remainder = w.value - summed.point
            share = _format(100 * remainder / w.value, 1, 1) if w.value else "0"
            text = f"{' + '.join(parts)} = {_format(summed.point, w.decimals, w.decimals)}, no more than {whole}"
            if remainder > 0:
                text += (
                    f"; the remaining {_format(remainder, w.decimals, w.decimals)} ({share}% of {whole}) "
                    "is accounted for by no printed column"
                )
            checks.append(_cell_check(table, w, "parts", used, summed, text, relation=">="))

    for column in block.get("not_additive", []):
        checks.append(_not_additive_check(table, column))

    for entry in block.get("at_most", []):
        column, bound = entry["column"], entry["bound"]
        for row in detail:
            cell, b = table.cell(row, column), table.cell(row, bound)
            checks.append(
                _cell_check(
                    table, cell, "at_most", [b], b.interval, f"no more than {bound}: {entry['reason']}", relation="<="
                )
            )

    for entry in block.get("fixed", []):
        cell = table.cell(str(entry["row"]), entry["column"])
        checks.append(
            _cell_check(
                table, cell, "fixed", [], Interval.exact(Fraction(Decimal(str(entry["value"])))), entry["reason"]
            )
        )
    return checks


def _total_row_mean_checks(table: PrintedTable, entry: dict, kind: str, num: str, den: str) -> list[Check]:
    """The total row of a share or average column: the ratio of the column totals (weighted) and/or
    the plain mean of the printed rows (unweighted), as declared."""
    if table.total_row is None:
        return []
    column = entry["column"]
    cell = table.total_cell(column)
    a, b = table.total_cell(num), table.total_cell(den)
    factor = 100 if kind == "share" else 1
    rows = table.column_cells(column)
    checks = []
    for mean in entry.get("total_row", ["weighted"]):
        if mean == "weighted":
            checks.append(
                _cell_check(
                    table,
                    cell,
                    f"{kind}_weighted",
                    [a, b],
                    a.interval * factor / b.interval,
                    f"{'100 x ' if factor == 100 else ''}{num} / {den} of the total row "
                    "(the mean weighted by the rows' sizes)",
                )
            )
        elif mean == "unweighted":
            checks.append(
                _cell_check(
                    table,
                    cell,
                    f"{kind}_unweighted",
                    rows,
                    total([c.interval for c in rows]) / len(rows),
                    f"unweighted mean of the {len(rows)} printed rows of {column}",
                )
            )
        else:
            raise ValueError(f"{table.spec.id}: total_row must list 'weighted' and/or 'unweighted', not {mean!r}")
    return checks


def _not_additive_check(table: PrintedTable, column: str) -> Check:
    """A count that is not additive across rows (municipalities with projects in each year): a
    total of distinct units lies between the largest row and the sum of the rows. A total equal to
    the sum counts a unit present in several rows once per row."""
    cell = table.total_cell(column)
    rows = table.column_cells(column)
    upper = total([c.interval for c in rows])
    lower = max(c.value for c in rows)
    base = _cell_check(table, cell, "not_additive", rows, upper, "")
    value = cell.value
    nonzero = sum(1 for c in rows if c.value)
    if value == upper.point and nonzero > 1:
        base.verdict = "discrepancy"
        base.explanation = (
            f"the printed total equals the sum of the {len(rows)} rows: a count that is not additive "
            "across rows was added up, so a unit present in several rows is counted once per row"
        )
    elif lower <= value < upper.point:
        base.verdict = "consistent"
        base.explanation = (
            f"not additive across rows: a count of distinct units must lie between the largest row "
            f"({_format(lower, 0, 0)}) and the sum of the rows ({_format(upper.point, 0, 0)}); it does"
        )
    else:
        base.verdict = "discrepancy"
        base.explanation = (
            f"not additive across rows: a count of distinct units must lie between the largest row "
            f"({_format(lower, 0, 0)}) and the sum of the rows ({_format(upper.point, 0, 0)})"
        )
    base.relative_difference = None
    return base


# Claims -----------------------------------------------------------------------------------------


class ClaimContext:
    """What claim formulas may refer to, recording every printed cell they read."""

    def __init__(self, tables: dict[str, PrintedTable], claims: dict[str, Claim]) -> None:
        self.tables = tables
        self.claims = claims
        self.used: list[PrintedCell] = []

    def _table(self, table: str) -> PrintedTable:
        if table not in self.tables:
            raise FormulaError(f"unknown table {table!r} (tables: {sorted(self.tables)})")
        return self.tables[table]

    def cell(self, table: str, row: str, column: str) -> Interval:
        cell = self._table(table).cell(row, column)
        self.used.append(cell)
        return cell.interval

    def column(self, table: str, column: str) -> list[Interval]:
        cells = self._table(table).column_cells(column)
        self.used.extend(cells)
        return [c.interval for c in cells]

    def total(self, table: str, column: str) -> Interval:
        cell = self._table(table).total_cell(column)
        self.used.append(cell)
        return cell.interval

    def claim(self, claim_id: str) -> Interval:
        if claim_id not in self.claims:
            raise FormulaError(f"unknown claim {claim_id!r}")
        return self.claims[claim_id].value


def claim_checks(claims: list[Claim], tables: dict[str, PrintedTable], claims_path: str) -> list[Check]:
    by_id = {c.claim_id: c for c in claims}
    checks = []
    for claim in claims:
        context = ClaimContext(tables, by_id)
        try:
            recomputed = claim.formula.evaluate(context)
        except FormulaError as exc:
            raise InputError(
                claims_path,
                f"the formula cannot be evaluated: {exc}",
                line=claim.line,
                row=claim.claim_id,
                column="formula",
                text=claim.formula.text,
            ) from None
        referenced = [args[0] for f, args in claim.formula.references() if f == "claim"]
        used_cells = list(dict.fromkeys(context.used))
        check = numeric_check(
            check_id=f"claim:{claim.claim_id}",
            source=claim.claim_id,
            kind="claim",
            file=claims_path,
            line=claim.line,
            row=claim.claim_id,
            column="stated",
            used=used_cells,
            printed_text=claim.stated_text,
            printed=claim.printed,
            decimals=claim.decimals,
            recomputed=recomputed,
            relation=claim.relation,
            explanation=f"{claim.where}: {claim.note}",
            scale=claim.multiplier,
        )
        if referenced:
            refs = "; ".join(f"{r}={by_id[r].stated_text}" for r in referenced)
            check.cells_used = "; ".join(x for x in [check.cells_used, f"claims: {refs}"] if x)
        checks.append(check)
    return checks


# The register of known discrepancies ------------------------------------------------------------


@dataclass(frozen=True)
class SeriesClaim:
    """A statement about remittances that is compared with a public series, not with a printed table."""

    claim_id: str
    document: str
    lines: tuple[int, int]
    quote: str
    stated_text: str
    unit: str
    line: int  # line of data/raw/remittance_claims.csv


SERIES_RESULT_COLUMNS = [
    "claim_id",
    "document",
    "lines",
    "stated_text",
    "stated_value",
    "unit",
    "comparison",
    "recomputed_value",
    "accepted_low",
    "accepted_high",
    "verdict",
    "explanation",
]


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_")


def series_claim_checks(results_path: str, register_path: str) -> tuple[list[Check], dict[str, SeriesClaim]]:
    """One audit check per comparison of a statement about remittances with Banco de México's series.

    The comparisons are made by the ``remittance_claims`` rule (``results_path``, from the register
    ``register_path``); here each becomes a check like any other, so a statement that does not agree with
    the series must be explained in the known-discrepancies register. The accepted range is re-applied to
    the recomputed value rather than trusted from the verdict column, and the two must agree.
    """
    register = read_series_claims(register_path)
    claims = {
        r["claim_id"]: SeriesClaim(
            claim_id=r["claim_id"],
            document=r["document"],
            lines=(int(r["first_line"]), int(r["last_line"])),
            quote=r["quote"],
            stated_text=r["stated_text"],
            unit=r["unit"],
            line=int(r["_line"]),
        )
        for _, r in register.iterrows()
    }
    raw = read_csv_strict(results_path)
    if raw.header != SERIES_RESULT_COLUMNS:
        raise InputError(results_path, f"header must be {SERIES_RESULT_COLUMNS}", line=1, text=",".join(raw.header))
    checks = []
    for record, line in zip(raw.rows, raw.lines, strict=True):
        row = dict(zip(raw.header, record, strict=True))
        claim = claims.get(row["claim_id"])
        if claim is None:
            raise InputError(
                results_path, f"no such claim in {register_path}", line=line, row=row["claim_id"], column="claim_id"
            )
        numbers = {}
        for name in ("stated_value", "recomputed_value", "accepted_low", "accepted_high"):
            try:
                numbers[name] = Fraction(Decimal(row[name]))
            except (InvalidOperation, ValueError):
                raise InputError(
                    results_path, "not a number", line=line, row=row["claim_id"], column=name, text=row[name]
                ) from None
        stated, recomputed = numbers["stated_value"], numbers["recomputed_value"]
        low, high = numbers["accepted_low"], numbers["accepted_high"]
        agrees = low <= recomputed <= high
        if row["verdict"] != (AGREES if agrees else DISAGREES):
            raise InputError(
                results_path,
                f"verdict does not follow from the accepted range {row['accepted_low']} to {row['accepted_high']}",
                line=line,
                row=row["claim_id"],
                column="verdict",
                text=row["verdict"],
            )
        difference = stated - recomputed
        verdict = "exact" if difference == 0 else ("within_rounding" if agrees else "discrepancy")
        checks.append(
            Check(
                check_id=f"series_claim:{claim.claim_id}:{_slug(row['comparison'])}",
                source=claim.claim_id,
                kind="series_claim",
                file=register_path,
                line=claim.line,
                row=claim.claim_id,
                column="stated_value",
                cells_used=f"{results_path}: {row['comparison']}",
                printed_text=claim.stated_text,
                printed=_format(stated, 4, 0),
                recomputed=_format(recomputed, 4, 0),
                difference=_format(difference, 4, 0),
                tolerance=_format((high - low) / 2, 4, 0),
                relation="=",
                verdict=verdict,
                explanation=f"{row['comparison']}: {row['explanation']}",
                relative_difference=float(abs(difference) / abs(recomputed)) if recomputed else None,
                files_used=(register_path, results_path),
            )
        )
    return checks, claims


@dataclass(frozen=True)
class KnownDiscrepancy:
    check_id: str
    printed: str
    recomputed: str
    explanation: str
    line: int


def read_known_discrepancies(path: str | Path) -> dict[str, KnownDiscrepancy]:
    path = str(path)
    raw = read_csv_strict(path)
    if raw.header != KNOWN_COLUMNS:
        raise InputError(path, f"header must be {KNOWN_COLUMNS}", line=1, text=",".join(raw.header))
    known: dict[str, KnownDiscrepancy] = {}
    for record, line in zip(raw.rows, raw.lines, strict=True):
        entry = KnownDiscrepancy(*record, line=line)
        for name, value in zip(KNOWN_COLUMNS, record, strict=True):
            if not value.strip():
                raise InputError(
                    path, "every registered discrepancy needs a value here", line=line, row=entry.check_id, column=name
                )
        if entry.check_id in known:
            raise InputError(
                path, "check registered twice", line=line, row=entry.check_id, column="check_id", text=entry.check_id
            )
        known[entry.check_id] = entry
    return known


def _problem(check: Check, problem: str) -> str:
    others = [f for f in check.files_used if f != check.file]
    if others:
        problem += f" (cells read from {', '.join(others)})"
    return str(
        InputError(check.file, problem, line=check.line, row=check.row, column=check.column, text=check.printed_text)
    )


def reconcile(checks: list[Check], known: dict[str, KnownDiscrepancy], known_path: str) -> list[str]:
    """Attach registered explanations; return every unexplained or stale discrepancy as a message."""
    problems = []
    produced = {c.check_id: c for c in checks}
    for check in checks:
        if check.verdict != "discrepancy":
            continue
        entry = known.get(check.check_id)
        if check.kind == "transcription":
            problems.append(_problem(check, f"{check.explanation}; the excerpt reads {check.printed!r}"))
            continue
        if entry is None and check.kind == "not_additive":
            problems.append(
                _problem(
                    check,
                    f"audit check {check.check_id}: printed {check.printed}, sum of the rows {check.recomputed}: "
                    f"{check.explanation}; not explained in {known_path}",
                )
            )
        elif entry is None:
            problems.append(
                _problem(
                    check,
                    f"audit check {check.check_id}: printed {check.printed}, recomputed {check.recomputed} "
                    f"({check.explanation}); difference {check.difference} beyond the tolerance {check.tolerance} "
                    f"(relation {check.relation!r}), and not explained in {known_path}",
                )
            )
        elif (entry.printed, entry.recomputed) != (check.printed, check.recomputed):
            problems.append(
                _problem(
                    check,
                    f"audit check {check.check_id}: printed {check.printed}, recomputed {check.recomputed}, but "
                    f"{known_path} line {entry.line} explains printed {entry.printed}, recomputed {entry.recomputed}",
                )
            )
        else:
            check.registered = entry.explanation
    for entry in known.values():
        check = produced.get(entry.check_id)
        if check is None:
            problems.append(
                str(
                    InputError(
                        known_path,
                        "no audit check has this id",
                        line=entry.line,
                        row=entry.check_id,
                        column="check_id",
                        text=entry.check_id,
                    )
                )
            )
        elif check.verdict != "discrepancy":
            problems.append(
                str(
                    InputError(
                        known_path,
                        f"stale entry: the discrepancy no longer occurs (verdict now {check.verdict}: printed "
                        f"{check.printed}, recomputed {check.recomputed} at {check.file}, row {check.row!r}, "
                        f"column {check.column!r}); remove it from the register",
                        line=entry.line,
                        row=entry.check_id,
                        column="check_id",
                        text=entry.check_id,
                    )
                )
            )
    return problems


# The whole audit --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditResult:
    checks: list[Check]
    claims: list[Claim]
    series_claims: dict[str, SeriesClaim] = field(default_factory=dict)


def run_audit(
    specs: dict[str, TableSpec],
    corrections_path: str,
    claims_path: str,
    known_path: str,
    *,
    raw_paths: dict[str, str] | None = None,
    excerpt_paths: dict[str, str] | None = None,
    documents: set[str] | None = None,
    root: str | Path = ".",
    series_claims_path: str | None = None,
    series_register_path: str | None = None,
) -> AuditResult:
    """Run every check; raise :class:`AuditError` listing each unexplained or stale discrepancy.

    ``raw_paths`` and ``excerpt_paths`` default to the paths declared in the table specs, read
    relative to ``root``.
    """
    root = Path(root)
    corrections = read_corrections(corrections_path)
    tables: dict[str, PrintedTable] = {}
    checks: list[Check] = []
    for table_id, spec in specs.items():
        raw_path = (raw_paths or {}).get(table_id, str(root / spec.raw))
        excerpt_path = (excerpt_paths or {}).get(table_id, str(root / spec.excerpt))
        table = load_printed_table(spec, raw_path, corrections, str(corrections_path))
        tables[table_id] = table
        if audit_block(spec).get("transcription", True):
            checks += transcription_checks(table, excerpt_path)
        checks += table_checks(table)
    claims = read_claims(claims_path, documents)
    checks += claim_checks(claims, tables, str(claims_path))
    series_claims: dict[str, SeriesClaim] = {}
    if series_claims_path is not None:
        if series_register_path is None:
            raise ValueError("series_claims_path needs series_register_path")
        series, series_claims = series_claim_checks(str(series_claims_path), str(series_register_path))
        checks += series
    ids = [c.check_id for c in checks]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicated check ids {duplicates}")
    problems = reconcile(checks, read_known_discrepancies(known_path), str(known_path))
    if problems:
        raise AuditError(problems)
    return AuditResult(checks, claims, series_claims)


def results_frame(checks: list[Check]) -> pd.DataFrame:
    """One row per check, discrepancies first, then in the order the checks were run."""
    order = {v: i for i, v in enumerate(["discrepancy", "within_rounding", "consistent", "exact"])}
    ranked = sorted(enumerate(checks), key=lambda ic: (order[ic[1].verdict], ic[0]))
    frame = pd.DataFrame([c.record() for _, c in ranked], columns=RESULT_COLUMNS)
    frame["line"] = pd.array(frame["line"].tolist(), dtype="Int64")
    return frame


def verdict_counts(verdicts: list[str] | pd.Series) -> dict[str, int]:
    values = list(verdicts)
    return {v: values.count(v) for v in VERDICTS}


def summary_line(verdicts: list[str] | pd.Series) -> str:
    counts = verdict_counts(verdicts)
    n = sum(counts.values())
    return (
        f"**Summary: {n} checks run: {counts['exact']} exact, {counts['within_rounding']} within printed rounding, "
        f"{counts['consistent']} consistent bounds, {counts['discrepancy']} discrepancies "
        "(each explained in `data/raw/known_discrepancies.csv`).**"
    )


# The readable report ----------------------------------------------------------------------------


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _claim_where(check: Check, claims: dict[str, Claim | SeriesClaim], documents: dict[str, dict]) -> str:
    claim = claims[check.source]
    first, last = claim.lines
    span = f"line {first}" if first == last else f"lines {first}-{last}"
    return f"{documents.get(claim.document, {}).get('short', claim.document)}, {span}"


def _source_label(
    source: str, specs: dict[str, TableSpec], claims: dict[str, Claim | SeriesClaim], documents: dict[str, dict]
) -> str:
    if source in specs:
        spec = specs[source]
        return f"{documents.get(spec.document, {}).get('short', spec.document)}, {spec.printed_table}"
    claim = claims[source]
    return f"{documents.get(claim.document, {}).get('short', claim.document)}, prose"


def audit_markdown(
    checks: list[Check],
    specs: dict[str, TableSpec],
    claims: list[Claim],
    documents: dict[str, dict],
    series_claims: dict[str, SeriesClaim] | None = None,
) -> str:
    """The readable report: summary, discrepancies first, then every check by source."""
    by_claim: dict[str, Claim | SeriesClaim] = {c.claim_id: c for c in claims}
    by_claim.update(series_claims or {})
    series_checks = [c for c in checks if c.kind == "series_claim"]
    verdicts = [c.verdict for c in checks]
    out = [
        "# Source audit",
        "",
        "Generated by the `source_audit` rule (`workflow/scripts/source_audit.py` → `migration_evidence.audit`); "
        "do not edit. One row per check, machine-readable: `reports/source_audit.csv`.",
        "",
        summary_line(verdicts),
        "",
        "What is checked:",
        "",
        "- **transcription**: each raw row (`data/raw/<document>/<table>.csv`), its cells joined by spaces, is a line "
        "of the verbatim excerpt of the document it was typed from;",
        "- **table arithmetic**, generated from the `audit:` block of each table in `config/tables.yaml`: totals "
        "against the rows (`sum`), printed percentages (`share`, and for a total row the weighted `share_weighted` "
        "and unweighted `share_unweighted` readings), printed averages (`average`, `average_weighted`, "
        "`average_unweighted`), parts against their whole with any remainder no column accounts for (`parts`), "
        "counts that do not add up across rows (`not_additive`), bounds (`at_most`) and definitional values (`fixed`);",
        f"- **claims**: {len(claims)} numbers stated in the prose of the two documents (`data/raw/claims.csv`), each "
        "recomputed from the printed cells, from other stated numbers or by the arithmetic the sentence implies;",
        f"- **statements about remittances**: {len(series_claims or {})} statements "
        "(`data/raw/remittance_claims.csv`) in "
        f"{len(series_checks)} comparisons with Banco de México's series, made by the `remittance_claims` rule "
        "(`results/tables/remittance_claims.csv`) and judged here at the precision each statement uses.",
        "",
        "Tolerance policy: a printed or stated number is judged with half a unit of its last printed digit "
        "(decimals as printed). Inputs that are themselves rounded (printed shares and averages, rounded prose "
        "numbers) carry their rounding into the recomputed value; counts and money amounts are exact. "
        "*exact*: equal; *within printed rounding*: the difference is no larger than the tolerance; *consistent*: "
        "a stated or implied bound holds; *discrepancy*: anything else. Every discrepancy below is a fact about the "
        "source, explained in `data/raw/known_discrepancies.csv`; any other discrepancy, or a registered one that "
        "no longer occurs, stops the build.",
        "",
    ]
    discrepancies = [c for c in checks if c.verdict == "discrepancy"]
    out += [
        f"## Discrepancies ({len(discrepancies)})",
        "",
        "| check | where | printed | recomputed | difference | explanation |",
        "|---|---|---|---|---|---|",
    ]
    for c in discrepancies:
        if c.kind in ("claim", "series_claim"):
            where = f"{_claim_where(c, by_claim, documents)}: “{_md(by_claim[c.source].quote)}”"
        else:
            where = f"{_source_label(c.source, specs, by_claim, documents)}, row {_md(c.row)}, column `{c.column}`"
        explanation = f"{by_claim[c.source].note}. {c.registered}" if c.kind == "claim" else c.full_explanation
        out.append(
            f"| `{_md(c.check_id)}` | {where} | {c.printed} | {c.recomputed} | {c.difference} | {_md(explanation)} |"
        )
    out += [
        "",
        "## Checks by source",
        "",
        "| source | checks | exact | within printed rounding | consistent | discrepancies |",
        "|---|---|---|---|---|---|",
    ]
    groups: dict[str, list[Check]] = {}
    for c in checks:
        groups.setdefault(_source_label(c.source, specs, by_claim, documents), []).append(c)
    for label, members in groups.items():
        counts = verdict_counts([c.verdict for c in members])
        out.append(
            f"| {label} | {len(members)} | {counts['exact']} | {counts['within_rounding']} | "
            f"{counts['consistent']} | {counts['discrepancy']} |"
        )
    out += ["", "## Table checks", ""]
    for table_id, spec in specs.items():
        members = [c for c in checks if c.source == table_id]
        transcribed = [c for c in members if c.kind == "transcription"]
        arithmetic = [c for c in members if c.kind != "transcription"]
        out += [
            f"### {_source_label(table_id, specs, by_claim, documents)}: {spec.title}",
            "",
            f"Transcription: {sum(c.verdict == 'exact' for c in transcribed)} of {len(transcribed)} raw rows are "
            f"verbatim lines of `{spec.excerpt}`.",
            "",
        ]
        if not arithmetic:
            out += [
                "No arithmetic relation holds between this table's cells; its numbers are checked through the "
                "claims of the prose.",
                "",
            ]
            continue
        out += [
            "| check | row | column | printed | recomputed | tolerance | verdict | what was recomputed |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for c in arithmetic:
            relation = "" if c.relation == "=" else f" ({c.relation})"
            out.append(
                f"| {c.kind} | {_md(c.row)} | `{c.column}` | {c.printed} | {c.recomputed} | {c.tolerance} | "
                f"{c.verdict}{relation} | {_md(c.full_explanation)} |"
            )
        out.append("")
    out += [
        "## Claims of the prose",
        "",
        "Relation: `=` the stated number equals the recomputed one within the tolerance; `<` / `<=` the statement "
        'gives a lower bound ("more than forty"); `>` / `>=` an upper bound. Values in the scale the prose uses.',
        "",
        "| claim | where | statement | stated | recomputed | relation | verdict | recomputed as |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in checks:
        if c.kind != "claim":
            continue
        claim = by_claim[c.source]
        stated = claim.stated_text + (f" {claim.scale}" if claim.scale else "")
        out.append(
            f"| {c.source} | {_claim_where(c, by_claim, documents)} | “{_md(claim.quote)}” | {stated} | "
            f"{c.recomputed} | {c.relation} | {c.verdict} | {_md(claim.note)} |"
        )
    out.append("")
    if series_checks:
        out += [
            "## Statements about remittances, against Banco de México's series",
            "",
            "Each statement is compared with the series year and vintage it could refer to; the tolerance is the "
            "precision the statement uses (a round number read to the nearest five, a figure to the nearest "
            "billion). Values in USD millions or times.",
            "",
            "| claim | where | statement | stated | compared with | recomputed | tolerance | verdict |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for c in series_checks:
            claim = by_claim[c.source]
            compared = c.cells_used.split(": ", 1)[1]
            out.append(
                f"| {c.source} | {_claim_where(c, by_claim, documents)} | “{_md(claim.quote)}” | {c.printed} | "
                f"{_md(compared)} | {c.recomputed} | {c.tolerance} | {c.verdict} |"
            )
        out.append("")
    return "\n".join(out)
