"""Snakemake adapter: assemble the site's sources (migration_evidence.site) into build/site-source."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.notebooks.registry import load_notebooks
from migration_evidence.site.assemble import assemble
from migration_evidence.site.findings import notebook_findings

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

assemble(
    ".",
    snakemake.output[0],
    load_notebooks(snakemake.input.registry),
    "site",
    notebook_findings,
)
