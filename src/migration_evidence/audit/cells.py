"""Every printed cell in the audit: how the package reads each cell that it does not take as printed, and
which audit rows cover each cell.

- :func:`reading_checks`: one audit row (kind ``reading``) for every cell the package reads differently
  from its printed form: each row of ``data/raw/corrections.csv`` (a lost decimal point, "349" read as
  34.9; extraction noise, the "1we" label read as 1) and each mechanical reading of the parser (a decimal
  comma, "6,14" read as 6.14; a footnote marker fused to a number, "1.2¢" read as 1.2 for the reference
  year the table's legend gives the marker). Its verdict is :func:`reading_verdict`'s: the reading is
  ``consistent`` when an arithmetic check or claim that reads the cell as read agrees (exact, within
  rounding or a bound that holds), a ``discrepancy`` when every such check disagrees, and ``no_test``
  when nothing else reads the cell.
- :func:`cell_coverage`: one row per non-empty cell of every printed table (label cells included), with
  the cell as printed, in plain digits and with thousands separators (so that a reviewer's search for
  "7,332" or "7332" finds it), how the package reads it, and the audit rows that check it; a cell no
  arithmetic check or claim reads is "covered by the transcription check" of its row.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pandas as pd

from .printed import PrintedTable
from .verdicts import Check

CELL_COLUMNS = [
    "table",
    "file",
    "line",
    "row",
    "column",
    "printed_text",
    "plain_digits",
    "grouped",
    "read_as",
    "reading",
    "coverage",
    "checks",
    "verdicts",
]
# Verdicts of a check that, reading the cell as the package reads it, agrees with the rest of the source.
_AGREEING = ("exact", "within_rounding", "consistent")


def _search_forms(text: str) -> tuple[str, str]:
    """The printed number in plain digits ("7332", "97483412", "6.14") and with comma thousands
    separators ("7,332", "97,483,412"); empty for text that is not a number."""
    body = text.strip().rstrip('¢">°©*').replace(" ", "")
    if body.count(",") == 1 and len(body.split(",")[1]) != 3:
        body = body.replace(",", ".")  # a decimal comma
    else:
        body = body.replace(",", "")
    try:
        value = Decimal(body)
    except InvalidOperation:
        return "", ""
    plain = body
    places = -value.as_tuple().exponent if "." in body else 0
    grouped = f"{value:,.{places}f}"
    return plain, grouped


def _uses(check: Check, table: PrintedTable, label: str, raw_column: str, name: str, ref: str) -> bool:
    if check.kind in ("transcription", "reading"):
        return False
    if ref and ref in check.cells_used:
        return True
    return check.source == table.spec.id and check.row == label and check.column in (raw_column, name)


def _row_uses(check: Check, table: PrintedTable, label: str) -> bool:
    """A check that reads any cell of the row (for a row label read differently from its print)."""
    if check.kind in ("transcription", "reading"):
        return False
    return (check.source == table.spec.id and check.row == label) or f"{table.spec.id}[{label}, " in check.cells_used


def reading_verdict(users: list[Check], range_test: bool | None = None) -> str:
    """The verdict of a reading from the checks that read the cell as read: ``consistent`` if one
    agrees, ``discrepancy`` if all disagree; with no such check, the column's declared range
    (``range_test``: the reading lies within it where the print does not, True; the reading lies outside
    it, False; the range cannot tell them apart, None): ``consistent``, ``discrepancy`` or ``no_test``."""
    if users:
        return "consistent" if any(c.verdict in _AGREEING for c in users) else "discrepancy"
    if range_test is None:
        return "no_test"
    return "consistent" if range_test else "discrepancy"


def _range_test(table: PrintedTable, name: str, printed: str, read: Decimal) -> tuple[bool | None, str]:
    """Whether the column's declared range (``min``/``max`` in config/tables.yaml) tells the reading from
    the print: True if the read value lies within it and the printed digits do not."""
    column = next((c for c in table.spec.columns if c.name == name), None)
    if column is None or (column.min is None and column.max is None):
        return None, ""
    low = Decimal(str(column.min)) if column.min is not None else None
    high = Decimal(str(column.max)) if column.max is not None else None

    def inside(x: Decimal) -> bool:
        return (low is None or x >= low) and (high is None or x <= high)

    try:
        as_printed = Decimal(printed.replace(" ", "").replace(",", ""))
    except InvalidOperation:
        return None, ""
    span = f"the column's declared range, {column.min} to {column.max} (config/tables.yaml)"
    if inside(read) and not inside(as_printed):
        return True, f"{read} lies within {span}, the printed {as_printed} does not"
    if not inside(read):
        return False, f"{read} lies outside {span}"
    return None, ""


def _cells(table: PrintedTable):
    """Each non-empty raw cell: (line, printed key, row label, raw column, processed name, raw text,
    text as read, PrintedCell or None for a label)."""
    spec = table.spec
    names = {c.raw: c.name for c in spec.columns}
    for record, line in zip(table.raw.rows, table.raw.lines, strict=True):
        key = record[0]
        label = table.aliases.get(key, key)
        for raw_column, text in zip(table.raw.header, record, strict=True):
            if not text.strip():
                continue
            name = names.get(raw_column, raw_column)
            cell = table.cells.get((label, name))
            yield line, key, label, raw_column, name, text, cell


def _correction(corrections: pd.DataFrame, table: str, key: str, column: str) -> dict | None:
    hit = corrections[(corrections["table"] == table) & (corrections["row"] == key) & (corrections["column"] == column)]
    return hit.iloc[0].to_dict() if len(hit) else None


def _reading(table: PrintedTable, corrections: pd.DataFrame, key: str, raw_column: str, text: str, cell) -> str:
    """How the package reads the cell, in words, when that is not the cell as printed; else ''."""
    spec = table.spec
    fix = _correction(corrections, spec.id, key, raw_column)
    if fix is not None:
        return f"{fix['kind']}: {text!r} read as {fix['corrected']!r}. {fix['reason']}"
    if cell is None:
        return ""
    parts = []
    body = text.strip()
    markers = spec.markers or {}
    if body and body[-1] in markers:
        year = markers[body[-1]].get("reference_year")
        value = cell.text.strip().rstrip(body[-1]).strip()
        parts.append(
            f"footnote marker {body[-1]!r} fused to the number: {text!r} read as {value}"
            + (f" for the reference year {year}, the legend's year adjacent to the column's" if year else "")
        )
    number = body.rstrip("".join(markers)).strip()
    if (
        "," in number
        and cell.decimals
        and number.split(",")[-1].isdigit()
        and len(number.split(",")[-1]) == cell.decimals
    ):
        parts.append(f"decimal comma: {number!r} read as {number.replace(',', '.')}")
    return "; ".join(parts)


def reading_checks(
    tables: dict[str, PrintedTable], corrections: pd.DataFrame, checks: list[Check], corrections_path: str
) -> list[Check]:
    """One ``reading`` row for each cell read differently from its printed form (see the module)."""
    rows = []
    for table in tables.values():
        for line, key, label, raw_column, name, text, cell in _cells(table):
            reading = _reading(table, corrections, key, raw_column, text, cell)
            if not reading:
                continue
            if cell is None:  # a row label
                users = [c for c in checks if _row_uses(c, table, label)]
                read_as = label
            else:
                users = [c for c in checks if _uses(c, table, label, raw_column, name, cell.ref())]
                read_as = format(Decimal(cell.value.numerator) / Decimal(cell.value.denominator), "f")
                read_as = read_as.rstrip("0").rstrip(".") if "." in read_as else read_as
            range_test, range_text = (None, "")
            if cell is not None and not users:
                range_test, range_text = _range_test(table, name, text, Decimal(read_as))
            verdict = reading_verdict(users, range_test)
            agreeing = [c.check_id for c in users if c.verdict in _AGREEING]
            if range_text:
                why = f"verdict: {verdict}, no other number reads this cell, but {range_text}"
            elif verdict == "consistent":
                why = (
                    f"verdict: consistent, {len(agreeing)} check(s) reading it so agree ({', '.join(agreeing[:4])}"
                    + (", ...)" if len(agreeing) > 4 else ")")
                )
            elif verdict == "discrepancy":
                why = "verdict: every check reading it so disagrees (" + ", ".join(c.check_id for c in users) + ")"
            else:
                why = "verdict: no other number reads this cell, so nothing tests the reading"
            fix = _correction(corrections, table.spec.id, key, raw_column)
            rows.append(
                Check(
                    check_id=f"{table.spec.id}:reading:{label}:{raw_column}",
                    source=table.spec.id,
                    kind="reading",
                    file=table.path,
                    line=line,
                    row=label,
                    column=raw_column,
                    cells_used="; ".join(c.check_id for c in users),
                    printed_text=text,
                    printed=text,
                    recomputed=read_as,
                    difference="",
                    tolerance="",
                    relation="read as",
                    verdict=verdict,
                    explanation=f"reinterpreted: {reading}; {why}",
                    files_used=(table.path, *([corrections_path] if fix is not None else [])),
                )
            )
    return rows


def cell_coverage(tables: dict[str, PrintedTable], checks: list[Check]) -> pd.DataFrame:
    """One row per non-empty cell of every printed table (see the module)."""
    readings = {(c.source, c.row, c.column): c for c in checks if c.kind == "reading"}
    transcribed = {(c.source, c.row): c for c in checks if c.kind == "transcription"}
    records = []
    for table in tables.values():
        for line, key, label, raw_column, name, text, cell in _cells(table):
            if cell is None:
                users = []
            else:
                users = [c for c in checks if _uses(c, table, label, raw_column, name, cell.ref())]
            reading = readings.get((table.spec.id, label, raw_column))
            listed = ([reading] if reading else []) + users
            transcription = transcribed.get((table.spec.id, key)) or transcribed.get((table.spec.id, label))
            if users:
                coverage = f"checked by {len(users)} audit row(s)"
            elif transcription is not None:
                coverage = f"covered by the transcription check ({transcription.check_id}: {transcription.verdict})"
            else:
                coverage = "not checked: the table's excerpt is not transcribed line by line"
            if reading is not None and not users:
                coverage += "; its reading is an audit row"
            plain, grouped = _search_forms(text) if cell is not None else ("", "")
            read_as = reading.recomputed if reading else (plain if cell is not None else text)
            records.append(
                {
                    "table": table.spec.id,
                    "file": table.path,
                    "line": line,
                    "row": label,
                    "column": raw_column,
                    "printed_text": text,
                    "plain_digits": plain,
                    "grouped": grouped,
                    "read_as": read_as,
                    "reading": reading.check_id if reading else "",
                    "coverage": coverage,
                    "checks": "; ".join(c.check_id for c in listed),
                    "verdicts": "; ".join(sorted({c.verdict for c in listed})),
                }
            )
    return pd.DataFrame(records, columns=CELL_COLUMNS)
