# Municipal microdata: CONAPO's two municipal files (committed in data/raw/statistical_files/, read from
# config["statistical_files_dir"], md5 declared in data/raw/datapackage.json) -> file checks, join, Table 1 of the NAFTA paper rebuilt from 2,443 municipalities,
# where high-intensity municipalities are, and population change 2000-2005 against the paper's claim.
# Paths come from config/microdata.yaml.


rule ingest_municipal_microdata:
    input:
        **MUNICIPAL_FILES,
        spec=config["microdata"],
        # Checked before any job (integrity.smk); a new md5 of another file does not rerun the job.
        datapackage=ancient(DATAPACKAGE),
    output:
        joined=MICRODATA.joined,
        files=microdata_output("file_checks"),
        geography=microdata_output("geography"),
        name_mismatches=microdata_output("name_mismatches"),
        name_comparison=microdata_output("name_comparison"),
        index_formula=microdata_output("index_formula"),
    log:
        "logs/microdata/ingest_municipal_microdata.log",
    priority: INGEST_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/ingest_municipal_microdata.py"


rule rebuild_municipal_table1:
    input:
        joined=MICRODATA.joined,
        printed=processed_table("municipal_migration_intensity_2000"),
        raw=TABLES["municipal_migration_intensity_2000"].raw,
        corrections=config["corrections"],
        tables=config["tables"],
        verified=VERIFIED,
    output:
        rebuilt=microdata_output("table1_rebuilt"),
        comparison=microdata_output("table1_comparison"),
    log:
        "logs/microdata/rebuild_municipal_table1.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/rebuild_municipal_table1.py"


rule municipal_intensity_by_state:
    input:
        joined=MICRODATA.joined,
    output:
        microdata_output("degree_by_state"),
    log:
        "logs/microdata/municipal_intensity_by_state.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/municipal_intensity_by_state.py"


rule municipal_population_change:
    input:
        joined=MICRODATA.joined,
        geography=microdata_output("geography"),
        claim=MICRODATA.paper_claim.raw,
        spec=config["microdata"],
    output:
        by_degree=microdata_output("depopulation_by_degree"),
        sensitivity=microdata_output("depopulation_sensitivity"),
        vs_paper=microdata_output("depopulation_vs_paper"),
    log:
        "logs/microdata/municipal_population_change.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/municipal_population_change.py"


rule municipal_findings:
    input:
        vs_paper=microdata_output("depopulation_vs_paper"),
        table1_comparison=microdata_output("table1_comparison"),
        index_formula=microdata_output("index_formula"),
        claim=MICRODATA.paper_claim.raw,
    output:
        microdata_output("findings"),
    log:
        "logs/microdata/municipal_findings.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
        index_file=Path(MUNICIPAL_FILES["migratory_intensity_2000"]).name,
    script:
        "../scripts/municipal_findings.py"


rule municipal_microdata_report:
    input:
        **{
            output_id: out.path
            for output_id, out in MICRODATA.outputs.items()
            if output_id not in ("report", "findings")
        },
        spec=config["microdata"],
    output:
        microdata_output("report"),
    log:
        "logs/microdata/municipal_microdata_report.log",
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/municipal_microdata_report.py"


FINAL_OUTPUTS.extend(out.path for out in MICRODATA.outputs.values())
