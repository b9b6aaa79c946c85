"""The whole audit: every check run, duplicates refused, discrepancies reconciled with the register."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..printed.clean import read_corrections
from ..printed.specs import TableSpec
from ..series.specs import ExternalConfig
from .cells import reading_checks
from .claim_checks import claim_checks
from .claims import Claim, read_claims
from .findings import read_findings
from .gate import AuditError, table_checks_of, verify_excerpt
from .printed import PrintedTable, load_printed_table
from .register import read_known_discrepancies, reconcile
from .series_checks import SeriesClaim, price_index_base_check, series_claim_checks
from .verdicts import FLAGGED_VERDICTS, RESULT_COLUMNS, VERDICTS, Check, same_comparison_problems


@dataclass(frozen=True)
class PriceIndexBase:
    """A transcribed price index whose reference period the audit checks (``base_period`` of its
    processed table in ``config/external_series.yaml``)."""

    series_id: str
    raw_path: str
    column: str
    base_period: dict


def declared_price_indexes(external: ExternalConfig) -> list[PriceIndexBase]:
    """The transcribed price indexes whose processed table declares a ``base_period``
    (``config/external_series.yaml``), each with its raw file and the column of its values."""
    indexes = []
    for spec in external.processed.values():
        if "base_period" in spec.extra:
            (raw_id,) = spec.raw_files
            column = next(c.raw for c in spec.columns if c.raw and c.dtype == "float")
            indexes.append(PriceIndexBase(spec.id, external.raw_files[raw_id].path, column, spec.extra["base_period"]))
    return indexes


@dataclass(frozen=True)
class AuditResult:
    checks: list[Check]
    claims: list[Claim]
    series_claims: dict[str, SeriesClaim] = field(default_factory=dict)
    # Unexplained or stale discrepancies, kept instead of raised when the gate is off (run_audit).
    problems: list[str] = field(default_factory=list)
    tables: dict[str, PrintedTable] = field(default_factory=dict)


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
    findings_paths: list[str] | tuple[str, ...] = (),
    approximate_markers: list[str] | tuple[str, ...] = (),
    public_facts: Mapping[str, float | Decimal] | None = None,
    datapackage: str | None = None,
    price_indexes: list[PriceIndexBase] | tuple[PriceIndexBase, ...] = (),
    gate: bool = True,
) -> AuditResult:
    """Run every check; raise :class:`AuditError` listing each unexplained or stale discrepancy.

    ``raw_paths`` and ``excerpt_paths`` default to the paths declared in the table specs, read
    relative to ``root``. With ``datapackage``, each excerpt must also have the md5 recorded there and,
    when the source document is at hand, be its lines byte for byte. ``price_indexes``: transcribed price
    indexes whose reference period is checked (:func:`price_index_base_check`). ``gate=False`` (a build
    on a refresh release, docs/refresh.md) returns the unexplained or stale discrepancies in
    ``problems`` instead of raising, so that the verdicts on newer data can be compared.
    """
    corrections = read_corrections(corrections_path)
    tables, claims, checks = _printed_and_claim_checks(
        specs,
        corrections,
        corrections_path,
        claims_path,
        raw_paths=raw_paths,
        excerpt_paths=excerpt_paths,
        documents=documents,
        root=root,
        approximate_markers=approximate_markers,
        public_facts=public_facts,
        datapackage=datapackage,
    )
    series_claims: dict[str, SeriesClaim] = {}
    if series_claims_path is not None:
        if series_register_path is None:
            raise ValueError("series_claims_path needs series_register_path")
        series, series_claims = series_claim_checks(str(series_claims_path), str(series_register_path))
        checks += series
    for index in price_indexes:
        checks.append(price_index_base_check(index.raw_path, index.series_id, index.base_period, index.column))
    for path in findings_paths:
        checks += read_findings(path)
    ids = [c.check_id for c in checks]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"duplicated check ids {duplicates}")
    known = read_known_discrepancies(known_path)
    is_reading = lambda check_id: ":reading:" in check_id  # noqa: E731
    problems = reconcile(checks, {k: v for k, v in known.items() if not is_reading(k)}, str(known_path))
    problems += same_comparison_problems(checks)
    # Each cell read differently from its print, judged by the checks that read it (after their verdicts).
    readings = reading_checks(tables, corrections, checks, str(corrections_path))
    problems += reconcile(readings, {k: v for k, v in known.items() if is_reading(k)}, str(known_path))
    checks += readings
    if problems and gate:
        raise AuditError(problems)
    return AuditResult(checks, claims, series_claims, problems, tables)


def _printed_and_claim_checks(
    specs: dict[str, TableSpec],
    corrections: pd.DataFrame,
    corrections_path: str,
    claims_path: str,
    *,
    raw_paths: dict[str, str] | None = None,
    excerpt_paths: dict[str, str] | None = None,
    documents: set[str] | None = None,
    root: str | Path = ".",
    approximate_markers: list[str] | tuple[str, ...] = (),
    public_facts: Mapping[str, float | Decimal] | None = None,
    datapackage: str | None = None,
) -> tuple[dict[str, PrintedTable], list[Claim], list[Check]]:
    """The printed tables, the claims, and the checks of both (before the register is applied)."""
    root = Path(root)
    tables: dict[str, PrintedTable] = {}
    checks: list[Check] = []
    for table_id, spec in specs.items():
        raw_path = (raw_paths or {}).get(table_id, str(root / spec.raw))
        excerpt_path = (excerpt_paths or {}).get(table_id, str(root / spec.excerpt))
        if datapackage is not None:
            verify_excerpt(excerpt_path, datapackage)
        table = load_printed_table(spec, raw_path, corrections, str(corrections_path))
        tables[table_id] = table
        checks += table_checks_of(table, excerpt_path)
    claims = read_claims(claims_path, documents, approximate_markers)
    checks += claim_checks(claims, tables, str(claims_path), public_facts)
    return tables, claims, checks


def printed_checks(
    specs: dict[str, TableSpec],
    corrections_path: str,
    claims_path: str,
    known_path: str,
    *,
    documents: set[str] | None = None,
    root: str | Path = ".",
    approximate_markers: list[str] | tuple[str, ...] = (),
    public_facts: Mapping[str, float | Decimal] | None = None,
    datapackage: str | None = None,
) -> list[Check]:
    """The checks of the printed tables (transcription and arithmetic) and of the prose claims, with the
    register's verdicts applied: the results-stage table (``results/tables/printed_checks.csv``, the
    ``printed_checks`` rule) that notebooks read and the source audit verifies against its own
    (:func:`verify_printed_checks`). Raise :class:`AuditError` on an unexplained or stale entry."""
    corrections = read_corrections(corrections_path)
    _, _, checks = _printed_and_claim_checks(
        specs,
        corrections,
        corrections_path,
        claims_path,
        documents=documents,
        root=root,
        approximate_markers=approximate_markers,
        public_facts=public_facts,
        datapackage=datapackage,
    )
    prefixes = ("claim:", *(f"{table_id}:" for table_id in specs))
    known = {
        k: v for k, v in read_known_discrepancies(known_path).items() if k.startswith(prefixes) and ":reading:" not in k
    }
    problems = reconcile(checks, known, str(known_path)) + same_comparison_problems(checks)
    if problems:
        raise AuditError(problems)
    return checks


def verify_printed_checks(frame: pd.DataFrame, checks: list[Check], path: str) -> list[str]:
    """Each row of the results-stage printed checks (``path``) is the audit's own check of that id, with the
    same printed and recomputed values and verdict; one message per row that is not."""
    by_id = {c.check_id: c for c in checks}
    problems = []
    for row in frame.to_dict("records"):
        check = by_id.get(row["check_id"])
        if check is None:
            problems.append(f"{path}: check {row['check_id']} is not a check of the source audit")
            continue
        ours = (check.printed, check.recomputed, check.verdict)
        theirs = (str(row["printed"]), str(row["recomputed"]), str(row["verdict"]))
        if ours != theirs:
            problems.append(f"{path}: check {row['check_id']} reads {theirs}, the source audit {ours}")
    return problems


def results_frame(checks: list[Check]) -> pd.DataFrame:
    """One row per check, discrepancies first, then not comparable, then in the order the checks were run."""
    order = {
        v: i
        for i, v in enumerate(["discrepancy", "not_comparable", "no_test", "within_rounding", "consistent", "exact"])
    }
    ranked = sorted(enumerate(checks), key=lambda ic: (order[ic[1].verdict], ic[0]))
    frame = pd.DataFrame([c.record() for _, c in ranked], columns=RESULT_COLUMNS)
    frame["line"] = pd.array(frame["line"].tolist(), dtype="Int64")
    return frame


def verdict_counts(verdicts: list[str] | pd.Series) -> dict[str, int]:
    values = list(verdicts)
    return {v: values.count(v) for v in VERDICTS}


def summary_line(verdicts: list[str] | pd.Series) -> str:
    """The report's summary: the count of each verdict, and of the flagged rows (not comparable and
    discrepancies; a row that tests nothing is counted apart, not among them)."""
    counts = verdict_counts(verdicts)
    n = sum(counts.values())
    flagged = sum(counts[v] for v in FLAGGED_VERDICTS)
    return (
        f"**Summary: {n} checks: {counts['exact']} exact, {counts['within_rounding']} within printed rounding, "
        f"{counts['consistent']} consistent bounds, {counts['no_test']} that test nothing; {flagged} flagged "
        f"({counts['not_comparable']} not comparable, {counts['discrepancy']} discrepancies), each explained in "
        "`data/raw/known_discrepancies.csv`.**"
    )
