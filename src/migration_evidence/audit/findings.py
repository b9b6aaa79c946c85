"""The findings contract: how a stage other than the audit reports what it finds about a source.

A stage that compares a source with something (a printed value with a public file, a vintage with
another, a file's internal total, a count of municipalities) writes its comparisons as rows of a
findings file, ``results/findings/<topic>.csv``, with exactly the audit's columns
(:data:`~migration_evidence.audit.verdicts.RESULT_COLUMNS`) and one of its verdicts
(:data:`~migration_evidence.audit.verdicts.VERDICTS`). The files are declared under ``findings:`` in
``config/config.yaml``; the source audit reads every one of them, reports its rows with its own checks,
and holds them to the same register: a ``discrepancy`` or ``not_comparable`` row needs its explanation in
``data/raw/known_discrepancies.csv``, and a registered one that no longer occurs stops the build.

:func:`finding` builds one row and :func:`write_findings` writes a file, so that a stage needs no
knowledge of the audit's internals. See ``docs/findings.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ..columns import check_header
from ..errors import InputError
from ..outputs import write_csv
from ..raw_csv import read_csv_strict
from .verdicts import RESULT_COLUMNS, VERDICTS, Check

REQUIRED = ("check_id", "source", "kind", "file", "printed", "recomputed", "verdict", "explanation")


def finding(**values: Any) -> dict[str, str]:
    """One findings row: every column of the contract, as text (empty where it does not apply)."""
    unknown = set(values) - set(RESULT_COLUMNS)
    if unknown:
        raise ValueError(f"unknown findings columns {sorted(unknown)}; the columns are {RESULT_COLUMNS}")
    row = {name: "" if values.get(name) is None else str(values.get(name, "")) for name in RESULT_COLUMNS}
    if row["verdict"] not in VERDICTS:
        raise ValueError(
            f"finding {row['check_id']!r}: verdict must be one of {list(VERDICTS)}, not {row['verdict']!r}"
        )
    for name in REQUIRED:
        if not row[name]:
            raise ValueError(f"finding {row['check_id']!r}: {name} is empty")
    return row


def findings_frame(rows: Iterable[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=RESULT_COLUMNS, dtype=str)


def write_findings(path: str | Path, rows: Iterable[dict[str, str]]) -> None:
    """Write a findings file (all text, exactly the contract's columns, in the order given)."""
    write_csv(str(path), findings_frame(rows))


def read_findings(path: str | Path) -> list[Check]:
    """The rows of one findings file as audit checks; a wrong header, an unknown verdict, an empty
    required cell or a repeated check id stops the build naming file, line, row and column."""
    path = str(path)
    raw = read_csv_strict(path)
    check_header(path, raw.header, RESULT_COLUMNS, "in the findings contract (docs/findings.md)")
    checks: list[Check] = []
    seen: set[str] = set()
    for record, line in zip(raw.rows, raw.lines, strict=True):
        row = dict(zip(RESULT_COLUMNS, record, strict=True))
        for name in REQUIRED:
            if not row[name].strip():
                raise InputError(path, "every finding needs a value here", line=line, row=row["check_id"], column=name)
        if row["verdict"] not in VERDICTS:
            raise InputError(
                path,
                f"verdict must be one of {list(VERDICTS)}",
                line=line,
                row=row["check_id"],
                column="verdict",
                text=row["verdict"],
            )
        if row["check_id"] in seen:
            raise InputError(path, "check id repeated", line=line, row=row["check_id"], column="check_id")
        seen.add(row["check_id"])
        try:
            source_line = int(row["line"]) if row["line"] else None
            relative = float(row["relative_difference"]) if row["relative_difference"] else None
        except ValueError as exc:
            raise InputError(path, f"not a number: {exc}", line=line, row=row["check_id"]) from None
        checks.append(
            Check(
                check_id=row["check_id"],
                source=row["source"],
                kind=row["kind"],
                file=row["file"],
                line=source_line,
                row=row["row"],
                column=row["column"],
                cells_used=row["cells_used"],
                printed_text=row["printed_text"],
                printed=row["printed"],
                recomputed=row["recomputed"],
                difference=row["difference"],
                tolerance=row["tolerance"],
                relation=row["relation"] or "=",
                verdict=row["verdict"],
                explanation=row["explanation"],
                relative_difference=relative,
                files_used=(path,),
                findings_file=path,
            )
        )
    return checks
