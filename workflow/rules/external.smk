# External series: public figures for the charts whose data the NAFTA paper does not print
# (config/external_series.yaml), their growth rates, and the documents' remittance claims checked.
# Each raw file must also have the md5 data/raw/datapackage.json records for it.


rule clean_external_series:
    input:
        raw=lambda wc: EXTERNAL.raw_paths(wc.series),
        sources=EXTERNAL.sources,
        declaration=config["external_series"],
        # Read for the raw files' recorded md5s; its date does not rerun the job (the files' do).
        datapackage=ancient(DATAPACKAGE),
    output:
        report(
            "data/processed/{series}.csv",
            caption="../report/external_series.rst",
            category="External series",
        ),
    log:
        "logs/clean_external_series/{series}.log",
    wildcard_constraints:
        series="|".join(EXTERNAL.processed),
    priority: INGEST_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/clean_external_series.py"


rule remittance_growth_rates:
    input:
        remittances=external_processed("remittances_mexico_1980_2005"),
        declaration=config["external_series"],
        verified=VERIFIED,
    output:
        EXTERNAL.results["remittance_growth_rates"]["path"],
    log:
        "logs/remittance_growth_rates.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/remittance_growth_rates.py"


# The break tests of the 1980-2005 series (notebook 1 shows them, the figures draw them), with the
# settings of config/statistics.yaml's section of the same name.
rule remittance_break_tests:
    input:
        remittances=external_processed("remittances_mexico_1980_2005"),
        declaration=config["external_series"],
        verified=VERIFIED,
    output:
        breaks="results/tables/remittance_breaks.csv",
        break_scan="results/tables/remittance_break_scan.csv",
        sup_f="results/tables/remittance_break_sup_f.csv",
        break_rho_sensitivity="results/tables/remittance_break_rho_sensitivity.csv",
    log:
        "logs/remittance_break_tests.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
        settings=STATISTICS["remittance_break_tests"],
    script:
        "../scripts/remittance_break_tests.py"


FINAL_OUTPUTS.extend(rules.remittance_break_tests.output)


rule remittance_claims:
    input:
        remittances=external_processed("remittances_mexico_1980_2005"),
        claims=config["remittance_claims"],
        declaration=config["external_series"],
        verified=VERIFIED,
    output:
        EXTERNAL.results["remittance_claims"]["path"],
    log:
        "logs/remittance_claims.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
        # The one rule for approximate statements, as for every other claim.
        approximate_markers=config["approximate_statements"]["markers"],
    script:
        "../scripts/remittance_claims.py"


rule mexican_born_workers_accounting:
    input:
        workers=external_processed("mexican_born_workers_by_sector_1994_2005"),
        declaration=config["external_series"],
        verified=VERIFIED,
    output:
        EXTERNAL.results["mexican_born_workers_accounting"]["path"],
    log:
        "logs/mexican_born_workers_accounting.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/mexican_born_workers_accounting.py"


FINAL_OUTPUTS.extend(spec.path for spec in EXTERNAL.processed.values())
FINAL_OUTPUTS.extend(result["path"] for result in EXTERNAL.results.values())
