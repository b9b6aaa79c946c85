# Public statistical files (config/statistical_tables.yaml): Banco de México's remittances (monthly,
# by state), the FIX exchange rate, INEGI's INPC and the World Bank's GDP and population. Each file's
# md5 is checked against data/raw/datapackage.json before it is read; the processed tables feed
# notebook 6, and the findings about the sources feed the source audit.


rule ingest_statistical_files:
    input:
        **STATISTICAL_FILE_PATHS,
        # Checked before any job (integrity.smk); a new md5 of another file does not rerun the job.
        datapackage=ancient("data/raw/datapackage.json"),
        declaration=config["statistical_tables"],
    output:
        **{
            name: report(
                path,
                caption="../report/statistical_file.rst",
                category="Statistical files",
            )
            for name, path in STATISTICAL.processed.items()
        },
    log:
        "logs/ingest_statistical_files.log",
    priority: STATISTICAL_INGEST_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/ingest_statistical_files.py"


rule statistical_findings:
    input:
        annual=STATISTICAL.processed["remittances_annual"],
        monthly=STATISTICAL.processed["remittances_monthly"],
        states=STATISTICAL.processed["remittances_by_state"],
        gdp_per_head=STATISTICAL.processed["gdp_per_head"],
        transcribed_remittances="data/raw/external/banxico_family_remittances_1980_2005.csv",
        asymmetries_raw=TABLES["mexico_us_asymmetries_1994_2004"].raw,
        declaration=config["statistical_tables"],
        verified=VERIFIED,
    output:
        STATISTICAL.findings,
    log:
        "logs/statistical_findings.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/statistical_findings.py"


FINAL_OUTPUTS.extend([*STATISTICAL.processed.values(), STATISTICAL.findings])
