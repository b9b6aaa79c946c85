"""Publisher formats to the committed files' exact columns, and the checks every refreshed file passes.

Each conversion reads the bytes as downloaded and returns the bytes of a CSV file with the committed
file's header, in its order, with CRLF line endings like the committed copies. The formats are the
publishers' documented ones:

- World Bank API v2 with ``format=json``: a two-element array, page metadata (``page``, ``pages``,
  ``per_page``, ``total``) then the observations, each ``{"indicator": {"id", "value"}, "country":
  {"id", "value"}, "countryiso3code", "date", "value", ...}``; an error is a one-element array
  ``[{"message": [{"id", "key", "value"}]}]``.
- Banco de México's SIE REST API (``/SieAPIRest/service/v1/series/<ids>/datos``): ``{"bmx": {"series":
  [{"idSerie", "titulo", "datos": [{"fecha": "dd/mm/yyyy", "dato": "17,303.4"}]}]}}``, with ``N/E`` for
  an observation that does not exist.
- Banco de México's SIE table export (``consultarCuadro&idCuadro=<table>&formatoXLS.x=1``): an .xlsx
  workbook whose first sheet has a few rows of titles, then a header row whose period columns are
  labelled ``Ene-Mar 2013``, ``Abr-Jun 2013``, ... (quarters), the column left of the first period
  holding the row names, then one row per series: a state prefixed ``●``, its municipalities ``⚬``
  (names as the table prints them, leading blanks included), values in the table's units.
- INEGI's Indicadores API (``/app/api/indicadores/desarrolladores/jsonxml/INDICATOR/<ids>/es/0700/false/
  BIE/2.0/<token>?type=json``): ``{"Header": {...}, "Series": [{"INDICADOR", "FREQ", "UNIT", "LASTUPDATE",
  "OBSERVATIONS": [{"TIME_PERIOD": "2024/01", "OBS_VALUE": "133.555", "OBS_STATUS", ...}]}]}``.

A wide file (one row per state or municipality, one column per period, like the municipal remittances)
is checked and compared as such: its first column is the declared name column, every other column a
period label, in order without gaps; a new period is a new column, a withdrawn one a missing column.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import zipfile
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from .sources import WIDE_GROUP, WIDE_PERIOD, WIDE_VALUE, RefreshError, Source

# The quarter labels of Banco de México's SIE tables (the committed municipal file's column names).
QUARTERS = ("Ene-Mar", "Abr-Jun", "Jul-Sep", "Oct-Dic")
QUARTER_LABEL = re.compile(r"^(Ene-Mar|Abr-Jun|Jul-Sep|Oct-Dic) (\d{4})$")


def _write_csv(source: Source, rows: list[list[str]], header: list[str] | None = None) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header or source.columns)
    writer.writerows(rows)
    text = buffer.getvalue()
    if not source.final_newline:
        text = text.removesuffix("\r\n")
    return text.encode("utf-8")


def _text(source: Source, url: str, data: bytes) -> str:
    """The download as text, or stop if its encoding changed or it is empty or cut mid-row."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1]
        raise RefreshError(
            source.name, url, f"not UTF-8 like the committed {source.file}: byte {exc.start} is {bad!r}"
        ) from None
    if text.startswith("\ufeff"):
        raise RefreshError(source.name, url, f"begins with a byte-order mark, unlike the committed {source.file}")
    if not text.strip():
        raise RefreshError(source.name, url, "the download is empty")
    if source.final_newline and not text.endswith("\n"):
        last = text.rsplit("\n", 1)[-1]
        raise RefreshError(
            source.name, url, f"the last line ends mid-row with no newline ({last[:60]!r}): the file is truncated"
        )
    return text


def _rows_of_equal_length(source: Source, url: str, reader, header: list[str]) -> list[list[str]]:
    rows = []
    for line_number, row in enumerate(reader, start=2):
        if len(row) != len(header):
            raise RefreshError(
                source.name,
                url,
                f"line {line_number} has {len(row)} fields, not {len(header)} ({','.join(row)[:120]!r}): "
                "the file is truncated or malformed",
            )
        rows.append(row)
    if not rows:
        raise RefreshError(source.name, url, "the download has a header but no rows")
    return rows


def check_committed_columns(source: Source, url: str, data: bytes) -> list[dict[str, str]]:
    """The rows of a CSV download, or stop if its encoding, header or row lengths are not the committed file's."""
    if source.wide:
        header, rows = check_wide(source, url, data)
        return [dict(zip(header, row, strict=True)) for row in rows]
    text = _text(source, url, data)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    if tuple(header) != source.columns:
        missing = [c for c in source.columns if c not in header]
        extra = [c for c in header if c not in source.columns]
        raise RefreshError(
            source.name,
            url,
            f"columns changed: the committed {source.file} has {list(source.columns)}, the download has {header}"
            + (f" (missing {missing}, new {extra})" if missing or extra else " (same names, another order)"),
        )
    return [dict(zip(header, row, strict=True)) for row in _rows_of_equal_length(source, url, reader, header)]


# --- wide files: one column per period -----------------------------------------------------------


def quarter_index(label: str) -> int | None:
    """A quarter label's position in time (``Ene-Mar 2013`` -> 2013 * 4), or None if it is not one."""
    match = QUARTER_LABEL.match(label)
    return int(match.group(2)) * 4 + QUARTERS.index(match.group(1)) if match else None


def _check_periods(source: Source, url: str, header: list[str], where: str) -> None:
    name = source.wide["name_column"]
    if not header or header[0] != name:
        first = header[0] if header else None
        raise RefreshError(source.name, url, f"columns changed: the first column of {where} is {first!r}, not {name!r}")
    positions = []
    for label in header[1:]:
        position = quarter_index(label)
        if position is None:
            raise RefreshError(
                source.name,
                url,
                f"columns changed: {label!r} in {where} is not a quarter label like 'Ene-Mar 2013' "
                f"(the committed {source.file} has one column per quarter)",
            )
        positions.append(position)
    if not positions:
        raise RefreshError(source.name, url, f"{where} has no period column")
    gaps = [header[i + 1] for i in range(1, len(positions)) if positions[i] != positions[i - 1] + 1]
    if gaps:
        raise RefreshError(
            source.name, url, f"columns changed: the quarters of {where} are not consecutive (at {gaps[:3]})"
        )


def _check_names(source: Source, url: str, names: list[str]) -> None:
    markers = (source.wide["group_marker"], source.wide["member_marker"])
    if not names[0].lstrip().startswith(markers[0]):
        raise RefreshError(source.name, url, f"the first row {names[0]!r} is not a state row ({markers[0]})")
    odd = [n for n in names if not n.lstrip().startswith(markers)]
    if odd:
        raise RefreshError(
            source.name, url, f"row name(s) {odd[:3]} begin with neither {markers[0]!r} nor {markers[1]!r}"
        )


def check_wide(source: Source, url: str, data: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a wide CSV, or stop if its encoding, name column, period columns or rows changed."""
    text = _text(source, url, data)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    _check_periods(source, url, header, "the file")
    rows = _rows_of_equal_length(source, url, reader, header)
    _check_names(source, url, [row[0] for row in rows])
    return header, rows


def melt_wide(source: Source, data: bytes) -> tuple[Source, bytes]:
    """A checked wide file as one row per cell (state, name, period, value), and the source describing it.

    The state of a row is the last state row (group marker) above it, so a municipality's key
    (state, name) is unique although names repeat across states ("No identificado")."""
    header, rows = check_wide(source, source.url, data)
    name, group_marker = source.wide["name_column"], source.wide["group_marker"]
    out, group = [], ""
    for row in rows:
        if row[0].lstrip().startswith(group_marker):
            group = row[0].strip().removeprefix(group_marker).strip()
        out += [[group, row[0], label, value] for label, value in zip(header[1:], row[1:], strict=True)]
    long = dataclasses.replace(
        source,
        columns=(WIDE_GROUP, name, WIDE_PERIOD, WIDE_VALUE),
        key=(WIDE_GROUP, name, WIDE_PERIOD),
        period=(WIDE_PERIOD,),
        wide={},
    )
    return long, _write_csv(long, out)


def _cell_text(source: Source, url: str, value, where: str) -> str:
    """A spreadsheet cell as the committed file writes it: whole numbers without a decimal point (``0``),
    others in the fewest digits that give the same number, in fixed point (``0.000565``, ``0.00007``),
    N/E empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise RefreshError(source.name, url, f"{where}: {value!r} is not a number")
    if not isinstance(value, int | float):
        text = str(value).strip()
        if text.upper() in {"", "N/E", "NE"}:
            return ""
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            raise RefreshError(source.name, url, f"{where}: {text!r} is not a number") from None
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise RefreshError(source.name, url, f"{where}: {value!r} is not a finite number")
    return str(int(number)) if number.is_integer() else format(Decimal(repr(number)), "f")


def banxico_sie_cuadro_xlsx(source: Source, url: str, data: bytes) -> bytes:
    """An SIE table exported as .xlsx, as the wide file: name column, then one column per quarter.

    Rows whose name has neither marker (titles, notes) are left out; a row of values without a
    marker stops the conversion."""
    from openpyxl import load_workbook  # only the refresh reads workbooks

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet_rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
        workbook.close()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError) as exc:
        problem = (
            f"not the .xlsx workbook SIE exports ({type(exc).__name__}: {str(exc)[:120]}): truncated, or another format"
        )
        raise RefreshError(source.name, url, problem) from None
    spec = source.wide
    markers = (spec["group_marker"], spec["member_marker"])

    def first_label(row: list) -> int | None:
        return next((i for i, v in enumerate(row) if isinstance(v, str) and QUARTER_LABEL.match(v.strip())), None)

    index = next((i for i, row in enumerate(sheet_rows) if first_label(row) is not None), None)
    if index is None:
        raise RefreshError(
            source.name, url, "no header row with quarter labels like 'Ene-Mar 2013': the layout changed"
        )
    first = first_label(sheet_rows[index])
    if first == 0:
        raise RefreshError(source.name, url, "the quarter labels start in the first column: no column of names")
    header_row = sheet_rows[index]
    last = len(header_row)
    while last > first and header_row[last - 1] in (None, ""):
        last -= 1
    labels = ["" if v is None else str(v).strip() for v in header_row[first:last]]
    header = [spec["name_column"], *labels]
    _check_periods(source, url, header, "the workbook's header row")
    rows = []
    for number, row in enumerate(sheet_rows[index + 1 :], start=index + 2):
        row = list(row) + [None] * (last - len(row))
        name = row[first - 1]
        cells = row[first:last]
        if isinstance(name, str) and name.lstrip().startswith(markers):
            rows.append([name] + [_cell_text(source, url, v, f"sheet row {number}, {name.strip()!r}") for v in cells])
        elif any(v not in (None, "") for v in cells):
            raise RefreshError(
                source.name,
                url,
                f"sheet row {number} has values but its name {name!r} has neither {markers[0]!r} nor {markers[1]!r}",
            )
    if not rows:
        raise RefreshError(source.name, url, "the workbook has a header row but no state or municipality rows")
    _check_names(source, url, [r[0] for r in rows])
    return _write_csv(source, rows, header)


# --- INEGI's Indicadores API -----------------------------------------------------------------------


def inegi_api_json(source: Source, url: str, data: bytes) -> bytes:
    """INEGI Indicadores API series as ``PERIODO`` (first day of the month) and one column per declared indicator.

    Numbers are written in the fewest digits that give INEGI's number, with at least one decimal, as
    the committed copy writes them (``99.90900000`` -> ``99.909``, ``38.000`` -> ``38.0``)."""
    payload = _json(source, url, data)
    if isinstance(payload, dict) and any(k in payload for k in ("ErrorInfo", "ErrorDetails", "ErrorCode")):
        text = "; ".join(str(payload.get(k)) for k in ("ErrorCode", "ErrorInfo", "ErrorDetails") if payload.get(k))
        raise RefreshError(source.name, url, f"the INEGI API answered with an error: {text}")
    series_list = payload.get("Series") if isinstance(payload, dict) else None
    if not isinstance(series_list, list):
        shown = sorted(payload)[:6] if isinstance(payload, dict) else type(payload).__name__
        problem = f"not an INEGI Indicadores API answer (no Series list; found {shown}): the layout changed"
        raise RefreshError(source.name, url, problem)
    wanted: dict[str, str] = {str(k): v for k, v in source.inegi["series"].items()}
    found = {str(s.get("INDICADOR")): s for s in series_list if isinstance(s, dict)}
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise RefreshError(source.name, url, f"the answer lacks the indicator(s) {missing}")
    columns = [c for c in source.columns if c not in source.period]
    if sorted(columns) != sorted(wanted.values()):
        problem = f"declared indicators fill {sorted(wanted.values())}, the committed file has {columns}"
        raise RefreshError(source.name, url, problem)
    by_month: dict[str, dict[str, str]] = defaultdict(dict)
    for indicator, column in wanted.items():
        observations = found[indicator].get("OBSERVATIONS")
        if not isinstance(observations, list):
            raise RefreshError(source.name, url, f"indicator {indicator} has no OBSERVATIONS list: the layout changed")
        for item in observations:
            if not isinstance(item, dict) or "TIME_PERIOD" not in item or "OBS_VALUE" not in item:
                keys = sorted(item) if isinstance(item, dict) else item
                raise RefreshError(
                    source.name, url, f"indicator {indicator}: an observation without TIME_PERIOD/OBS_VALUE ({keys})"
                )
            period = str(item["TIME_PERIOD"])
            match = re.fullmatch(r"(\d{4})/(\d{2})", period)
            if not match or not 1 <= int(match.group(2)) <= 12:
                raise RefreshError(
                    source.name, url, f"indicator {indicator}: period {period!r} is not YYYY/MM (monthly)"
                )
            value = item["OBS_VALUE"]
            if value in (None, "") or str(value).strip().upper() in {"N/E", "NE"}:
                continue
            try:
                number = float(Decimal(str(value).strip()))
            except (InvalidOperation, ValueError):
                raise RefreshError(
                    source.name, url, f"indicator {indicator}, {period}: {value!r} is not a number"
                ) from None
            text = format(Decimal(repr(number)), "f")
            by_month[f"{match.group(1)}-{match.group(2)}-01"][column] = text
    if not by_month:
        raise RefreshError(source.name, url, "the INEGI API returned no observations")
    rows = [[month] + [by_month[month].get(c, "") for c in columns] for month in sorted(by_month)]
    return _write_csv(source, rows)


def _json(source: Source, url: str, data: bytes):
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problem = f"not the JSON the API returns ({exc}): truncated, or another format"
        raise RefreshError(source.name, url, problem) from None


def worldbank_api_json(source: Source, url: str, data: bytes) -> bytes:
    """World Bank API v2 observations as ``Country Name, Country Code, Year, Value``.

    Observations without a value or without an ISO 3166 alpha-3 code are left out."""
    payload = _json(source, url, data)
    if isinstance(payload, list) and len(payload) == 1 and isinstance(payload[0], dict) and "message" in payload[0]:
        messages = "; ".join(f"{m.get('key')}: {m.get('value')}" for m in payload[0]["message"])
        raise RefreshError(source.name, url, f"the World Bank API answered with an error: {messages}")
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], dict)):
        raise RefreshError(source.name, url, "not a World Bank API v2 answer ([page metadata, observations])")
    meta, observations = payload
    if int(meta.get("pages", 1)) > 1:
        problem = f"the answer has {meta['pages']} pages; raise per_page in the URL to at least {meta.get('total')}"
        raise RefreshError(source.name, url, problem)
    rows = []
    for item in observations or []:
        value, code = item.get("value"), item.get("countryiso3code") or ""
        if value is None or not code:
            continue
        text = str(value) if isinstance(value, int) else repr(float(value))
        rows.append([item["country"]["value"], code, str(item["date"]), text])
    if not rows:
        raise RefreshError(source.name, url, "the World Bank API returned no observations")
    rows.sort(key=lambda r: (r[1], int(r[2])))
    return _write_csv(source, rows)


def _sie_number(source: Source, url: str, series: str, fecha: str, dato: str) -> float | None:
    if dato.strip().upper() in {"N/E", "NE", ""}:
        return None
    try:
        return float(dato.replace(",", ""))
    except ValueError:
        raise RefreshError(source.name, url, f"series {series}, {fecha}: {dato!r} is not a number") from None


def banxico_sie_json(source: Source, url: str, data: bytes) -> bytes:
    """SIE series as ``PERIODO`` (first day of the month) and one column per declared series."""
    payload = _json(source, url, data)
    try:
        series_list = payload["bmx"]["series"]
    except (KeyError, TypeError):
        raise RefreshError(source.name, url, "not an SIE API answer (no bmx.series)") from None
    spec = source.banxico
    wanted: dict[str, str] = spec["series"]
    found = {s.get("idSerie"): s for s in series_list}
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise RefreshError(source.name, url, f"the answer lacks the series {missing}")
    decimals = spec.get("decimals", 6)
    by_month: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for series_id, column in wanted.items():
        for item in found[series_id].get("datos") or []:
            fecha = item.get("fecha", "")
            day, month, year = (fecha.split("/") + ["", "", ""])[:3]
            if not (len(year) == 4 and month.isdigit() and day.isdigit()):
                raise RefreshError(source.name, url, f"series {series_id}: date {fecha!r} is not dd/mm/yyyy")
            value = _sie_number(source, url, series_id, fecha, str(item.get("dato", "")))
            if value is not None:
                by_month[f"{year}-{int(month):02d}-01"][column].append(value)
    if not by_month:
        raise RefreshError(source.name, url, "the SIE API returned no observations")
    columns = [c for c in source.columns if c not in source.period]
    if sorted(columns) != sorted(wanted.values()):
        problem = f"declared series fill {sorted(wanted.values())}, the committed file has {columns}"
        raise RefreshError(source.name, url, problem)

    def fmt(values: list[float]) -> str:
        if not values:
            return ""
        value = sum(values) / len(values) if spec.get("monthly") == "mean" or len(values) == 1 else None
        if value is None:
            raise RefreshError(source.name, url, "several observations in one month and no monthly rule declared")
        return f"{value:.{decimals}f}".rstrip("0").rstrip(".") or "0"

    months = sorted(by_month)
    if "zero_from" in spec:
        year, month = int(spec["zero_from"][:4]), int(spec["zero_from"][5:7])
        fill = []
        while f"{year}-{month:02d}-01" < months[0]:
            fill.append(f"{year}-{month:02d}-01")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        rows = [[m] + ["0"] * len(columns) for m in fill]
    else:
        rows = []
    rows += [[m] + [fmt(by_month[m][c]) for c in columns] for m in months]
    return _write_csv(source, rows)


def to_committed_file(source: Source, url: str, data: bytes) -> bytes:
    """The committed file's bytes from a download, checked column for column."""
    if source.conversion == "csv":
        check_committed_columns(source, url, data)
        return data
    convert = {
        "worldbank_api_json": worldbank_api_json,
        "banxico_sie_json": banxico_sie_json,
        "banxico_sie_cuadro_xlsx": banxico_sie_cuadro_xlsx,
        "inegi_api_json": inegi_api_json,
    }[source.conversion]
    converted = convert(source, url, data)
    check_committed_columns(source, url, converted)
    return converted
