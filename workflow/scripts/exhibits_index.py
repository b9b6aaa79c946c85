"""Snakemake adapter: write reports/exhibits.md."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.exhibits import exhibits_markdown
from migration_evidence.figure_specs import load_figures
from migration_evidence.microdata_specs import load_microdata_spec
from migration_evidence.outputs import write_text
from migration_evidence.table_specs import load_specs

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

write_text(
    snakemake.output[0],
    exhibits_markdown(
        load_specs(snakemake.input.tables),
        load_figures(snakemake.input.figures),
        load_microdata_spec(snakemake.input.microdata),
    ),
)
