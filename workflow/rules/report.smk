# Reports: the exhibits index mapping every output back to its source table, rule and script, and
# the reproduction status of every exhibit of the documents.


rule exhibits_index:
    input:
        tables=config["tables"],
        figures=config["figures"],
        documents="config/documents.yaml",
        external_series=config["external_series"],
        paper_exhibits=config["paper_exhibits"],
        notebooks=config["notebooks"],
        microdata=config["microdata"],
        waves=config["municipal_waves"],
        code=package_code(
            "reporting.exhibits",
            "figures.specs",
            "printed.specs",
            "series.external",
            "notebooks.registry",
            "microdata.specs",
            "microdata.waves_specs",
        ),
    output:
        "reports/exhibits.md",
    log:
        "logs/exhibits_index.log",
    conda:
        ENVIRONMENT
    script:
        "../scripts/exhibits_index.py"


FINAL_OUTPUTS.append("reports/exhibits.md")

# SHA-256 manifests of the outputs (check with `sha256sum -c reports/*.sha256`): one for the outputs
# built from CONAPO's microdata, one for every other output.
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
        outputs=lambda wc: MANIFESTS[wc.manifest](),
        code=package_code("reporting.manifest"),
    output:
        "reports/{manifest}.sha256",
    log:
        "logs/{manifest}.log",
    wildcard_constraints:
        manifest="|".join(MANIFESTS),
    conda:
        ENVIRONMENT
    script:
        "../scripts/output_checksums.py"


FINAL_OUTPUTS.append("reports/output_checksums.sha256")
if not MISSING_EXTERNAL_FILES:
    FINAL_OUTPUTS.append(MICRODATA_MANIFEST)
