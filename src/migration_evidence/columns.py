"""The one column declaration of every file the project reads, the one map from declared column types
to pandas and data-dictionary types, and the one header check.

Every declaration names its columns the same way, whatever it declares: the printed tables
(``config/tables.yaml``), the transcribed public series (``config/external_series.yaml``), Banco de
México's, INEGI's and the World Bank's files (``config/statistical_tables.yaml``) and CONAPO's files
and the municipal waves (``config/microdata.yaml``, ``config/municipal_waves.yaml``). A declaration
becomes a tuple of :class:`Column`; a file's header is compared with it by :func:`check_header`.

Kept free of pandas so that the workflow can read the declarations when it starts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .printed.numbers import PrintedFormat

# The one map from the column types the declarations use to pandas dtypes and to data-dictionary
# (Table Schema) types. "label" is text read as written; "month" a first-of-month date (YYYY-MM-DD).
PANDAS_DTYPES = {"int": "Int64", "float": "float64", "str": "str", "label": "str", "month": "datetime64[ns]"}
TABLE_SCHEMA_TYPES = {"int": "integer", "float": "number", "str": "string", "label": "string", "month": "date"}
# The column type a printed format gives a raw cell (a transcribed series declares formats, not types).
FORMAT_DTYPES = {"integer": "int", "decimal": "float", "label": "str"}


def pandas_dtype(dtype: str, *, nullable: bool = True) -> str:
    """The pandas dtype of a declared column type; integers without missing values as plain ``int64``."""
    return "int64" if dtype == "int" and not nullable else PANDAS_DTYPES[dtype]


@dataclass(frozen=True)
class Column:
    """One declared column: its name in the data, its name in the file it is read from, its type, and
    what it may hold.

    ``dtype`` is one of :data:`PANDAS_DTYPES`. ``format`` is how a printed or transcribed cell writes
    its number (declarations of printed and transcribed files only). ``optional`` lets a raw cell be
    empty; ``source`` marks a column that names a source record (transcribed series)."""

    name: str
    dtype: str
    raw: str = ""
    format: PrintedFormat | None = None
    format_name: str = ""
    unit: str = ""
    description: str = ""
    min: Any = None
    max: Any = None
    allowed: tuple[Any, ...] | None = None
    nullable: bool = False
    optional: bool = False
    source: bool = False


def read_column(
    entry: Mapping[str, Any],
    where: str,
    *,
    keys: set[str],
    dtypes: Sequence[str],
    formats: Mapping[str, PrintedFormat] | None = None,
    default_format: str | None = None,
    name: str | None = None,
) -> Column:
    """One column of a declaration: ``entry`` may hold only ``keys``; its type (``dtype``) must be one
    of ``dtypes``, or, when ``keys`` has no ``dtype``, follows its format.
    ``formats`` resolves a ``format`` name (``default_format`` when none is given); ``name`` is the
    column's name when the declaration keys columns by name."""
    unknown = set(entry) - keys
    if unknown:
        raise ValueError(f"{where}: unknown column keys {sorted(unknown)}")
    fmt, format_name = None, ""
    if formats is not None:
        format_name = entry.get("format", default_format)
        if format_name not in formats:
            raise ValueError(f"{where}: unknown format {format_name!r}")
        fmt = formats[format_name]
    if "dtype" in keys:
        dtype = entry.get("dtype")
        if dtype not in dtypes:
            raise ValueError(f"{where}: dtype must be one of {', '.join(dtypes)}")
    else:
        dtype = FORMAT_DTYPES[fmt.kind] if fmt is not None else "str"
    allowed = entry.get("allowed")
    raw = entry.get("raw", name if name is not None else "")
    return Column(
        name=name if name is not None else entry.get("name", raw),
        dtype=dtype,
        raw=raw,
        format=fmt,
        format_name=format_name,
        unit=entry.get("unit", ""),
        description=entry.get("description", ""),
        min=entry.get("min"),
        max=entry.get("max"),
        allowed=tuple(allowed) if allowed is not None else None,
        nullable=bool(entry.get("nullable", False)),
        optional=bool(entry.get("optional", False)),
        source=bool(entry.get("source", False)),
    )


def check_header(path: str | Path, header: Sequence[str], declared: Sequence[str], declared_in: str) -> None:
    """The one header check of every CSV file read against a declaration or a register: each declared
    column present, none undeclared, in the declared order. ``declared_in`` completes "column not
    declared ..." with where the declaration is."""
    path, header, declared = str(path), list(header), list(declared)
    if len(header) == 1 and len(declared) > 1:
        for delimiter, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if delimiter in header[0]:
                raise InputError(
                    path,
                    f"the file is separated by {label}, not commas: save it as comma-separated CSV "
                    f"(declared columns: {declared})",
                    line=1,
                    text=header[0],
                )
    for name in header:
        if name != name.strip() and name.strip() in declared:
            raise InputError(
                path,
                f"column name {name!r} has spaces around it: remove them (the declared name is {name.strip()!r})",
                line=1,
                column=name.strip(),
                text=name,
            )
    for name in declared:
        if name not in header:
            raise InputError(path, f"missing column (declared columns: {declared})", line=1, column=name)
    for name in header:
        if name not in declared:
            raise InputError(path, f"column not declared {declared_in}", line=1, column=name, text=name)
    if header != declared:
        raise InputError(path, f"columns are out of order; declared order is {declared}", line=1)
