"""Snakemake adapter: draw one registered figure as SVG and PNG."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.figure_specs import load_figures
from migration_evidence.figures import draw, save_figure
from migration_evidence.processed import read_processed
from migration_evidence.table_specs import load_specs

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

spec = load_figures(snakemake.input.registry)[snakemake.wildcards.figure]
specs = load_specs(snakemake.input.specs)
tables = {table_id: read_processed(path, specs[table_id]) for table_id, path in zip(spec.tables, snakemake.input.tables)}
save_figure(draw(spec, tables), snakemake.output.svg, snakemake.output.png)
