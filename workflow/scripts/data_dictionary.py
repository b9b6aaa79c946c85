"""Snakemake adapter: write the data dictionary of every processed table."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.outputs import write_csv
from migration_evidence.printed.specs import load_specs
from migration_evidence.reporting.dictionary import data_dictionary
from migration_evidence.series.external import load_external_config
from migration_evidence.statistical_files.specs import load_config as load_statistical_tables

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

specs = load_specs(snakemake.input.tables)
external = load_external_config(snakemake.input.external_series)
statistical = load_statistical_tables(snakemake.input.statistical_tables)
write_csv(snakemake.output[0], data_dictionary(specs, external, statistical))
