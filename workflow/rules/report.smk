# Reports: the exhibits index mapping every output back to its source table, rule and script.


rule exhibits_index:
    input:
        tables=config["tables"],
        figures=config["figures"],
        notebooks=config["notebooks"],
        processed=[spec.processed for spec in TABLES.values()],
        documents="config/documents.yaml",
        code=package_code("exhibits", "notebook_registry"),
        drawn=expand("figures/{figure}.svg", figure=list(FIGURES)),
    output:
        "reports/exhibits.md",
    log:
        "logs/exhibits_index.log",
    script:
        "../scripts/exhibits_index.py"


FINAL_OUTPUTS.append("reports/exhibits.md")
