"""Snakemake adapter: the checks of the printed tables and prose claims, results/tables/printed_checks.csv."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.audit import AuditError, results_frame
from migration_evidence.audit.public_values import declared_public_facts, read_public_values
from migration_evidence.audit.run import printed_checks
from migration_evidence.errors import InputError
from migration_evidence.outputs import write_csv
from migration_evidence.printed.specs import load_specs
from migration_evidence.reporting.exhibits import load_documents
from migration_evidence.series.external import read_sources

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

try:
    public_values = read_public_values(snakemake.input.public_values, set(read_sources(snakemake.input.sources).index))
    checks = printed_checks(
        load_specs(snakemake.input.tables),
        snakemake.input.corrections,
        snakemake.input.claims,
        snakemake.input.known,
        documents=set(load_documents(snakemake.input.documents)),
        approximate_markers=list(snakemake.params.approximate_markers),
        public_facts=declared_public_facts(snakemake.params.public_facts, public_values),
        datapackage=snakemake.input.datapackage,
    )
except (AuditError, InputError) as exc:
    sys.exit(f"Printed checks failed: {exc}")
write_csv(snakemake.output[0], results_frame(checks), float_format="%.6g")
