"""Snakemake adapter: notebook 6's monthly break search (STL decomposition, break sets by number of
breaks and trimming, the headline fit's segments and persistence, and the block bootstrap that
re-selects the number of breaks), with the settings of config/statistics.yaml's section of this rule."""

import sys
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.analysis import remittances_since_2005 as r
from migration_evidence.outputs import write_csv

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

settings = snakemake.params.settings
tables = r.monthly_break_results(
    pd.read_csv(snakemake.input.monthly),
    int(pd.read_csv(snakemake.input.annual)["year"].max()),
    break_trimmings=settings["break_trimmings"],
    break_headline_trimming=settings["break_headline_trimming"],
    break_max_breaks=int(settings["break_max_breaks"]),
    break_bootstrap_replications=int(settings["break_bootstrap_replications"]),
    break_bootstrap_block_months=int(settings["break_bootstrap_block_months"]),
    break_bootstrap_seed=int(settings["break_bootstrap_seed"]),
    break_near_months=int(settings["break_near_months"]),
    break_persistence_months=int(settings["break_persistence_months"]),
    named=r.NAMED_BREAKS,
)
for name, frame in tables.items():
    write_csv(snakemake.output[name], frame)
