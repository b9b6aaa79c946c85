"""Snakemake adapter: check CONAPO's two municipal files, read them against their schemas and join them;
fit the index of migratory intensity on its four household shares."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.analysis.municipal import index_formula
from migration_evidence.errors import InputError
from migration_evidence.microdata.ingest import ingest
from migration_evidence.microdata.specs import load_microdata_spec
from migration_evidence.outputs import write_csv

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

spec = load_microdata_spec(snakemake.input.spec)
try:
    result = ingest(spec, {file_id: snakemake.input[file_id] for file_id in spec.files})
except InputError as exc:
    sys.exit(f"Bad input: {exc}")
write_csv(snakemake.output.joined, result.joined)
write_csv(snakemake.output.files, result.files)
write_csv(snakemake.output.geography, result.geography)
write_csv(snakemake.output.name_mismatches, result.name_mismatches)
write_csv(snakemake.output.name_comparison, result.name_summary)
write_csv(snakemake.output.index_formula, index_formula(result.intensity)[1])
