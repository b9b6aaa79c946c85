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
        # Transcribed price indexes, whose reference period the audit checks.
        price_indexes=[
            path
            for spec in EXTERNAL.processed.values()
            if "base_period" in spec.extra
            for path in EXTERNAL.raw_paths(spec.id)
        ],
        external_series=config["external_series"],
        known=config["known_discrepancies"],
        # A findings file built from CONAPO's files keeps its committed version when they are absent
        # (README, "Data availability and provenance"; docs/municipal_microdata.md): the audit then reads it without asking for its rebuild.
        findings=[
            f
            for f in config["findings"]
            if not (MISSING_MUNICIPAL_FILES and f in MICRODATA_FINAL_OUTPUTS)
        ],
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
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        findings=config["findings"],
        approximate_markers=config["approximate_statements"]["markers"],
        public_facts=config["public_facts"],
    script:
        "../scripts/source_audit.py"


FINAL_OUTPUTS.extend(["reports/source_audit.csv", "reports/source_audit.md"])
