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
