"""Corrections confirmed by something other than themselves.

A correction's kind says what it may do ("decimal point lost": the printed digits with one decimal
point inserted), but some kinds admit more than one value: "349" may be 34.9 or 3.49. The kind alone
cannot choose, and the register's reason is the corrector's word, not evidence. So a correction whose
kind admits several values must also be confirmed by the table itself, independently of the
correction: the corrected value must print the number of decimals that every uncorrected cell of its
column prints (Table 4 of the NAFTA paper prints one decimal in every cell, so "349" is 34.9, not
3.49). A column whose uncorrected cells do not agree on one number of decimals cannot confirm it, and
the build stops. (Extraction noise removed keeps every printed digit in order and admits one value.)
"""

from __future__ import annotations

import re

import pandas as pd

from ..errors import InputError
from .specs import TableSpec

_NUMBER = re.compile(r"^-?\d+(?:\.(\d+))?$")

# Kinds whose rule admits more than one corrected value for the same printed text.
NEEDS_CONFIRMATION = {"decimal point lost"}


def _decimals(text: str) -> int | None:
    match = _NUMBER.match(text.strip())
    if match is None:
        return None
    return len(match.group(1) or "")


def confirm_corrections(raw, spec: TableSpec, corrections: pd.DataFrame, corrections_path: str) -> None:
    """Stop, naming the register's line, row, column and corrected text, if a correction of a kind in
    :data:`NEEDS_CONFIRMATION` prints a different number of decimals from the uncorrected cells of its
    column in ``raw`` (the table as read, before corrections)."""
    fixes = corrections[corrections["table"] == spec.id]
    corrected = {(fix["row"], fix["column"]) for _, fix in fixes.iterrows()}
    for _, fix in fixes.iterrows():
        if fix["kind"] not in NEEDS_CONFIRMATION or fix["column"] not in raw.header:
            continue
        j = raw.header.index(fix["column"])
        others = [row[j] for row in raw.rows if (row[0], fix["column"]) not in corrected]
        printed = {d for d in map(_decimals, others) if d is not None}
        where = dict(line=int(fix["_line"]), row=fix["row"], column="corrected", text=fix["corrected"])
        if len(printed) != 1:
            raise InputError(
                corrections_path,
                f"a correction of kind {fix['kind']!r} is not confirmed by its table: the other cells of column "
                f"{fix['column']!r} in {raw.path} do not all print the same number of decimals "
                f"({sorted(printed) or 'none'}), so the table cannot say where the decimal point goes",
                **where,
            )
        (wanted,) = printed
        if _decimals(fix["corrected"]) != wanted:
            raise InputError(
                corrections_path,
                f"a correction of kind {fix['kind']!r} is not confirmed by its table: every other cell of column "
                f"{fix['column']!r} in {raw.path} prints {wanted} decimal(s), so {fix['printed']!r} reads "
                f"with {wanted} decimal(s)",
                **where,
            )
