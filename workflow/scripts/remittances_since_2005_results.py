"""Snakemake adapter: the series notebook 6 shows and the figures draw, computed once here: the three
vintages 1980-2025, remittances in constant pesos, the migration regions' shares and the US-Mexico gap
in GDP per head beside Table 2."""

import sys
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.analysis import remittances_since_2005 as r
from migration_evidence.config import load_yaml
from migration_evidence.outputs import write_csv
from migration_evidence.printed.processed import read_processed
from migration_evidence.printed.specs import load_specs

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

inputs = snakemake.input
annual = pd.read_csv(inputs.annual)
monthly = pd.read_csv(inputs.monthly)
last_year = int(annual["year"].max())
with open(inputs.regions, encoding="utf-8") as handle:
    regions = load_yaml(handle)
asymmetries_spec = {spec.processed: spec for spec in load_specs(inputs.tables).values()}[inputs.asymmetries]

write_csv(snakemake.output.by_vintage, r.vintages_1980_2025(pd.read_csv(inputs.transcribed), annual))
write_csv(
    snakemake.output.constant_pesos,
    r.constant_pesos(
        monthly[monthly["year"] <= last_year],
        pd.read_csv(inputs.prices),
        int(snakemake.params.constant_price_year),
    ),
)
write_csv(snakemake.output.region_shares, r.regions_with_sensitivity(pd.read_csv(inputs.states), regions))
write_csv(
    snakemake.output.gdp_gap,
    r.gdp_gap(
        pd.read_csv(inputs.gdp_per_head),
        read_processed(inputs.asymmetries, asymmetries_spec),
        int(snakemake.params.gdp_gap_first_year),
    ),
)
