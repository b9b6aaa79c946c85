"""Snakemake adapter: execute one registered notebook and write the executed .ipynb."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.notebooks.execution import NotebookPublicationError, publish
from migration_evidence.notebooks.registry import load_notebooks

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

spec = load_notebooks(snakemake.input.registry)[snakemake.params.notebook]
try:
    publish(
        spec,
        snakemake.input.registry,
        snakemake.output.executed,
        kernel_log=sys.stderr,
    )
except NotebookPublicationError as exc:
    sys.exit(f"Notebook not published: {exc}")
