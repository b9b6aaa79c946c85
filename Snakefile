# Reproduce the tables and figures of the migration papers from their printed sources.
# Entry point only: configuration, rule files and the final targets.

from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


include: "workflow/rules/integrity.smk"
include: "workflow/rules/common.smk"
include: "workflow/rules/clean.smk"
include: "workflow/rules/microdata.smk"
include: "workflow/rules/municipal_waves.smk"
include: "workflow/rules/external.smk"
include: "workflow/rules/statistical_files.smk"
include: "workflow/rules/audit.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/notebooks.smk"
include: "workflow/rules/report.smk"
include: "workflow/rules/site.smk"


rule all:
    default_target: True
    input:
        FINAL_OUTPUTS,
        # The site (build/site, not committed: workflow/rules/site.smk).
        SITE,
