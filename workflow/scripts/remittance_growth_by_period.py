"""Snakemake adapter: remittance growth by period since 1995 (current dollars and constant pesos) with
Newey–West intervals, and the comparison of 1995-2005 with the twenty years after it."""

import sys
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.analysis import remittances_since_2005 as r
from migration_evidence.analysis.stats import round_estimates
from migration_evidence.outputs import write_csv

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

growth, comparison = r.growth_tables(
    pd.read_csv(snakemake.input.transcribed),
    pd.read_csv(snakemake.input.annual),
    pd.read_csv(snakemake.input.monthly),
    pd.read_csv(snakemake.input.prices),
    int(snakemake.params.constant_price_year),
)
write_csv(snakemake.output.growth, round_estimates(growth))
write_csv(snakemake.output.comparison, round_estimates(comparison))
