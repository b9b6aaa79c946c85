"""Snakemake adapter: write the SHA-256 manifest of the outputs the rule lists as its input files."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.outputs import write_text
from migration_evidence.reporting.manifest import sha256_manifest

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

write_text(snakemake.output[0], sha256_manifest(list(snakemake.input.files)))
