"""Snakemake adapter: check and read the public statistical files, write their processed tables."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.errors import InputError
from migration_evidence.outputs import write_csv
from migration_evidence.statistical_files import tables as sf

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

config = sf.load_config(snakemake.input.declaration)
paths = {file_id: snakemake.input[file_id] for file_id in config.files}
try:
    tables = sf.processed_tables(paths, config, snakemake.input.datapackage)
except InputError as exc:
    sys.exit(f"Bad input: {exc}")
for name, frame in tables.items():
    write_csv(snakemake.output[name], frame)
