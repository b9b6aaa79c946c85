# Municipal migratory intensity in 2000, 2010 and 2020: the public statistical files of 2010 and 2020
# (committed under config["statistical_files_dir"], md5 from data/raw/datapackage.json checked) joined by
# INEGI code to the 2000 files of the microdata stage, Banco de México's municipal remittances matched to INEGI codes by declared
# rules, and the findings about the files. Paths come from config/municipal_waves.yaml. The stage
# reads the 2000 files too.


rule ingest_municipal_waves:
    input:
        **WAVES_FILES,
        **{f"microdata_{file_id}": path for file_id, path in MUNICIPAL_FILES.items()},
        exceptions=WAVES.remittances.exceptions,
        # md5, size and origin of every statistical file
        # Checked before any job (integrity.smk); a new md5 of another file does not rerun the job.
        datapackage=ancient("data/raw/datapackage.json"),
        spec=config["municipal_waves"],
        microdata_spec=config["microdata"],
    output:
        panel=WAVES.panel,
        file_checks=WAVES.path("file_checks"),
        created=WAVES.path("created"),
        remittance_matches=WAVES.path("remittance_matches"),
        remittance_unmatched=WAVES.path("remittance_unmatched"),
        findings=WAVES.path("findings"),
    log:
        "logs/microdata/ingest_municipal_waves.log",
    priority: WAVES_INGEST_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/ingest_municipal_waves.py"


FINAL_OUTPUTS.extend(out.path for out in WAVES.outputs.values())


# 2000 against 2010 on one basis: CONAPO's 2000 indicators recomputed on the 2010 basis (transcribed in
# data/raw/external/) against 2010, beside the municipal files' shares; the method change as findings.
rule municipal_harmonised_2000_2010:
    input:
        harmonised="data/raw/external/conapo_iaim_harmonised_2000_2010.csv",
        sources="data/raw/external/sources.csv",
        panel=WAVES.panel,
    output:
        table=WAVES.path("harmonised_2000_2010"),
        findings=WAVES.path("harmonised_findings"),
    log:
        "logs/microdata/municipal_harmonised_2000_2010.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/municipal_harmonised_2000_2010.py"


# Banco de México's municipal remittances of 2020 against the census (notebook 7 shows them, the
# figures draw them).
rule municipal_remittances_2020:
    input:
        panel=WAVES.panel,
    output:
        correlation="results/tables/municipal_remittances_correlation_2020.csv",
        by_degree="results/tables/municipal_remittances_by_degree_2020.csv",
    log:
        "logs/microdata/municipal_remittances_2020.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/municipal_remittances_2020.py"


FINAL_OUTPUTS.extend(rules.municipal_remittances_2020.output)


# The migration hump checked against binned means, wave by wave (notebook 7 shows them beside the fit).
rule municipal_hump_binned:
    input:
        panel=WAVES.panel,
    output:
        means=WAVES.path("hump_binned_means"),
        check=WAVES.path("hump_binned_check"),
    log:
        "logs/microdata/municipal_hump_binned.log",
    priority: GATE_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/municipal_hump_binned.py"


# Notebook 2's growth regression for every period of the waves (state-clustered errors, wild cluster
# bootstrap), and the wild bootstrap interval by test inversion where the clustered interval and the
# bootstrap p-value disagree. Notebook 7 reads both.
rule municipal_growth_regressions:
    input:
        panel=WAVES.panel,
    output:
        growth=WAVES.path("growth_regression"),
        inverted=WAVES.path("growth_wild_inverted"),
    log:
        "logs/microdata/municipal_growth_regressions.log",
    priority: LONG_INPUT_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/municipal_growth_regressions.py"


# The main growth regression's Conley (spatial-HAC) errors beside the state-clustered ones.
rule municipal_conley_errors:
    input:
        panel=WAVES.panel,
    output:
        conley=WAVES.path("growth_conley"),
    log:
        "logs/microdata/municipal_conley_errors.log",
    priority: LONG_INPUT_PRIORITY
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/municipal_conley_errors.py"
