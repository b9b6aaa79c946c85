"""Snakemake adapter: the US-Mexico gap in GDP per head by decade and in single years, in current
dollars and in PPP constant dollars, as a ratio and a difference."""

import sys
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.analysis import remittances_since_2005 as r
from migration_evidence.analysis.stats import round_estimates
from migration_evidence.errors import InputError
from migration_evidence.outputs import write_csv

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

try:
    ppp = r.read_ppp_gdp_per_head(snakemake.input.ppp)
except InputError as exc:
    sys.exit(f"Bad input: {exc}")
table = r.gdp_gap_by_period(pd.read_csv(snakemake.input.gdp_per_head), ppp)
write_csv(snakemake.output[0], round_estimates(table))
