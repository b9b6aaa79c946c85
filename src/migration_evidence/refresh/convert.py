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
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

from .sources import RefreshError, Source


def _write_csv(source: Source, rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(source.columns)
    writer.writerows(rows)
    text = buffer.getvalue()
    if not source.final_newline:
        text = text.removesuffix("\r\n")
    return text.encode("utf-8")


def check_committed_columns(source: Source, url: str, data: bytes) -> list[dict[str, str]]:
    """The rows of a CSV download, or stop if its encoding, header or row lengths are not the committed file's."""
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
    rows = []
    for line_number, row in enumerate(reader, start=2):
        if len(row) != len(header):
            raise RefreshError(
                source.name,
                url,
                f"line {line_number} has {len(row)} fields, not {len(header)} ({','.join(row)!r}): "
                "the file is truncated or malformed",
            )
        rows.append(dict(zip(header, row, strict=True)))
    if not rows:
        raise RefreshError(source.name, url, "the download has a header but no rows")
    return rows


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
    convert = {"worldbank_api_json": worldbank_api_json, "banxico_sie_json": banxico_sie_json}[source.conversion]
    converted = convert(source, url, data)
    check_committed_columns(source, url, converted)
    return converted
