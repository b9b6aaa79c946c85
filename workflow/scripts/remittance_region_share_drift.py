"""Snakemake adapter: the migration regions' shares of remittances read as random walks (mean yearly
change with a Newey-West interval, from 2003 and from 2005), their humps and largest one-year shifts."""

import sys
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.analysis import remittances_since_2005 as r
from migration_evidence.analysis.stats import round_estimates
from migration_evidence.config import load_yaml
from migration_evidence.outputs import write_csv

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

with open(snakemake.input.regions, encoding="utf-8") as handle:
    regions = load_yaml(handle)
frame = r.regions_with_sensitivity(pd.read_csv(snakemake.input.states), regions)
write_csv(snakemake.output[0], round_estimates(r.share_drift(frame)))
