"""Schema checks shared by every stage: declared types, ranges and allowed values, checked with
pandera, and a failure reported at the printed cell it came from.

A frame to validate carries provenance columns next to its data: ``_line`` (line of the source
file) and ``_row`` (the row's key as printed). ``locate`` maps a failing row and column to the
source column and the offending text, so the error names file, line, row, column and text.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

import pandas as pd

from .columns import Column, pandas_dtype
from .errors import InputError


def pandera():
    """pandera's pandas API (``pandera.pandas``), imported on first use.

    pandera loads hypothesis, when it is installed, to generate test data, which no build job does;
    the import costs each validating job more than half a second. So while pandera's strategies module
    is first imported, hypothesis is marked absent and pandera keeps its placeholders (validation is
    unchanged). A process that has already imported hypothesis, such as the test suite, is left as it is.
    """
    import pandera.pandas as pa

    if "pandera.strategies.base_strategies" not in sys.modules and "hypothesis" not in sys.modules:
        sys.modules["hypothesis"] = None  # type: ignore[assignment]  # import hypothesis -> ImportError
        try:
            import pandera.strategies.base_strategies  # noqa: F401
        finally:
            del sys.modules["hypothesis"]
    return pa


def build_schema(rules: Iterable[Column], *, nullable_ints: bool = True):
    """A pandera schema for the declared columns (other columns, such as provenance, are allowed): each
    column's pandas dtype from its declared type (integers as ``Int64``, or ``int64`` when a stage keeps
    no missing integers, ``nullable_ints=False``), its bounds, allowed values and nullability."""
    pa = pandera()

    columns = {}
    for rule in rules:
        checks = []
        if rule.min is not None:
            checks.append(pa.Check.ge(rule.min))
        if rule.max is not None:
            checks.append(pa.Check.le(rule.max))
        if rule.allowed is not None:
            checks.append(pa.Check.isin(list(rule.allowed)))
        dtype = pandas_dtype(rule.dtype, nullable=nullable_ints)
        columns[rule.name] = pa.Column(dtype, checks=checks, nullable=rule.nullable, coerce=False)
    return pa.DataFrameSchema(columns, strict=False, ordered=False)


def validate_frame(
    frame: pd.DataFrame,
    rules: Iterable[Column],
    path: str,
    locate: Callable[[pd.Series, str], tuple[str, str | None]],
    advice: str = "",
    *,
    nullable_ints: bool = True,
) -> None:
    """Validate ``frame`` against the declared columns (see :func:`build_schema`); on failure raise
    InputError at the first failing cell in file order."""
    import pandera.errors

    rules = tuple(rules)
    try:
        build_schema(rules, nullable_ints=nullable_ints).validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        located = cases[cases["index"].notna()]
        if located.empty:
            first = cases.iloc[0]
            raise InputError(path, f"schema check failed: {first['check']}", column=str(first["column"])) from None
        first = located.sort_values("index", kind="stable").iloc[0]
        column = str(first["column"])
        row = frame.loc[int(first["index"])]
        rule = next((r for r in rules if r.name == column), None)
        allowed = f" (allowed: {list(rule.allowed)})" if rule is not None and rule.allowed is not None else ""
        source_column, text = locate(row, column)
        raise InputError(
            path,
            f"value {first['failure_case']} fails the check {first['check']} on {column}{allowed} "
            f"({len(located)} failing cell(s) in all){advice}",
            line=int(row["_line"]),
            row=row["_row"],
            column=source_column,
            text=text,
        ) from None
