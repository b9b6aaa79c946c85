"""Snakemake adapter: clean one printed table into data/processed/, once it passes its own checks."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.audit import AuditError, check_table
from migration_evidence.errors import InputError
from migration_evidence.outputs import write_csv
from migration_evidence.printed.clean import clean_table
from migration_evidence.printed.specs import load_specs

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

spec = load_specs(snakemake.input.tables)[snakemake.wildcards.table]
try:
    table = clean_table(spec, snakemake.input.raw, snakemake.input.corrections)
    # The table's transcription and arithmetic checks gate it: a table that fails them is never written.
    check_table(
        spec,
        snakemake.input.raw,
        snakemake.input.excerpt,
        snakemake.input.corrections,
        snakemake.input.known,
        datapackage=snakemake.input.datapackage,
    )
except InputError as exc:
    sys.exit(f"Bad input: {exc}")
except AuditError as exc:
    sys.exit(f"{spec.raw} fails its checks, so {snakemake.output[0]} is not written. {exc}")
write_csv(snakemake.output[0], table)
