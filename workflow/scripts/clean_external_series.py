"""Snakemake adapter: check and tidy one external series into data/processed/."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.errors import InputError
from migration_evidence.integrity.declared import verify_declared_hash
from migration_evidence.outputs import write_csv
from migration_evidence.series.external import clean_external_series, load_external_config

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

config = load_external_config(snakemake.input.declaration)
series = snakemake.wildcards.series
raw = [snakemake.input.raw] if isinstance(snakemake.input.raw, str) else list(snakemake.input.raw)
raw_paths = dict(zip(config.processed[series].raw_files, raw, strict=True))
try:
    table = clean_external_series(config, series, raw_paths=raw_paths, sources_path=snakemake.input.sources)
    # Checked after the content, so that a malformed cell is named first; a well-formed but changed
    # value is caught here: each file must be the version whose md5 the data package records.
    for path in [*raw, snakemake.input.sources]:
        verify_declared_hash(path, snakemake.input.datapackage)
except InputError as exc:
    sys.exit(f"Bad input: {exc}")
write_csv(snakemake.output[0], table)
