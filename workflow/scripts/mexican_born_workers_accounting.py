"""Snakemake adapter: check that CONAPO's worker counts add up, year by year."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.outputs import write_csv
from migration_evidence.series.external import load_external_config, read_series
from migration_evidence.series.results import workers_accounting

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

config = load_external_config(snakemake.input.declaration)
workers = read_series(snakemake.input.workers, config.processed["mexican_born_workers_by_sector_1994_2005"])
write_csv(snakemake.output[0], workers_accounting(workers))
