"""Snakemake adapter: Banco de México's municipal remittances of 2020 against the census share of
dwellings receiving remittances (rank and log correlations), and remittances by 2000 degree; notebook 7
shows them and the figures draw them."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.analysis import municipal_waves
from migration_evidence.microdata.waves import read_panel
from migration_evidence.outputs import write_csv

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

panel = read_panel(snakemake.input.panel)
write_csv(snakemake.output.correlation, municipal_waves.remittance_correlation(panel))
write_csv(snakemake.output.by_degree, municipal_waves.remittances_by_degree(panel))
