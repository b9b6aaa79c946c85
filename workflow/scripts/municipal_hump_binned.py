"""Snakemake adapter: the migration hump's outcomes in equal-size groups by marginalisation, wave by
wave, and whether the binned means show the downturn the quadratic implies."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.analysis import municipal_waves
from migration_evidence.microdata.waves import read_panel
from migration_evidence.outputs import write_csv

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

means, check = municipal_waves.hump_binned(read_panel(snakemake.input.panel))
write_csv(snakemake.output.means, means)
write_csv(snakemake.output.check, check)
