"""Snakemake adapter: notebook 7's growth regressions for every period (state-clustered errors, wild
cluster bootstrap) and the wild bootstrap interval by test inversion where the two disagree."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.analysis import municipal_waves, spatial_inference
from migration_evidence.microdata.waves import read_panel
from migration_evidence.outputs import write_csv

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

growth, inverted = spatial_inference.growth_with_inverted_intervals(
    read_panel(snakemake.input.panel), replications=municipal_waves.WILD_REPLICATIONS
)
write_csv(snakemake.output.growth, growth)
write_csv(snakemake.output.inverted, inverted)
