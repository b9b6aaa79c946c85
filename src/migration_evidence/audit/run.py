"""The whole audit: every check run, duplicates refused, discrepancies reconciled with the register."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..printed.clean import read_corrections
from ..printed.specs import TableSpec
from ..raw_integrity import verify_declared_hash, verify_excerpt_against_document
from .claim_checks import claim_checks
from .claims import Claim, read_claims
from .printed import PrintedTable, audit_block, load_printed_table
from .register import read_known_discrepancies, reconcile
from .series_checks import SeriesClaim, series_claim_checks
from .table_checks import table_checks, transcription_checks
from .verdicts import RESULT_COLUMNS, VERDICTS, Check


class AuditError(Exception):
    """The audit found problems: unexplained discrepancies or a stale register."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) found by the source audit:\n{lines}")


@dataclass(frozen=True)
class AuditResult:
    checks: list[Check]
    claims: list[Claim]
    series_claims: dict[str, SeriesClaim] = field(default_factory=dict)


def run_audit(
    specs: dict[str, TableSpec],
    corrections_path: str,
    claims_path: str,
    known_path: str,
    *,
    raw_paths: dict[str, str] | None = None,
    excerpt_paths: dict[str, str] | None = None,
    documents: set[str] | None = None,
    root: str | Path = ".",
    series_claims_path: str | None = None,
    series_register_path: str | None = None,
    datapackage: str | None = None,
) -> AuditResult:
    """Run every check; raise :class:`AuditError` listing each unexplained or stale discrepancy.

    ``raw_paths`` and ``excerpt_paths`` default to the paths declared in the table specs, read
    relative to ``root``. With ``datapackage``, each excerpt must also have the md5 recorded there and,
    when the source document is at hand, be its lines byte for byte.
    """
    root = Path(root)
    corrections = read_corrections(corrections_path)
    tables: dict[str, PrintedTable] = {}
    checks: list[Check] = []
    for table_id, spec in specs.items():
        raw_path = (raw_paths or {}).get(table_id, str(root / spec.raw))
        excerpt_path = (excerpt_paths or {}).get(table_id, str(root / spec.excerpt))
        if datapackage is not None:
            verify_excerpt(excerpt_path, datapackage)
        table = load_printed_table(spec, raw_path, corrections, str(corrections_path))
        tables[table_id] = table
        checks += _table_checks(table, excerpt_path)
    claims = read_claims(claims_path, documents)
    checks += claim_checks(claims, tables, str(claims_path))
    series_claims: dict[str, SeriesClaim] = {}
    if series_claims_path is not None:
        if series_register_path is None:
            raise ValueError("series_claims_path needs series_register_path")
        series, series_claims = series_claim_checks(str(series_claims_path), str(series_register_path))
        checks += series
    ids = [c.check_id for c in checks]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicated check ids {duplicates}")
    problems = reconcile(checks, read_known_discrepancies(known_path), str(known_path))
    if problems:
        raise AuditError(problems)
    return AuditResult(checks, claims, series_claims)


def verify_excerpt(excerpt_path: str, datapackage: str) -> None:
    """The excerpt is the version recorded in the data package, and the document lines it cites."""
    verify_declared_hash(excerpt_path, datapackage)
    verify_excerpt_against_document(excerpt_path, datapackage)


def _table_checks(table: PrintedTable, excerpt_path: str) -> list[Check]:
    checks = transcription_checks(table, excerpt_path) if audit_block(table.spec).get("transcription", True) else []
    return checks + table_checks(table)


def check_table(
    spec: TableSpec,
    raw_path: str,
    excerpt_path: str,
    corrections_path: str,
    known_path: str,
    datapackage: str | None = None,
) -> list[Check]:
    """One table's own checks, the precondition of everything that reads it: its transcription against
    the excerpt and its arithmetic (totals, shares, averages...), every discrepancy explained in the
    register. Raise :class:`AuditError` naming file, row and column of each problem.

    The clean stage runs this before it writes the processed table, so that no figure, notebook or
    result is ever built from a table that fails its checks. Register entries of other tables and of
    claims are left to the full audit (:func:`run_audit`). With ``datapackage``, the excerpt must also
    have the md5 recorded there and, when the source document is at hand, be its lines byte for byte."""
    if datapackage is not None:
        verify_excerpt(excerpt_path, datapackage)
    corrections = read_corrections(corrections_path)
    table = load_printed_table(spec, raw_path, corrections, str(corrections_path))
    checks = _table_checks(table, excerpt_path)
    prefix = f"{spec.id}:"
    known = {k: v for k, v in read_known_discrepancies(known_path).items() if k.startswith(prefix)}
    problems = reconcile(checks, known, str(known_path))
    if problems:
        raise AuditError(problems)
    return checks


def results_frame(checks: list[Check]) -> pd.DataFrame:
    """One row per check, discrepancies first, then in the order the checks were run."""
    order = {v: i for i, v in enumerate(["discrepancy", "within_rounding", "consistent", "exact"])}
    ranked = sorted(enumerate(checks), key=lambda ic: (order[ic[1].verdict], ic[0]))
    frame = pd.DataFrame([c.record() for _, c in ranked], columns=RESULT_COLUMNS)
    frame["line"] = pd.array(frame["line"].tolist(), dtype="Int64")
    return frame


def verdict_counts(verdicts: list[str] | pd.Series) -> dict[str, int]:
    values = list(verdicts)
    return {v: values.count(v) for v in VERDICTS}


def summary_line(verdicts: list[str] | pd.Series) -> str:
    counts = verdict_counts(verdicts)
    n = sum(counts.values())
    return (
        f"**Summary: {n} checks run: {counts['exact']} exact, {counts['within_rounding']} within printed rounding, "
        f"{counts['consistent']} consistent bounds, {counts['discrepancy']} discrepancies "
        "(each explained in `data/raw/known_discrepancies.csv`).**"
    )
