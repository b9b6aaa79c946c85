"""Snakemake adapter: draw the registered figures of one figure module, each as SVG and PNG."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.figures.printed import draw, save_figure
from migration_evidence.figures.specs import load_figures

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

specs = load_figures(snakemake.input.registry)
config = {"tables": snakemake.input.specs, "documents": snakemake.input.documents}
for name, svg, png in zip(snakemake.params.figures, snakemake.output.svg, snakemake.output.png, strict=True):
    print(f"Drawing {name}", file=sys.stderr)
    save_figure(draw(specs[name], snakemake.input.style, config), svg, png)
