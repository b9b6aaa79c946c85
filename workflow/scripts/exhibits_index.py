"""Snakemake adapter: write reports/exhibits.md."""

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snakemake.script import snakemake

from migration_evidence.figures.specs import load_figures
from migration_evidence.microdata.specs import load_microdata_spec
from migration_evidence.microdata.waves_specs import load_waves_spec
from migration_evidence.notebooks.registry import load_notebooks
from migration_evidence.outputs import write_text
from migration_evidence.printed.specs import load_specs
from migration_evidence.reporting.exhibits import exhibits_markdown, load_documents, load_paper_exhibits
from migration_evidence.series.external import load_external_config
from migration_evidence.statistical_files.specs import load_config as load_statistical_tables

sys.stderr = open(snakemake.log[0], "w", encoding="utf-8")

specs = load_specs(snakemake.input.tables)
figures = load_figures(snakemake.input.figures)
external = load_external_config(snakemake.input.external_series)
documents = load_documents(snakemake.input.documents)
paper_exhibits = load_paper_exhibits(snakemake.input.paper_exhibits, specs, figures, external, documents)
notebooks = load_notebooks(snakemake.input.notebooks)
write_text(
    snakemake.output[0],
    exhibits_markdown(
        specs,
        figures,
        external,
        paper_exhibits,
        notebooks,
        load_microdata_spec(snakemake.input.microdata),
        load_waves_spec(snakemake.input.waves),
        documents=documents,
        statistical=load_statistical_tables(snakemake.input.statistical_tables),
    ),
)
