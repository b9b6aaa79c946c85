# Reports: the exhibits index mapping every output back to its source table, rule and script, and
# the reproduction status of every exhibit of the documents.


rule exhibits_index:
    input:
        tables=config["tables"],
        figures=config["figures"],
        documents="config/documents.yaml",
        external_series=config["external_series"],
        paper_exhibits=config["paper_exhibits"],
        notebooks=config["notebooks"],
        code=package_code(
            "exhibits",
            "figure_specs",
            "table_specs",
            "external_series",
            "notebook_registry",
        ),
    output:
        "reports/exhibits.md",
    log:
        "logs/exhibits_index.log",
    conda:
        ENVIRONMENT
    script:
        "../scripts/exhibits_index.py"


FINAL_OUTPUTS.append("reports/exhibits.md")

MANIFEST = "reports/output_checksums.sha256"


rule output_checksums:
    input:
        outputs=lambda wc: sorted(o for o in FINAL_OUTPUTS if o != MANIFEST),
        code=package_code("manifest"),
    output:
        MANIFEST,
    log:
        "logs/output_checksums.log",
    conda:
        ENVIRONMENT
    script:
        "../scripts/output_checksums.py"


FINAL_OUTPUTS.append(MANIFEST)
