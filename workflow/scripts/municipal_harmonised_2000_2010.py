"""Snakemake adapter: CONAPO's 2000 indicators on the 2010 basis against 2010, beside the municipal
files' shares (2000's labelled "2000 method, not comparable"), and the method change as findings."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

import pandas as pd

from migration_evidence.analysis import intensity_harmonised
from migration_evidence.analysis.stats import round_estimates
from migration_evidence.audit.findings import write_findings
from migration_evidence.errors import InputError
from migration_evidence.microdata.waves import read_panel
from migration_evidence.outputs import write_csv

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

source_ids = set(pd.read_csv(snakemake.input.sources, dtype=str, keep_default_na=False)["source_id"])
try:
    harmonised = intensity_harmonised.read_harmonised(snakemake.input.harmonised, source_ids)
except InputError as exc:
    sys.exit(f"Bad input: {exc}")
panel = read_panel(snakemake.input.panel)
table = round_estimates(intensity_harmonised.comparison(harmonised, panel))
write_csv(snakemake.output.table, table)
write_findings(
    snakemake.output.findings,
    intensity_harmonised.findings(
        table,
        snakemake.input.harmonised,
        "2000 municipal file: the indicator's share weighted by households over the 2000 municipalities "
        "(of the state, for a state row)",
    ),
)
