"""The audit of one table as the gate of its cleaning: the checks that must pass before anything
reads the table (its transcription against the excerpt, its arithmetic, its register entries), and
the integrity of its excerpt (recorded md5; the document lines, when the documents are at hand).

Kept apart from :mod:`.run` so that the cleaning jobs depend only on the table checks, not on the
claim and series checks of the full audit.
"""

from __future__ import annotations

from ..integrity.declared import verify_declared_hash, verify_excerpt_against_document
from ..printed.clean import read_corrections
from ..printed.specs import TableSpec
from .printed import PrintedTable, audit_block, load_printed_table
from .register import read_known_discrepancies, reconcile
from .table_checks import table_checks, transcription_checks
from .verdicts import Check


class AuditError(Exception):
    """The audit found problems: unexplained discrepancies or a stale register."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) found by the source audit:\n{lines}")


def verify_excerpt(excerpt_path: str, datapackage: str) -> None:
    """The excerpt is the version recorded in the data package, and the document lines it cites."""
    verify_declared_hash(excerpt_path, datapackage)
    verify_excerpt_against_document(excerpt_path, datapackage)


def table_checks_of(table: PrintedTable, excerpt_path: str) -> list[Check]:
    """The transcription (unless the table opts out) and arithmetic checks of one printed table."""
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
    checks = table_checks_of(table, excerpt_path)
    prefix = f"{spec.id}:"
    # The readings of cells are judged by the full audit, from the checks of every stage that read them.
    known = {
        k: v for k, v in read_known_discrepancies(known_path).items() if k.startswith(prefix) and ":reading:" not in k
    }
    problems = reconcile(checks, known, str(known_path))
    if problems:
        raise AuditError(problems)
    return checks
