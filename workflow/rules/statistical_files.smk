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


# Remittance growth by period since 1995 (notebook 6 shows it): current dollars and constant pesos,
# 1995-2005 with and without Banco de México's 2002-03 recording change, every interval Newey-West
# (migration_evidence.analysis.growth_intervals).
rule remittance_growth_by_period:
    input:
        transcribed=external_processed("remittances_mexico_1980_2005"),
        annual=STATISTICAL.processed["remittances_annual"],
        monthly=STATISTICAL.processed["remittances_monthly"],
        prices=STATISTICAL.processed["prices_monthly"],
        verified=VERIFIED,
    output:
        growth="results/tables/remittances_growth_by_period_1995_2025.csv",
        comparison="results/tables/remittances_growth_comparison.csv",
    log:
        "logs/remittance_growth_by_period.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
        constant_price_year=STATISTICAL.constant_price_year,
    script:
        "../scripts/remittance_growth_by_period.py"


FINAL_OUTPUTS.extend(rules.remittance_growth_by_period.output)


# The series notebook 6 shows and the figures draw: the vintages 1980-2025, constant pesos, the
# migration regions' shares and the GDP-per-head gap beside Table 2 (from its first year, 1994).
rule remittances_since_2005_results:
    input:
        transcribed=external_processed("remittances_mexico_1980_2005"),
        annual=STATISTICAL.processed["remittances_annual"],
        monthly=STATISTICAL.processed["remittances_monthly"],
        prices=STATISTICAL.processed["prices_monthly"],
        states=STATISTICAL.processed["remittances_by_state"],
        regions="config/migration_regions.yaml",
        gdp_per_head=STATISTICAL.processed["gdp_per_head"],
        asymmetries=processed_table("mexico_us_asymmetries_1994_2004"),
        tables=config["tables"],
        verified=VERIFIED,
    output:
        by_vintage="results/tables/remittances_by_vintage_1980_2025.csv",
        constant_pesos="results/tables/remittances_constant_pesos_1995_2025.csv",
        region_shares="results/tables/remittances_region_shares_2003_2025.csv",
        gdp_gap="results/tables/gdp_per_head_gap_1994_2023.csv",
    log:
        "logs/remittances_since_2005_results.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
        constant_price_year=STATISTICAL.constant_price_year,
        gdp_gap_first_year=1994,
    script:
        "../scripts/remittances_since_2005_results.py"


FINAL_OUTPUTS.extend(rules.remittances_since_2005_results.output)


# Notebook 6's monthly break search (the figure draws it): break sets by number of breaks and trimming,
# the headline fit and a block bootstrap that re-selects the number of breaks in every draw.
rule remittance_monthly_breaks:
    input:
        monthly=STATISTICAL.processed["remittances_monthly"],
        annual=STATISTICAL.processed["remittances_annual"],
        verified=VERIFIED,
    output:
        decomposition="results/tables/remittances_monthly_decomposition.csv",
        break_sets="results/tables/remittances_monthly_break_sets_by_trimming.csv",
        break_persistence="results/tables/remittances_monthly_break_persistence.csv",
        break_segments="results/tables/remittances_monthly_break_segments.csv",
        break_counts="results/tables/remittances_monthly_break_count_bootstrap.csv",
        break_dates="results/tables/remittances_monthly_break_dates.csv",
    log:
        "logs/remittance_monthly_breaks.log",
    priority: LONG_INPUT_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
        settings=STATISTICS["remittance_monthly_breaks"],
    script:
        "../scripts/remittance_monthly_breaks.py"


FINAL_OUTPUTS.extend(rules.remittance_monthly_breaks.output)


# The migration regions' shares read as random walks (notebook 6 shows them beside the trend lines).
rule remittance_region_share_drift:
    input:
        states=STATISTICAL.processed["remittances_by_state"],
        regions="config/migration_regions.yaml",
        verified=VERIFIED,
    output:
        "results/tables/remittances_region_share_drift_2003_2025.csv",
    log:
        "logs/remittance_region_share_drift.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/remittance_region_share_drift.py"


FINAL_OUTPUTS.extend(rules.remittance_region_share_drift.output)


# The US-Mexico gap in GDP per head by decade, current dollars beside PPP constant dollars.
rule gdp_per_head_gap_by_period:
    input:
        gdp_per_head=STATISTICAL.processed["gdp_per_head"],
        ppp="data/raw/external/worldbank_gdp_per_head_ppp_constant_mex_usa_1990_2023.csv",
        verified=VERIFIED,
    output:
        "results/tables/gdp_per_head_gap_by_period_1990_2023.csv",
    log:
        "logs/gdp_per_head_gap_by_period.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/gdp_per_head_gap_by_period.py"


FINAL_OUTPUTS.extend(rules.gdp_per_head_gap_by_period.output)
