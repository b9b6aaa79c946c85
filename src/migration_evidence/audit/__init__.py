"""Source audit: every total, share, average and ratio the documents print, recomputed from the
printed cells, and every number the prose states, checked against the tables and the other numbers
it implies.

Three families of checks:

- transcription: each raw row, cell by cell, is the verbatim line of the document excerpt it was
  typed from (so a changed raw cell is caught even where no arithmetic touches it);
- table checks, generated from the ``audit:`` block each table declares in ``config/tables.yaml``
  (sums to the total row, shares, averages, parts of a whole, counts that do not add up across
  rows, bounds and definitional values);
- claims: each row of ``data/raw/claims.csv`` (see :mod:`migration_evidence.audit.claims`), and each
  comparison of the documents' statements about remittances with Banco de México's series
  (``data/raw/remittance_claims.csv``, compared by the ``remittance_claims`` rule; see
  :func:`series_claim_checks`).

Tolerance policy. A printed (or stated) number is judged with half a unit of its last printed digit,
the decimals being those of the printed text (``parse_printed_number(...).decimals``). Inputs of a
recomputation that are themselves rounded (printed shares and averages, rounded prose numbers)
carry their own rounding into the recomputed value (interval arithmetic, see
:mod:`migration_evidence.audit.intervals`); counts and money amounts are taken as exact. Verdicts:

- ``exact``: the recomputed value equals the printed one;
- ``within_rounding``: they differ by no more than the tolerance;
- ``consistent``: a bound the source states or implies ("more than forty projects", parts no larger
  than their whole) holds;
- ``discrepancy``: anything else. A discrepancy must be explained, with its printed and recomputed
  values, in ``data/raw/known_discrepancies.csv``; an unexplained one, or a registered one that no
  longer occurs as recorded, stops the build with the file, row and column concerned.

Modules: :mod:`.printed` (printed cells), :mod:`.verdicts` (checks, tolerance and verdicts),
:mod:`.table_checks`, :mod:`.claim_checks` (with :mod:`.claims`, :mod:`.formulas`, :mod:`.intervals`),
:mod:`.series_checks`, :mod:`.register` (known discrepancies), :mod:`.run` (the whole audit) and
:mod:`.report` (the Markdown report).
"""

from .report import audit_markdown
from .run import AuditError, AuditResult, check_table, results_frame, run_audit, summary_line, verdict_counts
from .verdicts import RESULT_COLUMNS, VERDICT_LABELS, VERDICTS, Check, judge

__all__ = [
    "RESULT_COLUMNS",
    "VERDICTS",
    "VERDICT_LABELS",
    "AuditError",
    "AuditResult",
    "Check",
    "audit_markdown",
    "check_table",
    "judge",
    "results_frame",
    "run_audit",
    "summary_line",
    "verdict_counts",
]
