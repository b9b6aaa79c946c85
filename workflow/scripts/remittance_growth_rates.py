"""Snakemake adapter: compound annual growth of remittances for each declared period."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.outputs import write_csv
from migration_evidence.series.external import load_external_config, read_series
from migration_evidence.series.results import growth_rates

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

config = load_external_config(snakemake.input.declaration)
remittances = read_series(snakemake.input.remittances, config.processed["remittances_mexico_1980_2005"])
write_csv(snakemake.output[0], growth_rates(remittances, config), float_format="%.6f")
