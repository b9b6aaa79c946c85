# Reports: the exhibits index mapping every output back to its source table, rule and script.


rule exhibits_index:
    input:
        tables=config["tables"],
        figures=config["figures"],
        processed=[spec.processed for spec in TABLES.values()],
        documents="config/documents.yaml",
        microdata=config["microdata"],
        code=package_code("exhibits", "microdata_specs"),
        drawn=expand("figures/{figure}.svg", figure=DRAWABLE_FIGURES),
    output:
        "reports/exhibits.md",
    log:
        "logs/exhibits_index.log",
    script:
        "../scripts/exhibits_index.py"


FINAL_OUTPUTS.append("reports/exhibits.md")
