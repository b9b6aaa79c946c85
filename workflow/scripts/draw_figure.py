"""Snakemake adapter: draw one registered figure as SVG and PNG."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.figures.printed import draw, save_figure
from migration_evidence.figures.specs import load_figures

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

spec = load_figures(snakemake.input.registry)[snakemake.wildcards.figure]
config = {"tables": snakemake.input.specs, "documents": snakemake.input.documents}
save_figure(draw(spec, snakemake.input.style, config), snakemake.output.svg, snakemake.output.png)
