"""Snakemake adapter: findings about the sources from the public statistical files (audit columns)."""

import sys
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.outputs import write_csv
from migration_evidence.statistical_files import findings
from migration_evidence.statistical_files.tables import load_config, state_totals_by_year

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

config = load_config(snakemake.input.declaration)
annual = pd.read_csv(snakemake.input.annual)
gdp_per_head = pd.read_csv(snakemake.input.gdp_per_head)
totals = state_totals_by_year(pd.read_csv(snakemake.input.states), pd.read_csv(snakemake.input.monthly))
rows = [
    *findings.vintage_findings(annual, snakemake.input.transcribed_remittances),
    findings.revision_2024_finding(annual, config.reference_values["earlier_vintage_2024"]),
    *findings.state_total_findings(totals),
    *findings.table2_gdp_findings(snakemake.input.asymmetries_raw, gdp_per_head),
    findings.published_gdp_per_head_finding(gdp_per_head, config.reference_values["published_gdp_per_head"]),
]
write_csv(snakemake.output[0], findings.findings_frame(rows), float_format="%.10g")
