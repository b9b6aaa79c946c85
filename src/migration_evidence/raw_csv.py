"""The generic reader of the project's CSV files: every cell a string, exactly as written, with the file
line of each row, so that a bad cell can be named by file, line, row, column and text. The printed
tables, the registers, the public series and the statistical files are all read through it."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError


@dataclass(frozen=True)
class RawTable:
    """A raw table as read: header, rows of strings, and the file line of each row."""

    path: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]


def read_csv_strict(path: str | Path, encoding: str = "utf-8") -> RawTable:
    """Read a CSV of strings, refusing anything that is not clean text in ``encoding`` (UTF-8 unless a
    file is declared otherwise) with a rectangular shape (a leading UTF-8 byte-order mark is accepted
    and dropped)."""
    path = str(path)
    data = Path(path).read_bytes()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        header = _first_line_cells(data.decode("utf-8", "replace"))
        start = data.rfind(b"\n", 0, exc.start) + 1
        end = data.find(b"\n", exc.start)
        cells = _first_line_cells(data[start : end if end >= 0 else len(data)].decode("utf-8", "replace"))
        bad = next((i for i, cell in enumerate(cells) if "\ufffd" in cell), 0)
        raise InputError(
            path,
            f"the file is not {encoding.upper()} text "
            f"(byte {data[exc.start : exc.end]!r} cannot be decoded; shown as \ufffd)",
            line=line,
            row=cells[0] if line > 1 and cells else None,
            column=header[bad] if bad < len(header) else None,
            text=cells[bad] if cells else None,
        ) from None
    # A UTF-8 byte-order mark (written by some spreadsheet programs) is not part of the first column's
    # name: it is dropped, so such a file gives the same outputs as one without it.
    text = text.removeprefix("\ufeff")
    if not text:
        raise InputError(path, "the file is empty")
    if not text.endswith("\n"):
        header = _first_line_cells(text)
        cells = _first_line_cells(text.rsplit("\n", 1)[-1])
        last = len(cells) - 1
        raise InputError(
            path,
            "the last line ends mid-row with no newline: the file looks truncated",
            line=text.count("\n") + 1,
            row=cells[0] if cells else None,
            column=header[last] if 0 <= last < len(header) else None,
            text=cells[-1] if cells else None,
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        for record in reader:
            line = reader.line_num
            if header is None:
                header = record
                continue
            if not record:
                raise InputError(path, "blank line inside the table", line=line)
            if len(record) != len(header):
                raise InputError(
                    path,
                    f"this row has {len(record)} cells but the header has {len(header)}",
                    line=line,
                    row=record[0],
                    text=",".join(record),
                )
            rows.append(record)
            lines.append(line)
    except csv.Error as exc:
        raise InputError(path, f"malformed CSV: {exc}", line=reader.line_num) from None
    assert header is not None
    return RawTable(path, header, rows, lines)


def _first_line_cells(text: str) -> list[str]:
    """Cells of the first line of ``text``, read leniently (for error messages only)."""
    line = text.split("\n", 1)[0]
    try:
        return next(csv.reader([line]), [])
    except csv.Error:
        return line.split(",")
