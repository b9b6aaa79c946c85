"""The CSV registers, read through one path and validated with pandera schemas.

A register is a hand-kept CSV of the repository: the prose claims (``data/raw/claims.csv``), the
judgement corrections (``data/raw/corrections.csv``), the known discrepancies
(``data/raw/known_discrepancies.csv``), the statements about remittances
(``data/raw/remittance_claims.csv``), the sources of the public series
(``data/raw/external/sources.csv``), the public values claim formulas may name
(``data/raw/external/public_values_mexico_us_migration.csv``) and the exceptions to the rules matching Banco de México's
municipal names to INEGI codes (``data/raw/banxico_municipality_names.csv``). Each is declared here
once (its columns in order, which must be filled in, allowed values, patterns, the columns that
identify a row) and read by :func:`read_register`:
the file is read strictly as text (:func:`~migration_evidence.raw_csv.read_csv_strict`), its header
compared with the declaration, and its cells checked by a pandera schema built from it. The first
failing cell in file order stops the build naming file, line, row, column and the offending text.
What a register means (a formula that parses, a quote that holds its number, a correction whose cell
still reads as recorded) is checked by the module that uses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .columns import check_header
from .errors import InputError
from .raw_csv import read_csv_strict
from .schemas import pandera

CORRECTION_COLUMNS = ["table", "row", "column", "printed", "kind", "corrected", "reason"]


@dataclass(frozen=True)
class Register:
    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]  # the columns that identify a row: no two rows share them
    label: str  # the column that names a row in messages
    optional: tuple[str, ...] = ()  # columns that may be empty; every other must be filled in
    allowed: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: dict[str, str] = field(default_factory=dict)  # full-match regular expressions

    def schema(self):
        """The pandera schema of the register's cells (all text)."""
        pa = pandera()

        columns = {}
        for name in self.columns:
            checks = []
            if name not in self.optional:
                checks.append(pa.Check(lambda s: s.str.strip().str.len() > 0, element_wise=False, error="filled in"))
            if name in self.allowed:
                checks.append(pa.Check.isin(list(self.allowed[name])))
            if name in self.patterns:
                checks.append(pa.Check.str_matches(rf"(?:{self.patterns[name]})\Z"))
            columns[name] = pa.Column(str, checks=checks, nullable=False)
        return pa.DataFrameSchema(columns, strict=False, ordered=False, unique=list(self.key) or None)


REGISTERS: dict[str, Register] = {
    "claims": Register(
        "claims",
        ("claim_id", "document", "lines", "quote", "stated", "scale", "unit", "rounded", "relation", "formula", "note"),
        key=("claim_id",),
        label="claim_id",
        optional=("scale",),
        allowed={
            "scale": ("", "thousand", "million", "billion"),
            "rounded": ("yes", "no"),
            "relation": ("=", "<", "<=", ">", ">="),
        },
        patterns={"claim_id": r"C\d{3}", "lines": r"\d+(?:-\d+)?"},
    ),
    "corrections": Register(
        "corrections",
        tuple(CORRECTION_COLUMNS),
        key=("table", "row", "column"),
        label="row",
    ),
    "known_discrepancies": Register(
        "known_discrepancies",
        ("check_id", "verdict", "printed", "recomputed", "explanation"),
        key=("check_id",),
        label="check_id",
        allowed={"verdict": ("no_test", "not_comparable", "discrepancy")},
    ),
    "remittance_claims": Register(
        "remittance_claims",
        ("claim_id", "document", "first_line", "last_line", "quote", "stated_text", "stated_value", "unit"),
        key=("claim_id",),
        label="claim_id",
        patterns={"first_line": r"\d+", "last_line": r"\d+"},
    ),
    "banxico_municipality_names": Register(
        "banxico_municipality_names",
        ("level", "banxico_state", "banxico_name", "inegi_code", "inegi_name", "reason"),
        key=("level", "banxico_state", "banxico_name"),
        label="banxico_state",
        optional=("banxico_name",),  # a state exception names no municipality
        allowed={"level": ("state", "municipality")},
        patterns={"inegi_code": r"\d+"},
    ),
    "public_values": Register(
        "public_values",
        ("value_id", "measure", "period", "printed_text", "value", "unit", "source_id", "note"),
        key=("value_id",),
        label="value_id",
        optional=("note",),
        patterns={"value_id": r"[a-z][a-z0-9_]*", "value": r"-?\d+(?:\.\d+)?"},
    ),
    "sources": Register(
        "sources",
        ("source_id", "publisher", "title", "url_or_tabulation", "date", "note"),
        key=("source_id",),
        label="source_id",
    ),
}


def read_register(path: str | Path, name: str) -> pd.DataFrame:
    """A register as a frame of text cells, with ``_line`` (its line in the file); any problem raises
    :class:`~migration_evidence.errors.InputError` naming file, line, row, column and text."""
    import pandera.errors

    register = REGISTERS[name]
    path = str(path)
    raw = read_csv_strict(path)
    check_header(path, raw.header, register.columns, f"for the {name} register (migration_evidence.registers)")
    frame = pd.DataFrame(raw.rows, columns=raw.header, dtype=object)
    frame["_line"] = raw.lines
    try:
        register.schema().validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        cases = cases[cases["index"].notna()].copy()
        if cases.empty:
            raise InputError(path, f"register check failed: {exc.failure_cases.iloc[0]['check']}") from None
        cases["index"] = cases["index"].astype(int)
        first = cases.sort_values(["index"], kind="stable").iloc[0]
        row = frame.loc[first["index"]]
        column = str(first["column"]) if str(first["column"]) in register.columns else register.key[0]
        check = str(first["check"])
        if "unique" in check or first["column"] in (None, "") or str(first["column"]) not in register.columns:
            problem = f"{', '.join(register.key)} repeated: another row has the same"
        elif check == "filled in":
            problem = "every row needs a value here"
        elif column in register.allowed:
            problem = f"{column} must be one of {list(register.allowed[column])}"
        elif column in register.patterns:
            problem = f"{column} must match {register.patterns[column]!r}"
        else:
            problem = f"fails the check {check}"
        raise InputError(
            path,
            problem,
            line=int(row["_line"]),
            row=row[register.label],
            column=column,
            text=row[column],
        ) from None
    return frame
