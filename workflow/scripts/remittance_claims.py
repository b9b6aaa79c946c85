"""Snakemake adapter: the documents' statements about remittances, checked against the series."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.errors import InputError
from migration_evidence.outputs import write_csv
from migration_evidence.series.external import load_external_config, read_series
from migration_evidence.series.results import check_remittance_claims, read_remittance_claims

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

config = load_external_config(snakemake.input.declaration)
remittances = read_series(snakemake.input.remittances, config.processed["remittances_mexico_1980_2005"])
try:
    checked = check_remittance_claims(
        remittances,
        read_remittance_claims(snakemake.input.claims),
        config,
        snakemake.input.claims,
        approximate_markers=list(snakemake.params.approximate_markers),
    )
except InputError as exc:
    sys.exit(f"Bad input: {exc}")
write_csv(snakemake.output[0], checked, float_format="%.4f")
