"""Snakemake adapter: check and read the 2000, 2010 and 2020 municipal files, match Banco de México's
municipal remittances to INEGI codes, and write the panel, file checks and findings."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.errors import InputError
from migration_evidence.microdata.specs import load_microdata_spec
from migration_evidence.microdata.waves import ingest_waves
from migration_evidence.microdata.waves_specs import load_waves_spec
from migration_evidence.outputs import write_csv

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

spec = load_waves_spec(snakemake.input.spec)
microdata = load_microdata_spec(snakemake.input.microdata_spec)
paths = {file_id: snakemake.input[file_id] for file_id in [*spec.files, "remittances"]}
microdata_paths = {file_id: snakemake.input[f"microdata_{file_id}"] for file_id in microdata.files}
try:
    result = ingest_waves(spec, paths, microdata, microdata_paths)
except InputError as exc:
    sys.exit(f"Bad input: {exc}")
write_csv(snakemake.output.panel, result.panel)
write_csv(snakemake.output.file_checks, result.files)
write_csv(snakemake.output.created, result.created)
write_csv(snakemake.output.remittance_matches, result.match_by_state)
write_csv(snakemake.output.remittance_unmatched, result.unmatched)
write_csv(snakemake.output.findings, result.findings)
