"""Snakemake adapter: rebuild Table 1 of the NAFTA paper from the municipalities; stop on any difference."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.errors import InputError
from migration_evidence.microdata.ingest import read_joined
from migration_evidence.microdata.results import check_table1, compare_table1, printed_decimals, rebuild_table1
from migration_evidence.outputs import write_csv
from migration_evidence.printed.processed import read_processed
from migration_evidence.printed.specs import load_specs

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

spec = load_specs(snakemake.input.tables)["municipal_migration_intensity_2000"]
rebuilt = rebuild_table1(read_joined(snakemake.input.joined))
comparison = compare_table1(
    rebuilt,
    read_processed(snakemake.input.printed, spec),
    printed_decimals(spec, snakemake.input.raw, snakemake.input.corrections),
)
try:
    check_table1(comparison, snakemake.input.raw, spec)
except InputError as exc:
    sys.exit(f"Table 1 not reproduced: {exc}")
write_csv(snakemake.output.rebuilt, rebuilt)
write_csv(snakemake.output.comparison, comparison)
