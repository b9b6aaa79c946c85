"""Snakemake adapter: re-derive every processed table in memory and compare it with data/processed/."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.errors import InputError
from migration_evidence.outputs import write_text
from migration_evidence.printed.specs import load_specs
from migration_evidence.printed.verification import verify_processed
from migration_evidence.reporting.manifest import sha256_manifest
from migration_evidence.series.external import load_external_config
from migration_evidence.statistical_files.specs import load_config as load_statistical_tables

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

inputs = snakemake.input
try:
    statistical = load_statistical_tables(inputs.statistical_tables)
    problems = verify_processed(
        load_specs(inputs.tables),
        inputs.corrections,
        load_external_config(inputs.external_series),
        (statistical, {file_id: snakemake.input[f"statistical_{file_id}"] for file_id in statistical.files}),
    )
except InputError as exc:
    sys.exit(f"Bad input: {exc}")
if problems:
    sys.exit("Processed files that are not what their raw files give:\n" + "\n".join(f"- {p}" for p in problems))
write_text(snakemake.output[0], sha256_manifest(list(snakemake.input.processed)))
