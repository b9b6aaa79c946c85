"""Snakemake adapter: the microdata stage's findings about the sources (results/findings/municipal_microdata.csv)."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

import pandas as pd

from migration_evidence.audit.findings import write_findings
from migration_evidence.microdata.findings import municipal_findings

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

rows = municipal_findings(
    pd.read_csv(snakemake.input.vs_paper, dtype=str, keep_default_na=False),
    pd.read_csv(snakemake.input.index_formula),
    pd.read_csv(snakemake.input.table1_comparison, dtype=str, keep_default_na=False),
    claim_path=snakemake.input.claim,
    index_file=snakemake.params.index_file,
)
write_findings(snakemake.output[0], rows)
