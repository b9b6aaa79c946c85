# Source audit: every printed total, share, average and ratio recomputed from the cells, and every
# number the prose states checked against the tables and the numbers it implies.


rule source_audit:
    input:
        raw=[spec.raw for spec in TABLES.values()],
        excerpts=[spec.excerpt for spec in TABLES.values()],
        # Read for the excerpts' recorded md5s; its date does not rerun the job (the excerpts' do).
        datapackage=ancient(DATAPACKAGE),
        corrections=config["corrections"],
        claims=config["claims"],
        series_claims=EXTERNAL.results["remittance_claims"]["path"],
        series_register=config["remittance_claims"],
        known=config["known_discrepancies"],
        tables=config["tables"],
        documents=config["documents"],
        code=PACKAGE_CODE,
    output:
        csv=report(
            "reports/source_audit.csv",
            caption="../report/source_audit.rst",
            category="Source audit",
        ),
        md="reports/source_audit.md",
    log:
        "logs/source_audit.log",
    conda:
        ENVIRONMENT
    script:
        "../scripts/source_audit.py"


FINAL_OUTPUTS.extend(["reports/source_audit.csv", "reports/source_audit.md"])
