"""Snakemake adapter: run the source audit and write reports/source_audit.csv and .md."""

import sys
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.audit import AuditError, audit_markdown, results_frame, run_audit
from migration_evidence.audit.cells import cell_coverage
from migration_evidence.audit.public_values import declared_public_facts, read_public_values
from migration_evidence.audit.run import declared_price_indexes, verify_printed_checks
from migration_evidence.errors import InputError
from migration_evidence.outputs import write_csv, write_text
from migration_evidence.printed.specs import load_specs
from migration_evidence.reporting.exhibits import load_documents
from migration_evidence.series.external import read_sources
from migration_evidence.series.specs import load_external_config

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

specs = load_specs(snakemake.input.tables)
documents = load_documents(snakemake.input.documents)
price_indexes = declared_price_indexes(load_external_config(snakemake.input.external_series))
try:
    public_values = read_public_values(snakemake.input.public_values, set(read_sources(snakemake.input.sources).index))
    result = run_audit(
        specs,
        snakemake.input.corrections,
        snakemake.input.claims,
        snakemake.input.known,
        documents=set(documents),
        series_claims_path=snakemake.input.series_claims,
        series_register_path=snakemake.input.series_register,
        findings_paths=list(snakemake.params.findings),
        approximate_markers=list(snakemake.params.approximate_markers),
        public_facts=declared_public_facts(snakemake.params.public_facts, public_values),
        datapackage=snakemake.input.datapackage,
        price_indexes=price_indexes,
        gate=snakemake.params.gate,
    )
    mismatched = verify_printed_checks(
        pd.read_csv(snakemake.input.printed_checks, dtype=str, keep_default_na=False),
        result.checks,
        snakemake.input.printed_checks,
    )
    if mismatched:
        raise AuditError(mismatched)
except (AuditError, InputError) as exc:
    sys.exit(f"Source audit failed: {exc}")
if result.problems:  # only with the gate off (a build on a refresh release); the refresh report reads them
    print(f"Source audit gate off: {len(result.problems)} problem(s) not stopping the build:", file=sys.stderr)
    for problem in result.problems:
        print(f"- {problem}", file=sys.stderr)
write_csv(snakemake.output.csv, results_frame(result.checks), float_format="%.6g")
cells = cell_coverage(result.tables, result.checks)
write_csv(snakemake.output.cells, cells)
write_text(
    snakemake.output.md,
    audit_markdown(
        result.checks,
        specs,
        result.claims,
        documents,
        result.series_claims,
        findings_files=list(snakemake.params.findings),
        approximate_rule=(
            "a number whose quote says "
            + ", ".join(f"“{m}”" for m in snakemake.params.approximate_markers)
            + " is read to half a unit of its last non-zero digit"
        ),
        cells=cells,
    ),
)
