# Reports: the exhibits index mapping every output back to its source table, rule and script, and
# the reproduction status of every exhibit of the documents.


rule exhibits_index:
    input:
        tables=config["tables"],
        figures=config["figures"],
        processed=[spec.processed for spec in TABLES.values()],
        documents="config/documents.yaml",
        external_series=config["external_series"],
        paper_exhibits=config["paper_exhibits"],
        external=[spec.path for spec in EXTERNAL.processed.values()],
        results=[result["path"] for result in EXTERNAL.results.values()],
        code=package_code("exhibits", "external_series"),
        drawn=expand("figures/{figure}.svg", figure=list(FIGURES)),
    output:
        "reports/exhibits.md",
    log:
        "logs/exhibits_index.log",
    script:
        "../scripts/exhibits_index.py"


FINAL_OUTPUTS.append("reports/exhibits.md")
