"""Snakemake adapter: notebook 7's growth regressions with Conley (spatial-HAC) errors beside the
state-clustered ones, and the wild cluster bootstrap interval by test inversion."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.analysis import municipal_waves, spatial_inference
from migration_evidence.microdata.waves import read_panel
from migration_evidence.outputs import write_csv

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

conley, inverted = spatial_inference.growth_inference(
    read_panel(snakemake.input.panel), replications=municipal_waves.WILD_REPLICATIONS
)
write_csv(snakemake.output.conley, conley)
write_csv(snakemake.output.inverted, inverted)
