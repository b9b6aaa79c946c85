"""Snakemake adapter: municipalities by state and degree of migratory intensity, 2000."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.microdata.ingest import read_joined
from migration_evidence.microdata.results import degree_by_state
from migration_evidence.outputs import write_csv

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

write_csv(snakemake.output[0], degree_by_state(read_joined(snakemake.input.joined)))
