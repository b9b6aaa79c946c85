"""Snakemake adapter: write reports/notebooks/index.html, one line per registered notebook."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.notebooks.registry import index_html, load_notebooks
from migration_evidence.outputs import write_text

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

write_text(snakemake.output[0], index_html(load_notebooks(snakemake.input.registry)))
