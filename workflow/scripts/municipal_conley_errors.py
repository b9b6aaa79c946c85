"""Snakemake adapter: the main growth regression's Conley (spatial-HAC) errors beside the
state-clustered ones, every period."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.analysis import spatial_inference
from migration_evidence.microdata.waves import read_panel
from migration_evidence.outputs import write_csv

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

write_csv(snakemake.output.conley, spatial_inference.conley_table(read_panel(snakemake.input.panel)))
