# Clean stage: raw printed cells -> tidy, typed, validated tables in data/processed/. A table is
# written only once its excerpt is the version recorded in data/raw/datapackage.json (and the document
# lines it cites, when the documents are at hand), and its transcription and arithmetic pass their
# checks (migration_evidence.audit.check_table), so nothing downstream is built from a table that fails them.


rule clean_table:
    input:
        raw=lambda wc: TABLES[wc.table].raw,
        excerpt=lambda wc: TABLES[wc.table].excerpt,
        corrections=config["corrections"],
        known=config["known_discrepancies"],
        # Read for the excerpt's recorded md5; its date does not rerun the job (the excerpt's does).
        datapackage=ancient(DATAPACKAGE),
        tables=config["tables"],
    output:
        report(
            "data/processed/{table}.csv",
            caption="../report/processed_table.rst",
            category="Processed tables",
        ),
    log:
        "logs/clean_table/{table}.log",
    wildcard_constraints:
        table="|".join(TABLES),
    priority: INGEST_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/clean_table.py"


rule data_dictionary:
    input:
        tables=config["tables"],
        external_series=config["external_series"],
        statistical_tables=config["statistical_tables"],
    output:
        "data/processed/data_dictionary.csv",
    log:
        "logs/data_dictionary.log",
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/data_dictionary.py"


# Snakemake goes by file dates, so a processed file replaced behind its back (a hand edit, a git
# checkout, a raw file restored with its old date after a failed build) would not be rebuilt and would
# be re-blessed by the manifest. Whenever a processed file or a source of one changes, every processed
# table and series is re-derived in memory and compared byte for byte; a difference stops the build,
# naming the file. The SHA-256 list written on success is a build record (logs/, not committed).
# Every rule that reads a processed table waits for this verification (input VERIFIED, common.smk).
rule verify_processed_tables:
    input:
        **{f"statistical_{k}": v for k, v in STATISTICAL_FILE_PATHS.items()},
        processed=[spec.processed for spec in TABLES.values()]
        + [spec.path for spec in EXTERNAL.processed.values()]
        + list(STATISTICAL.processed.values()),
        sources=PROCESSED_SOURCES,
        # The declarations the tables are re-derived with (also among the sources, by name here).
        tables=config["tables"],
        corrections=config["corrections"],
        external_series=config["external_series"],
        statistical_tables=config["statistical_tables"],
    output:
        PROCESSED_VERIFIED,
    log:
        "logs/verify_processed_tables.log",
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/verify_processed_tables.py"


FINAL_OUTPUTS.extend(spec.processed for spec in TABLES.values())
FINAL_OUTPUTS.append("data/processed/data_dictionary.csv")
