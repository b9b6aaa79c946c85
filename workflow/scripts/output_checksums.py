"""Snakemake adapter: write the SHA-256 manifest of the outputs the rule lists as its input files, from
the records their jobs wrote (migration_evidence.integrity.records)."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.integrity.records import OutputIntegrityError, manifest_from_records
from migration_evidence.outputs import write_text

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

try:
    manifest = manifest_from_records(list(snakemake.input.files))
except OutputIntegrityError as exc:
    sys.exit(f"Bad output: {exc}")
write_text(snakemake.output[0], manifest)
