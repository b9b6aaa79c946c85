# Source audit: every printed total, share, average and ratio recomputed from the cells, and every
# number the prose states checked against the tables and the numbers it implies.


# The checks of the printed tables and of the prose claims, a results-stage table: the notebooks that show
# claim verdicts read it, and the source audit verifies it against its own checks.
rule printed_checks:
    input:
        raw=[spec.raw for spec in TABLES.values()],
        excerpts=[spec.excerpt for spec in TABLES.values()],
        datapackage=ancient(DATAPACKAGE),
        corrections=config["corrections"],
        claims=config["claims"],
        public_values=config["public_values"],
        sources=EXTERNAL.sources,
        known=config["known_discrepancies"],
        tables=config["tables"],
        documents=config["documents"],
    # No VERIFIED input: the job reads raw files only. (Snakemake skips the parameter check of a job
    # whose only produced input is an ancient file of a job that reruns, so with it an edit of the
    # package would not rerun this job.)
    output:
        "results/tables/printed_checks.csv",
    log:
        "logs/printed_checks.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
        approximate_markers=config["approximate_statements"]["markers"],
        public_facts=config["public_facts"],
    script:
        "../scripts/printed_checks.py"


rule source_audit:
    input:
        raw=[spec.raw for spec in TABLES.values()],
        excerpts=[spec.excerpt for spec in TABLES.values()],
        # Read for the excerpts' recorded md5s; its date does not rerun the job (the excerpts' do).
        datapackage=ancient(DATAPACKAGE),
        corrections=config["corrections"],
        claims=config["claims"],
        # Public values claim formulas name (fact("value_id")), and the sources their ids point to.
        public_values=config["public_values"],
        sources=EXTERNAL.sources,
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
        findings=config["findings"],
        tables=config["tables"],
        documents=config["documents"],
        verified=VERIFIED,
        printed_checks="results/tables/printed_checks.csv",
    output:
        csv=report(
            "reports/source_audit.csv",
            caption="../report/source_audit.rst",
            category="Source audit",
        ),
        md="reports/source_audit.md",
        # Every printed cell, with the audit rows that cover it.
        cells="reports/source_audit_cells.csv",
    log:
        "logs/source_audit.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
        findings=config["findings"],
        approximate_markers=config["approximate_statements"]["markers"],
        public_facts=config["public_facts"],
        gate=config["source_audit_gate"],
    script:
        "../scripts/source_audit.py"


FINAL_OUTPUTS.extend(
    [
        "results/tables/printed_checks.csv",
        "reports/source_audit.csv",
        "reports/source_audit.md",
        "reports/source_audit_cells.csv",
    ]
)
