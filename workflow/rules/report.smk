# Reports: the exhibits index mapping every output back to its source table, rule and script, and
# the reproduction status of every exhibit of the documents.


rule exhibits_index:
    input:
        tables=config["tables"],
        figures=config["figures"],
        documents=config["documents"],
        external_series=config["external_series"],
        paper_exhibits=config["paper_exhibits"],
        notebooks=config["notebooks"],
        microdata=config["microdata"],
        statistical_tables=config["statistical_tables"],
        waves=config["municipal_waves"],
    output:
        "reports/exhibits.md",
    log:
        "logs/exhibits_index.log",
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/exhibits_index.py"


FINAL_OUTPUTS.append("reports/exhibits.md")

# SHA-256 manifests of the outputs (check with `sha256sum -c reports/*.sha256`): one for the outputs
# built from CONAPO's microdata, one for every other output. The latter waits for the verification of
# every processed table (verify_processed_tables, clean.smk), so a processed file changed behind the
# build's back stops the build, named, and the committed manifest is left as it was.
MICRODATA_OUTPUTS = set(MICRODATA_FINAL_OUTPUTS)
MANIFESTS = {
    "output_checksums": lambda: sorted(
        o
        for o in FINAL_OUTPUTS
        if o not in MICRODATA_OUTPUTS and o != "reports/output_checksums.sha256"
    ),
    "municipal_microdata_checksums": lambda: sorted(
        o for o in MICRODATA_OUTPUTS if o != MICRODATA_MANIFEST
    ),
}


rule output_checksums:
    input:
        files=lambda wc: MANIFESTS[wc.manifest](),
        # The main manifest is written only once every processed table is verified (clean.smk).
        verified=lambda wc: (
            [PROCESSED_VERIFIED] if wc.manifest == "output_checksums" else []
        ),
    output:
        "reports/{manifest}.sha256",
    log:
        "logs/{manifest}.log",
    wildcard_constraints:
        manifest="|".join(MANIFESTS),
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/output_checksums.py"


FINAL_OUTPUTS.append("reports/output_checksums.sha256")
if not MISSING_MUNICIPAL_FILES:
    FINAL_OUTPUTS.append(MICRODATA_MANIFEST)
