"""Table checks: transcription against the verbatim excerpt, and the arithmetic each table's
``audit:`` block in ``config/tables.yaml`` declares (sums, shares, averages, parts of a whole, counts
that do not add up across rows, bounds and definitional values)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from .intervals import Interval, total
from .printed import PrintedCell, PrintedTable, audit_block
from .verdicts import Check, _format, numeric_check


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
