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

# SHA-256 manifest of the outputs (check with `sha256sum -c reports/output_checksums.sha256`). It waits
# for the verification of every processed table (verify_processed_tables, clean.smk), so a processed
# file changed behind the build's back stops the build, named, and the committed manifest is left as
# it was.


rule output_checksums:
    input:
        files=lambda wc: sorted(
            o for o in FINAL_OUTPUTS if o != "reports/output_checksums.sha256"
        ),
        verified=PROCESSED_VERIFIED,
    output:
        "reports/output_checksums.sha256",
    log:
        "logs/output_checksums.log",
    conda:
        ENVIRONMENT
    params:
        code=PACKAGE_CODE,
    script:
        "../scripts/output_checksums.py"


FINAL_OUTPUTS.append("reports/output_checksums.sha256")
