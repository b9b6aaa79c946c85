"""Snakemake adapter: write reports/municipal_microdata.md from the microdata result tables."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

import pandas as pd

from migration_evidence.microdata.report import municipal_report
from migration_evidence.microdata.specs import load_microdata_spec
from migration_evidence.outputs import write_text

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

spec = load_microdata_spec(snakemake.input.spec)
tables = {
    output_id: pd.read_csv(snakemake.input[output_id], keep_default_na=False, na_values=[""])
    for output_id in spec.outputs
    if output_id != "report"
}
write_text(snakemake.output[0], municipal_report(spec, tables))
